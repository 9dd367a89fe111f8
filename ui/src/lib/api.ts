// The one door from the UI to the backend. Components import `api` and nothing else that talks
// to Rust: in the app it calls Tauri commands; in a plain browser (UI tests, `npm run dev`) it
// uses the in-memory backend of `memory.ts`, so the screens run and are tested without Tauri.
import type { Appearance } from '../bindings/Appearance';
import type { CalendarStatus } from '../bindings/CalendarStatus';
import type { DayCount } from '../bindings/DayCount';
import type { DayList } from '../bindings/DayList';
import type { DesktopStatus } from '../bindings/DesktopStatus';
import type { Failure } from '../bindings/Failure';
import type { Grade } from '../bindings/Grade';
import type { Learning } from '../bindings/Learning';
import type { Limit } from '../bindings/Limit';
import type { NotePage } from '../bindings/NotePage';
import type { NoteView } from '../bindings/NoteView';
import type { Overview } from '../bindings/Overview';
import type { Request } from '../bindings/Request';
import type { ScanProgress } from '../bindings/ScanProgress';
import type { ReviewInput } from '../bindings/ReviewInput';
import type { Settings } from '../bindings/Settings';
import type { Stats } from '../bindings/Stats';
import type { Undone } from '../bindings/Undone';
import type { VaultEntry } from '../bindings/VaultEntry';
import type { WeakQuestion } from '../bindings/WeakQuestion';
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
  /** The open vault's agenda from the backend's last scan (the file watcher keeps it current). */
  currentOverview(): Promise<Overview>;
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
  /** Another program changed the open vault (the backend's file watcher); the index is updated. */
  onVaultChange(handler: () => void): Promise<() => void>;
  /** How a scan that takes longer than a moment is going; resolves to an unsubscribe function. */
  onScanProgress(handler: (progress: ScanProgress) => void): Promise<() => void>;
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
  /** The user's settings. */
  settings(): Promise<Settings>;
  /** Checks and keeps settings; resolves to them as kept, or fails with what is wrong. */
  saveSettings(settings: Settings): Promise<Settings>;
  /** Where reminders, the calendar file, the tray and start at login stand. */
  status(): Promise<DesktopStatus>;
  /** Starts the app at login, hidden in the tray, or stops doing so. */
  setAutostart(on: boolean): Promise<DesktopStatus>;
  /** Answers the one-time offer to start at login. */
  answerAutostartOffer(accept: boolean): Promise<DesktopStatus>;
  /** Silences reminders for an hour or the rest of the day. */
  mute(until: 'hour' | 'today'): Promise<DesktopStatus>;
  /** Reminders on again. */
  unmute(): Promise<DesktopStatus>;
  /** Asks where to keep the calendar file; null when cancelled. */
  pickCalendarFile(): Promise<string | null>;
  /** Writes the calendar file now. */
  exportCalendar(): Promise<CalendarStatus>;
  /** What the desktop side (a toast, the tray, a second launch) asked the window to do. */
  takeRequests(): Promise<Request[]>;
  /** Calls `handler` when the desktop side has requests; resolves to an unsubscribe function. */
  onRequest(handler: () => void): Promise<() => void>;
  /** Paths of the notes whose body holds every word of `query`. */
  search(query: string): Promise<string[]>;
  /** A note's page: the note, its timeline, its reviews and its Obsidian URI. */
  notePage(path: string): Promise<NotePage>;
  /** Opens the note in Obsidian (through its `obsidian://` URI). */
  openInObsidian(path: string): Promise<void>;
  /** Shows the note's file in the file manager. */
  showInFolder(path: string): Promise<void>;
  /** Reviews planned, done and missed on each day from `from` through `to`. */
  calendar(from: string, to: string): Promise<DayCount[]>;
  /** One day's reviews: planned, done and missed. */
  calendarDay(date: string): Promise<DayList>;
  /** Reviews done per day. */
  stats(): Promise<Stats>;
  /** The vaults opened before, the last opened first. */
  vaults(): Promise<VaultEntry[]>;
  /** Forgets a vault opened before; resolves to the vaults left. */
  forgetVault(path: string): Promise<VaultEntry[]>;
  /** The window's language, theme and week start. */
  appearance(): Promise<Appearance>;
  /** Today's plan (the setting's daily limit unless `limit`), the week's minutes, the weak questions. */
  learning(limit?: Limit): Promise<Learning>;
  /** The weakest cue questions now: `count` of them or `minutes`' worth; only an exam's notes if named. */
  weak(size: { count?: number; minutes?: number; exam?: string }): Promise<WeakQuestion[]>;
  /** A drill's grade of one question: its memory learns it; the note is not written. */
  drillAnswer(path: string, question: string, grade: Grade, answerMs: number): Promise<void>;
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

/** The event the backend emits when it has requests for the window (see `takeRequests`). */
export const REQUEST_EVENT = 'bokseup://request';
export const VAULT_EVENT = 'bokseup://vault-changed';
export const SCAN_EVENT = 'bokseup://scan-progress';

async function tauriBackend(): Promise<Backend> {
  const { invoke } = await import('@tauri-apps/api/core');
  const { listen } = await import('@tauri-apps/api/event');
  const { getCurrentWebview } = await import('@tauri-apps/api/webview');
  const { getCurrentWindow } = await import('@tauri-apps/api/window');
  return {
    overview: () => invoke<Overview>('overview'),
    currentOverview: () => invoke<Overview>('current_overview'),
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
    settings: () => invoke<Settings>('settings'),
    saveSettings: (settings) => invoke<Settings>('save_settings', { settings }),
    status: () => invoke<DesktopStatus>('status'),
    setAutostart: (on) => invoke<DesktopStatus>('set_autostart', { on }),
    answerAutostartOffer: (accept) => invoke<DesktopStatus>('answer_autostart_offer', { accept }),
    mute: (until) => invoke<DesktopStatus>('mute', { until }),
    unmute: () => invoke<DesktopStatus>('unmute'),
    pickCalendarFile: () => invoke<string | null>('pick_calendar_file'),
    exportCalendar: () => invoke<CalendarStatus>('export_calendar'),
    takeRequests: () => invoke<Request[]>('take_requests'),
    onRequest: (handler) => listen(REQUEST_EVENT, () => handler()),
    onVaultChange: (handler) => listen(VAULT_EVENT, () => handler()),
    onScanProgress: (handler) => listen<ScanProgress>(SCAN_EVENT, (event) => handler(event.payload)),
    search: (query) => invoke<string[]>('search', { query }),
    learning: (limit) => invoke<Learning>('learning', { limit: limit ?? null }),
    weak: ({ count, minutes, exam }) => invoke<WeakQuestion[]>('weak', { count: count ?? null, minutes: minutes ?? null, exam: exam ?? null }),
    drillAnswer: (path, question, grade, answerMs) => invoke<void>('drill_answer', { path, question, grade, answerMs }),
    notePage: (path) => invoke<NotePage>('note_page', { path }),
    openInObsidian: (path) => invoke<void>('open_in_obsidian', { path }),
    showInFolder: (path) => invoke<void>('show_in_folder', { path }),
    calendar: (from, to) => invoke<DayCount[]>('calendar', { from, to }),
    calendarDay: (date) => invoke<DayList>('calendar_day', { date }),
    stats: () => invoke<Stats>('stats'),
    vaults: () => invoke<VaultEntry[]>('vaults'),
    forgetVault: (path) => invoke<VaultEntry[]>('forget_vault', { path }),
    appearance: () => invoke<Appearance>('appearance'),
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
