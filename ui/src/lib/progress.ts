// The progress display of a scan that takes longer than a moment (the backend sends
// `ScanProgress` only then): what share of the vault is read, and when the display goes.
import type { ScanProgress } from '../bindings/ScanProgress';

/** The share of the vault read (0–1), or null when nothing is to be shown (no scan, or it ended). */
export function scanShare(progress: ScanProgress | null): number | null {
  if (!progress || progress.done) return null;
  if (progress.total <= 0) return 0;
  return Math.min(1, Math.max(0, progress.read / progress.total));
}
