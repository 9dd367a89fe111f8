// The home screen's structure: which groups to show, their titles, and what to say when empty.
// The backend decides every note's group and order; this only lays the groups out.
import type { Agenda } from '../bindings/Agenda';
import type { Counts } from '../bindings/Counts';
import type { NoteSummary } from '../bindings/NoteSummary';
import { daysBetween, shortDate } from './format';

/** The big line at the top of the screen. */
export function headline(counts: Counts): string {
  const todays = counts.overdue + counts.due;
  if (todays === 0) return '오늘은 복습할 노트가 없어요';
  return `오늘 복습할 노트 ${todays}개`;
}

/** The line under it: what today's number is made of, and what comes next. */
export function subline(agenda: Agenda): string {
  const c = agenda.counts;
  const parts: string[] = [];
  if (c.overdue > 0) parts.push(`밀린 복습 ${c.overdue}개`);
  if (c.due > 0) parts.push(`오늘 예정 ${c.due}개`);
  const next = agenda.upcoming[0];
  if (parts.length === 0 && next?.next_due) {
    const days = daysBetween(agenda.today, next.next_due);
    parts.push(`다음 복습은 ${days === 1 ? '내일' : `${days}일 뒤`} · ${next.title}`);
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
  const all: Stat[] = [
    { id: 'overdue', label: '밀린 복습', value: counts.overdue },
    { id: 'due', label: '오늘', value: counts.due },
    { id: 'upcoming', label: '예정', value: counts.upcoming },
    { id: 'not_started', label: '시작 전', value: counts.not_started },
    { id: 'long_term', label: '장기기억', value: counts.long_term },
    { id: 'plain', label: '일반 노트', value: counts.plain },
  ];
  return all;
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
      const days = daysBetween(today, note.next_due);
      const rel = days === 1 ? '내일' : days === 2 ? '모레' : `${days}일 뒤`;
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
