// The review flow as a pure state machine: for each note of the queue, each cue question alone,
// Space to reveal its answer, 1/2/3 to grade it, then the whole note to reread, then 완료 (or
// 장기기억 완료 from the 14-day review on). The component performs the backend calls the
// commands ask for and feeds the results back as events. A note that moved since the review began
// (reviewed elsewhere) is set aside with the backend's words; a review that would be early waits
// for the user to confirm it.
import type { Grade } from '../bindings/Grade';
import type { NoteSummary } from '../bindings/NoteSummary';
import type { NoteView } from '../bindings/NoteView';
import type { ReviewInput } from '../bindings/ReviewInput';
import type { Step } from '../bindings/Step';
import type { Written } from '../bindings/Written';

export type Phase =
  | { kind: 'loading' }
  | { kind: 'question'; cue: number; revealed: boolean }
  | { kind: 'note' }
  | { kind: 'saving' }
  | { kind: 'early'; message: string; longTerm: boolean }
  | { kind: 'finished' };

export interface Done {
  path: string;
  title: string;
  stage: string;
  /** The step reviewed. */
  step: Step | null;
  longTerm: boolean;
  grades: Grade[];
  written: Written;
}

export interface ReviewState {
  queue: NoteSummary[];
  index: number;
  phase: Phase;
  view: NoteView | null;
  grades: Grade[];
  /** Milliseconds from each graded question shown to its grade. */
  answerMs: number[];
  startedAt: number;
  /** When the question on screen was shown. */
  shownAt: number;
  done: Done[];
  skipped: NoteSummary[];
  /** Notes reviewed elsewhere meanwhile, with the backend's words. */
  elsewhere: { title: string; message: string }[];
  error: string | null;
}

export type Command =
  | { type: 'reveal' }
  /** `at`: when the grade was given (`Date.now()`), to time the answer. */
  | { type: 'grade'; grade: Grade; at?: number }
  | { type: 'complete'; longTerm: boolean; early?: boolean }
  | { type: 'skip' }
  | { type: 'undo' }
  | { type: 'exit' };

export type Event =
  | Command
  | { type: 'loaded'; view: NoteView; at: number }
  | { type: 'saved'; written: Written }
  | { type: 'failed'; message: string }
  | { type: 'elsewhere'; message: string }
  | { type: 'not_due'; message: string; longTerm: boolean }
  | { type: 'undone'; path: string };

export function begin(queue: NoteSummary[]): ReviewState {
  return {
    queue: [...queue], index: 0, phase: queue.length ? { kind: 'loading' } : { kind: 'finished' },
    view: null, grades: [], answerMs: [], startedAt: 0, shownAt: 0, done: [], skipped: [], elsewhere: [], error: null,
  };
}

/** What a 완료 sends: the grades, the time, and where the note stood when the review began. */
export function reviewInput(s: ReviewState, now: number, longTerm: boolean, early: boolean): ReviewInput {
  const summary = s.view?.summary;
  const seen = summary?.step && summary.flags ? { step: summary.step, flags: summary.flags } : null;
  return { grades: s.grades, seconds: seconds(s.startedAt, now), long_term: longTerm, seen, early, answer_ms: s.answerMs };
}

/** The grades with their keys; their words are `grade.*` in the catalogue. */
export const GRADES: { grade: Grade; key: string }[] = [
  { grade: 'remembered', key: '1' },
  { grade: 'unsure', key: '2' },
  { grade: 'forgot', key: '3' },
];

/** The note under review. */
export function current(s: ReviewState): NoteSummary | undefined {
  return s.queue[s.index];
}

/** "장기기억 완료" is offered from the 14-day review on. */
export function canLongTerm(s: ReviewState): boolean {
  const step = s.view?.summary.step;
  return step === 'd14' || step === 'extra';
}

/** `3 / 12`: the note's place in the queue. */
export function position(s: ReviewState): string {
  return `${Math.min(s.index + 1, s.queue.length)} / ${s.queue.length}`;
}

