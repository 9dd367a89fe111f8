// The home screen's structure: which groups to show, their titles, and what to say when empty.
// The backend decides every note's group and order; this only lays the groups out.
import type { Agenda } from '../bindings/Agenda';
import type { Counts } from '../bindings/Counts';
import type { NoteSummary } from '../bindings/NoteSummary';
import { daysBetween, relativeDay, relativeDayInText, shortDate } from './format';
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
