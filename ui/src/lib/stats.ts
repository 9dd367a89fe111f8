// The statistics: a year of reviews as a heatmap, streaks of days with reviews, and the notes
// counted by stage and by subject. Reviews per day come from the backend's log; notes from the
// agenda.
import type { ReviewDay } from '../bindings/ReviewDay';
import type { WeekStart } from '../bindings/WeekStart';
import { addDays, dayNumber, weekday } from './format';
import { NONE, STAGES, type Entry, type Stage } from './library';

export interface HeatCell {
  date: string;
  reviews: number;
  /** 0 (none) to 4 (the busiest days). */
  level: number;
  /** After today: drawn empty. */
  future: boolean;
}

/** The level of a day with `reviews` reviews when the busiest day had `max`: quarters of the
 * maximum, so one busy day does not make every other day look empty. */
export function bucket(reviews: number, max: number): number {
  if (reviews <= 0) return 0;
  if (max <= 0) return 1;
  return Math.min(4, Math.max(1, Math.ceil((reviews / max) * 4)));
}

/** The weeks (columns, oldest first) of the 12 months up to `today`, each of 7 days from
 * `weekStart`; the last week runs past today. */
export function heatmap(days: ReviewDay[], today: string, weekStart: WeekStart): HeatCell[][] {
  const by = new Map(days.map((d) => [d.date, d.reviews]));
  const yearAgo = addDays(today, -364);
  const shift = (weekday(yearAgo) - (weekStart === 'monday' ? 1 : 0) + 7) % 7;
  const start = addDays(yearAgo, -shift);
  const inRange = [...by].filter(([d]) => d >= start && d <= today);
  const max = Math.max(0, ...inRange.map(([, n]) => n));
  const weeks: HeatCell[][] = [];
  for (let day = start; dayNumber(day) <= dayNumber(today); ) {
    const week: HeatCell[] = [];
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) {
      const reviews = by.get(day) ?? 0;
      week.push({ date: day, reviews, level: bucket(reviews, max), future: day > today });
    }
    weeks.push(week);
  }
  return weeks;
}

export interface Streaks {
  /** Days in a row with reviews up to today, or up to yesterday while today has none yet. */
  current: number;
  /** The most days in a row with reviews, ever. */
  longest: number;
  /** Whether today already counts. */
  today: boolean;
}

export function streaks(days: ReviewDay[], today: string): Streaks {
  const on = [...new Set(days.filter((d) => d.reviews > 0 && d.date <= today).map((d) => dayNumber(d.date)))].sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < on.length; i++) {
    run = i > 0 && on[i] === on[i - 1] + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  const t = dayNumber(today);
  const set = new Set(on);
  const reviewedToday = set.has(t);
  let current = 0;
  for (let d = reviewedToday ? t : t - 1; set.has(d); d--) current++;
  return { current, longest, today: reviewedToday };
}

/** Reviews per day over the `n` days up to today, oldest first, days without reviews at 0. */
export function lastDays(days: ReviewDay[], today: string, n: number): { date: string; value: number }[] {
  const by = new Map(days.map((d) => [d.date, d.reviews]));
  return Array.from({ length: n }, (_, i) => {
    const date = addDays(today, i - n + 1);
    return { date, value: by.get(date) ?? 0 };
  });
}

/** How many notes are at each stage, in ladder order, stages without notes left out. */
export function byStage(entries: Entry[]): { stage: Stage; count: number }[] {
  const counts = new Map<Stage, number>();
  for (const e of entries) counts.set(e.stage, (counts.get(e.stage) ?? 0) + 1);
  return STAGES.filter((s) => counts.has(s)).map((stage) => ({ stage, count: counts.get(stage)! }));
}

export interface SubjectRow {
  /** The subject, or `NONE`. */
  subject: string;
  notes: number;
  /** Review notes late today. */
  overdue: number;
  /** Review notes (not plain). */
  reviewing: number;
}

/** Notes per subject with how many are overdue: the most overdue first, then the most notes. */
export function bySubject(entries: Entry[]): SubjectRow[] {
  const rows = new Map<string, SubjectRow>();
  for (const e of entries) {
    const subject = e.note.subject?.trim() || NONE;
    const row = rows.get(subject) ?? { subject, notes: 0, overdue: 0, reviewing: 0 };
    row.notes++;
    if (e.state === 'overdue') row.overdue++;
    if (e.state !== 'plain') row.reviewing++;
    rows.set(subject, row);
  }
  return [...rows.values()].sort(
    (a, b) => (a.subject === NONE ? 1 : 0) - (b.subject === NONE ? 1 : 0) || b.overdue - a.overdue || b.notes - a.notes || a.subject.localeCompare(b.subject, 'ko'),
  );
}

/** The heatmap's month labels: each month (1–12) with how many week columns it heads, from the
 * week holding its first day to the week before the next month's; the weeks before the first
 * month start head nothing (`month` 0). */
export function monthSpans(weeks: HeatCell[][]): { month: number; span: number }[] {
  const spans: { month: number; span: number }[] = [];
  for (const week of weeks) {
    const first = week.find((c) => c.date.endsWith('-01'));
    if (first || spans.length === 0) spans.push({ month: first ? Number(first.date.slice(5, 7)) : 0, span: 1 });
    else spans[spans.length - 1].span++;
  }
  return spans;
}
