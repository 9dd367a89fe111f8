// The one door from the UI to the backend. Components import `api` and nothing else that talks
// to Rust: in the app it calls Tauri commands; in a plain browser (UI tests, `npm run dev`) it
// serves an Overview given to the page, so the screens run and are tested without Tauri.
import type { Overview } from '../bindings/Overview';
import type { Failure } from '../bindings/Failure';
import type { NoteView } from '../bindings/NoteView';
import type { ReviewInput } from '../bindings/ReviewInput';
import type { Undone } from '../bindings/Undone';
import type { Written } from '../bindings/Written';

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
  /** A note of the open vault, rendered for review. */
  note(path: string): Promise<NoteView>;
  /** Marks a review done and logs it; the file is written safely or not at all. */
  review(path: string, input: ReviewInput): Promise<Written>;
  /** Starts a not-started note today. */
  startNote(path: string): Promise<Written>;
  /** Makes a plain note a review note starting today. */
  enroll(path: string): Promise<Written>;
  /** Undoes this session's newest write. */
  undo(): Promise<Undone>;
  /** Opens a web or mail link in the system's browser. */
  openLink(url: string): Promise<void>;
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
    note: (path) => invoke<NoteView>('note', { path }),
    review: (path, input) => invoke<Written>('review', { path, input }),
    startNote: (path) => invoke<Written>('start_note', { path }),
    enroll: (path) => invoke<Written>('enroll', { path }),
    undo: () => invoke<Undone>('undo'),
    openLink: (url) => invoke<void>('open_link', { url }),
  };
}

/** What the in-memory backend lets a test do in place of the window system. */
export interface TestHooks {
  /** A drag entering, leaving, or dropping `paths` on the window. */
  dragForTest(kind: 'enter' | 'leave' | 'drop', paths?: string[]): void;
  /** The window coming back to the front. */
  focusForTest(): void;
}

/**
 * A backend over fixed data: `vaults` maps a folder path to its overview (the first is open) and
 * `notes` a note path to its rendered view. Writes are recorded in `writes`, not made.
 */
export function memoryBackend(
  vaults: Record<string, Overview>,
  notes: Record<string, NoteView> = {},
  demoPath?: string,
): Backend & TestHooks & { writes: { action: string; path: string; input?: ReviewInput }[]; links: string[] } {
  const paths = Object.keys(vaults);
  let current = paths[0];
  let dropHandlers: DropHandlers | null = null;
  let focusHandler: (() => void) | null = null;
  const writes: { action: string; path: string; input?: ReviewInput }[] = [];
  const links: string[] = [];
  const write = async (action: string, path: string, input?: ReviewInput): Promise<Written> => {
    const view = notes[path];
    if (!view) throw { code: 'outside_vault', message: `볼트 안의 노트가 아닙니다: ${path}` } satisfies Failure;
    writes.push({ action, path, input });
    const status = input?.long_term ? 'long_term' : 'upcoming';
    return { path, changes: [{ key: '🔁마지막복습', before: null, after: '2026-11-28' }], note: { ...view.summary, status } };
  };
  const open = async (path: string) => {
    const found = vaults[path];
    if (!found) throw { code: 'missing_folder', message: `폴더를 찾을 수 없습니다: ${path}` } satisfies Failure;
    current = path;
    return found;
  };
  return {
    writes,
    links,
    openLink: async (url) => {
      links.push(url);
    },
    note: async (path) => {
      const view = notes[path];
      if (!view) throw { code: 'outside_vault', message: `볼트 안의 노트가 아닙니다: ${path}` } satisfies Failure;
      return view;
    },
    review: (path, input) => write('review', path, input),
    startNote: (path) => write('start', path),
    enroll: (path) => write('enroll', path),
    undo: async () => {
      const last = writes.pop();
      if (!last) throw { code: 'nothing_to_undo', message: '되돌릴 변경이 없습니다' } satisfies Failure;
      return { path: last.path, action: last.action, made_at: '2026-11-28T20:00:00' };
    },
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
    /** Rendered notes by path, for a page running outside Tauri. */
    __BOKSEUP_NOTES__?: Record<string, NoteView>;
    __BOKSEUP_BACKEND__?: Backend & Partial<TestHooks>;
  }
}

/** The backend for this page: Tauri inside the app, else the page's given vaults. */
export async function connect(): Promise<Backend> {
  const backend = window.__TAURI_INTERNALS__
    ? await tauriBackend()
    : memoryBackend(window.__BOKSEUP_VAULTS__ ?? {}, window.__BOKSEUP_NOTES__ ?? {});
  window.__BOKSEUP_BACKEND__ = backend;
  return backend;
}
