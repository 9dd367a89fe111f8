import { describe, expect, it } from 'vitest';
import type { NoteSummary } from '../bindings/NoteSummary';
import { weekday } from './format';
import { index, NONE } from './library';
import { bucket, byStage, bySubject, heatmap, lastDays, monthSpans, streaks } from './stats';

const day = (date: string, reviews: number) => ({ date, reviews, seconds: 0 });

describe('heatmap', () => {
  it('buckets days by quarters of the busiest', () => {
    expect([0, 1, 2, 3, 5, 6, 8, 12].map((n) => bucket(n, 8))).toEqual([0, 1, 1, 2, 3, 3, 4, 4]);
    expect(bucket(1, 1)).toBe(4);
    expect(bucket(0, 0)).toBe(0);
  });

  it('covers the year up to today in weeks from the week start', () => {
    const today = '2026-11-29'; // a Sunday
    const days = [day('2026-11-29', 4), day('2026-11-28', 2), day('2025-12-01', 1), day('2020-01-01', 99)];
    for (const start of ['sunday', 'monday'] as const) {
      const weeks = heatmap(days, today, start);
      expect(weeks.every((w) => w.length === 7)).toBe(true);
      expect(weekday(weeks[0][0].date)).toBe(start === 'sunday' ? 0 : 1);
      const cells = weeks.flat();
      expect(cells.some((c) => c.date === today)).toBe(true);
      expect(cells[0].date <= '2025-11-30').toBe(true);
      // The old busy day is out of range: it does not dim this year's.
      expect(cells.find((c) => c.date === today)!.level).toBe(4);
      expect(cells.find((c) => c.date === '2026-11-28')!.level).toBe(2);
      expect(cells.filter((c) => c.future).every((c) => c.date > today)).toBe(true);
    }
    // Weeks from Sunday: the last week runs six days past this Sunday; from Monday it ends today.
    expect(heatmap(days, today, 'sunday').at(-1)!.filter((c) => c.future)).toHaveLength(6);
    expect(heatmap(days, today, 'monday').at(-1)!.filter((c) => c.future)).toHaveLength(0);
  });

  it('labels months where they start', () => {
    const weeks = heatmap([], '2026-11-29', 'sunday');
    const spans = monthSpans(weeks);
    expect(spans.reduce((s, x) => s + x.span, 0)).toBe(weeks.length);
    // December 2025 to November 2026, and the coming December in the last week, too narrow to label.
    expect(spans.filter((s) => s.month).map((s) => s.month)).toEqual([12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(spans.at(-1)!.span).toBe(1);
  });
});

describe('streaks', () => {
  it('counts up to today, or up to yesterday while today has no review yet', () => {
    const days = [day('2026-11-25', 1), day('2026-11-26', 3), day('2026-11-27', 1), day('2026-11-28', 2)];
    expect(streaks(days, '2026-11-28')).toEqual({ current: 4, longest: 4, today: true });
    expect(streaks(days, '2026-11-29')).toEqual({ current: 4, longest: 4, today: false });
    expect(streaks(days, '2026-11-30')).toEqual({ current: 0, longest: 4, today: false });
  });

  it('breaks at a gap and keeps the longest run', () => {
    const days = [
      day('2026-10-01', 1), day('2026-10-02', 1), day('2026-10-03', 1), day('2026-10-04', 1), day('2026-10-05', 1),
      day('2026-11-27', 1), day('2026-11-29', 1), day('2026-11-30', 0),
    ];
    expect(streaks(days, '2026-11-29')).toEqual({ current: 1, longest: 5, today: true });
    expect(streaks([], '2026-11-29')).toEqual({ current: 0, longest: 0, today: false });
    // Days after today (a clock moved back) do not count.
    expect(streaks([day('2026-12-01', 1)], '2026-11-29').longest).toBe(0);
  });

  it('lists the last days with zeros', () => {
    const last = lastDays([day('2026-11-29', 3), day('2026-11-01', 9)], '2026-11-29', 30);
    expect(last).toHaveLength(30);
    expect(last[0]).toEqual({ date: '2026-10-31', value: 0 });
    expect(last.at(-1)).toEqual({ date: '2026-11-29', value: 3 });
    expect(last.find((d) => d.date === '2026-11-01')!.value).toBe(9);
  });
});

describe('notes counted', () => {
  const n = (title: string, over: Partial<NoteSummary>): NoteSummary => ({
    path: `${title}.md`, title, kind: 'review', subject: null, textbook: null, day0: null, status: 'upcoming', step: 'd1',
    flags: null, stage: null, next_due: null, days_since: null, days_late: 0, progress: 0, progress_bar: null, cues: 0, ...over,
  });
  const entries = index([
    n('a', { subject: '네트워크', status: 'overdue', step: 'd4' }),
    n('b', { subject: '네트워크', status: 'overdue', step: 'd4' }),
    n('c', { subject: '운영체제', status: 'upcoming', step: 'd1' }),
    n('d', { subject: '운영체제', status: 'upcoming', step: 'd7' }),
    n('e', { subject: '운영체제', kind: 'plain', status: null, step: null }),
    n('f', { subject: null, status: 'overdue', step: 'extra' }),
    n('g', { subject: 'AWS', status: 'long_term', step: null }),
  ]);

  it('by stage in ladder order', () => {
    expect(byStage(entries)).toEqual([
      { stage: 'd1', count: 1 }, { stage: 'd4', count: 2 }, { stage: 'd7', count: 1 },
      { stage: 'extra', count: 1 }, { stage: 'long_term', count: 1 }, { stage: 'plain', count: 1 },
    ]);
  });

  it('by subject, the most overdue first, 없음 last', () => {
    expect(bySubject(entries)).toEqual([
      { subject: '네트워크', notes: 2, overdue: 2, reviewing: 2 },
      { subject: '운영체제', notes: 3, overdue: 0, reviewing: 2 },
      { subject: 'AWS', notes: 1, overdue: 0, reviewing: 1 },
      { subject: NONE, notes: 1, overdue: 1, reviewing: 1 },
    ]);
  });
});
