// The window's language, theme and week start, as one reactive value: what `t()` and the date
// formats read, so every screen follows a change at once.
import type { Appearance } from '../bindings/Appearance';
import type { Lang } from '../bindings/Lang';
import { translate, type Key, type Vars } from './i18n';

export const look = $state<Appearance>({ lang: 'ko', theme: 'system', week_start: 'sunday' });

/** The theme to draw: the chosen one, or the system's (followed as it changes). */
function applyTheme(): void {
  if (typeof document === 'undefined') return;
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = look.theme === 'system' ? (dark ? 'dark' : 'light') : look.theme;
}

if (typeof matchMedia === 'function') matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', applyTheme);

/** Makes `next` the window's look: the document's language and theme follow. */
export function setLook(next: Appearance): void {
  look.lang = next.lang;
  look.theme = next.theme;
  look.week_start = next.week_start;
  if (typeof document !== 'undefined') document.documentElement.lang = next.lang;
  applyTheme();
}

/** The text of `key` in the window's language. */
export function t(key: Key, vars?: Vars): string {
  return translate(look.lang, key, vars);
}

/** The window's language now. */
export function lang(): Lang {
  return look.lang;
}
