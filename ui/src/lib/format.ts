// How dates, due days and progress read in Korean. Dates arrive as `YYYY-MM-DD` (local calendar
// days computed by the backend); they are handled as plain day numbers so no time zone can move them.
import type { NoteSummary } from '../bindings/NoteSummary';

const WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'];

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** `b - a` in days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

function parts(iso: string) {
  const [y, m, d] = iso.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return { y, m, d, weekday };
}

/** `11월 28일 (토)` */
export function shortDate(iso: string): string {
  const { m, d, weekday } = parts(iso);
  return `${m}월 ${d}일 (${weekday})`;
}

/** `2026년 11월 28일 토요일` */
export function longDate(iso: string): string {
  const { y, m, d, weekday } = parts(iso);
  return `${y}년 ${m}월 ${d}일 ${weekday}요일`;
}

export type Tone = 'late' | 'today' | 'soon' | 'later' | 'none';

/** When a note is due, relative to today, and how loudly to say it. */
export function dueLabel(note: Pick<NoteSummary, 'next_due' | 'status'>, today: string): { text: string; tone: Tone } {
  if (note.status === 'long_term') return { text: '장기기억', tone: 'none' };
  if (note.status === 'not_started') return { text: '시작 전', tone: 'none' };
  if (!note.next_due) return { text: '', tone: 'none' };
  const days = daysBetween(today, note.next_due);
  if (days < 0) return { text: `${-days}일 지남`, tone: 'late' };
  if (days === 0) return { text: '오늘', tone: 'today' };
  if (days === 1) return { text: '내일', tone: 'soon' };
  if (days === 2) return { text: '모레', tone: 'soon' };
  return { text: `${days}일 뒤 · ${shortDate(note.next_due)}`, tone: 'later' };
}

/** `AWS · Ultimate AWS …`, or whichever of the two the note has. */
export function sourceLine(note: Pick<NoteSummary, 'subject' | 'textbook'>): string {
  return [note.subject, note.textbook].filter((s): s is string => !!s && s.trim() !== '').join(' · ');
}

/** `60%` */
export function percent(progress: number | null): string {
  return `${Math.round((progress ?? 0) * 100)}%`;
}

/** The cells of the template's progress bar: true for 🟩, false for ⬜ (ten cells). */
export function progressCells(progress: number | null): boolean[] {
  const filled = Math.round(Math.min(1, Math.max(0, progress ?? 0)) * 10);
  return Array.from({ length: 10 }, (_, i) => i < filled);
}
