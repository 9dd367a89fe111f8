import { describe, expect, it } from 'vitest';
import { back, dispatch, go, needsWholeAgenda, route, section, START, type KeyPress, type Router, type Screen } from './screen';

const at = (screen: Screen, backs: Screen[] = []): Router => ({ screen, back: backs });

describe('the router', () => {
  it('a section starts from home; a note page stacks on what is open', () => {
    let r = go(START, { name: 'library' });
    expect(r).toEqual({ screen: { name: 'library' }, back: [] });
    r = go(r, { name: 'note', path: 'a.md' });
    r = go(r, { name: 'note', path: 'b.md' });
    expect(r.back).toEqual([{ name: 'library' }, { name: 'note', path: 'a.md' }]);
    r = back(r);
    expect(r.screen).toEqual({ name: 'note', path: 'a.md' });
    r = back(back(r));
    expect(r).toEqual(START);
    expect(back(START)).toBe(START);
  });

  it('switching sections goes back to home, not through every tab', () => {
    const r = go(go(go(START, { name: 'library' }), { name: 'calendar' }), { name: 'stats' });
    expect(r.back).toEqual([{ name: 'home' }]);
    expect(back(r)).toEqual(START);
    expect(go(r, { name: 'stats' })).toBe(r);
    expect(go(r, { name: 'home' })).toEqual(START);
  });

  it('a review returns to where it began', () => {
    const r = go(go(START, { name: 'note', path: 'a.md' }), { name: 'review', paths: ['a.md'] });
    expect(back(r).screen).toEqual({ name: 'note', path: 'a.md' });
    expect(section({ name: 'note', path: 'a.md' })).toBeNull();
    expect(section({ name: 'calendar' })).toBe('calendar');
  });
});

describe('the key dispatcher', () => {
  const home: Screen = { name: 'home' };
  const press = (keys: (string | KeyPress)[], screen: Screen = home) => {
    let state = { pending: false };
    const commands = [];
    for (const k of keys) {
      const r = dispatch(state, typeof k === 'string' ? { key: k } : k, screen);
      state = r.state;
      commands.push(r.command);
    }
    return commands;
  };

  it('g then a letter goes to a screen', () => {
    expect(press(['g', 'l'])).toEqual([null, { type: 'go', screen: { name: 'library' } }]);
    expect(press(['g', 'c']).at(-1)).toEqual({ type: 'go', screen: { name: 'calendar' } });
    expect(press(['g', 's']).at(-1)).toEqual({ type: 'go', screen: { name: 'stats' } });
    expect(press(['g', 'h']).at(-1)).toEqual({ type: 'go', screen: { name: 'home' } });
    expect(press(['g', ',']).at(-1)).toEqual({ type: 'go', screen: { name: 'settings' } });
    expect(press(['g', 'x', 'l'])).toEqual([null, null, null]);
    expect(press(['l'])).toEqual([null]);
  });

  it('Escape, Alt+← and the browser back key go back; Ctrl+Z undoes; / searches', () => {
    expect(press(['Escape'])).toEqual([{ type: 'back' }]);
    expect(press([{ key: 'ArrowLeft', altKey: true }])).toEqual([{ type: 'back' }]);
    expect(press(['BrowserBack'])).toEqual([{ type: 'back' }]);
    expect(press([{ key: 'z', ctrlKey: true }])).toEqual([{ type: 'undo' }]);
    expect(press([{ key: ',', ctrlKey: true }])).toEqual([{ type: 'go', screen: { name: 'settings' } }]);
    expect(press(['/'])).toEqual([{ type: 'search' }]);
    expect(press([{ key: 'ArrowLeft' }])).toEqual([null]);
  });

  it('letters typed into a field are text, and a review keeps its keys', () => {
    expect(press([{ key: 'g', typing: true }, { key: 'l', typing: true }])).toEqual([null, null]);
    expect(press([{ key: 'Escape', typing: true }])).toEqual([null]);
    expect(press(['g', 'l', 'Escape'], { name: 'review' })).toEqual([null, null, null]);
  });
});

describe('route', () => {
  const home = at({ name: 'home' });
  it('a reminder click reloads and starts the review from any other screen', () => {
    expect(route([{ kind: 'review' }], home)).toEqual({ router: home, reload: true, review: true, notices: [] });
    expect(route([{ kind: 'review' }], at({ name: 'settings' })).review).toBe(true);
  });

  it('never interrupts a review under way', () => {
    const reviewing = at({ name: 'review' });
    const r = route([{ kind: 'review' }, { kind: 'settings' }, { kind: 'reload' }], reviewing);
    expect(r).toEqual({ router: reviewing, reload: true, review: false, notices: [] });
  });

  it('opens settings, keeps notices in order, and does nothing for nothing', () => {
    expect(route([{ kind: 'settings' }], home).router.screen).toEqual({ name: 'settings' });
    const r = route([{ kind: 'notice', message: 'a' }, { kind: 'home' }, { kind: 'notice', message: 'b' }], home);
    expect(r).toEqual({ router: home, reload: true, review: false, notices: ['a', 'b'] });
    const settings = at({ name: 'settings' });
    expect(route([], settings)).toEqual({ router: settings, reload: false, review: false, notices: [] });
  });
});

describe('needsWholeAgenda', () => {
  it('the library, the statistics and a review take every note; the other screens show first pages', () => {
    const whole = (['home', 'library', 'calendar', 'stats', 'settings'] as const).filter((name) => needsWholeAgenda({ name }));
    expect(whole).toEqual(['library', 'stats']);
    expect(needsWholeAgenda({ name: 'review' })).toBe(true);
    expect(needsWholeAgenda({ name: 'review', paths: ['a.md'] })).toBe(true);
    expect(needsWholeAgenda({ name: 'note', path: 'a.md' })).toBe(false);
    expect(needsWholeAgenda({ name: 'drill' })).toBe(false);
  });
});
