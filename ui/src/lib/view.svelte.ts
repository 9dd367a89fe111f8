// What the screens remember while the window is open, so going back finds them as they were:
// the library's filters, sort and layout, the month the calendar shows and its selected day (a
// change of the vault remakes the calendar: it keeps the day the user was looking at).
import { ALL, type Criteria } from './library';

export const browsing = $state<{ criteria: Criteria; layout: 'cards' | 'rows' }>({ criteria: { ...ALL }, layout: 'rows' });

export const calendarMonth = $state<{ y: number; m: number } | { y: null; m: null }>({ y: null, m: null });

/** The calendar's selected day, and the day it was chosen on (a new day starts from today). */
export const calendarDay = $state<{ date: string | null; on: string | null }>({ date: null, on: null });
