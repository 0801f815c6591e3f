/**
 * The days each of the calendar's views shows. The date maths itself (Monday
 * first, as a Danish calendar has it) is src/time's, shared with the server.
 */
import { addDays, daysBetween, type LocalDate, weekday } from '../../src/time/calendar.js';

export type View = 'list' | 'week' | 'month';

/** The days a view shows: 28 from the anchor, a week from its Monday, or whole weeks around a month. */
export function periodDays(view: View, anchor: LocalDate): LocalDate[] {
  let first: LocalDate;
  let count: number;
  if (view === 'list') {
    first = anchor;
    count = 28;
  } else if (view === 'week') {
    first = addDays(anchor, -weekday(anchor));
    count = 7;
  } else {
    const firstOfMonth = { ...anchor, day: 1 };
    first = addDays(firstOfMonth, -weekday(firstOfMonth));
    const last = addDays(shiftPeriod('month', anchor, 1), -1);
    // Through the Sunday of the month's last week.
    count = daysBetween(first, last) + 7 - weekday(last);
  }
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** Moves an anchor one period on (`step` 1) or back (-1); a month's anchor is its first day. */
export function shiftPeriod(view: View, anchor: LocalDate, step: number): LocalDate {
  if (view === 'month') {
    const months = anchor.year * 12 + anchor.month - 1 + step;
    return { year: Math.floor(months / 12), month: (months % 12) + 1, day: 1 };
  }
  return addDays(anchor, step * (view === 'week' ? 7 : 28));
}
