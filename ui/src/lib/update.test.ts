import { describe, expect, it } from 'vitest';
import { updateLine } from './update';
import { setLook } from './locale.svelte';

const offer = { version: '0.2.0', date: '2026-12-01', notes: '휴대폰 알림' };

describe('the update panel', () => {
  it('offers the next step at each stage, in both languages', () => {
    setLook({ lang: 'ko', theme: 'system', week_start: 'sunday' });
    expect(updateLine({ kind: 'idle' })).toEqual({ text: '', action: 'check' });
    expect(updateLine({ kind: 'checking' }).action).toBeNull();
    const own = { current: '0.1.0', configured: false, installable: true, available: null };
    expect(updateLine({ kind: 'checked', check: own })).toEqual({ text: '직접 빌드한 앱은 스스로 업데이트하지 않습니다. 새 버전은 릴리스 페이지에서 받으세요.', action: null });
    const newest = { ...own, configured: true };
    expect(updateLine({ kind: 'checked', check: newest })).toEqual({ text: '최신 버전입니다 (0.1.0).', action: 'check' });
    const out = { ...newest, available: offer };
    expect(updateLine({ kind: 'checked', check: out })).toEqual({ text: '새 버전 0.2.0 · 2026-12-01 배포: 내려받아 서명을 확인한 뒤 설치합니다.', action: 'install' });
    expect(updateLine({ kind: 'checked', check: { ...out, installable: false } }).action).toBe('check');
    expect(updateLine({ kind: 'checked', check: { ...out, installable: false } }).text).toContain('새 .deb');
    expect(updateLine({ kind: 'installing', version: '0.2.0' })).toEqual({ text: '0.2.0 내려받는 중…', action: null });
    expect(updateLine({ kind: 'installed', version: '0.2.0' }).action).toBe('restart');
    setLook({ lang: 'en', theme: 'system', week_start: 'sunday' });
    expect(updateLine({ kind: 'checked', check: { ...out, available: { ...offer, date: null } } }).text).toBe('New version 0.2.0: it is downloaded, its signature checked, then installed.');
    expect(updateLine({ kind: 'installed', version: '0.2.0' }).text).toBe('0.2.0 is installed. It opens at the next start.');
  });
});
