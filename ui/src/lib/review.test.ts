import { describe, expect, it } from 'vitest';
import type { NoteSummary } from '../bindings/NoteSummary';
import type { NoteView } from '../bindings/NoteView';
import type { Written } from '../bindings/Written';
import { begin, canLongTerm, commandFor, position, reduce, reviewInput, type ReviewState } from './review';

function summary(title: string, step: NoteSummary['step'] = 'd4'): NoteSummary {
  return {
    path: `${title}.md`, title, kind: 'review', subject: 'AWS', textbook: null, day0: '2026-11-20', status: 'due',
    step, flags: { d1: true, d4: false, d7: false, d14: false, long_term: false },
    stage: '4일 복습', next_due: '2026-11-28', days_since: 8, days_late: 0, progress: 0.2,
    progress_bar: '', cues: 2,
  };
}
function view(s: NoteSummary, cues = 2): NoteView {
  return { summary: s, cues: Array.from({ length: cues }, (_, i) => ({ question_html: `Q${i}`, answer_html: `A${i}` })), body_html: '<p>body</p>' };
}
function written(s: NoteSummary, status: NoteSummary['status'] = 'upcoming'): Written {
  return { path: s.path, changes: [], note: { ...s, status } };
}
const key = (k: string, ctrlKey = false) => ({ key: k, ctrlKey });

function press(s: ReviewState, ...keys: string[]): ReviewState {
  for (const k of keys) {
    const c = commandFor(s, key(k));
    if (c) s = reduce(s, c);
  }
  return s;
}

describe('a note with cue questions', () => {
  it('goes question by question, then the note, then done', () => {
    const a = summary('a');
    let s = reduce(begin([a, summary('b')]), { type: 'loaded', view: view(a), at: 0 });
    expect(s.phase).toEqual({ kind: 'question', cue: 0, revealed: false });
    // Grades mean nothing before the answer is shown.
    expect(commandFor(s, key('1'))).toBeNull();
    s = press(s, ' ');
    expect(s.phase).toEqual({ kind: 'question', cue: 0, revealed: true });
    s = press(s, '2', ' ', '3');
    expect(s.grades).toEqual(['unsure', 'forgot']);
    expect(s.phase).toEqual({ kind: 'note' });
    s = press(s, 'Enter');
    expect(s.phase).toEqual({ kind: 'saving' });
    s = reduce(s, { type: 'saved', written: written(a) });
    expect(s.done.map((d) => [d.title, d.grades])).toEqual([['a', ['unsure', 'forgot']]]);
    expect(s.index).toBe(1);
    expect(s.phase).toEqual({ kind: 'loading' });
    expect(position(s)).toBe('2 / 2');
  });
});

describe('a note without cue questions', () => {
  it('goes straight to the note', () => {
    const a = summary('a');
    const s = reduce(begin([a]), { type: 'loaded', view: view(a, 0), at: 0 });
    expect(s.phase).toEqual({ kind: 'note' });
  });
});

describe('long-term', () => {
  it('is offered from the 14-day review on', () => {
    for (const [step, offered] of [['d7', false], ['d14', true], ['extra', true]] as const) {
      const a = summary('a', step);
      const s = reduce(begin([a]), { type: 'loaded', view: view(a, 0), at: 0 });
      expect(canLongTerm(s)).toBe(offered);
      expect(commandFor(s, key('l'))).toEqual(offered ? { type: 'complete', longTerm: true } : null);
    }
  });
});

describe('skip, failure, finish', () => {
  it('skips a note and finishes after the last', () => {
    const a = summary('a');
    let s = reduce(begin([a]), { type: 'loaded', view: view(a), at: 0 });
    s = press(s, 's');
    expect(s.skipped.map((n) => n.title)).toEqual(['a']);
    expect(s.phase).toEqual({ kind: 'finished' });
  });

  it('keeps the note on screen when saving fails', () => {
    const a = summary('a');
    let s = reduce(begin([a]), { type: 'loaded', view: view(a, 0), at: 0 });
    s = press(s, 'Enter');
    s = reduce(s, { type: 'failed', message: '파일이 그 사이에 바뀌었습니다' });
    expect(s.phase).toEqual({ kind: 'note' });
    expect(s.error).toContain('바뀌었습니다');
  });

  it('an empty queue is finished at once', () => {
    expect(begin([]).phase).toEqual({ kind: 'finished' });
  });
});

