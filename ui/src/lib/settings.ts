// The settings screen's words and small edits: reminder times as a list, the hour the day starts,
// and where reminders and the calendar file stand, said in Korean. Checking values is the
// backend's job: an edit here never decides whether a time is valid.
import type { CalendarStatus } from '../bindings/CalendarStatus';
import type { ReminderStatus } from '../bindings/ReminderStatus';
import type { Settings } from '../bindings/Settings';
import { daysBetween, shortDate } from './format';

/** Adds a time as typed (trimmed), once; an empty entry adds nothing. */
export function addTime(times: string[], typed: string): string[] {
  const t = typed.trim();
  return t === '' || times.includes(t) ? times : [...times, t];
}

/** Removes the time at `index`. */
export function removeTime(times: string[], index: number): string[] {
  return times.filter((_, i) => i !== index);
}

/** Whether the form differs from what is kept. */
export function changed(kept: Settings, form: Settings): boolean {
  return JSON.stringify(kept) !== JSON.stringify(form);
}

/** `새벽 4시`, `오전 9시`, `정오 (12시)`, `오후 3시`, `자정 (0시)`. */
export function hourLabel(hour: number): string {
  if (hour === 0) return '자정 (0시)';
  if (hour === 12) return '정오 (12시)';
  if (hour < 6) return `새벽 ${hour}시`;
  if (hour < 12) return `오전 ${hour}시`;
  return `오후 ${hour - 12}시`;
}

/** A local time (`2026-11-29T21:00:00`) relative to `now`: `21:00`, `내일 09:00`, `12월 2일 (수) 09:00`. */
export function when(at: string, now: string): string {
  const [date, time] = at.split('T');
  const hm = time.slice(0, 5);
  const days = daysBetween(now.slice(0, 10), date);
  if (days === 0) return `오늘 ${hm}`;
  if (days === 1) return `내일 ${hm}`;
  return `${shortDate(date)} ${hm}`;
}

/** One line on where reminders stand. */
export function reminderLine(status: ReminderStatus, on: boolean): string {
  if (!on) return '알림이 꺼져 있습니다.';
  if (status.demo) return '데모 볼트에는 알림을 보내지 않습니다. 내 볼트를 열면 알림이 시작됩니다.';
  if (status.muted_until) return `알림을 잠시 껐습니다 · ${when(status.muted_until, status.now)}까지`;
  const parts: string[] = [];
  if (status.snoozed_until) parts.push(`다시 알림 ${when(status.snoozed_until, status.now)}`);
  else if (status.next) parts.push(`다음 알림 ${when(status.next, status.now)}`);
  parts.push(status.due ? `지금 오늘 복습 ${status.due}개` : '오늘 복습을 마쳤어요');
  return parts.join(' · ');
}

/** One line on the calendar file: when it was written and what it holds, or what went wrong. */
export function calendarLine(calendar: CalendarStatus | null, now: string): { text: string; ok: boolean } {
  if (!calendar) return { text: '아직 캘린더 파일을 정하지 않았습니다.', ok: true };
  if (calendar.error) return { text: calendar.error, ok: false };
  if (!calendar.written_at) return { text: '아직 쓰지 않았습니다.', ok: true };
  return { text: `${when(calendar.written_at, now)}에 썼습니다 · 복습이 있는 날 ${calendar.events}일`, ok: true };
}
