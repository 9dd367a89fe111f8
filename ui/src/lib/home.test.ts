import { describe, expect, it } from 'vitest';
import type { Agenda } from '../bindings/Agenda';
import type { NoteSummary } from '../bindings/NoteSummary';
import type { Learning } from '../bindings/Learning';
import { byDay, droppedFolder, examLines, headline, planLine, restLine, stats, subline, todayShare, todayShareSize, weekBars } from './home';

function note(title: string, next_due: string | null, status: NoteSummary['status']): NoteSummary {
  return {
    path: `${title}.md`, title, kind: 'review', subject: null, textbook: null, day0: '2026-11-01', status,
    step: 'd4', flags: null, stage: '4일 복습', next_due, days_since: 27, days_late: 0, progress: 0.2,
    progress_bar: '🟩🟩⬜⬜⬜⬜⬜⬜⬜⬜ 20%', cues: 2,
  };
}

const zero = { overdue: 0, due: 0, upcoming: 0, not_started: 0, long_term: 0, plain: 0, issues: 0 };

function agenda(overrides: Partial<Agenda>): Agenda {
  return { today: '2026-11-28', today_reviews: [], upcoming: [], not_started: [], long_term: [], plain: [], issues: [], counts: zero, ...overrides };
}

describe('headline and subline', () => {
  it('counts overdue and due together', () => {
    expect(headline({ ...zero, overdue: 3, due: 4 })).toBe('오늘 복습할 노트 7개');
    expect(subline(agenda({ counts: { ...zero, overdue: 3, due: 4 } }))).toBe('밀린 복습 3개 · 오늘 예정 4개');
  });

  it('points at the next review on a free day', () => {
    expect(headline(zero)).toBe('오늘은 복습할 노트가 없어요');
    expect(subline(agenda({ upcoming: [note('TCP', '2026-11-29', 'upcoming')] }))).toBe('다음 복습은 내일 · TCP');
    expect(subline(agenda({ upcoming: [note('DNS', '2026-12-02', 'upcoming')] }))).toBe('다음 복습은 4일 뒤 · DNS');
    expect(subline(agenda({}))).toBe('');
  });
});

describe('stats', () => {
  it('lists every group in reading order', () => {
    const s = stats({ ...zero, overdue: 1, plain: 9 });
    expect(s.map((x) => x.label)).toEqual(['밀린 복습', '오늘', '예정', '시작 전', '장기기억', '일반 노트']);
    expect(s[0].value).toBe(1);
    expect(s[5].value).toBe(9);
  });
});

describe('byDay', () => {
  it('groups consecutive notes of the same day', () => {
    const groups = byDay(
      [note('a', '2026-11-29', 'upcoming'), note('b', '2026-11-29', 'upcoming'), note('c', '2026-12-05', 'upcoming')],
      '2026-11-28',
    );
    expect(groups.map((g) => [g.label, g.notes.length])).toEqual([
      ['11월 29일 (일) · 내일', 2],
      ['12월 5일 (토) · 7일 뒤', 1],
    ]);
  });
});

describe('droppedFolder', () => {
  it('takes the first dropped path', () => {
    expect(droppedFolder(['/home/me/vault', '/x'])).toBe('/home/me/vault');
    expect(droppedFolder([])).toBeNull();
  });
});