describe('undo', () => {
  it('Ctrl+Z puts the undone note back in the queue, here', () => {
    const [a, b] = [summary('a'), summary('b')];
    let s = reduce(begin([a, b]), { type: 'loaded', view: view(a, 0), at: 0 });
    s = press(s, 'Enter');
    s = reduce(s, { type: 'saved', written: written(a) });
    expect(commandFor(s, key('z', true))).toEqual({ type: 'undo' });
    s = reduce(s, { type: 'undone', path: 'a.md' });
    expect(s.done).toEqual([]);
    expect(s.queue.map((n) => n.title)).toEqual(['a', 'a', 'b']);
    expect(s.index).toBe(1);
    expect(s.phase).toEqual({ kind: 'loading' });
  });

  it('an undo of something else leaves the flow alone', () => {
    const s = begin([summary('a')]);
    expect(reduce(s, { type: 'undone', path: 'other.md' })).toBe(s);
  });
});

describe('keys', () => {
  it('Escape leaves, other keys mean nothing', () => {
    const a = summary('a');
    const s = reduce(begin([a]), { type: 'loaded', view: view(a), at: 0 });
    expect(commandFor(s, key('Escape'))).toEqual({ type: 'exit' });
    expect(commandFor(s, key('x'))).toBeNull();
    expect(commandFor(s, key('S'))).toEqual({ type: 'skip' });
  });
});

describe('what the backend says about the note', () => {
  it('sends where the note stood when the review began', () => {
    const a = summary('a');
    let s = reduce(begin([a]), { type: 'loaded', view: view(a, 0), at: 1_000 });
    s = press(s, 'Enter');
    expect(reviewInput(s, 43_000, false, false)).toEqual({
      grades: [], seconds: 42, long_term: false, early: false, answer_ms: [],
      seen: { step: 'd4', flags: { d1: true, d4: false, d7: false, d14: false, long_term: false } },
    });
  });

  it('times each answer from its question shown to its grade', () => {
    const a = summary('a');
    let s = reduce(begin([a]), { type: 'loaded', view: view(a, 2), at: 1_000 });
    s = reduce(s, { type: 'reveal' });
    s = reduce(s, { type: 'grade', grade: 'unsure', at: 6_500 });
    s = reduce(s, { type: 'reveal' });
    s = reduce(s, { type: 'grade', grade: 'remembered', at: 9_000 });
    expect(s.phase).toEqual({ kind: 'note' });
    expect(reviewInput(s, 20_000, false, false).answer_ms).toEqual([5_500, 2_500]);
    expect(reviewInput(s, 20_000, false, false).grades).toEqual(['unsure', 'remembered']);
  });

  it('sets a note reviewed elsewhere aside and goes on', () => {
    const [a, b] = [summary('a'), summary('b')];
    let s = reduce(begin([a, b]), { type: 'loaded', view: view(a, 0), at: 0 });
    s = reduce(press(s, 'Enter'), { type: 'elsewhere', message: 'a.md: 이미 다른 곳에서 복습했습니다' });
    expect(s.elsewhere).toEqual([{ title: 'a', message: 'a.md: 이미 다른 곳에서 복습했습니다' }]);
    expect(s.done).toEqual([]);
    expect(s.index).toBe(1);
    expect(s.phase).toEqual({ kind: 'loading' });
  });

  it('asks before an early review; Enter confirms, S skips', () => {
    const a = summary('a', 'd14');
    let s = reduce(begin([a]), { type: 'loaded', view: view(a, 0), at: 0 });
    s = reduce(press(s, 'l'), { type: 'not_due', message: '아직입니다', longTerm: true });
    expect(s.phase).toEqual({ kind: 'early', message: '아직입니다', longTerm: true });
    expect(commandFor(s, key('Enter'))).toEqual({ type: 'complete', longTerm: true, early: true });
    expect(press(s, 'Enter').phase).toEqual({ kind: 'saving' });
    expect(press(s, 's').skipped.map((n) => n.title)).toEqual(['a']);
  });
});
