import { describe, expect, it } from 'vitest';
import { begin, mark, moments } from './launch';

describe("the launch's moments", () => {
  it('start with the navigation and the script, then follow in the order reached', () => {
    begin(1000, 1080);
    mark('answer', 1300);
    mark('painted', 1500);
    expect(moments).toEqual([
      { name: 'page', at: 1000 },
      { name: 'script', at: 1080 },
      { name: 'answer', at: 1300 },
      { name: 'painted', at: 1500 },
    ]);
    const before = Date.now();
    mark('now');
    expect(moments[4].at).toBeGreaterThanOrEqual(before);
  });
});
