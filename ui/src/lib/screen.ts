// Which screen the window shows, as one typed value; the history the back key walks; the keys
// that move between screens (`g h`, `g l`, `g c`, `g s`, `g ,`, Escape or Alt+← to go back);
// and what the desktop's requests (a toast or the tray clicked, a second launch, the reminder
// timer) do to it. The backend decides what is due; this only routes.
import type { Request } from '../bindings/Request';

export type Screen =
  | { name: 'home' }
  | { name: 'library' }
  | { name: 'calendar' }
  | { name: 'stats' }
  | { name: 'settings' }
  /** A review of today's notes, or of the notes named. */
  | { name: 'review'; paths?: string[] }
  /** A drill of the weak questions, of one exam's notes when named. */
  | { name: 'drill'; exam?: string }
  | { name: 'note'; path: string };

export type ScreenName = Screen['name'];

/** The screens the navigation lists, in order, with their `g` key. */
export const SECTIONS: { name: 'home' | 'library' | 'calendar' | 'stats' | 'settings'; key: string }[] = [
  { name: 'home', key: 'h' },
  { name: 'library', key: 'l' },
  { name: 'calendar', key: 'c' },
  { name: 'stats', key: 's' },
  { name: 'settings', key: ',' },
];

/** The screen shown and the screens before it. */
export interface Router {
  screen: Screen;
  back: Screen[];
}

export const START: Router = { screen: { name: 'home' }, back: [] };

function same(a: Screen, b: Screen): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Goes to `screen`; the one left is remembered for the back key. A section of the navigation
 * starts a fresh history (as tabs do); a note page or a review stacks on what is open. */
export function go(r: Router, screen: Screen): Router {
  if (same(r.screen, screen)) return r;
  const section = SECTIONS.some((s) => s.name === screen.name);
  const back = section ? (r.screen.name === 'home' ? [] : [{ name: 'home' } as Screen]) : [...r.back, r.screen];
  return { screen, back: screen.name === 'home' ? [] : back.slice(-50) };
}

/** Goes back to the screen before; home when there is none. */
export function back(r: Router): Router {
  const previous = r.back.at(-1);
  if (!previous) return r.screen.name === 'home' ? r : { screen: { name: 'home' }, back: [] };
  return { screen: previous, back: r.back.slice(0, -1) };
}

/** Whether `screen` needs the whole agenda: the library and the statistics list every note, a
 * review takes all of today's share or any note by its path. The others show the first page of
 * each group and the counts. */
export function needsWholeAgenda(screen: Screen): boolean {
  return screen.name === 'library' || screen.name === 'stats' || screen.name === 'review';
}

/** The section of the navigation that a screen belongs to (a note page to none). */
export function section(screen: Screen): ScreenName | null {
  return SECTIONS.some((s) => s.name === screen.name) ? screen.name : null;
}

export type KeyCommand =
  | { type: 'go'; screen: Screen }
  | { type: 'back' }
  | { type: 'undo' }
  | { type: 'search' };

export interface KeyState {
  /** `g` was pressed and waits for the next key. */
  pending: boolean;
}

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The key was typed into a text field, where letters are text. */
  typing?: boolean;
}

/**
 * What a key press means on `screen`: the command, and whether a `g` now waits. The review
 * and drill screens keep their own keys (they handle Escape); while typing, only Escape counts.
 */
export function dispatch(state: KeyState, press: KeyPress, screen: Screen): { command: KeyCommand | null; state: KeyState } {
  const none = { command: null, state: { pending: false } };
  if (screen.name === 'review' || screen.name === 'drill') return none;
  if (press.typing) return press.key === 'Escape' ? none : { command: null, state };
  if ((press.ctrlKey || press.metaKey) && press.key.toLowerCase() === 'z') return { command: { type: 'undo' }, state: { pending: false } };
  if ((press.ctrlKey || press.metaKey) && press.key === ',') return { command: { type: 'go', screen: { name: 'settings' } }, state: { pending: false } };
  if (press.ctrlKey || press.metaKey) return none;
  if (press.altKey) return press.key === 'ArrowLeft' ? { command: { type: 'back' }, state: { pending: false } } : none;
  if (press.key === 'BrowserBack' || press.key === 'Escape') return { command: { type: 'back' }, state: { pending: false } };
  if (state.pending) {
    const target = SECTIONS.find((s) => s.key === press.key.toLowerCase());
    return { command: target ? { type: 'go', screen: { name: target.name } } : null, state: { pending: false } };
  }
  if (press.key === 'g') return { command: null, state: { pending: true } };
  if (press.key === '/') return { command: { type: 'search' }, state: { pending: false } };
  return none;
}

export interface Routing {
  /** Where to go (unchanged unless a request asks). */
  router: Router;
  /** Read the vault again before showing it. */
  reload: boolean;
  /** Start today's review once the vault is read, if anything is due. */
  review: boolean;
  /** Messages for the user. */
  notices: string[];
}

/** What a batch of requests does. A review under way is never interrupted. */
export function route(requests: Request[], router: Router): Routing {
  const reviewing = router.screen.name === 'review' || router.screen.name === 'drill';
  const routing: Routing = { router, reload: false, review: false, notices: [] };
  for (const request of requests) {
    switch (request.kind) {
      case 'review':
        routing.reload = true;
        routing.review = !reviewing;
        break;
      case 'drill':
        if (!reviewing) routing.router = go(routing.router, { name: 'drill' });
        break;
      case 'home':
        routing.reload = true;
        break;
      case 'settings':
        if (!reviewing) routing.router = go(routing.router, { name: 'settings' });
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
