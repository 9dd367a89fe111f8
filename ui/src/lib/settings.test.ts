import { describe, expect, it } from 'vitest';
import type { Break } from '../bindings/Break';
import type { ReminderStatus } from '../bindings/ReminderStatus';
import type { Settings } from '../bindings/Settings';
import { setLook } from './locale.svelte';
import { addTime, calendarLine, changed, easyDayOrder, hourLabel, reminderLine, removeTime, setBreak, when } from './settings';

const status = (s: Partial<ReminderStatus>): ReminderStatus => ({
  now: '2026-11-29T08:00:00', due: 3, demo: false, next: '2026-11-29T09:00:00', snoozed_until: null, muted_until: null, break_until: null, until_done: false, calendar: null, ...s,
});

describe('times', () => {
  it('adds once, as typed, and removes by place', () => {
    expect(addTime(['09:00'], ' 21:00 ')).toEqual(['09:00', '21:00']);
    expect(addTime(['09:00'], '09:00')).toEqual(['09:00']);
    expect(addTime(['09:00'], '  ')).toEqual(['09:00']);
    expect(addTime([], '아홉시')).toEqual(['아홉시']); // the backend says what is wrong with it
    expect(removeTime(['09:00', '21:00'], 0)).toEqual(['21:00']);
  });
});

describe('words', () => {
  it('hours of the day', () => {
    expect([0, 4, 9, 12, 15].map(hourLabel)).toEqual(['자정 (0시)', '새벽 4시', '오전 9시', '정오 (12시)', '오후 3시']);
  });

  it('times relative to now', () => {
    expect(when('2026-11-29T21:00:00', '2026-11-29T08:00:00')).toBe('오늘 21:00');
    expect(when('2026-11-30T09:00:00', '2026-11-29T23:00:00')).toBe('내일 09:00');
    expect(when('2026-12-02T09:00:00', '2026-11-29T08:00:00')).toBe('12월 2일 (수) 09:00');
  });

  it('where reminders stand', () => {
    expect(reminderLine(status({}), true)).toBe('다음 알림 오늘 09:00 · 지금 오늘 복습 3개');
    expect(reminderLine(status({ due: 0 }), true)).toBe('다음 알림 오늘 09:00 · 오늘 복습을 마쳤어요');
    expect(reminderLine(status({ snoozed_until: '2026-11-29T10:00:00' }), true)).toMatch(/^다시 알림 오늘 10:00/);
    expect(reminderLine(status({ muted_until: '2026-11-30T04:00:00' }), true)).toBe('알림을 잠시 껐습니다 · 내일 04:00까지');
    // A break is not the user's silence: it says so, and the user's silence, if any, comes first.
    expect(reminderLine(status({ break_until: '2026-12-02T04:00:00' }), true)).toBe('쉬는 기간이라 알림이 없습니다 · 12월 2일 (수) 04:00부터 다시');
    expect(reminderLine(status({ break_until: '2026-12-02T04:00:00', muted_until: '2026-11-29T09:00:00' }), true)).toMatch(/^알림을 잠시 껐습니다/);
    expect(reminderLine(status({}), false)).toBe('알림이 꺼져 있습니다.');
    expect(reminderLine(status({ demo: true }), true)).toMatch(/^데모 볼트에는 알림을 보내지 않습니다/);
  });

  it('the calendar file', () => {
    const now = '2026-11-29T12:10:00';
    expect(calendarLine(null, now)).toEqual({ text: '아직 캘린더 파일을 정하지 않았습니다.', ok: true });
    expect(calendarLine({ path: '/a.ics', written_at: '2026-11-29T12:05:00', events: 9, error: null }, now).text)
      .toBe('오늘 12:05에 썼습니다 · 복습이 있는 날 9일');
    expect(calendarLine({ path: '/a.ics', written_at: null, events: 0, error: '쓸 수 없습니다' }, now)).toEqual({ text: '쓸 수 없습니다', ok: false });
  });

  it('in English', () => {
    setLook({ lang: 'en', theme: 'system', week_start: 'sunday' });
    try {
      expect([0, 4, 12, 15].map(hourLabel)).toEqual(['midnight', '4 a.m.', 'noon', '3 p.m.']);
      expect(reminderLine(status({}), true)).toBe('Next reminder today 09:00 · 3 to review today');
      expect(when('2026-12-02T09:00:00', '2026-11-29T08:00:00')).toBe('Wed, Dec 2 09:00');
    } finally {
      setLook({ lang: 'ko', theme: 'system', week_start: 'sunday' });
    }
  });

  it('a form differs from what is kept', () => {
    const kept = {
      rollover_hour: 4, reminders: true, reminder_times: ['09:00'], min_due: 1, keep_running: true, calendar_file: null,
      week_start: 'sunday' as const, language: 'auto' as const, theme: 'system' as const, history_in_vault: true,
      daily_limit: { unit: 'notes' as const, value: 20 }, exams: [], caldav: null, feed: false, feed_port: 47613,
      easy_days: ['normal', 'normal', 'normal', 'normal', 'normal', 'light', 'free'] as Settings['easy_days'], break_days: null as Break | null, until_done: false,
    };
    expect(changed(kept, { ...kept })).toBe(false);
    expect(changed(kept, { ...kept, reminder_times: ['09:00', '21:00'] })).toBe(true);
    expect(changed(kept, { ...kept, easy_days: ['normal', 'normal', 'normal', 'normal', 'normal', 'light', 'normal'] })).toBe(true);
    expect(changed(kept, { ...kept, break_days: { from: '2026-12-24', to: '2026-12-27' } })).toBe(true);
  });
});

describe('the week', () => {
  it('makes a break from either of its dates', () => {
    expect(setBreak(null, 'from', '2026-12-24')).toEqual({ from: '2026-12-24', to: '2026-12-24' });
    expect(setBreak({ from: '2026-12-24', to: '2026-12-24' }, 'to', '2026-12-27')).toEqual({ from: '2026-12-24', to: '2026-12-27' });
    // A last day before the first: the break is that one day, never backwards.
    expect(setBreak({ from: '2026-12-24', to: '2026-12-27' }, 'to', '2026-12-20')).toEqual({ from: '2026-12-20', to: '2026-12-20' });
    expect(setBreak({ from: '2026-12-24', to: '2026-12-27' }, 'from', '2026-12-30')).toEqual({ from: '2026-12-30', to: '2026-12-30' });
    expect(setBreak({ from: '2026-12-24', to: '2026-12-24' }, 'from', '')).toEqual({ from: '2026-12-24', to: '2026-12-24' });
    expect(setBreak(null, 'to', '')).toBe(null);
  });

  it('lists the weekdays from the calendar\'s first day, each with its place Monday first', () => {
    setLook({ lang: 'ko', theme: 'system', week_start: 'sunday' });
    expect(easyDayOrder('sunday').map((d) => `${d.index}${d.name}`).join(' ')).toBe('6일 0월 1화 2수 3목 4금 5토');
    expect(easyDayOrder('monday')[0]).toEqual({ index: 0, name: '월' });
  });
});
