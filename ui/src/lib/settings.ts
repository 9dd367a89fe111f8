// The settings screen's words and small edits: reminder times as a list, the hour the day starts,
// and where reminders and the calendar file stand. Checking values is the backend's job: an edit
// here never decides whether a time is valid.
import type { Break } from '../bindings/Break';
import type { CalendarStatus } from '../bindings/CalendarStatus';
import type { ReminderStatus } from '../bindings/ReminderStatus';
import type { Exam } from '../bindings/Exam';
import type { Settings } from '../bindings/Settings';
import type { WeekStart } from '../bindings/WeekStart';
import { daysBetween, relativeDayInText, shortDate, weekdayNames } from './format';
import { look, t } from './locale.svelte';

/** Adds a time as typed (trimmed), once; an empty entry adds nothing. */
export function addTime(times: string[], typed: string): string[] {
  const x = typed.trim();
  return x === '' || times.includes(x) ? times : [...times, x];
}

/** Removes the time at `index`. */
export function removeTime(times: string[], index: number): string[] {
  return times.filter((_, i) => i !== index);
}

/** Whether the form differs from what is kept. */
export function changed(kept: Settings, form: Settings): boolean {
  return JSON.stringify(kept) !== JSON.stringify(form);
}

/** `새벽 4시`, `오전 9시`, `정오 (12시)`, `오후 3시`, `자정 (0시)` / `4 a.m.`, `noon`, `midnight`. */
export function hourLabel(hour: number): string {
  if (look.lang === 'en') {
    if (hour === 0) return 'midnight';
    if (hour === 12) return 'noon';
    return hour < 12 ? `${hour} a.m.` : `${hour - 12} p.m.`;
  }
  if (hour === 0) return '자정 (0시)';
  if (hour === 12) return '정오 (12시)';
  if (hour < 6) return `새벽 ${hour}시`;
  if (hour < 12) return `오전 ${hour}시`;
  return `오후 ${hour - 12}시`;
}

/** A local time (`2026-11-29T21:00:00`) relative to `now`: `오늘 21:00`, `내일 09:00`,
 * `12월 2일 (수) 09:00`. */
export function when(at: string, now: string): string {
  const [date, time] = at.split('T');
  const hm = time.slice(0, 5);
  const days = daysBetween(now.slice(0, 10), date);
  if (days === 0 || days === 1) return `${relativeDayInText(days)} ${hm}`;
  return `${shortDate(date)} ${hm}`;
}

/** One line on where reminders stand. */
export function reminderLine(status: ReminderStatus, on: boolean): string {
  if (!on) return t('set.reminders_off');
  if (status.demo) return t('set.reminders_demo');
  if (status.muted_until) return t('set.muted_until', { when: when(status.muted_until, status.now) });
  if (status.break_until) return t('set.break_until', { when: when(status.break_until, status.now) });
  const parts: string[] = [];
  if (status.snoozed_until) parts.push(t('set.snoozed_until', { when: when(status.snoozed_until, status.now) }));
  else if (status.next) parts.push(t('set.next_reminder', { when: when(status.next, status.now) }));
  parts.push(status.due ? t('set.due_now', { n: status.due }) : t('set.all_done'));
  return parts.join(' · ');
}

/** One line on the calendar file: when it was written and what it holds, or what went wrong. */
export function calendarLine(calendar: CalendarStatus | null, now: string): { text: string; ok: boolean } {
  if (!calendar) return { text: t('set.calendar_unset'), ok: true };
  if (calendar.error) return { text: calendar.error, ok: false };
  if (!calendar.written_at) return { text: t('set.calendar_unwritten'), ok: true };
  return { text: t('set.calendar_written', { when: when(calendar.written_at, now), n: calendar.events }), ok: true };
}

/** A list typed with commas ("AWS, 네트워크"), tidied: no blanks, no repeats. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,，]/).map((x) => x.trim()).filter(Boolean))];
}

/** A new exam for the form: a fortnight from `today`, nothing covered yet. */
export function newExam(today: string): Exam {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 14);
  return { name: '', date: d.toISOString().slice(0, 10), subjects: [], textbooks: [] };
}

/** The break after one of its dates was typed: a first day alone makes a one-day break, a last
 * day before the first moves the first, and both cleared make none. */
export function setBreak(current: Break | null, end: 'from' | 'to', date: string): Break | null {
  const from = end === 'from' ? date : current?.from ?? '';
  const to = end === 'to' ? date : current?.to ?? '';
  if (!from && !to) return null;
  const first = from || to;
  const last = to || from;
  return last < first ? (end === 'from' ? { from: first, to: first } : { from: last, to: last }) : { from: first, to: last };
}

/** The weekdays in the settings' order (the calendar's first day first), each with its index in
 * `easy_days` (Monday first) and its name. */
export function easyDayOrder(weekStart: WeekStart): { index: number; name: string }[] {
  const names = weekdayNames('monday');
  const order = weekStart === 'monday' ? [0, 1, 2, 3, 4, 5, 6] : [6, 0, 1, 2, 3, 4, 5];
  return order.map((index) => ({ index, name: names[index] }));
}
