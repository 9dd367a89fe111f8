import { describe, expect, it } from 'vitest';
import { feedLine, qrPath, QUIET } from './feed';
import { setLook } from './locale.svelte';

describe('the home-network feed', () => {
  it('draws dark modules as runs, inside the quiet zone', () => {
    // 3×3: a full top row, one module in the middle, the bottom right corner.
    const qr = { size: 3, dark: [true, true, true, false, true, false, false, false, true] };
    expect(qrPath(qr)).toBe(`M${QUIET} ${QUIET}h3v1h-3zM${QUIET + 1} ${QUIET + 1}h1v1h-1zM${QUIET + 2} ${QUIET + 2}h1v1h-1z`);
    expect(qrPath({ size: 2, dark: [false, false, false, false] })).toBe('');
  });

  it('says where the feed stands', () => {
    setLook({ lang: 'ko', theme: 'system', week_start: 'sunday' });
    expect(feedLine(null, false).text).toBe('꺼져 있습니다.');
    expect(feedLine({ on: true, url: null, qr: null, error: '포트 47613에서 휴대폰 구독을 열 수 없습니다' }, true)).toEqual({ text: '포트 47613에서 휴대폰 구독을 열 수 없습니다', ok: false });
    expect(feedLine({ on: true, url: 'webcal://192.168.0.7:47613/x.ics', qr: null, error: null }, true).ok).toBe(true);
  });
});