describe('the plan on the home screen', () => {
  const notes = ['a', 'b', 'c', 'd'].map((t) => note(t, '2026-11-20', 'overdue'));
  const learning = (today: string[], deferred: number): Learning => ({
    plan: {
      limit: { unit: 'notes', value: 2 }, deferred, exams: [],
      days: [
        { date: '2026-11-28', kind: 'normal', notes: today, minutes: 8, moved: [] },
        { date: '2026-11-29', kind: 'normal', notes: ['a.md', 'b.md'], minutes: 8, moved: [] },
      ],
    },
    week: [0, 1, 2, 3, 4, 5, 6].map((i) => ({ date: `2026-12-0${i + 1}`, notes: 2, minutes: i === 0 ? 8 : i })),
    weak: 3, known: 10, answer_seconds: 30, measured: false, on_break: null, later_days: 1,
  });

  it('keeps to today\'s share in the plan\'s order when the plan moved some to later days', () => {
    const a = agenda({ today_reviews: notes });
    expect(todayShare(a, null)).toBe(notes);
    expect(todayShare(a, learning(['a.md', 'b.md', 'c.md', 'd.md'], 0))).toBe(notes);
    expect(todayShare(a, learning(['d.md', 'c.md'], 2)).map((n) => n.title)).toEqual(['d', 'c']);
    // A first page holds a few of today's reviews; the size comes from the counts and the plan.
    const first = agenda({ today_reviews: notes.slice(0, 1), counts: { ...a.counts, overdue: 4 } });
    expect(todayShareSize(first, null)).toBe(4);
    expect(todayShareSize(first, learning(['a.md', 'b.md', 'c.md', 'd.md'], 0))).toBe(4);
    expect(todayShareSize(first, learning(['d.md', 'c.md'], 2))).toBe(2);
    expect(planLine(learning(['d.md', 'c.md'], 2))).toBe('오늘은 2개만 · 나머지 2개는 다음 1일에');
    expect(planLine(learning([], 0))).toBeNull();
  });

  it('brings a note planned early off tomorrow\'s free day into today\'s share, and says what a break holds', () => {
    const sunday = note('sunday', '2026-11-29', 'upcoming');
    const a = agenda({ today_reviews: notes.slice(0, 2), upcoming: [sunday] });
    const early = learning(['a.md', 'sunday.md', 'b.md'], 0);
    early.plan.days[0].moved = [{ path: 'sunday.md', due: '2026-11-29', early: true }];
    expect(todayShare(a, early).map((n) => n.title)).toEqual(['a', 'sunday', 'b']);
    expect(todayShareSize(a, early)).toBe(3);
    expect(restLine(early)).toBeNull();
    const onBreak = { ...learning([], 0), on_break: { to: '2026-12-01', back: '2026-12-02', waiting: 45, days: 3 } };
    onBreak.plan.days[0].kind = 'break';
    expect(planLine({ ...onBreak, plan: { ...onBreak.plan, deferred: 45 } }), 'the rest line says it').toBeNull();
    expect(restLine(onBreak)).toBe('쉬는 중 · 12월 1일 (화)까지 · 복습 45개가 12월 2일 (수)부터 3일에 나뉘어 기다립니다');
    expect(restLine({ ...onBreak, on_break: { ...onBreak.on_break, waiting: 0, days: 0 } })).toBe('쉬는 중 · 12월 1일 (화)까지 · 기다리는 복습은 없습니다');
    const free = learning([], 2);
    free.plan.days[0].kind = 'free';
    expect(restLine(free)).toBe('오늘은 쉬는 요일입니다: 잡힌 복습이 없습니다');
    free.plan.days[0].kind = 'light';
    expect(restLine(free)).toBe('오늘은 가벼운 날: 하루 한도의 절반만 잡았습니다');
  });

  it('draws the week\'s minutes against the busiest day and says how an exam stands', () => {
    const bars = weekBars(learning([], 0), '2026-12-01');
    expect(bars[0]).toMatchObject({ label: '오늘', minutes: 8, share: 1 });
    expect(bars[4].share).toBe(0.5);
    const exam = { name: 'SysOps', date: '2026-12-07', days_left: 9, covered: 63, reviewed: 41, remaining: 22, days: 9, fits: true, minutes_needed: null, notes_needed: null };
    expect(examLines(exam)).toEqual({ countdown: 'D-9', coverage: '63개 중 41개 복습함 · 남은 22개를 9일에', warning: null });
    const short = examLines({ ...exam, fits: false, minutes_needed: 40, notes_needed: 12, days_left: 0 });
    expect(short.countdown).toBe('오늘 시험');
    expect(short.warning).toBe('한도 안에 다 들어가지 않습니다: 하루 40분(12개)이 필요합니다');
    expect(examLines({ ...exam, covered: 0 }).coverage).toMatch(/이 시험이 다루는 노트가 없습니다/);
  });
});
