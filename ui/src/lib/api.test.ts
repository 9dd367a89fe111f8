import { describe, expect, it } from 'vitest';
import type { Overview } from '../bindings/Overview';
import { failureMessage, isFailure, memoryBackend } from './api';

const overview = (vault: string, demo: boolean): Overview => ({
  vault, name: vault.split('/').at(-1)!, demo,
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

describe('failureMessage', () => {
  it('reads failures, errors and anything else', () => {
    expect(failureMessage({ code: 'store', message: '데이터베이스 오류' })).toBe('데이터베이스 오류');
    expect(failureMessage(new Error('boom'))).toBe('boom');
    expect(failureMessage('plain')).toBe('plain');
  });
});
