// The library: every note of the vault, filtered by subject, textbook, stage and status, found
// by words, and sorted. The notes and their schedule come from the backend; this only picks and
// orders them, fast enough for 10,000 notes on every key press (the search text of each note is
// made once, in `index`). Words in the notes' bodies are found by the backend (`api.search`);
// their paths join the matches here.
import type { Agenda } from '../bindings/Agenda';
import type { NoteSummary } from '../bindings/NoteSummary';
import { daysBetween } from './format';

/** A note's stage in the library: its next step, or where it stands when it has none. */
export type Stage = 'd1' | 'd4' | 'd7' | 'd14' | 'extra' | 'long_term' | 'not_started' | 'plain';
/** A note's status in the library. */
export type State = 'overdue' | 'due' | 'upcoming' | 'not_started' | 'long_term' | 'plain';
export type SortKey = 'due' | 'first' | 'title' | 'progress';

export const STAGES: Stage[] = ['d1', 'd4', 'd7', 'd14', 'extra', 'long_term', 'not_started', 'plain'];
export const STATES: State[] = ['overdue', 'due', 'upcoming', 'not_started', 'long_term', 'plain'];
export const SORTS: SortKey[] = ['due', 'first', 'title', 'progress'];

/** The value of a subject or textbook filter that picks notes without one ("없음"). */
export const NONE = '\u0000none';

export interface Criteria {
  subject: string | null;
  textbook: string | null;
  stage: Stage | null;
  state: State | null;
  query: string;
  sort: SortKey;
}

export const ALL: Criteria = { subject: null, textbook: null, stage: null, state: null, query: '', sort: 'due' };

export interface Entry {
  note: NoteSummary;
  stage: Stage;
  state: State;
  /** Title, path, subject and textbook, lowercased. */
  text: string;
}

/** Every note of an agenda: today's reviews, upcoming, not started, long-term, plain. */
export function notesOf(agenda: Agenda): NoteSummary[] {
  return [...agenda.today_reviews, ...agenda.upcoming, ...agenda.not_started, ...agenda.long_term, ...agenda.plain];
}

export function stageOf(note: NoteSummary): Stage {
  if (note.kind === 'plain' || !note.status) return 'plain';
  if (note.status === 'long_term' || note.status === 'not_started') return note.status;
  return note.step ?? 'extra';
}

export function stateOf(note: NoteSummary): State {
  return note.kind === 'plain' || !note.status ? 'plain' : note.status;
}

/** Subject or textbook as filtered: blank is none. */
function field(value: string | null): string {
  return value && value.trim() !== '' ? value.trim() : NONE;
}

/** The library's entries of `notes`, each with what filtering needs made once. */
export function index(notes: NoteSummary[]): Entry[] {
  return notes.map((note) => ({
    note,
    stage: stageOf(note),
    state: stateOf(note),
    text: [note.title, note.path, note.subject ?? '', note.textbook ?? ''].join('\n').toLowerCase(),
  }));
}

export interface Facet {
  value: string;
  count: number;
}

/** The subjects (or textbooks) of the notes with how many notes each has, most first; notes
 * without one count under `NONE`, listed last. */
export function facets(entries: Entry[], which: 'subject' | 'textbook'): Facet[] {
  const counts = new Map<string, number>();
  for (const e of entries) {
    const v = field(e.note[which]);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => (a.value === NONE ? 1 : b.value === NONE ? -1 : b.count - a.count || a.value.localeCompare(b.value, 'ko')));
}

/** Whether an entry's words hold every word of the query. */
function wordsMatch(e: Entry, words: string[]): boolean {
  for (const w of words) if (!e.text.includes(w)) return false;
  return true;
}

/** The entries that pass the criteria: every filter, and the query's words found in the title,
 * path, subject or textbook, or the note among `bodies` (paths whose text the backend found). */
export function filter(entries: Entry[], c: Criteria, bodies: ReadonlySet<string> = new Set()): Entry[] {
  const words = c.query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter(
    (e) =>
      (c.subject === null || field(e.note.subject) === c.subject) &&
      (c.textbook === null || field(e.note.textbook) === c.textbook) &&
      (c.stage === null || e.stage === c.stage) &&
      (c.state === null || e.state === c.state) &&
      (words.length === 0 || wordsMatch(e, words) || bodies.has(e.note.path)),
  );
}

const collator = new Intl.Collator('ko', { numeric: true });
const FAR = '9999-12-31';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The entries in the order asked for: by due date (the most overdue first, notes without one
 * last), first study date (newest first), title, or progress (least first). Ties go by title. */
export function sort(entries: Entry[], key: SortKey): Entry[] {
  const byTitle = (a: Entry, b: Entry) => collator.compare(a.note.title, b.note.title) || cmp(a.note.path, b.note.path);
  const out = [...entries];
  switch (key) {
    case 'due':
      return out.sort((a, b) => cmp(a.note.next_due ?? FAR, b.note.next_due ?? FAR) || byTitle(a, b));
    case 'first':
      return out.sort((a, b) => cmp(b.note.day0 ?? '', a.note.day0 ?? '') || byTitle(a, b));
    case 'title':
      return out.sort(byTitle);
    case 'progress':
      return out.sort((a, b) => (a.note.progress ?? -1) - (b.note.progress ?? -1) || byTitle(a, b));
  }
}

const sortedCache = new WeakMap<Entry[], Map<SortKey, Entry[]>>();

/** `sort`, kept per list and key: a filter then only walks a list already in order. */
export function sorted(entries: Entry[], key: SortKey): Entry[] {
  let byKey = sortedCache.get(entries);
  if (!byKey) sortedCache.set(entries, (byKey = new Map()));
  let list = byKey.get(key);
  if (!list) byKey.set(key, (list = sort(entries, key)));
  return list;
}

/** The entries that pass the criteria, in the criteria's order. */
export function select(entries: Entry[], c: Criteria, bodies?: ReadonlySet<string>): Entry[] {
  return filter(sorted(entries, c.sort), c, bodies);
}

/** Whether any filter or word is set. */
export function narrowed(c: Criteria): boolean {
  return c.subject !== null || c.textbook !== null || c.stage !== null || c.state !== null || c.query.trim() !== '';
}

/** The number for a row's "next due" column: days from today (negative when late). */
export function dueIn(note: NoteSummary, today: string): number | null {
  return note.next_due ? daysBetween(today, note.next_due) : null;
}
