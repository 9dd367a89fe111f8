import { describe, expect, it } from 'vitest';
import { addDays, clock, dateNear, daysBetween, dueLabel, duration, longDate, monthTitle, percent, progressCells, relativeDay, shortDate, sourceLine, stageLabel, weekday, weekdayNames } from './format';

describe('dates', () => {
  it('counts days across months, years and DST changes', () => {
    expect(daysBetween('2024-08-25', '2024-10-27')).toBe(63);
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2024-10-27', '2024-08-25')).toBe(-63);
  });

  it('reads in Korean with the weekday, the Korean way', () => {
    expect(shortDate('2026-11-28')).toBe('11월 28일 (토)');
    expect(shortDate('2024-08-05')).toBe('8월 5일 (월)');
    expect(longDate('2024-08-29')).toBe('2024년 8월 29일 (목)');
    expect(monthTitle(2024, 8)).toBe('2024년 8월');
    expect(weekdayNames('sunday')).toEqual(['일', '월', '화', '수', '목', '금', '토']);
  });

  it('reads in English the English way', () => {
    expect(shortDate('2026-11-28', 'en')).toBe('Sat, Nov 28');
    expect(longDate('2024-08-29', 'en')).toBe('Thu, Aug 29, 2024');
    expect(monthTitle(2024, 8, 'en')).toBe('August 2024');
    expect(weekdayNames('monday', 'en')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect([0, 1, 2, 5, -1, -3].map((d) => relativeDay(d, 'en'))).toEqual(['Today', 'Tomorrow', 'in 2 days', 'in 5 days', 'Yesterday', '3 days ago']);
    expect(relativeDay(2)).toBe('모레');
  });

  it('gives the year only to a day of another year', () => {
    expect(dateNear('2024-12-30', '2024-10-27')).toBe('12월 30일 (월)');
    expect(dateNear('2025-04-29', '2024-10-27')).toBe('2025년 4월 29일 (화)');
    expect(dateNear('2025-01-02', '2024-12-30', 'en')).toBe('Thu, Jan 2, 2025');
  });

  it('moves by days and knows the weekday', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(weekday('2026-11-29')).toBe(0);
    expect(weekday('1970-01-01')).toBe(4);
    expect(clock('2026-11-29T09:05:00')).toBe('09:05');
  });

  it('says how long a review took', () => {
    expect(duration(40)).toBe('40초');
    expect(duration(80)).toBe('1분 20초');
    expect(duration(120, 'en')).toBe('2 min');
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

  it('speaks English with plurals', () => {
    expect(dueLabel({ next_due: '2026-11-27', status: 'overdue' }, today, 'en').text).toBe('1 day late');
    expect(dueLabel({ next_due: '2026-11-23', status: 'overdue' }, today, 'en').text).toBe('5 days late');
    expect(dueLabel({ next_due: '2026-12-03', status: 'upcoming' }, today, 'en').text).toBe('in 5 days · Thu, Dec 3');
  });

  it('names the stage from the step, in either language', () => {
    expect(stageLabel({ status: 'overdue', step: 'd4' })).toBe('4일 복습');
    expect(stageLabel({ status: 'upcoming', step: 'extra' }, 'en')).toBe('Extra review');
    expect(stageLabel({ status: 'long_term', step: null })).toBe('장기기억');
    expect(stageLabel({ status: 'not_started', step: 'd1' })).toBeNull();
    expect(stageLabel({ status: null, step: null })).toBeNull();
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
