// The calendar screen's layout: a month as weeks of days (starting Sunday or Monday), and the
// next 30 days as bars. The numbers of each day (planned, done, missed) come from the backend.
import type { DayCount } from '../bindings/DayCount';
import type { Plan } from '../bindings/Plan';
import type { WeekStart } from '../bindings/WeekStart';
import { addDays, dayNumber, iso, weekday } from './format';

export interface Cell {
  date: string;
  /** The day belongs to the month shown (not a neighbour filling the first or last week). */
  inMonth: boolean;
}

/** How many days month `m` (1–12) of year `y` has. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Month `m` of `y` as whole weeks starting on `weekStart`, with the neighbouring months' days
 * filling the first and last week. */
export function monthGrid(y: number, m: number, weekStart: WeekStart): Cell[][] {
  const first = iso(y, m, 1);
  const shift = (weekday(first) - (weekStart === 'monday' ? 1 : 0) + 7) % 7;
  const start = addDays(first, -shift);
  const last = iso(y, m, daysInMonth(y, m));
  const weeks: Cell[][] = [];
  for (let day = start; dayNumber(day) <= dayNumber(last); ) {
    const week: Cell[] = [];
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) {
      week.push({ date: day, inMonth: dayNumber(day) >= dayNumber(first) && dayNumber(day) <= dayNumber(last) });
    }
    weeks.push(week);
  }
  return weeks;
}

/** The first and last day a month's grid shows. */
export function gridRange(grid: Cell[][]): { from: string; to: string } {
  return { from: grid[0][0].date, to: grid.at(-1)!.at(-1)!.date };
}

/** The month after (`+1`) or before (`-1`) `y`-`m`. */
export function shiftMonth(y: number, m: number, by: number): { y: number; m: number } {
  const n = y * 12 + (m - 1) + by;
  return { y: Math.floor(n / 12), m: (n % 12) + 1 };
}

export interface Bar {
  date: string;
  value: number;
  /** Height as a share of the tallest bar, 0–1. */
  share: number;
}

/** `days` days from `from` as bars of the planned count, days missing from `counts` at 0. */
export function forecastBars(counts: DayCount[], from: string, days: number, value: (c: DayCount) => number = (c) => c.planned): Bar[] {
  const by = new Map(counts.map((c) => [c.date, value(c)]));
  const bars = Array.from({ length: days }, (_, i) => {
    const date = addDays(from, i);
    return { date, value: by.get(date) ?? 0, share: 0 };
  });
  const max = Math.max(0, ...bars.map((b) => b.value));
  for (const b of bars) b.share = max ? b.value / max : 0;
  return bars;
}

/** How a day reads on the grid: what to show and how loudly. */
export type Tone = 'past' | 'today' | 'future';

export function toneOf(date: string, today: string): Tone {
  const d = dayNumber(date) - dayNumber(today);
  return d < 0 ? 'past' : d === 0 ? 'today' : 'future';
}

/** A load level 0–4 for a planned count, relative to the busiest day shown. */
export function load(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((4 * value) / max)));
}

/** The same day of the month `by` months away, or that month's last day when it is shorter
 * (31 January + 1 month is 28 or 29 February). */
export function sameDayIn(date: string, by: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = shiftMonth(y, m, by);
  return iso(next.y, next.m, Math.min(d, daysInMonth(next.y, next.m)));
}

/** What the plan makes of a day besides an ordinary one: free (an easy weekday off), in the
 * break, or light (half the daily limit); null for a normal day or one the plan does not list. */
export type Rest = 'free' | 'break' | 'light' | null;

export function restOf(plan: Plan | null, date: string): Rest {
  const kind = plan?.days.find((d) => d.date === date)?.kind;
  return kind && kind !== 'normal' ? kind : null;
}

/** Whether the plan differs from the ladder: it moved reviews (over the limit, off a free day,
 * out of the break) or the week has easy days. Only then are its days worth showing. */
export function planShapes(plan: Plan | null): boolean {
  return !!plan && (plan.deferred > 0 || plan.days.some((d) => d.moved.length > 0 || d.kind !== 'normal'));
}

/** A note the plan puts on a day, and whether it comes early (before its own day, chosen) or
 * late (after it, catching up). */
export interface PlannedNote {
  path: string;
  shift: 'early' | 'late' | null;
  due: string | null;
}

/** The plan's notes on `date` (from today on), when the plan differs from the ladder. */
export function plannedOn(plan: Plan | null, date: string, today: string): PlannedNote[] {
  if (!planShapes(plan) || date < today) return [];
  const day = plan?.days.find((d) => d.date === date);
  if (!day) return [];
  const moved = new Map(day.moved.map((m) => [m.path, m]));
  return day.notes.map((path) => {
    const m = moved.get(path);
    return { path, shift: m ? (m.early ? 'early' : 'late') : null, due: m?.due ?? null };
  });
}
