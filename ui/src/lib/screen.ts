// Which screen the window shows, and what the desktop's requests (a toast or the tray clicked, a
// second launch, the reminder timer) do to it. The backend decides what is due; this only routes.
import type { Request } from '../bindings/Request';

export type Screen = 'home' | 'review' | 'settings';

export interface Routing {
  /** The screen to show next (a review starts only if there is something to review: see `review`). */
  next: Screen;
  /** Read the vault again before showing it. */
  reload: boolean;
  /** Start today's review once the vault is read, if anything is due. */
  review: boolean;
  /** Messages for the user. */
  notices: string[];
}

/** What a batch of requests does on `screen`. A review under way is never interrupted. */
export function route(requests: Request[], screen: Screen): Routing {
  const routing: Routing = { next: screen, reload: false, review: false, notices: [] };
  for (const request of requests) {
    switch (request.kind) {
      case 'review':
        routing.reload = true;
        routing.review = screen !== 'review';
        break;
      case 'home':
        routing.reload = true;
        break;
      case 'settings':
        if (screen !== 'review') routing.next = 'settings';
        break;
      case 'reload':
        routing.reload = true;
        break;
      case 'notice':
        routing.notices.push(request.message);
        break;
    }
  }
  return routing;
}
