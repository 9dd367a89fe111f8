// The weak-question drill as a pure state machine, with the review screen's keys: Space shows the
// answer, 1/2/3 grades it (기억남, 헷갈림, 모름), S skips, Escape leaves. Each grade goes to the
// backend (the question's memory) before the next question; nothing is written into notes.
import type { Grade } from '../bindings/Grade';
import type { WeakQuestion } from '../bindings/WeakQuestion';
import { GRADES } from './review';

export type DrillPhase =
  | { kind: 'loading' }
  | { kind: 'empty' }
  | { kind: 'question'; revealed: boolean }
  | { kind: 'saving'; grade: Grade; ms: number }
  | { kind: 'finished' };

export interface Graded {
  question: WeakQuestion;
  grade: Grade;
  ms: number;
}

export interface DrillState {
  questions: WeakQuestion[];
  index: number;
  phase: DrillPhase;
  /** When the question on screen was shown (`Date.now()`). */
  shownAt: number;
  graded: Graded[];
  skipped: number;
  error: string | null;
}

export type DrillCommand = { type: 'reveal' } | { type: 'grade'; grade: Grade } | { type: 'skip' } | { type: 'exit' };

export type DrillEvent =
  | { type: 'loaded'; questions: WeakQuestion[]; at: number }
  | { type: 'reveal' }
  | { type: 'grade'; grade: Grade; at: number }
  | { type: 'saved'; at: number }
  | { type: 'failed'; message: string }
  | { type: 'skip'; at: number };

export function beginDrill(): DrillState {
  return { questions: [], index: 0, phase: { kind: 'loading' }, shownAt: 0, graded: [], skipped: 0, error: null };
}

/** The question on screen. */
export function currentQuestion(s: DrillState): WeakQuestion | undefined {
  return s.questions[s.index];
}

function advance(s: DrillState, at: number): DrillState {
  const index = s.index + 1;
  return { ...s, index, shownAt: at, phase: index < s.questions.length ? { kind: 'question', revealed: false } : { kind: 'finished' } };
}

export function reduceDrill(s: DrillState, e: DrillEvent): DrillState {
  switch (e.type) {
    case 'loaded':
      return {
        ...beginDrill(), questions: e.questions, shownAt: e.at,
        phase: e.questions.length ? { kind: 'question', revealed: false } : { kind: 'empty' },
      };
    case 'reveal':
      return s.phase.kind === 'question' ? { ...s, phase: { kind: 'question', revealed: true } } : s;
    case 'grade':
      if (s.phase.kind !== 'question' || !s.phase.revealed) return s;
      return { ...s, error: null, phase: { kind: 'saving', grade: e.grade, ms: Math.max(0, Math.round(e.at - s.shownAt)) } };
    case 'saved': {
      const q = currentQuestion(s);
      if (s.phase.kind !== 'saving' || !q) return s;
      return advance({ ...s, graded: [...s.graded, { question: q, grade: s.phase.grade, ms: s.phase.ms }] }, e.at);
    }
    case 'failed':
      return { ...s, error: e.message, phase: s.phase.kind === 'saving' ? { kind: 'question', revealed: true } : s.phase };
    case 'skip':
      return s.phase.kind === 'question' ? advance({ ...s, skipped: s.skipped + 1 }, e.at) : s;
  }
}

/** What a key press asks for; null when it means nothing here. */
export function drillCommandFor(s: DrillState, key: { key: string; ctrlKey?: boolean; metaKey?: boolean }): DrillCommand | null {
  if (key.ctrlKey || key.metaKey) return null;
  const k = key.key.length === 1 ? key.key.toLowerCase() : key.key;
  if (k === 'Escape') return { type: 'exit' };
  if (s.phase.kind !== 'question') return null;
  if (k === 's') return { type: 'skip' };
  if (!s.phase.revealed && (k === ' ' || k === 'Enter')) return { type: 'reveal' };
  const grade = GRADES.find((g) => g.key === k);
  return s.phase.revealed && grade ? { type: 'grade', grade: grade.grade } : null;
}

/** How the drill went: answers per grade. */
export function drillSummary(s: DrillState): Record<Grade, number> {
  const out: Record<Grade, number> = { remembered: 0, unsure: 0, forgot: 0 };
  for (const g of s.graded) out[g.grade] += 1;
  return out;
}

/** A recall probability as the drill shows it: `23%`. */
export function recallText(recall: number): string {
  return `${Math.round(Math.min(1, Math.max(0, recall)) * 100)}%`;
}
