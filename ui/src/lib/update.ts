// The update panel's words: where this version stands against the releases, and what the user
// can do next. The check, the signature and the install are the backend's.
import type { UpdateCheck } from '../bindings/UpdateCheck';
import { t } from './locale.svelte';

/** The panel's stages: not checked yet, checking, the answer, installing, installed. */
export type UpdateStage =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'checked'; check: UpdateCheck }
  | { kind: 'installing'; version: string }
  | { kind: 'installed'; version: string };

/** What the panel says now, and which button it offers. */
export function updateLine(stage: UpdateStage): { text: string; action: 'check' | 'install' | 'restart' | null } {
  switch (stage.kind) {
    case 'idle':
      return { text: '', action: 'check' };
    case 'checking':
      return { text: t('update.checking'), action: null };
    case 'installing':
      return { text: t('update.installing', { version: stage.version }), action: null };
    case 'installed':
      return { text: t('update.installed', { version: stage.version }), action: 'restart' };
    case 'checked': {
      const { check } = stage;
      if (!check.configured) return { text: t('update.own_build'), action: null };
      const offer = check.available;
      if (!offer) return { text: t('update.newest', { version: check.current }), action: 'check' };
      const when = offer.date ? t('update.dated', { date: offer.date }) : '';
      if (!check.installable) return { text: t('update.package', { version: offer.version, when }), action: 'check' };
      return { text: t('update.available', { version: offer.version, when }), action: 'install' };
    }
  }
}
