// Which of the backend's overviews the window shows. Calls that bring the open vault's overview
// run side by side (a rescan when the window comes to the front, a folder dropped or picked, the
// reminder timer's reload), and their answers can come back in another order than the backend
// made them. Each overview carries the number of the vault's state it shows, in the backend's
// order: one older than the overview on screen would put back what a newer one replaced (the
// vault shown before a drop), and is not shown.
import type { Overview } from '../bindings/Overview';

/** Whether `next` may replace `shown` on screen: it is of the same state or a later one. */
export function newer(next: Overview, shown: Overview | null): boolean {
  return !shown || next.version >= shown.version;
}
