import { describe, expect, it } from 'vitest';
import { daysBetween, dueLabel, longDate, percent, progressCells, shortDate, sourceLine } from './format';

describe('dates', () => {
  it('counts days across months, years and DST changes', () => {
    expect(daysBetween('2024-08-25', '2024-10-27')).toBe(63);
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2024-10-27', '2024-08-25')).toBe(-63);
  });

  it('reads in Korean with the weekday', () => {
    expect(shortDate('2026-11-28')).toBe('11월 28일 (토)');
    expect(shortDate('2024-08-05')).toBe('8월 5일 (월)');
    expect(longDate('2026-11-29')).toBe('2026년 11월 29일 일요일');
  });
});

describe('dueLabel', () => {
  const today = '2026-11-28';
  const at = (next_due: string | null, status: 'overdue' | 'due' | 'upcoming' | 'not_started' | 'long_term') =>
    dueLabel({ next_due, status }, today);

  it('says how late an overdue review is', () => {
    expect(at('2026-11-23', 'overdue')).toEqual({ text: '5일 지남', tone: 'late' });
    expect(at('2026-11-27', 'overdue')).toEqual({ text: '1일 지남', tone: 'late' });
  });

  it('says today, tomorrow, the day after, then the date', () => {
    expect(at('2026-11-28', 'due')).toEqual({ text: '오늘', tone: 'today' });
    expect(at('2026-11-29', 'upcoming')).toEqual({ text: '내일', tone: 'soon' });
    expect(at('2026-11-30', 'upcoming')).toEqual({ text: '모레', tone: 'soon' });
    expect(at('2026-12-03', 'upcoming')).toEqual({ text: '5일 뒤 · 12월 3일 (목)', tone: 'later' });
  });

  it('has nothing due for long-term and not-started notes', () => {
    expect(at(null, 'long_term').text).toBe('장기기억');
    expect(at(null, 'not_started').text).toBe('시작 전');
  });
});

describe('note lines', () => {
  it('joins subject and textbook, skipping missing ones', () => {
    expect(sourceLine({ subject: 'AWS', textbook: 'SAA-C03' })).toBe('AWS · SAA-C03');
    expect(sourceLine({ subject: null, textbook: 'OSTEP' })).toBe('OSTEP');
    expect(sourceLine({ subject: ' ', textbook: null })).toBe('');
  });

  it('draws the template progress bar in ten cells', () => {
    expect(progressCells(0.6).filter(Boolean)).toHaveLength(6);
    expect(progressCells(0)).toHaveLength(10);
    expect(progressCells(null).some(Boolean)).toBe(false);
    expect(progressCells(1.4).every(Boolean)).toBe(true);
    expect(percent(0.8)).toBe('80%');
    expect(percent(null)).toBe('0%');
  });
});
