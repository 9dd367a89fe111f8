// The home screen's structure: which groups to show, their titles, and what to say when empty.
// The backend decides every note's group and order; this only lays the groups out.
import type { Agenda } from '../bindings/Agenda';
import type { Counts } from '../bindings/Counts';
import type { ExamPlan } from '../bindings/ExamPlan';
import type { Learning } from '../bindings/Learning';
import type { Limit } from '../bindings/Limit';
import type { NoteSummary } from '../bindings/NoteSummary';
import { daysBetween, relativeDay, relativeDayInText, shortDate, weekday, weekdayNames } from './format';
import { t } from './locale.svelte';

/** The big line at the top of the screen. */
export function headline(counts: Counts): string {
  const todays = counts.overdue + counts.due;
  return todays === 0 ? t('home.headline_none') : t('home.headline', { n: todays });
}

/** The line under it: what today's number is made of, and what comes next. */
export function subline(agenda: Agenda): string {
  const c = agenda.counts;
  const parts: string[] = [];
  if (c.overdue > 0) parts.push(t('home.sub_overdue', { n: c.overdue }));
  if (c.due > 0) parts.push(t('home.sub_due', { n: c.due }));
  const next = agenda.upcoming[0];
  if (parts.length === 0 && next?.next_due) {
    parts.push(t('home.sub_next', { when: relativeDayInText(daysBetween(agenda.today, next.next_due)), title: next.title }));
  }
  return parts.join(' · ');
}

export interface Stat {
  id: keyof Counts;
  label: string;
  value: number;
}

/** The counters row, in the order a student reads them. */
export function stats(counts: Counts): Stat[] {
  return [
    { id: 'overdue', label: t('status.overdue'), value: counts.overdue },
    { id: 'due', label: t('day.today'), value: counts.due },
    { id: 'upcoming', label: t('status.upcoming'), value: counts.upcoming },
    { id: 'not_started', label: t('status.not_started'), value: counts.not_started },
    { id: 'long_term', label: t('status.long_term'), value: counts.long_term },
    { id: 'plain', label: t('status.plain'), value: counts.plain },
  ];
}

export interface DayGroup {
  date: string;
  label: string;
  notes: NoteSummary[];
}

/** Upcoming reviews grouped by due day, soonest first (the backend already sorted them). */
export function byDay(upcoming: NoteSummary[], today: string): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const note of upcoming) {
    if (!note.next_due) continue;
    let group = groups.at(-1);
    if (!group || group.date !== note.next_due) {
      const rel = relativeDay(daysBetween(today, note.next_due));
      group = { date: note.next_due, label: `${shortDate(note.next_due)} · ${rel}`, notes: [] };
      groups.push(group);
    }
    group.notes.push(note);
  }
  return groups;
}

/** The first path of a drop, which should be the vault folder; null for an empty drop. */
export function droppedFolder(paths: string[]): string | null {
  return paths.length > 0 ? paths[0] : null;
}

/** Today's share of the reviews: all of today's, unless the plan moved some to later days
 * (over the daily limit); then those the plan keeps for today, in its order. */
export function todayShare(agenda: Agenda, learning: Learning | null): NoteSummary[] {
  const today = plannedToday(agenda, learning);
  if (!today) return agenda.today_reviews;
  // A note moved here off a free day tomorrow is among the upcoming ones.
  const byPath = new Map([...agenda.upcoming, ...agenda.today_reviews].map((n) => [n.path, n]));
  return today.notes.map((p) => byPath.get(p)).filter((n): n is NoteSummary => n !== undefined);
}

/** How many reviews today's share holds, from the counts and the plan: right on a first page
 * too, whose lists hold each group's first rows only. */
export function todayShareSize(agenda: Agenda, learning: Learning | null): number {
  return plannedToday(agenda, learning)?.notes.length ?? agenda.counts.overdue + agenda.counts.due;
}

/** The plan's day for today when the plan moved some of today's reviews to later days, or
 * brought some here early (off a free day). */
function plannedToday(agenda: Agenda, learning: Learning | null) {
  const today = learning?.plan.days[0];
  const shaped = !!learning?.plan.deferred || !!today?.moved.some((m) => m.early);
  return shaped && today && today.date === agenda.today ? today : null;
}

/** "쉬는 중 · 10월 30일까지 · 복습 45개가 10월 31일부터 3일에 나뉘어 기다립니다" in a break, "오늘은 쉬는
 * 요일입니다" on a free day, "오늘은 가벼운 날" on a light one; else null. */
export function restLine(learning: Learning | null): string | null {
  const b = learning?.on_break;
  if (b) {
    return b.waiting
      ? t('home.break', { to: shortDate(b.to), n: b.waiting, back: shortDate(b.back), days: b.days })
      : t('home.break_nothing', { to: shortDate(b.to) });
  }
  const kind = learning?.plan.days[0]?.kind;
  return kind === 'free' ? t('home.free_today') : kind === 'light' ? t('home.light_today') : null;
}

/** "오늘은 20개 · 나머지 23개는 다음 2일에" when the plan moved reviews to later days; else null. */
export function planLine(learning: Learning | null): string | null {
  // In a break the rest line says what waits, and when.
  if (!learning?.plan.deferred || learning.on_break) return null;
  // The window gets the plan's first weeks only: the days are counted by the engine.
  const today = learning.plan.days[0];
  return t('home.plan_share', { n: today?.notes.length ?? 0, later: learning.plan.deferred, days: learning.later_days });
}

/** The daily limit as words: "노트 20개", "45분". */
export function limitText(limit: Limit): string {
  return limit.unit === 'notes' ? t('home.limit_notes', { n: limit.value }) : t('home.limit_minutes', { n: limit.value });
}

export interface WeekBar {
  date: string;
  label: string;
  minutes: number;
  /** Share of the busiest day, 0–1. */
  share: number;
}

/** The week's minutes as bars: today and the next six days. */
export function weekBars(learning: Learning, today: string): WeekBar[] {
  const most = Math.max(1, ...learning.week.map((d) => d.minutes));
  return learning.week.map((d) => ({
    date: d.date,
    label: d.date === today ? t('day.today') : weekdayShort(d.date),
    minutes: d.minutes,
    share: d.minutes / most,
  }));
}

function weekdayShort(date: string): string {
  return weekdayNames('sunday')[weekday(date)];
}

/** An exam's line: "63개 중 41개 복습함 · 남은 22개를 9일에", and what a day needs if it cannot fit. */
export function examLines(exam: ExamPlan): { countdown: string; coverage: string; warning: string | null } {
  const countdown = exam.days_left === 0 ? t('home.exam_today') : `D-${exam.days_left}`;
  if (exam.covered === 0) return { countdown, coverage: t('home.exam_no_notes'), warning: null };
  const coverage = t('home.exam_coverage', { covered: exam.covered, reviewed: exam.reviewed, remaining: exam.remaining, days: exam.days });
  const warning = exam.fits ? null : t('home.exam_needs', { m: exam.minutes_needed ?? 0, n: exam.notes_needed ?? 0 });
  return { countdown, coverage, warning };
}
