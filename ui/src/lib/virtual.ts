// Which rows of a long list are on screen: only those are rendered, so 10,000 notes scroll as
// lightly as 10. Rows have one fixed height; a few more than visible are kept on each side so a
// fast scroll does not show blanks.

export interface Window {
  /** The first row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
  /** The offset of the first rendered row from the list's top, in pixels. */
  offset: number;
  /** The height of the whole list, in pixels. */
  height: number;
}

/** The rows to render for a list of `count` rows of `rowHeight` px scrolled to `scrollTop` in a
 * viewport `viewport` px high, with `overscan` extra rows on each side. */
export function visible(count: number, rowHeight: number, scrollTop: number, viewport: number, overscan = 4): Window {
  const height = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, height: 0 };
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, height - viewport)));
  const first = Math.floor(top / rowHeight);
  const shown = Math.ceil(viewport / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + shown + overscan);
  return { start, end, offset: start * rowHeight, height };
}

/** How many cards of at least `min` px (with `gap` px between) fit in `width` px. */
export function columns(width: number, min: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (min + gap)));
}
