// The note page's choices: which action the page offers first, how a step of the timeline
// reads, and a review's grades counted. The timeline and the history come from the backend.
import type { Grade } from '../bindings/Grade';
import type { Milestone } from '../bindings/Milestone';
import type { NoteSummary } from '../bindings/NoteSummary';
import type { QuestionMemory } from '../bindings/QuestionMemory';
import { dateNear, daysBetween, stepName } from './format';
import { t } from './locale.svelte';

export type Primary = 'review' | 'early' | 'start' | 'enroll' | null;

/** The page's main button: review a due note (or early, with the review's confirmation), start
 * a not-started one, enroll a plain one; nothing for a note in long-term memory. */
export function primary(note: NoteSummary): Primary {
  if (note.kind === 'plain') return 'enroll';
  switch (note.status) {
    case 'overdue':
    case 'due':
      return 'review';
    case 'upcoming':
      return 'early';
    case 'not_started':
      return 'start';
    default:
      return null;
  }
}

/** A timeline step in words: its name, and its date with what happened or will. */
export function milestoneText(m: Milestone, today: string): { name: string; when: string } {
  const name = stepName(m.step);
  switch (m.mark) {
    case 'done':
      return { name, when: m.done_on ? t('timeline.done_on', { date: dateNear(m.done_on, today) }) : t('timeline.done') };
    case 'done_undated':
      return { name, when: t('timeline.done_undated') };
    case 'overdue':
      return { name, when: t('timeline.overdue', { date: dateNear(m.due!, today), n: daysBetween(m.due!, today) }) };
    case 'due':
      return { name, when: t('timeline.due_today') };
    case 'planned':
      return { name, when: m.due ? t('timeline.planned', { date: dateNear(m.due, today) }) : t('timeline.unscheduled') };
  }
}

/** How many cue questions got each grade. */
export function gradeCounts(grades: Grade[]): Record<Grade, number> {
  const counts: Record<Grade, number> = { remembered: 0, unsure: 0, forgot: 0 };
  for (const g of grades) counts[g]++;
  return counts;
}

/** How a cue question's memory reads on its note's page: its recall now in words and a tone
 * (strong at FSRS's target of 90% and over, weak under 70%), and FSRS's next day; nothing before
 * its first answer. */
export function questionLine(q: QuestionMemory, today: string): { recall: string; next: string; tone: 'strong' | 'fading' | 'weak' } | null {
  if (q.recall === null || q.next === null) return null;
  const p = Math.round(q.recall * 100);
  const tone = q.recall >= 0.9 ? 'strong' : q.recall < 0.7 ? 'weak' : 'fading';
  const next = q.next <= today ? t('note.q_next_now') : t('note.q_next', { date: dateNear(q.next, today) });
  return { recall: t('note.q_recall', { p }), next, tone };
}
