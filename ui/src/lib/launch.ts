// The launch's moments as the page lives them, said to the app with the first painted screen
// (`shown`) so the launch's profile covers the page too: when its navigation began, when its
// script ran, when the backend answered, when the screen was drawn and painted.
import type { PageMoment } from '../bindings/PageMoment';

/** The moments reached so far, in order; the page's start first. */
export const moments: PageMoment[] = [];

/** Notes that the page reached `name` at `at` (milliseconds since the Unix epoch; now unless given). */
export function mark(name: string, at: number = Date.now()) {
  moments.push({ name, at });
}

/** Notes the page's navigation start and the script's first run: called once, by `main.ts`. */
export function begin(timeOrigin: number = performance.timeOrigin, now: number = Date.now()) {
  mark('page', timeOrigin);
  mark('script', now);
}
