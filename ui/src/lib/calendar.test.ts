import { describe, expect, it } from 'vitest';
import type { Day } from '../bindings/Day';
import type { Plan } from '../bindings/Plan';
import { daysInMonth, forecastBars, gridRange, load, monthGrid, plannedOn, planShapes, restOf, sameDayIn, shiftMonth, toneOf } from './calendar';
import { weekday } from './format';

describe('month grid', () => {
  it('has whole weeks starting on Sunday or Monday, with the neighbours greyed', () => {
    // November 2026 starts on a Sunday and has 30 days.
    const sunday = monthGrid(2026, 11, 'sunday');
    expect(sunday).toHaveLength(5);
    expect(sunday[0][0]).toEqual({ date: '2026-11-01', inMonth: true });
    expect(sunday.at(-1)!.at(-1)).toEqual({ date: '2026-12-05', inMonth: false });
    const monday = monthGrid(2026, 11, 'monday');
    expect(monday).toHaveLength(6);
    expect(monday[0][0]).toEqual({ date: '2026-10-26', inMonth: false });
    expect(monday[0][6]).toEqual({ date: '2026-11-01', inMonth: true });
    expect(gridRange(monday)).toEqual({ from: '2026-10-26', to: '2026-12-06' });
  });

  it('handles months of 28, 29, 30 and 31 days', () => {
    // February 2026: 28 days from a Sunday, four exact weeks.
    expect(monthGrid(2026, 2, 'sunday')).toHaveLength(4);
    expect(monthGrid(2026, 2, 'monday')).toHaveLength(5);
    for (const [y, m, days] of [[2026, 2, 28], [2024, 2, 29], [2100, 2, 28], [2000, 2, 29], [2026, 4, 30], [2026, 8, 31], [2026, 12, 31]]) {
      expect(daysInMonth(y, m), `${y}-${m}`).toBe(days);
      for (const start of ['sunday', 'monday'] as const) {
        const grid = monthGrid(y, m, start);
        const cells = grid.flat();
        expect(cells.filter((c) => c.inMonth)).toHaveLength(days);
        expect(cells.length % 7).toBe(0);
        for (const week of grid) expect(weekday(week[0].date)).toBe(start === 'sunday' ? 0 : 1);
        // Every day once, in order.
        for (let i = 1; i < cells.length; i++) expect(cells[i].date > cells[i - 1].date).toBe(true);
      }
    }
  });

  it('moves by months across years, and keeps the day where it can', () => {
    expect(shiftMonth(2026, 12, 1)).toEqual({ y: 2027, m: 1 });
    expect(shiftMonth(2026, 1, -1)).toEqual({ y: 2025, m: 12 });
    expect(shiftMonth(2026, 5, -17)).toEqual({ y: 2024, m: 12 });
    expect(sameDayIn('2024-01-31', 1)).toBe('2024-02-29');
    expect(sameDayIn('2026-03-31', -1)).toBe('2026-02-28');
    expect(sameDayIn('2026-11-15', 2)).toBe('2027-01-15');
  });
});

describe('forecast', () => {
  it('fills days without reviews and scales to the busiest', () => {
    const bars = forecastBars(
      [{ date: '2026-11-29', planned: 4, done: 0, missed: 0 }, { date: '2026-12-01', planned: 2, done: 0, missed: 0 }],
      '2026-11-29',
      30,
    );
    expect(bars).toHaveLength(30);
    expect(bars.slice(0, 3).map((b) => [b.date, b.value, b.share])).toEqual([
      ['2026-11-29', 4, 1],
      ['2026-11-30', 0, 0],
      ['2026-12-01', 2, 0.5],
    ]);
    expect(bars.at(-1)!.date).toBe('2026-12-28');
    expect(forecastBars([], '2026-11-29', 30).every((b) => b.share === 0)).toBe(true);
  });

  it('marks past, today and future, and loads in four steps', () => {
    expect(['2026-11-28', '2026-11-29', '2026-11-30'].map((d) => toneOf(d, '2026-11-29'))).toEqual(['past', 'today', 'future']);
    expect([0, 1, 3, 5, 8, 9].map((v) => load(v, 8))).toEqual([0, 1, 2, 3, 4, 4]);
    expect(load(3, 0)).toBe(0);
  });
});

describe('the plan on the calendar', () => {
  const day = (date: string, kind: Day['kind'], notes: string[] = [], moved: Day['moved'] = []): Day => ({ date, kind, notes, minutes: notes.length * 2, moved });
  const plan = (days: Day[], deferred = 0): Plan => ({ limit: { unit: 'notes', value: 20 }, days, deferred, exams: [] });

  it('marks free days, the break and light days, and nothing on a flat week', () => {
    const week = plan([day('2026-12-05', 'light', ['a.md']), day('2026-12-06', 'free'), day('2026-12-07', 'break'), day('2026-12-08', 'normal')]);
    expect(['2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2027-01-01'].map((d) => restOf(week, d))).toEqual(['light', 'free', 'break', null, null]);
    expect(planShapes(week)).toBe(true);
    const flat = plan([day('2026-12-05', 'normal', ['a.md'])]);
    expect(planShapes(flat)).toBe(false);
    expect(plannedOn(flat, '2026-12-05', '2026-12-05')).toEqual([]);
    expect(restOf(null, '2026-12-05')).toBe(null);
  });

  it('says which notes come early and which late', () => {
    const p = plan([
      day('2026-12-05', 'normal', ['early.md', 'plain.md', 'late.md'], [
        { path: 'early.md', due: '2026-12-06', early: true },
        { path: 'late.md', due: '2026-12-03', early: false },
      ]),
    ]);
    expect(plannedOn(p, '2026-12-05', '2026-12-05')).toEqual([
      { path: 'early.md', shift: 'early', due: '2026-12-06' },
      { path: 'plain.md', shift: null, due: null },
      { path: 'late.md', shift: 'late', due: '2026-12-03' },
    ]);
    expect(plannedOn(p, '2026-12-05', '2026-12-06'), 'a past day').toEqual([]);
  });
});
