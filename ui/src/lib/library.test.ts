import { describe, expect, it } from 'vitest';
import type { NoteSummary } from '../bindings/NoteSummary';
import { ALL, facets, filter, index, narrowed, NONE, select, sort, sorted, stageOf, type Criteria } from './library';

function note(title: string, over: Partial<NoteSummary> = {}): NoteSummary {
  return {
    path: `${over.subject ?? '기타'}/${title}.md`, title, kind: 'review', subject: null, textbook: null, day0: '2026-11-01',
    status: 'upcoming', step: 'd4', flags: null, stage: '4일 복습', next_due: '2026-12-01', days_since: 27, days_late: 0,
    progress: 0.2, progress_bar: null, cues: 2, ...over,
  };
}

const notes = [
  note('TCP', { subject: '네트워크', textbook: '하향식', status: 'overdue', next_due: '2026-11-20', progress: 0.4 }),
  note('UDP', { subject: '네트워크', textbook: '하향식', status: 'due', next_due: '2026-11-28', step: 'd1', progress: 0 }),
  note('페이징', { subject: '운영체제', textbook: 'OSTEP', status: 'upcoming', next_due: '2026-12-05', step: 'd14', day0: '2026-11-21' }),
  note('AMI', { subject: 'AWS', status: 'long_term', step: null, next_due: null, progress: 1 }),
  note('IAM', { subject: 'AWS', status: 'not_started', step: 'd1', next_due: null, day0: null, progress: 0 }),
  note('메모', { kind: 'plain', subject: null, status: null, step: null, next_due: null, day0: null, progress: null }),
  note('빈 과목', { subject: '  ', textbook: null, status: 'upcoming', step: 'extra', next_due: '2027-01-01' }),
];
const entries = index(notes);
const titles = (list: { note: NoteSummary }[]) => list.map((e) => e.note.title);
const where = (c: Partial<Criteria>, bodies?: Set<string>) => titles(select(entries, { ...ALL, sort: 'title', ...c }, bodies));

describe('stages', () => {
  it('are the next step, or where the note stands', () => {
    expect(notes.map(stageOf)).toEqual(['d4', 'd1', 'd14', 'long_term', 'not_started', 'plain', 'extra']);
  });
});

describe('facets', () => {
  it('count notes per subject, most first (ties in Korean order), notes without one under 없음 last', () => {
    expect(facets(entries, 'subject')).toEqual([
      { value: '네트워크', count: 2 },
      { value: 'AWS', count: 2 },
      { value: '운영체제', count: 1 },
      { value: NONE, count: 2 },
    ]);
    expect(facets(entries, 'textbook').at(-1)).toEqual({ value: NONE, count: 4 });
  });
});

describe('filters', () => {
  it('by subject, textbook, stage and status, together', () => {
    expect(where({ subject: '네트워크' })).toEqual(['TCP', 'UDP']);
    expect(where({ subject: NONE })).toEqual(['메모', '빈 과목']);
    expect(where({ subject: 'AWS' })).toEqual(['AMI', 'IAM']);
    expect(where({ textbook: 'OSTEP' })).toEqual(['페이징']);
    expect(where({ stage: 'd1' })).toEqual(['UDP']);
    expect(where({ state: 'plain' })).toEqual(['메모']);
    expect(where({ subject: 'AWS', state: 'long_term' })).toEqual(['AMI']);
    expect(where({ subject: '네트워크', stage: 'd14' })).toEqual([]);
  });

  it('finds every word in titles, paths, subjects and textbooks, in any case', () => {
    expect(where({ query: 'tcp' })).toEqual(['TCP']);
    expect(where({ query: '네트워크 udp' })).toEqual(['UDP']);
    expect(where({ query: 'ostep' })).toEqual(['페이징']);
    expect(where({ query: '  ' })).toHaveLength(notes.length);
    expect(where({ query: '없는말' })).toEqual([]);
  });

  it('adds the notes whose body the backend found', () => {
    const bodies = new Set(['운영체제/페이징.md', 'AWS/AMI.md']);
    expect(where({ query: 'tlb' }, bodies)).toEqual(['페이징', 'AMI']);
    expect(where({ query: 'tlb', subject: 'AWS' }, bodies)).toEqual(['AMI']);
  });

  it('says when anything narrows the list', () => {
    expect(narrowed(ALL)).toBe(false);
    expect(narrowed({ ...ALL, query: ' ' })).toBe(false);
    expect(narrowed({ ...ALL, stage: 'd1' })).toBe(true);
  });
});

describe('sorting', () => {
  it('by due date, the most overdue first and unscheduled last, then by title', () => {
    expect(titles(sort(entries, 'due'))).toEqual(['TCP', 'UDP', '페이징', '빈 과목', '메모', 'AMI', 'IAM']);
  });

  it('by first study (newest first), title in Korean order (Hangul, then Latin), progress (least first)', () => {
    expect(titles(sort(entries, 'first')).slice(0, 1)).toEqual(['페이징']);
    expect(titles(sort(entries, 'title'))).toEqual(['메모', '빈 과목', '페이징', 'AMI', 'IAM', 'TCP', 'UDP']);
    expect(titles(sort(entries, 'progress'))).toEqual(['메모', 'IAM', 'UDP', '빈 과목', '페이징', 'TCP', 'AMI']);
  });

  it('keeps each order once made, and filters keep it', () => {
    expect(sorted(entries, 'due')).toBe(sorted(entries, 'due'));
    expect(titles(filter(sorted(entries, 'due'), { ...ALL, subject: '네트워크' }))).toEqual(['TCP', 'UDP']);
  });
});

describe('a long subject or an emoji', () => {
  it('is a subject like any other', () => {
    const long = 'ㄱ'.repeat(200);
    const odd = index([note('x', { subject: long }), note('y', { subject: '🧪 화학' })]);
    expect(facets(odd, 'subject').map((f) => f.value)).toEqual([long, '🧪 화학'].sort((a, b) => a.localeCompare(b, 'ko')));
    expect(titles(filter(odd, { ...ALL, subject: '🧪 화학' }))).toEqual(['y']);
  });
});
