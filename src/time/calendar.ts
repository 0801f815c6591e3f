/**
 * Copenhagen calendar dates: days, Monday-first weeks and ISO 8601 week
 * numbers, as a Danish calendar prints them; one set for the widgets and the
 * server. Arithmetic is done on UTC midnights, which have no DST; `startOfDay`
 * turns a date back into the instant it begins in Copenhagen.
 */
import { fromCopenhagen, wallClock } from './copenhagen.js';

/** A calendar date in Copenhagen; `month` is 1–12. A `LocalDateTime` is one too. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The UTC midnight of `date` in ms: a day number that sorts, subtracts and keys maps. */
export const utcMidnight = (date: LocalDate) => Date.UTC(date.year, date.month - 1, date.day);

/** The date a `utcMidnight` number names. */
export function fromUtcMidnight(ms: number): LocalDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The date `days` after `date` (before it when negative); a time of day on `date` is kept. */
export const addDays = <T extends LocalDate>(date: T, days: number): T => ({
  ...date,
  ...fromUtcMidnight(utcMidnight(date) + days * DAY),
});

/** Whole days from `a` to `b`. */
export const daysBetween = (a: LocalDate, b: LocalDate) =>
  Math.round((utcMidnight(b) - utcMidnight(a)) / DAY);

/** 0 for Monday … 6 for Sunday: Danish weeks begin on Monday. */
export const weekday = (date: LocalDate) => (new Date(utcMidnight(date)).getUTCDay() + 6) % 7;

/** The Monday of the week `date` falls in. */
export const mondayOf = <T extends LocalDate>(date: T): T => addDays(date, -weekday(date));

/**
 * The ISO 8601 week `date` falls in: the week of its Thursday, so its `year`
 * may not be the date's (29 December 2025 is in 2026's week 1, 1 January 2027
 * in 2026's week 53).
 */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  const thursday = addDays(date, 3 - weekday(date));
  const year = thursday.year;
  return { year, week: Math.floor(daysBetween({ year, month: 1, day: 1 }, thursday) / 7) + 1 };
}

/** `2026-W49`: the ISO 8601 name of the week `date` falls in. */
export function isoWeekKey(date: LocalDate): string {
  const { year, week } = isoWeek(date);
  return `${year}-W${pad(week)}`;
}

/** `2026-12-01`. */
export const dateKey = (date: LocalDate) => `${date.year}-${pad(date.month)}-${pad(date.day)}`;

/** The date a `YYYY-MM-DD` string names, or undefined for anything else (`2027-02-30` too). */
export function parseDateKey(value: string | null | undefined): LocalDate | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  // Date.UTC rolls 30 February over into March, and years below 100 into the 1900s.
  return dateKey(addDays(date, 0)) === m[0] ? date : undefined;
}

/** The Copenhagen date `instant` falls on (with its time of day, which date maths keeps and ignores). */
export const dateOf = (instant: Date): LocalDate => wallClock(instant);

/** The instant `date` begins in Copenhagen: midnight, which the DST changes (02:00, 03:00) never skip. */
export const startOfDay = (date: LocalDate): Date =>
  fromCopenhagen({ ...date, hour: 0, minute: 0 })!;

/** [Monday 00:00, next Monday 00:00) in Copenhagen around `instant`. */
export function copenhagenWeek(instant: Date): { from: Date; to: Date } {
  const monday = mondayOf(dateOf(instant));
  return { from: startOfDay(monday), to: startOfDay(addDays(monday, 7)) };
}
