// What the UI asks of a backend: the commands `src-tauri/src/commands.rs` declares (generated
// into `commands.ts`), and the desktop's events. `api.ts` connects the real one or the in-memory
// one of `memory.ts`; both implement this.
import type { Failure } from '../bindings/Failure';
import type { ScanProgress } from '../bindings/ScanProgress';
import type { Commands } from './commands';

export interface DropHandlers {
  /** Something is dragged over the window. */
  enter(): void;
  /** The drag left the window or was cancelled. */
  leave(): void;
  /** Paths were dropped. */
  drop(paths: string[]): void;
}

export interface Backend extends Commands {
  /** Listens for folders dragged onto the window; resolves to an unsubscribe function. */
  onFolderDrop(handlers: DropHandlers): Promise<() => void>;
  /** Calls `handler` each time the window comes back to the front; resolves to an unsubscribe function. */
  onFocus(handler: () => void): Promise<() => void>;
  /** Another program changed the open vault (the backend's file watcher); the index is updated. */
  onVaultChange(handler: () => void): Promise<() => void>;
  /** How a scan that takes longer than a moment is going; resolves to an unsubscribe function. */
  onScanProgress(handler: (progress: ScanProgress) => void): Promise<() => void>;
  /** Calls `handler` when the desktop side has requests; resolves to an unsubscribe function. */
  onRequest(handler: () => void): Promise<() => void>;
  /** A publish to the calendar server succeeded or failed; resolves to an unsubscribe function. */
  onPublished(handler: () => void): Promise<() => void>;
}

export function isFailure(e: unknown): e is Failure {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/** A message to show for anything a backend call threw. */
export function failureMessage(e: unknown): string {
  if (isFailure(e)) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