/** What a key press asks for in this state; null when it means nothing here. */
export function commandFor(s: ReviewState, key: { key: string; ctrlKey?: boolean; metaKey?: boolean }): Command | null {
  if ((key.ctrlKey || key.metaKey) && key.key.toLowerCase() === 'z') return { type: 'undo' };
  if (key.ctrlKey || key.metaKey) return null;
  const k = key.key.length === 1 ? key.key.toLowerCase() : key.key;
  if (k === 'Escape') return { type: 'exit' };
  const phase = s.phase;
  if (phase.kind === 'question') {
    if (k === 's') return { type: 'skip' };
    if (!phase.revealed && (k === ' ' || k === 'Enter')) return { type: 'reveal' };
    const grade = GRADES.find((g) => g.key === k);
    if (phase.revealed && grade) return { type: 'grade', grade: grade.grade };
  }
  if (phase.kind === 'note') {
    if (k === 's') return { type: 'skip' };
    if (k === 'Enter') return { type: 'complete', longTerm: false };
    if (k === 'l' && canLongTerm(s)) return { type: 'complete', longTerm: true };
  }
  if (phase.kind === 'early') {
    if (k === 's') return { type: 'skip' };
    if (k === 'Enter') return { type: 'complete', longTerm: phase.longTerm, early: true };
  }
  return null;
}

function next(s: ReviewState): ReviewState {
  const index = s.index + 1;
  const finished = index >= s.queue.length;
  return { ...s, index, view: null, grades: [], answerMs: [], phase: finished ? { kind: 'finished' } : { kind: 'loading' } };
}

export function reduce(s: ReviewState, e: Event): ReviewState {
  switch (e.type) {
    case 'loaded':
      return {
        ...s, view: e.view, grades: [], answerMs: [], startedAt: e.at, shownAt: e.at, error: null,
        phase: e.view.cues.length ? { kind: 'question', cue: 0, revealed: false } : { kind: 'note' },
      };
    case 'reveal':
      return s.phase.kind === 'question' ? { ...s, phase: { ...s.phase, revealed: true } } : s;
    case 'grade': {
      if (s.phase.kind !== 'question' || !s.phase.revealed || !s.view) return s;
      const grades = [...s.grades, e.grade];
      const took = e.at === undefined ? 0 : Math.max(0, Math.round(e.at - s.shownAt));
      const answerMs = [...s.answerMs, took];
      const more = s.phase.cue + 1 < s.view.cues.length;
      return { ...s, grades, answerMs, shownAt: e.at ?? s.shownAt, phase: more ? { kind: 'question', cue: s.phase.cue + 1, revealed: false } : { kind: 'note' } };
    }
    case 'complete':
      return s.phase.kind === 'note' || s.phase.kind === 'early' ? { ...s, phase: { kind: 'saving' }, error: null } : s;
    case 'saved': {
      const note = current(s)!;
      const done: Done = {
        path: note.path, title: note.title, stage: s.view?.summary.stage ?? note.stage ?? '', step: s.view?.summary.step ?? note.step,
        longTerm: e.written.note.status === 'long_term', grades: s.grades, written: e.written,
      };
      return next({ ...s, done: [...s.done, done] });
    }
    case 'failed':
      return { ...s, error: e.message, phase: s.phase.kind === 'saving' ? { kind: 'note' } : s.phase };
    case 'elsewhere': {
      const note = current(s);
      return note ? next({ ...s, elsewhere: [...s.elsewhere, { title: note.title, message: e.message }] }) : s;
    }
    case 'not_due':
      return s.phase.kind === 'saving' ? { ...s, phase: { kind: 'early', message: e.message, longTerm: e.longTerm } } : s;
    case 'skip': {
      const note = current(s);
      return note ? next({ ...s, skipped: [...s.skipped, note] }) : s;
    }
    case 'undone': {
      // The undone review goes back into the queue, right here, to be done again.
      const i = s.done.map((d) => d.path).lastIndexOf(e.path);
      if (i < 0) return s;
      const undone = s.done[i];
      const again = s.queue.find((n) => n.path === undone.path)!;
      const queue = [...s.queue.slice(0, s.index), again, ...s.queue.slice(s.index)];
      return { ...s, queue, done: s.done.filter((_, j) => j !== i), view: null, grades: [], answerMs: [], phase: { kind: 'loading' }, error: null };
    }
    default:
      return s;
  }
}

/** Whole seconds between two `Date.now()` readings. */
export function seconds(from: number, to: number): number {
  return Math.max(0, Math.round((to - from) / 1000));
}
