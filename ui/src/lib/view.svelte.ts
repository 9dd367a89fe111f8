// What the screens remember while the window is open, so going back finds them as they were:
// the library's filters, sort and layout, and the month the calendar shows.
import { ALL, type Criteria } from './library';

export const browsing = $state<{ criteria: Criteria; layout: 'cards' | 'rows' }>({ criteria: { ...ALL }, layout: 'rows' });

export const calendarMonth = $state<{ y: number; m: number } | { y: null; m: null }>({ y: null, m: null });
