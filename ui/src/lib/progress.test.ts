import { describe, expect, it } from 'vitest';
import { scanShare } from './progress';

describe('the scan progress display', () => {
  it('shows the share read while a scan runs, and nothing once it ends', () => {
    expect(scanShare(null)).toBeNull();
    expect(scanShare({ read: 2500, total: 10000, done: false })).toBe(0.25);
    expect(scanShare({ read: 0, total: 0, done: false })).toBe(0);
    expect(scanShare({ read: 12, total: 10, done: false })).toBe(1);
    expect(scanShare({ read: 10000, total: 10000, done: true })).toBeNull();
  });
});
