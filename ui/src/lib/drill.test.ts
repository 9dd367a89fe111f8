import { describe, expect, it } from 'vitest';
import type { WeakQuestion } from '../bindings/WeakQuestion';
import { beginDrill, currentQuestion, drillCommandFor, drillSummary, recallText, reduceDrill } from './drill';

const q = (path: string, index = 0): WeakQuestion => ({
  path, title: path.replace('.md', ''), index, question: `${path} ${index}?`, question_html: `${path} ${index}?`,
  answer_html: '<p>답</p>', recall: 0.2, last_grade: 'forgot', last_at: '2024-10-20T09:00:00', answers: 1,
});
const key = (k: string) => ({ key: k });

describe('the drill', () => {
  it('shows, grades and times each question, one after another, then sums up', () => {
    let s = reduceDrill(beginDrill(), { type: 'loaded', questions: [q('a.md'), q('b.md'), q('c.md')], at: 1_000 });
    expect(currentQuestion(s)?.path).toBe('a.md');
    expect(drillCommandFor(s, key('1'))).toBeNull();
    expect(drillCommandFor(s, key(' '))).toEqual({ type: 'reveal' });
    s = reduceDrill(s, { type: 'reveal' });
    expect(drillCommandFor(s, key('3'))).toEqual({ type: 'grade', grade: 'forgot' });
    s = reduceDrill(s, { type: 'grade', grade: 'forgot', at: 5_000 });
    expect(s.phase).toEqual({ kind: 'saving', grade: 'forgot', ms: 4_000 });
    expect(drillCommandFor(s, key('1'))).toBeNull();
    s = reduceDrill(s, { type: 'saved', at: 5_100 });
    expect(currentQuestion(s)?.path).toBe('b.md');
    s = reduceDrill(s, { type: 'skip', at: 6_000 });
    s = reduceDrill(reduceDrill(s, { type: 'reveal' }), { type: 'grade', grade: 'remembered', at: 8_000 });
    s = reduceDrill(s, { type: 'saved', at: 8_000 });
    expect(s.phase).toEqual({ kind: 'finished' });
    expect(s.graded.map((g) => [g.question.path, g.grade, g.ms])).toEqual([['a.md', 'forgot', 4_000], ['c.md', 'remembered', 2_000]]);
    expect(s.skipped).toBe(1);
    expect(drillSummary(s)).toEqual({ remembered: 1, unsure: 0, forgot: 1 });
  });

  it('keeps the question when a grade cannot be kept, and says nothing is weak when nothing is', () => {
    let s = reduceDrill(beginDrill(), { type: 'loaded', questions: [q('a.md')], at: 0 });
    s = reduceDrill(reduceDrill(s, { type: 'reveal' }), { type: 'grade', grade: 'unsure', at: 10 });
    s = reduceDrill(s, { type: 'failed', message: '볼트에 없는 노트입니다' });
    expect(s.phase).toEqual({ kind: 'question', revealed: true });
    expect(s.error).toBe('볼트에 없는 노트입니다');
    expect(reduceDrill(beginDrill(), { type: 'loaded', questions: [], at: 0 }).phase).toEqual({ kind: 'empty' });
    expect(drillCommandFor(s, key('Escape'))).toEqual({ type: 'exit' });
    expect(recallText(0.234)).toBe('23%');
  });
});
