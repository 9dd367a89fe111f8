import { describe, expect, it } from 'vitest';
import type { Overview } from '../bindings/Overview';
import { newer } from './overview';

const at = (vault: string, version: number): Overview => ({
  vault,
  name: vault.split('/').at(-1)!,
  demo: false,
  agenda: {
    today: '2026-11-28',
    today_reviews: [],
    upcoming: [],
    not_started: [],
    long_term: [],
    plain: [],
    issues: [],
    counts: { overdue: 0, due: 0, upcoming: 0, not_started: 0, long_term: 0, plain: 0, issues: 0 },
  },
  complete: true,
  version,
});

describe('which overview the window shows', () => {
  it('the first one, whatever its number', () => {
    expect(newer(at('/데모', 3), null)).toBe(true);
  });

  it('a later state of the vault, or the same state again (a page, then the whole agenda)', () => {
    expect(newer(at('/공부', 8), at('/데모', 7))).toBe(true);
    expect(newer(at('/공부', 8), at('/공부', 8))).toBe(true);
  });

  it('never an older one: a rescan answered late does not put back the vault a drop replaced', () => {
    const dropped = at('/공부', 8);
    const rescanned = at('/데모', 7);
    expect(newer(rescanned, dropped)).toBe(false);
  });
});
