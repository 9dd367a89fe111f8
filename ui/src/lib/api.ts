// The one door from the UI to the backend. Components import `api` and nothing else that talks
// to Rust: in the app it calls Tauri commands (the typed calls `build.rs` generates into
// `commands.ts`); in a plain browser (UI tests, `npm run dev`) it uses the in-memory backend of
// `memory.ts`, so the screens run and are tested without Tauri.
import type { ScanProgress } from '../bindings/ScanProgress';
import type { Backend } from './backend';
import { invokeCommands, PUBLISH_EVENT, REQUEST_EVENT, SCAN_EVENT, VAULT_EVENT } from './commands';

export { failureMessage, isFailure, type Backend, type DropHandlers } from './backend';

async function tauriBackend(): Promise<Backend> {
  // Fetched side by side: one after another they were a tenth of the launch.
  const [{ invoke }, { listen }, { getCurrentWebview }, { getCurrentWindow }] = await Promise.all([
    import('@tauri-apps/api/core'),
    import('@tauri-apps/api/event'),
    import('@tauri-apps/api/webview'),
    import('@tauri-apps/api/window'),
  ]);
  return {
    ...invokeCommands(invoke),
    onFolderDrop: (h) =>
      getCurrentWebview().onDragDropEvent((event) => {
        const p = event.payload;
        if (p.type === 'enter' || p.type === 'over') h.enter();
        else if (p.type === 'drop') h.drop(p.paths);
        else h.leave();
      }),
    onFocus: (handler) => getCurrentWindow().onFocusChanged(({ payload: focused }) => focused && handler()),
    onRequest: (handler) => listen(REQUEST_EVENT, () => handler()),
    onVaultChange: (handler) => listen(VAULT_EVENT, () => handler()),
    onPublished: (handler) => listen(PUBLISH_EVENT, () => handler()),
    onScanProgress: (handler) => listen<ScanProgress>(SCAN_EVENT, (event) => handler(event.payload)),
  };
}

declare global {
  interface Window {
    __TAURI_INTERNALS__?: unknown;
    __BOKSEUP_BACKEND__?: Backend;
  }
}

/** The backend for this page: Tauri inside the app, else the in-memory one of `memory.ts`. */
export async function connect(): Promise<Backend> {
  const backend = window.__TAURI_INTERNALS__ ? await tauriBackend() : (await import('./memory')).pageBackend();
  window.__BOKSEUP_BACKEND__ = backend;
  return backend;
}
