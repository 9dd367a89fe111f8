import { describe, expect, it } from 'vitest';
import type { Agenda } from '../bindings/Agenda';
import type { NoteSummary } from '../bindings/NoteSummary';
import { byDay, droppedFolder, headline, stats, subline } from './home';

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
