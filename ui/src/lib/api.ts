// The one door from the UI to the backend. Components import `api` and nothing else that talks
// to Rust: in the app it calls Tauri commands; in a plain browser (UI tests, `npm run dev`) it
// serves an Overview given to the page, so the screens run and are tested without Tauri.
import type { Overview } from '../bindings/Overview';
import type { Failure } from '../bindings/Failure';

export interface DropHandlers {
  /** Something is dragged over the window. */
  enter(): void;
  /** The drag left the window or was cancelled. */
  leave(): void;
  /** Paths were dropped. */
  drop(paths: string[]): void;
}

export interface Backend {
  /** Today's agenda of the open vault, scanned afresh. */
  overview(): Promise<Overview>;
  /** Opens a folder as the vault and remembers it. */
  openVault(path: string): Promise<Overview>;
  /** Shows the system folder picker; null when cancelled. */
  pickVault(): Promise<Overview | null>;
  /** Opens the bundled demo vault. */
  openDemo(): Promise<Overview>;
  /** Listens for folders dragged onto the window; resolves to an unsubscribe function. */
  onFolderDrop(handlers: DropHandlers): Promise<() => void>;
  /** Calls `handler` each time the window comes back to the front; resolves to an unsubscribe function. */
  onFocus(handler: () => void): Promise<() => void>;
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

async function tauriBackend(): Promise<Backend> {
  const { invoke } = await import('@tauri-apps/api/core');
  const { getCurrentWebview } = await import('@tauri-apps/api/webview');
  const { getCurrentWindow } = await import('@tauri-apps/api/window');
  return {
    overview: () => invoke<Overview>('overview'),
    openVault: (path) => invoke<Overview>('open_vault', { path }),
    pickVault: () => invoke<Overview | null>('pick_vault'),
    openDemo: () => invoke<Overview>('open_demo'),
    onFolderDrop: (h) =>
      getCurrentWebview().onDragDropEvent((event) => {
        const p = event.payload;
        if (p.type === 'enter' || p.type === 'over') h.enter();
        else if (p.type === 'drop') h.drop(p.paths);
        else h.leave();
      }),
    onFocus: (handler) => getCurrentWindow().onFocusChanged(({ payload: focused }) => focused && handler()),
  };
}

/** What the in-memory backend lets a test do in place of the window system. */
export interface TestHooks {
  /** A drag entering, leaving, or dropping `paths` on the window. */
  dragForTest(kind: 'enter' | 'leave' | 'drop', paths?: string[]): void;
  /** The window coming back to the front. */
  focusForTest(): void;
}

/** A backend over fixed data: `vaults` maps a folder path to its overview; the first is open. */
export function memoryBackend(vaults: Record<string, Overview>, demoPath?: string): Backend & TestHooks {
  const paths = Object.keys(vaults);
  let current = paths[0];
  let dropHandlers: DropHandlers | null = null;
  let focusHandler: (() => void) | null = null;
  const open = async (path: string) => {
    const found = vaults[path];
    if (!found) throw { code: 'missing_folder', message: `폴더를 찾을 수 없습니다: ${path}` } satisfies Failure;
    current = path;
    return found;
  };
  return {
    overview: () => (current ? open(current) : Promise.reject({ code: 'missing_folder', message: '볼트가 없습니다' })),
    openVault: open,
    pickVault: async () => null,
    openDemo: () => open(demoPath ?? paths.find((p) => vaults[p].demo) ?? paths[0]),
    onFolderDrop: async (h) => {
      dropHandlers = h;
      return () => (dropHandlers = null);
    },
    onFocus: async (h) => {
      focusHandler = h;
      return () => (focusHandler = null);
    },
    dragForTest: (kind, dropped = []) => (kind === 'drop' ? dropHandlers?.drop(dropped) : dropHandlers?.[kind]()),
    focusForTest: () => focusHandler?.(),
  };
}

declare global {
  interface Window {
    __TAURI_INTERNALS__?: unknown;
    /** Overviews by vault path, given to a page running outside Tauri. */
    __BOKSEUP_VAULTS__?: Record<string, Overview>;
    __BOKSEUP_BACKEND__?: Backend & Partial<TestHooks>;
  }
}

/** The backend for this page: Tauri inside the app, else the page's given vaults. */
export async function connect(): Promise<Backend> {
  const backend = window.__TAURI_INTERNALS__ ? await tauriBackend() : memoryBackend(window.__BOKSEUP_VAULTS__ ?? {});
  window.__BOKSEUP_BACKEND__ = backend;
  return backend;
}
