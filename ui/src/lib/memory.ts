// An in-memory backend over fixed data, for the UI's tests and `npm run dev`: the screens run in
// a plain browser, and a test plays the desktop's part (a drop, a focus, a toast's click) through
// its hooks. It decides nothing the real backend decides: writes are recorded, not made.
import type { Action } from '../bindings/Action';
import type { Appearance } from '../bindings/Appearance';
import type { DayCount } from '../bindings/DayCount';
import type { DayList } from '../bindings/DayList';
import type { DesktopStatus } from '../bindings/DesktopStatus';
import type { Failure } from '../bindings/Failure';
import type { Learning } from '../bindings/Learning';
import type { WeakQuestion } from '../bindings/WeakQuestion';
import type { NotePage } from '../bindings/NotePage';
import type { NoteSummary } from '../bindings/NoteSummary';
import type { NoteView } from '../bindings/NoteView';
import type { Overview } from '../bindings/Overview';
import type { PublishStatus } from '../bindings/PublishStatus';
import type { FeedStatus } from '../bindings/FeedStatus';
import type { Request } from '../bindings/Request';
import type { ReviewInput } from '../bindings/ReviewInput';
import type { ScanProgress } from '../bindings/ScanProgress';
import type { Settings } from '../bindings/Settings';
import type { Stats } from '../bindings/Stats';
import type { UpdateCheck } from '../bindings/UpdateCheck';
import type { VaultEntry } from '../bindings/VaultEntry';
import type { Written } from '../bindings/Written';
import type { Backend, DropHandlers } from './backend';
import engine from '../bindings/engine.json';
import { addDays } from './format';

/** What the in-memory backend lets a test do in place of the window system and the desktop. */
export interface TestHooks {
  /** A drag entering, leaving, or dropping `paths` on the window. */
  dragForTest(kind: 'enter' | 'leave' | 'drop', paths?: string[]): void;
  /** The window coming back to the front. */
  focusForTest(): void;
  /** Replaces the open vault's overview and tells the page, as the file watcher does. */
  vaultChangeForTest(overview: Overview): void;
  /** The backend telling how a long scan is going. */
  scanProgressForTest(progress: ScanProgress): void;
  /** The desktop asking the window to do something (a toast or the tray clicked). */
  requestForTest(request: Request): void;
  /** Makes the next saves of settings fail with this message (null: succeed again). */
  refuseSettingsForTest(message: string | null): void;
  /** The calendar file the next pick answers with (null: cancelled). */
  pickCalendarForTest(path: string | null): void;
  /** Makes the next reviews fail as the backend would (a note reviewed elsewhere, not due yet). */
  failReviewsForTest(...failures: Failure[]): void;
  /** The calendar server's answer to the next test, save or publish (null: they succeed). */
  failCaldavForTest(failure: Failure | null): void;
  /** A publish in the background happened: the page hears of it. */
  publishedForTest(publish: PublishStatus): void;
}

export interface Recorded {
  writes: { action: Action; path: string; input?: ReviewInput }[];
  /** Drill grades, in order. */
  drills: { path: string; question: string; grade: string; answerMs: number }[];
  links: string[];
  saved: Settings[];
  calls: string[];
  /** App passwords the page sent, in order (the real backend puts them in the keyring). */
  passwords: (string | null)[];
}

/** The engine's own words and defaults (`ui/src/bindings/engine.json`, written by the engine's tests). */
export const DEFAULT_SETTINGS = engine.default_settings as unknown as Settings;
type Said = keyof typeof engine.failures.ko;
/** A refusal's message as the engine words it, in Korean (the UI tests' language), `{path}` filled. */
const said = (what: Said, path = '') => engine.failures.ko[what].replace('{path}', path);

