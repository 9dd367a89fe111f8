// The home-network feed's words and its QR code as an SVG path. The code itself (which modules
// are dark) is the backend's; here it is only drawn.
import type { FeedStatus } from '../bindings/FeedStatus';
import type { Qr } from '../bindings/Qr';
import { t } from './locale.svelte';

/** The quiet zone around a QR code, in modules (ISO/IEC 18004 asks for four). */
export const QUIET = 4;

/** One SVG path drawing every dark module of `qr`, each a unit square offset by the quiet zone;
 * runs of dark modules in a row become one rectangle. */
export function qrPath(qr: Qr): string {
  const parts: string[] = [];
  for (let y = 0; y < qr.size; y++) {
    let x = 0;
    while (x < qr.size) {
      if (!qr.dark[y * qr.size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < qr.size && qr.dark[y * qr.size + x]) x++;
      parts.push(`M${start + QUIET} ${y + QUIET}h${x - start}v1h-${x - start}z`);
    }
  }
  return parts.join('');
}

/** One line on where the feed stands. */
export function feedLine(status: FeedStatus | null, kept: boolean): { text: string; ok: boolean } {
  if (!kept) return { text: t('feed.off'), ok: true };
  if (!status) return { text: t('feed.starting'), ok: true };
  if (status.error) return { text: status.error, ok: false };
  if (!status.url) return { text: t('feed.starting'), ok: true };
  return { text: t('feed.serving'), ok: true };
}
