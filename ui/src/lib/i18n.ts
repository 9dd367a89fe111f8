// Every string the window shows comes from one catalogue per language (`i18n/ko.ts`,
// `i18n/en.ts`); the English one is typed by the Korean one's keys, so a missing key does not
// compile, and a test checks both use the same placeholders. A text may hold `{name}`
// placeholders, and a `|` between the singular and the plural for English counts (`{n}`).
import type { Lang } from '../bindings/Lang';
import { ko } from './i18n/ko';
import { en } from './i18n/en';

export type Key = keyof typeof ko;
export type Catalogue = Record<Key, string>;
export type Vars = Record<string, string | number>;

export const CATALOGUES: Record<Lang, Catalogue> = { ko, en };

/** The placeholders of a text, sorted: `['n', 'title']`. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** A placeholder's text: counts of a thousand and more grouped ("10,000"), the same way in both languages. */
function shown(value: Vars[string]): string {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 1000 ? value.toLocaleString('en-US') : String(value);
}

/** The text of `key` in `lang` with `vars` filled in; the plural form when `n` is not 1. */
export function translate(lang: Lang, key: Key, vars: Vars = {}): string {
  let text = CATALOGUES[lang][key] ?? ko[key] ?? key;
  if (text.includes('|')) {
    const [one, many] = text.split('|');
    text = vars.n === 1 ? one : many;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? shown(vars[name]) : whole));
}