/** What the in-memory backend answers beyond the overviews: the log's side of things. */
export interface Extra {
  /** Timelines, histories and questions' memory of note pages, by path (empty when not given). */
  pages?: Record<string, Partial<Pick<NotePage, 'timeline' | 'history' | 'questions'>>>;
  /** The calendar's numbers, as the engine counted them (`tests/ui/fixture.mjs`); days not given are empty. */
  calendar?: DayCount[];
  /** Days' lists, by date, as the engine made them; days not given are empty. */
  days?: Record<string, DayList>;
  /** Reviews per day. */
  stats?: Stats;
  /** Text searched by `search`, by path; the rendered body's text when not given. */
  bodies?: Record<string, string>;
  /** The language `auto` stands for (the browser's when not given). */
  systemLang?: 'ko' | 'en';
  /** Settings to start with. */
  settings?: Partial<Settings>;
  /** The plan and load; by default every note due today is today's, at 2 minutes each. */
  learning?: Learning;
  /** The weak questions, weakest first. */
  weak?: WeakQuestion[];
  /** What a check for updates finds (by default: a build of one's own), and the failures to give. */
  update?: { check?: UpdateCheck; failure?: Failure; installFailure?: Failure };
}


/**
 * A backend over fixed data: `vaults` maps a folder path to its overview (the first is open) and
 * `notes` a note path to its rendered view; `start` sets how the desktop status begins (a tray
 * problem, the autostart offer, …).
 */
