import { describe, expect, it } from 'vitest';
import type { NoteSummary } from '../bindings/NoteSummary';
import { setLook } from './locale.svelte';
import { gradeCounts, milestoneText, primary, questionLine } from './notepage';

const n = (over: Partial<NoteSummary>): NoteSummary => ({
  path: 'a.md', title: 'a', kind: 'review', subject: null, textbook: null, day0: null, status: 'due', step: 'd1',
  flags: null, stage: null, next_due: null, days_since: null, days_late: 0, progress: 0, progress_bar: null, cues: 0, ...over,
});

describe('the page', () => {
  it('offers what fits the note first', () => {
    expect(primary(n({ status: 'overdue' }))).toBe('review');
    expect(primary(n({ status: 'due' }))).toBe('review');
    expect(primary(n({ status: 'upcoming' }))).toBe('early');
    expect(primary(n({ status: 'not_started' }))).toBe('start');
    expect(primary(n({ status: 'long_term' }))).toBeNull();
    expect(primary(n({ kind: 'plain', status: null }))).toBe('enroll');
  });

  it('says each step of the timeline', () => {
    const today = '2026-11-29';
    expect(milestoneText({ step: 'd1', due: '2026-11-02', done_on: '2026-11-03', mark: 'done' }, today)).toEqual({ name: '1일 복습', when: '11월 3일 (화) 완료' });
    expect(milestoneText({ step: 'd4', due: '2026-11-05', done_on: null, mark: 'done_undated' }, today).when).toBe('완료 (날짜 모름)');
    expect(milestoneText({ step: 'd7', due: '2026-11-26', done_on: null, mark: 'overdue' }, today).when).toBe('11월 26일 (목) · 3일 지남');
    expect(milestoneText({ step: 'd14', due: today, done_on: null, mark: 'due' }, today).when).toBe('오늘');
    expect(milestoneText({ step: 'extra', due: '2026-12-31', done_on: null, mark: 'planned' }, today).when).toBe('12월 31일 (목) 예정');
    expect(milestoneText({ step: 'd1', due: null, done_on: null, mark: 'planned' }, today).when).toBe('시작 전');
    setLook({ lang: 'en', theme: 'system', week_start: 'sunday' });
    try {
      expect(milestoneText({ step: 'd7', due: '2026-11-28', done_on: null, mark: 'overdue' }, today)).toEqual({ name: 'Day 7 review', when: 'Sat, Nov 28 · 1 day late' });
    } finally {
      setLook({ lang: 'ko', theme: 'system', week_start: 'sunday' });
    }
  });

  it('counts the grades of a review', () => {
    expect(gradeCounts(['remembered', 'forgot', 'remembered'])).toEqual({ remembered: 2, unsure: 0, forgot: 1 });
    expect(gradeCounts([])).toEqual({ remembered: 0, unsure: 0, forgot: 0 });
  });
});

describe('each question\'s memory', () => {
  const q = (recall: number | null, next: string | null) => ({ index: 0, question: 'TCP란?', grades: [], recall, next });

  it('reads its recall and FSRS\'s next day, in both languages', () => {
    setLook({ lang: 'ko', theme: 'system', week_start: 'sunday' });
    expect(questionLine(q(0.934, '2026-12-10'), '2026-12-04')).toEqual({ recall: '지금 기억할 확률 93%', next: 'FSRS라면 12월 10일 (목)에 다시', tone: 'strong' });
    expect(questionLine(q(0.8, '2026-12-01'), '2026-12-04')?.next, 'a day past is today').toBe('FSRS라면 지금 다시 물을 때');
    expect(questionLine(q(0.5, '2026-12-05'), '2026-12-04')?.tone).toBe('weak');
    expect(questionLine(q(0.75, '2026-12-05'), '2026-12-04')?.tone).toBe('fading');
    setLook({ lang: 'en', theme: 'system', week_start: 'sunday' });
    expect(questionLine(q(0.934, '2026-12-10'), '2026-12-04')?.recall).toBe('recall now 93%');
    expect(questionLine(q(null, null), '2026-12-04'), 'never answered').toBe(null);
  });
});
