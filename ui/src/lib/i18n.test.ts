import { describe, expect, it } from 'vitest';
import { CATALOGUES, placeholders, translate, type Key } from './i18n';

describe('the catalogues', () => {
  const ko = CATALOGUES.ko;
  const en = CATALOGUES.en;

  it('have the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages, and plural forms only around a count', () => {
    for (const key of Object.keys(ko) as Key[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ko[key]));
      for (const [lang, text] of [['ko', ko[key]], ['en', en[key]]]) {
        if (!text.includes('|')) continue;
        const forms = text.split('|');
        expect(forms, `${lang} ${key}`).toHaveLength(2);
        expect(placeholders(text), `${lang} ${key}`).toContain('n');
        expect(placeholders(forms[0]), `${lang} ${key}`).toEqual(placeholders(forms[1]));
      }
    }
  });

  it('have a name for every step, stage, status, grade and sort the screens ask for', () => {
    const needed = [
      ...['d1', 'd4', 'd7', 'd14', 'extra'].map((s) => `step.${s}`),
      ...['d1', 'd4', 'd7', 'd14', 'extra', 'long_term', 'not_started', 'plain'].map((s) => `stage.${s}`),
      ...['overdue', 'due', 'upcoming', 'not_started', 'long_term', 'plain'].map((s) => `status.${s}`),
      ...['remembered', 'unsure', 'forgot'].map((g) => `grade.${g}`),
      ...['due', 'first', 'title', 'progress'].map((s) => `sort.${s}`),
      ...['home', 'library', 'calendar', 'stats', 'settings'].map((s) => `nav.${s}`),
    ];
    for (const key of needed) expect(Object.keys(ko), key).toContain(key);
  });
});

describe('translate', () => {
  it('groups counts of a thousand and more, in both languages', () => {
    expect(translate('ko', 'library.count', { n: 10000 })).toBe('노트 10,000개');
    expect(translate('en', 'library.count', { n: 10000 })).toBe('10,000 notes');
    expect(translate('ko', 'library.count', { n: 999 })).toBe('노트 999개');
  });
  it('fills placeholders and picks the English plural by the count', () => {
    expect(translate('ko', 'home.headline', { n: 1 })).toBe('오늘 복습할 노트 1개');
    expect(translate('en', 'home.headline', { n: 1 })).toBe('1 note to review today');
    expect(translate('en', 'home.headline', { n: 3 })).toBe('3 notes to review today');
    expect(translate('en', 'home.headline', { n: 0 })).toBe('0 notes to review today');
    expect(translate('en', 'toast.undone', { path: 'a/b.md' })).toBe('Undone: a/b.md');
    // A value holding braces is not read again.
    expect(translate('en', 'toast.undone', { path: '{n}' })).toBe('Undone: {n}');
  });
});