export function memoryBackend(
  vaults: Record<string, Overview>,
  notes: Record<string, NoteView> = {},
  start: { demoPath?: string; status?: Partial<DesktopStatus>; extra?: Extra } = {},
): Backend & TestHooks & Recorded {
  const extra: Extra = start.extra ?? {};
  const forgotten = new Set<string>();
  const paths = Object.keys(vaults);
  let current = paths[0];
  let dropHandlers: DropHandlers | null = null;
  let focusHandler: (() => void) | null = null;
  let vaultHandler: (() => void) | null = null;
  let scanHandler: ((progress: ScanProgress) => void) | null = null;
  let requestHandler: (() => void) | null = null;
  const requests: Request[] = [];
  let settings: Settings = { ...DEFAULT_SETTINGS, ...extra.settings };
  let refusal: string | null = null;
  let shownOnce = false;
  let picked: string | null = null;
  const reviewFailures: Failure[] = [];
  const status: DesktopStatus = {
    reminders: { now: '2026-11-28T12:00:00', due: 0, demo: false, next: '2026-11-28T21:00:00', snoozed_until: null, muted_until: null, break_until: null, until_done: false, calendar: null },
    tray_problem: null, toast_problem: null, autostart: false, offer_autostart: false, publish: null, caldav_password: false,
    ...structuredClone(start.status ?? {}),
  };
  const recorded: Recorded = { writes: [], drills: [], links: [], saved: [], calls: [], passwords: [] };
  let caldavFailure: Failure | null = null;
  let feedToken = '0123456789abcdef0123456789abcdef';
  /** The feed as a test sees it: served at a fixed address while the setting is on (the QR code
   * a fixed pattern; the real one is the engine's). */
  const feedOf = (): FeedStatus => {
    if (!settings.feed) return { on: false, url: null, qr: null, error: null };
    const size = 21;
    const dark = Array.from({ length: size * size }, (_, i) => ((i % size) + Math.floor(i / size)) % 3 === 0);
    return { on: true, url: `webcal://192.168.0.7:${settings.feed_port}/${feedToken}.ics`, qr: { size, dark }, error: null };
  };
  let publishedHandler: (() => void) | null = null;
  const caldavRefusal = () => {
    if (caldavFailure) throw caldavFailure;
  };
  const refuse = (code: Failure['code'], message: string): Failure => ({ code, message });
  const write = async (action: Action, path: string, input?: ReviewInput): Promise<Written> => {
    const view = notes[path];
    if (!view) throw refuse('outside_vault', said('outside_vault', path));
    recorded.writes.push({ action, path, input });
    const state = input?.long_term ? 'long_term' : 'upcoming';
    return { path, changes: [{ key: '🔁마지막복습', before: null, after: '2026-11-28' }], note: { ...view.summary, status: state } };
  };
  /** Numbers each answer as the engine numbers the open vault's states: in the order made. */
  let version = 0;
  const open = async (path: string): Promise<Overview> => {
    const found = vaults[path];
    if (!found) throw refuse('missing_folder', said('missing_folder', path));
    current = path;
    forgotten.delete(path);
    return { ...found, version: ++version };
  };
  /** What the backend sends a screen that shows first pages: each group's first rows and the
   * counts of all (`Agenda::first_page`), marked incomplete when a group was cut. */
  const page = (o: Overview): Overview => {
    const agenda = { ...o.agenda };
    let cut = false;
    for (const group of ['today_reviews', 'upcoming', 'not_started', 'long_term', 'plain', 'issues'] as const) {
      cut ||= o.agenda[group].length > engine.page_rows;
      (agenda[group] as unknown[]) = o.agenda[group].slice(0, engine.page_rows);
    }
    return { ...o, agenda, complete: o.complete && !cut };
  };
  const snapshot = (): DesktopStatus => {
    const today = vaults[current]?.agenda;
    const due = today ? today.counts.overdue + today.counts.due : 0;
    const demo = vaults[current]?.demo ?? false;
    return structuredClone({ ...status, reminders: { ...status.reminders, due, demo } });
  };
  const agendaNotes = (): NoteSummary[] => {
    const a = vaults[current]?.agenda;
    return a ? [...a.today_reviews, ...a.upcoming, ...a.not_started, ...a.long_term, ...a.plain] : [];
  };
  const today = () => vaults[current]?.agenda.today ?? '2026-11-28';
  const bodyText = (path: string) =>
    (extra.bodies?.[path] ?? notes[path]?.body_html.replace(/<[^>]*>/g, ' ') ?? '').toLowerCase();
  const systemLang = () => extra.systemLang ?? (navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en');
  const listVaults = (): VaultEntry[] =>
    paths
      .filter((p) => !vaults[p].demo && !forgotten.has(p))
      .map((p) => ({ path: p, name: vaults[p].name, open: p === current, exists: true }));
  return {
    ...recorded,
    search: async (query) => {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      if (!words.length) return [];
      return agendaNotes().map((n) => n.path).filter((p) => words.every((w) => bodyText(p).includes(w)));
    },
    notePage: async (path) => {
      const view = notes[path];
      if (!view) throw refuse('outside_vault', said('outside_vault', path));
      const v = vaults[current];
      return {
        view, timeline: extra.pages?.[path]?.timeline ?? [], history: extra.pages?.[path]?.history ?? [],
        questions: extra.pages?.[path]?.questions ?? [],
        // The link itself is the engine's to make (and test); here it only has to be there.
        obsidian: v?.demo ? null : `obsidian:${path}`, file: `${current}/${path}`,
      };
    },
    openInObsidian: async (path) => {
      const v = vaults[current];
      if (v?.demo) throw refuse('refused', said('demo_not_in_obsidian'));
      recorded.calls.push(`obsidian:${path}`);
    },
    showInFolder: async (path) => {
      recorded.calls.push(`folder:${path}`);
    },
    checkUpdate: async () => {
      recorded.calls.push('update:check');
      if (extra.update?.failure) throw extra.update.failure;
      return structuredClone(extra.update?.check ?? { current: '0.1.0', configured: false, installable: false, available: null });
    },
    installUpdate: async () => {
      const offer = extra.update?.check?.available;
      if (!offer) throw refuse('refused', 'nothing to install');
      recorded.calls.push(`update:install:${offer.version}`);
      if (extra.update?.installFailure) throw extra.update.installFailure;
      return offer.version;
    },
    shown: async () => {
      if (shownOnce) return null;
      shownOnce = true;
      return 1;
    },
    restartApp: async () => {
      recorded.calls.push('restart');
    },
    openToastSettings: async () => {
      if (!status.toast_problem?.settings) throw refuse('refused', 'no notification settings to open');
      recorded.calls.push('toast-settings');
    },
    calendar: async (from, to) => {
      const given = new Map((extra.calendar ?? []).map((c) => [c.date, c]));
      const out: DayCount[] = [];
      for (let d = from; d <= to; d = addDays(d, 1)) {
        out.push(given.get(d) ?? { date: d, planned: 0, done: 0, missed: 0 });
      }
      return out;
    },
    calendarDay: async (date) =>
      extra.days?.[date] ?? { date, planned: [], done: [], missed: [] },
    stats: async () => extra.stats ?? { today: today(), days: [] },
    vaults: async () => listVaults(),
    forgetVault: async (path) => {
      if (path === current) throw refuse('invalid', said('forget_open_vault'));
      forgotten.add(path);
      recorded.calls.push(`forget:${path}`);
      return listVaults();
    },
    learning: async (limit) => {
      if (extra.learning && !limit) return structuredClone(extra.learning);
      const agenda = vaults[current].agenda;
      const today = agenda.today_reviews.map((n) => n.path);
      const minutes = today.length * 2;
      const learning: Learning = {
        plan: { limit: limit ?? settings.daily_limit, days: [{ date: agenda.today, kind: 'normal', notes: today, minutes, moved: [] }], deferred: 0, exams: [] },
        week: Array.from({ length: 7 }, (_, i) => ({ date: addDays(agenda.today, i), notes: i ? 0 : today.length, minutes: i ? 0 : minutes })),
        weak: extra.weak?.length ?? 0, known: extra.weak?.length ?? 0, answer_seconds: 30, measured: false, on_break: null, later_days: 0,
      };
      return learning;
    },
    weak: async (count, minutes) => {
      const all = structuredClone(extra.weak ?? []);
      const n = count ?? (minutes ? Math.max(1, Math.floor((minutes * 60) / engine.default_answer_seconds)) : 10);
      return all.slice(0, n);
    },
    drillAnswer: async (path, question, grade, answerMs) => {
      recorded.drills.push({ path, question, grade, answerMs });
    },
    appearance: async (): Promise<Appearance> => ({
      lang: settings.language === 'auto' ? systemLang() : settings.language,
      theme: settings.theme,
      week_start: settings.week_start,
    }),
    openLink: async (url) => {
      recorded.links.push(url);
    },
    note: async (path) => {
      const view = notes[path];
      if (!view) throw refuse('outside_vault', said('outside_vault', path));
      return view;
    },
    review: (path, input) => {
      const failure = reviewFailures.shift();
      return failure ? Promise.reject(failure) : write('review', path, input);
    },
    startNote: (path) => write('start', path),
    enroll: (path) => write('enroll', path),
    undo: async () => {
      const last = recorded.writes.pop();
      if (!last) throw refuse('nothing_to_undo', said('nothing_to_undo'));
      return { id: recorded.writes.length + 1, path: last.path, action: last.action, made_at: '2026-11-28T20:00:00' };
    },
    overview: () => (current ? open(current) : Promise.reject(refuse('missing_folder', said('missing_folder')))),
    currentOverview: () => (current ? open(current) : Promise.reject(refuse('missing_folder', said('missing_folder')))),
    currentPage: () => (current ? open(current).then(page) : Promise.reject(refuse('missing_folder', said('missing_folder')))),
    rescanPage: () => (current ? open(current).then(page) : Promise.reject(refuse('missing_folder', said('missing_folder')))),
    firstScreen: () => (current ? open(current).then(page) : Promise.reject(refuse('missing_folder', said('missing_folder')))),
    openVault: open,
    pickVault: async () => null,
    openDemo: () => open(start.demoPath ?? paths.find((p) => vaults[p].demo) ?? paths[0]),
    onFolderDrop: async (h) => {
      dropHandlers = h;
      return () => (dropHandlers = null);
    },
    onFocus: async (h) => {
      focusHandler = h;
      return () => (focusHandler = null);
    },
    settings: async () => ({ ...settings }),
    saveSettings: async (next) => {
      if (refusal) throw refuse('invalid', refusal);
      settings = { ...next };
      recorded.saved.push({ ...next });
      status.reminders.calendar = next.calendar_file
        ? { path: next.calendar_file, written_at: '2026-11-28T12:00:00', events: 3, error: null }
        : null;
      return { ...settings };
    },
    status: async () => snapshot(),
    setAutostart: async (on) => {
      recorded.calls.push(`autostart:${on}`);
      status.autostart = on;
      status.offer_autostart = false;
      return snapshot();
    },
    answerAutostartOffer: async (accept) => {
      recorded.calls.push(`offer:${accept}`);
      status.autostart ||= accept;
      status.offer_autostart = false;
      return snapshot();
    },
    mute: async (until) => {
      recorded.calls.push(`mute:${until}`);
      status.reminders.muted_until = until === 'hour' ? '2026-11-28T13:00:00' : '2026-11-29T04:00:00';
      return snapshot();
    },
    unmute: async () => {
      recorded.calls.push('unmute');
      status.reminders.muted_until = null;
      return snapshot();
    },
    saveCaldav: async (caldav, password) => {
      caldavRefusal();
      recorded.calls.push(caldav ? `caldav:${caldav.provider}:${caldav.url}:${caldav.user}` : 'caldav:none');
      recorded.passwords.push(password);
      if (caldav && !password && !status.caldav_password) throw refuse('invalid', '앱 전용 암호를 넣으세요');
      settings = { ...settings, caldav };
      status.caldav_password = !!caldav;
      status.publish = null;
      return snapshot();
    },
    testCaldav: async (caldav, password) => {
      caldavRefusal();
      recorded.calls.push(`caldav-test:${caldav.url}`);
      recorded.passwords.push(password);
      return caldav.url;
    },
    feedStatus: async () => feedOf(),
    renewFeed: async () => {
      recorded.calls.push('renew-feed');
      feedToken = feedToken.split('').reverse().join('');
      return feedOf();
    },
    publishNow: async () => {
      caldavRefusal();
      recorded.calls.push('publish');
      return status.publish;
    },
    onPublished: async (h) => {
      publishedHandler = h;
      return () => (publishedHandler = null);
    },
    pickCalendarFile: async () => picked,
    exportCalendar: async () => {
      recorded.calls.push('export');
      if (!settings.calendar_file) throw refuse('invalid', said('no_calendar_file'));
      return { path: settings.calendar_file, written_at: '2026-11-28T12:30:00', events: 3, error: null };
    },
    takeRequests: async () => requests.splice(0),
    onRequest: async (h) => {
      requestHandler = h;
      return () => (requestHandler = null);
    },
    dragForTest: (kind, dropped = []) => (kind === 'drop' ? dropHandlers?.drop(dropped) : dropHandlers?.[kind]()),
    focusForTest: () => focusHandler?.(),
    onVaultChange: async (h) => {
      vaultHandler = h;
      return () => (vaultHandler = null);
    },
    onScanProgress: async (h) => {
      scanHandler = h;
      return () => (scanHandler = null);
    },
    scanProgressForTest: (progress) => scanHandler?.(progress),
    vaultChangeForTest: (overview) => {
      vaults[current] = structuredClone(overview);
      vaultHandler?.();
    },
    requestForTest: (request) => {
      requests.push(request);
      requestHandler?.();
    },
    refuseSettingsForTest: (message) => (refusal = message),
    pickCalendarForTest: (path) => (picked = path),
    failReviewsForTest: (...failures) => reviewFailures.push(...failures),
    failCaldavForTest: (failure) => (caldavFailure = failure),
    publishedForTest: (publish) => {
      status.publish = structuredClone(publish);
      publishedHandler?.();
    },
  };
}

declare global {
  interface Window {
    /** Overviews by vault path, given to a page running outside Tauri. */
    __BOKSEUP_VAULTS__?: Record<string, Overview>;
    /** Rendered notes by path, for a page running outside Tauri. */
    __BOKSEUP_NOTES__?: Record<string, NoteView>;
    /** What the page's desktop status starts as (tray problem, the autostart offer, …). */
    __BOKSEUP_STATUS__?: Partial<DesktopStatus>;
    /** The log's side: note pages, the calendar, statistics, searchable text. */
    __BOKSEUP_EXTRA__?: Extra;
  }
}

/** The in-memory backend over the data given to this page. */
export function pageBackend(): Backend & TestHooks & Recorded {
  return memoryBackend(window.__BOKSEUP_VAULTS__ ?? {}, window.__BOKSEUP_NOTES__ ?? {}, {
    status: window.__BOKSEUP_STATUS__,
    extra: window.__BOKSEUP_EXTRA__,
  });
}
