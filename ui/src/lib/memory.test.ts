import { describe, expect, it } from 'vitest';
import type { Overview } from '../bindings/Overview';
import { failureMessage, isFailure } from './api';
import { memoryBackend } from './memory';

const overview = (vault: string, demo: boolean): Overview => ({
  vault, name: vault.split('/').at(-1)!, demo, complete: true, version: 1,
  agenda: {
    today: '2026-11-28', today_reviews: [], upcoming: [], not_started: [], long_term: [], plain: [], issues: [],
    counts: { overdue: 0, due: 0, upcoming: 0, not_started: 0, long_term: 0, plain: 0, issues: 0 },
  },
});

describe('memoryBackend', () => {
  it('opens known folders and fails with a coded error on others', async () => {
    const api = memoryBackend({ '/demo': overview('/demo', true), '/mine': overview('/mine', false) });
    expect((await api.overview()).vault).toBe('/demo');
    expect((await api.openVault('/mine')).name).toBe('mine');
    expect((await api.overview()).vault).toBe('/mine');
    expect((await api.openDemo()).demo).toBe(true);
    const err = await api.openVault('/nope').catch((e) => e);
    expect(isFailure(err) && err.code).toBe('missing_folder');
    expect(failureMessage(err)).toContain('/nope');
  });

  it('delivers drops to the listener until unsubscribed', async () => {
    const api = memoryBackend({});
    const seen: string[] = [];
    const off = await api.onFolderDrop({ enter: () => seen.push('enter'), leave: () => seen.push('leave'), drop: (p) => seen.push(p.join()) });
    api.dragForTest('enter');
    api.dragForTest('leave');
    api.dragForTest('drop', ['/a']);
    off();
    api.dragForTest('drop', ['/b']);
    expect(seen).toEqual(['enter', 'leave', '/a']);
  });

  it('reports focus until unsubscribed', async () => {
    const api = memoryBackend({});
    let focused = 0;
    const off = await api.onFocus(() => focused++);
    api.focusForTest();
    off();
    api.focusForTest();
    expect(focused).toBe(1);
  });
});

describe('memoryBackend writes', () => {
  it('records reviews and undoes them newest first', async () => {
    const o = overview('/v', false);
    const summary = {
      path: 'a.md', title: 'a', kind: 'review' as const, subject: null, textbook: null, day0: '2026-11-27', status: 'due' as const,
      step: 'd1' as const, flags: null, stage: '1일 복습', next_due: '2026-11-28', days_since: 1, days_late: 0, progress: 0, progress_bar: '', cues: 0,
    };
    const api = memoryBackend({ '/v': o }, { 'a.md': { summary, cues: [], body_html: '' } });
    const w = await api.review('a.md', { grades: ['remembered'], seconds: 3, long_term: false, seen: null, early: false, answer_ms: [] });
    expect(w.note.status).toBe('upcoming');
    expect(api.writes).toHaveLength(1);
    expect((await api.undo()).path).toBe('a.md');
    expect(isFailure(await api.undo().catch((e) => e))).toBe(true);
    expect(isFailure(await api.review('b.md', { grades: [], seconds: 0, long_term: false, seen: null, early: false, answer_ms: [] }).catch((e) => e))).toBe(true);
  });
});

describe('memoryBackend settings and requests', () => {
  it('keeps settings unless told to refuse them, and hands requests over once', async () => {
    const api = memoryBackend({ '/v': overview('/v', false) }, {}, { status: { offer_autostart: true } });
    expect((await api.status()).offer_autostart).toBe(true);
    const s = await api.settings();
    await api.saveSettings({ ...s, min_due: 3 });
    expect((await api.settings()).min_due).toBe(3);
    api.refuseSettingsForTest('알림 시각 형식이 아닙니다');
    expect(failureMessage(await api.saveSettings(s).catch((e) => e))).toBe('알림 시각 형식이 아닙니다');
    let told = 0;
    await api.onRequest(() => told++);
    api.requestForTest({ kind: 'review' });
    expect(told).toBe(1);
    expect(await api.takeRequests()).toEqual([{ kind: 'review' }]);
    expect(await api.takeRequests()).toEqual([]);
    expect((await api.answerAutostartOffer(true)).autostart).toBe(true);
  });
});

describe('failureMessage', () => {
  it('reads failures, errors and anything else', () => {
    expect(failureMessage({ code: 'store', message: '데이터베이스 오류' })).toBe('데이터베이스 오류');
    expect(failureMessage(new Error('boom'))).toBe('boom');
    expect(failureMessage('plain')).toBe('plain');
  });
});
