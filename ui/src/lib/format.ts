// How dates, due days and progress read, in Korean (`2024년 8월 29일 (목)`) or English
// (`Thu, Aug 29, 2024`). Dates arrive as `YYYY-MM-DD` (local calendar days computed by the
// backend); they are handled as plain day numbers so no time zone can move them. Every function
// takes the language, the window's by default.
import type { Lang } from '../bindings/Lang';
import type { NoteSummary } from '../bindings/NoteSummary';
import type { Step } from '../bindings/Step';
import type { WeekStart } from '../bindings/WeekStart';
import { translate } from './i18n';
import { look } from './locale.svelte';

const WEEKDAYS: Record<Lang, string[]> = {
  ko: ['일', '월', '화', '수', '목', '금', '토'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** The `YYYY-MM-DD` of a day number. */
export function isoOfDay(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of a year, month (1–12) and day. */
export function iso(y: number, m: number, d: number): string {
  return isoOfDay(Math.round(Date.UTC(y, m - 1, d) / 86_400_000));
}

/** `iso` moved by `n` days. */
export function addDays(date: string, n: number): string {
  return isoOfDay(dayNumber(date) + n);
}

/** `b - a` in days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** The weekday of a date: 0 for Sunday. */
export function weekday(date: string): number {
  return (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday
}

function parts(date: string) {
  const [y, m, d] = date.split('-').map(Number);
  return { y, m, d, w: weekday(date) };
}

/** `11월 28일 (토)` / `Sat, Nov 28` */
export function shortDate(date: string, lang: Lang = look.lang): string {
  const { m, d, w } = parts(date);
  return lang === 'ko' ? `${m}월 ${d}일 (${WEEKDAYS.ko[w]})` : `${WEEKDAYS.en[w]}, ${MONTHS[m - 1].slice(0, 3)} ${d}`;
}

/** `2024년 8월 29일 (목)` / `Thu, Aug 29, 2024` */
export function longDate(date: string, lang: Lang = look.lang): string {
  const { y } = parts(date);
  return lang === 'ko' ? `${y}년 ${shortDate(date, lang)}` : `${shortDate(date, lang)}, ${y}`;
}

/** A day as `shortDate` within the year of `today`, with its year (`longDate`) in another. */
export function dateNear(date: string, today: string, lang: Lang = look.lang): string {
  return date.slice(0, 4) === today.slice(0, 4) ? shortDate(date, lang) : longDate(date, lang);
}

/** `8월 29일` / `Aug 29`: a day without its weekday, for charts. */
export function dayMonth(date: string, lang: Lang = look.lang): string {
  const { m, d } = parts(date);
  return lang === 'ko' ? `${m}월 ${d}일` : `${MONTHS[m - 1].slice(0, 3)} ${d}`;
}

/** `2024년 8월` / `August 2024` */
export function monthTitle(y: number, m: number, lang: Lang = look.lang): string {
  return lang === 'ko' ? `${y}년 ${m}월` : `${MONTHS[m - 1]} ${y}`;
}

/** `8월` / `Aug`: a month's short name, for the heatmap. */
export function monthShort(m: number, lang: Lang = look.lang): string {
  return lang === 'ko' ? `${m}월` : MONTHS[m - 1].slice(0, 3);
}

/** The weekdays' short names in calendar order. */
export function weekdayNames(weekStart: WeekStart, lang: Lang = look.lang): string[] {
  const names = WEEKDAYS[lang];
  return weekStart === 'monday' ? [...names.slice(1), names[0]] : [...names];
}

/** `14:05` of a local time `YYYY-MM-DDTHH:MM:SS`. */
export function clock(at: string): string {
  return at.slice(11, 16);
}

/** A step's name: `4일 복습` / `Day 4`. */
export function stepName(step: Step, lang: Lang = look.lang): string {
  return translate(lang, `step.${step}`);
}

/** `오늘`, `내일`, `모레`, `3일 뒤`, `2일 전` / `Today`, `Tomorrow`, `in 3 days`, `2 days ago`. */
export function relativeDay(days: number, lang: Lang = look.lang): string {
  if (days === 0) return translate(lang, 'day.today');
  if (days === 1) return translate(lang, 'day.tomorrow');
  if (days === 2 && lang === 'ko') return '모레';
  if (days === -1) return translate(lang, 'day.yesterday');
  return days > 0 ? translate(lang, 'day.in', { n: days }) : translate(lang, 'day.ago', { n: -days });
}

/** `relativeDay` inside a sentence: `Next review tomorrow`, not `Tomorrow`. */
export function relativeDayInText(days: number, lang: Lang = look.lang): string {
  const text = relativeDay(days, lang);
  return lang === 'en' ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

export type Tone = 'late' | 'today' | 'soon' | 'later' | 'none';

/** When a note is due, relative to today, and how loudly to say it. */
export function dueLabel(
  note: Pick<NoteSummary, 'next_due' | 'status'>,
  today: string,
  lang: Lang = look.lang,
): { text: string; tone: Tone } {
  if (note.status === 'long_term') return { text: translate(lang, 'status.long_term'), tone: 'none' };
  if (note.status === 'not_started') return { text: translate(lang, 'status.not_started'), tone: 'none' };
  if (!note.next_due) return { text: '', tone: 'none' };
  const days = daysBetween(today, note.next_due);
  if (days < 0) return { text: translate(lang, 'due.late', { n: -days }), tone: 'late' };
  if (days === 0) return { text: translate(lang, 'day.today'), tone: 'today' };
  if (days <= 2) return { text: relativeDay(days, lang), tone: 'soon' };
  return { text: `${relativeDay(days, lang)} · ${shortDate(note.next_due, lang)}`, tone: 'later' };
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

/** `1분 20초` / `1 min 20 s`; `40초` / `40 s`. */
export function duration(seconds: number, lang: Lang = look.lang): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return translate(lang, 'time.s', { s });
  return s === 0 ? translate(lang, 'time.m', { m }) : translate(lang, 'time.ms', { m, s });
}

/** The stage a card shows: the next step's name, or 장기기억; none for plain and not-started
 * notes. The same as the note's computed `복습` label in Korean. */
export function stageLabel(note: Pick<NoteSummary, 'status' | 'step'>, lang: Lang = look.lang): string | null {
  if (note.status === 'long_term') return translate(lang, 'status.long_term');
  if (!note.status || note.status === 'not_started' || !note.step) return null;
  return stepName(note.step, lang);
}
