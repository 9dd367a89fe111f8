import { describe, expect, it } from 'vitest';
import { route } from './screen';

describe('route', () => {
  it('a reminder click reloads and starts the review from any other screen', () => {
    expect(route([{ kind: 'review' }], 'home')).toEqual({ next: 'home', reload: true, review: true, notices: [] });
    expect(route([{ kind: 'review' }], 'settings').review).toBe(true);
  });

  it('never interrupts a review under way', () => {
    const r = route([{ kind: 'review' }, { kind: 'settings' }, { kind: 'reload' }], 'review');
    expect(r).toEqual({ next: 'review', reload: true, review: false, notices: [] });
  });

  it('opens settings, keeps notices in order, and does nothing for nothing', () => {
    expect(route([{ kind: 'settings' }], 'home').next).toBe('settings');
    const r = route([{ kind: 'notice', message: 'a' }, { kind: 'home' }, { kind: 'notice', message: 'b' }], 'home');
    expect(r).toEqual({ next: 'home', reload: true, review: false, notices: ['a', 'b'] });
    expect(route([], 'settings')).toEqual({ next: 'settings', reload: false, review: false, notices: [] });
  });
});
