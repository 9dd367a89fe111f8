import { describe, expect, it } from 'vitest';
import type { DesktopStatus } from '../bindings/DesktopStatus';
import { blank, choose, provider, PROVIDERS, publishLine } from './caldav';
import { setLook } from './locale.svelte';

const status = (extra: Partial<DesktopStatus> = {}): DesktopStatus => ({
  reminders: { now: '2026-11-28T12:00:00', due: 0, demo: false, next: null, snoozed_until: null, muted_until: null, break_until: null, until_done: false, calendar: null },
  tray_problem: null, toast_problem: null, autostart: false, offer_autostart: false, publish: null, caldav_password: true, ...extra,
});
const ok = { calendar: 'https://x/bokseup/', published_at: '2026-11-28T11:58:00', events: 12, changed: 3, error: null, failed_at: null, retry_at: null, failures: 0 };
const account = { provider: 'icloud', url: 'https://caldav.icloud.com/', user: 'me@icloud.com' };

describe('the calendar account panel', () => {
  it('fills in the documented address when a service is chosen, but keeps one the student typed', () => {
    expect(blank().url).toBe('https://caldav.icloud.com/');
    expect(choose(blank(), 'naver').url).toBe('https://caldav.calendar.naver.com/');
    expect(choose({ ...blank(), url: 'https://my.server/dav/' }, 'naver').url).toBe('https://my.server/dav/');
    expect(choose(blank(), 'nextcloud').url).toBe('');
    expect(provider('nope').id).toBe('other');
    expect(PROVIDERS.find((p) => p.id === 'google')?.publishable).toBe(false);
  });

  it('says where publishing stands, in both languages', () => {
    setLook({ lang: 'ko', theme: 'system', week_start: 'sunday' });
    expect(publishLine(status(), null)).toEqual({ text: '아직 캘린더 계정을 정하지 않았습니다.', ok: true });
    expect(publishLine(status({ caldav_password: false }), account).ok).toBe(false);
    expect(publishLine(status({ publish: ok }), account).text).toBe('오늘 11:58에 올렸습니다 · 복습이 있는 날 12일');
    const failed = { ...ok, error: '캘린더 서버에 닿지 못했습니다', failed_at: '2026-11-28T11:59:00', retry_at: '2026-11-28T12:01:00', failures: 2 };
    expect(publishLine(status({ publish: failed }), account)).toEqual({ text: '캘린더 서버에 닿지 못했습니다 · 오늘 12:01에 다시 시도합니다', ok: false });
    expect(publishLine(status({ publish: { ...failed, retry_at: null } }), account).text).toMatch(/계정을 고쳐 저장하면 다시 시도합니다/);
    setLook({ lang: 'en', theme: 'system', week_start: 'sunday' });
    expect(publishLine(status({ publish: ok }), account).text).toBe('Published today 11:58 · 12 days with reviews');
    setLook({ lang: 'ko', theme: 'system', week_start: 'sunday' });
  });
});
