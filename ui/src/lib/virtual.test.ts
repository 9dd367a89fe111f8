import { describe, expect, it } from 'vitest';
import { columns, visible } from './virtual';

describe('visible rows', () => {
  it('renders what is on screen and a few more', () => {
    expect(visible(10_000, 50, 0, 500, 4)).toEqual({ start: 0, end: 15, offset: 0, height: 500_000 });
    expect(visible(10_000, 50, 1_000, 500, 4)).toEqual({ start: 16, end: 35, offset: 800, height: 500_000 });
  });

  it('stops at the end, and copes with a list shorter than the screen or none', () => {
    const end = visible(100, 50, 99_999, 500, 4);
    expect(end.end).toBe(100);
    expect(end.start).toBeLessThan(90);
    expect(visible(3, 50, 0, 500)).toEqual({ start: 0, end: 3, offset: 0, height: 150 });
    expect(visible(0, 50, 0, 500)).toEqual({ start: 0, end: 0, offset: 0, height: 0 });
  });

  it('fits cards to the width', () => {
    expect(columns(1000, 250, 12)).toBe(3);
    expect(columns(1036, 250, 12)).toBe(4);
    expect(columns(100, 250, 12)).toBe(1);
  });
});
