// The calendar account panel's words and presets: the services a Korean student's calendar is
// often kept in, the CalDAV address each documents and where its app password is made, and one
// line on where publishing stands. Whether an address works is the backend's to find out.
import type { CalDav } from '../bindings/CalDav';
import type { DesktopStatus } from '../bindings/DesktopStatus';
import { t } from './locale.svelte';
import { when } from './settings';

/** A calendar service in the panel's list. */
export interface Provider {
  id: 'icloud' | 'naver' | 'nextcloud' | 'fastmail' | 'google' | 'other';
  /** The CalDAV address it documents ('' when it depends on the student's own server). */
  url: string;
  /** Whether the app can publish to it with an app password. */
  publishable: boolean;
}

/** The services, in the order the list shows them. */
export const PROVIDERS: Provider[] = [
  { id: 'icloud', url: 'https://caldav.icloud.com/', publishable: true },
  { id: 'naver', url: 'https://caldav.calendar.naver.com/', publishable: true },
  { id: 'google', url: '', publishable: false },
  { id: 'nextcloud', url: '', publishable: true },
  { id: 'fastmail', url: 'https://caldav.fastmail.com/dav/', publishable: true },
  { id: 'other', url: '', publishable: true },
];

/** The provider of `id` (an unknown one is "other"). */
export function provider(id: string | undefined): Provider {
  return PROVIDERS.find((p) => p.id === id) ?? PROVIDERS[PROVIDERS.length - 1];
}

/** The form's account after choosing `id`: its address filled in unless the student typed one. */
export function choose(form: CalDav, id: string): CalDav {
  const was = provider(form.provider);
  const next = provider(id);
  const typed = form.url.trim() !== '' && form.url !== was.url;
  return { ...form, provider: next.id, url: typed ? form.url : next.url };
}

/** An empty account form, iCloud first (the iPhone's calendar). */
export function blank(): CalDav {
  return { provider: 'icloud', url: PROVIDERS[0].url, user: '' };
}

/** One line on where publishing stands. */
export function publishLine(status: DesktopStatus, kept: CalDav | null): { text: string; ok: boolean } {
  if (!kept) return { text: t('caldav.unset'), ok: true };
  if (!status.caldav_password) return { text: t('caldav.no_password'), ok: false };
  const p = status.publish;
  const now = status.reminders.now;
  if (!p) return { text: t('caldav.soon'), ok: true };
  if (p.error) {
    const again = p.retry_at ? t('caldav.retry_at', { when: when(p.retry_at, now) }) : t('caldav.retry_on_change');
    return { text: `${p.error} · ${again}`, ok: false };
  }
  if (!p.published_at) return { text: t('caldav.soon'), ok: true };
  return { text: t('caldav.published', { when: when(p.published_at, now), n: p.events }), ok: true };
}
