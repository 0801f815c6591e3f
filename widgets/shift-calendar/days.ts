/**
 * Calendar days in Copenhagen for the grid: plain dates, Monday first, as a
 * Danish calendar has them. Date arithmetic is done on UTC midnights, which
 * have no DST.
 */
import {
  fromCopenhagen,
  type LocalDateTime,
  offsetMinutes,
  toCopenhagen,
} from '../../src/time/copenhagen.js';

/** A Copenhagen calendar date; `m` is 1–12. */
export interface Day {
  y: number;
  m: number;
  d: number;
}

const utc = (day: Day) => new Date(Date.UTC(day.y, day.m - 1, day.d));
const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-01`. */
export const keyOf = (day: Day) => `${day.y}-${pad(day.m)}-${pad(day.d)}`;

/** The date a key names, or undefined for anything else. */
export function parseDay(value: string | null | undefined): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const day = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return keyOf(addDays(day, 0)) === keyOf(day) ? day : undefined;
}

export function addDays(day: Day, n: number): Day {
  const t = utc(day);
  t.setUTCDate(t.getUTCDate() + n);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 for Monday … 6 for Sunday. */
export const weekday = (day: Day) => (utc(day).getUTCDay() + 6) % 7;

const HOUR = 3_600_000;
/** Copenhagen's offset in minutes, by UTC hour (`ms / HOUR`). */
const offsets = new Map<number, number>();

/**
 * The same wall clock as `toCopenhagen`, with one `Intl` call per UTC hour
 * rather than per instant: `formatToParts` was most of the list view's script
 * time (three calls per shift). Since 1894 Copenhagen's offset has changed only
 * on whole UTC hours, so it is the same throughout an hour; earlier instants
 * (local mean time, +0:50:20) ask `Intl` directly.
 */
export function wallClock(instant: Date): LocalDateTime {
  const ms = instant.getTime();
  if (ms < Date.UTC(1900, 0, 1)) return toCopenhagen(instant);
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = offsetMinutes(new Date(hour * HOUR));
    offsets.set(hour, offset);
  }
  const t = new Date(ms + offset * 60_000);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
  };
}

/** The Copenhagen date an instant falls on. */
export function dayOf(instant: Date): Day {
  const l = wallClock(instant);
  return { y: l.year, m: l.month, d: l.day };
}

/** Midnight at the start of `day` in Copenhagen (midnight always exists there). */
export const startOf = (day: Day) =>
  fromCopenhagen({ year: day.y, month: day.m, day: day.d, hour: 0, minute: 0 })!;

/** ISO 8601 week number, as Danish calendars print it. */
export function isoWeek(day: Day): number {
  const thursday = addDays(day, 3 - weekday(day));
  const jan4 = { y: thursday.y, m: 1, d: 4 };
  const firstThursday = addDays(jan4, 3 - weekday(jan4));
  return (
    1 + Math.round((utc(thursday).getTime() - utc(firstThursday).getTime()) / (7 * 86_400_000))
  );
}

/** The days a view shows: a week from its Monday, or whole weeks around a month. */
export function periodDays(view: 'week' | 'month' | 'list', anchor: Day): Day[] {
  let first: Day;
  let count: number;
  if (view === 'list') {
    first = anchor;
    count = 28;
  } else if (view === 'week') {
    first = addDays(anchor, -weekday(anchor));
    count = 7;
  } else {
    const firstOfMonth = { ...anchor, d: 1 };
    first = addDays(firstOfMonth, -weekday(firstOfMonth));
    const last = addDays(
      { y: anchor.m === 12 ? anchor.y + 1 : anchor.y, m: (anchor.m % 12) + 1, d: 1 },
      -1,
    );
    count =
      Math.round(
        (utc(addDays(last, 6 - weekday(last))).getTime() - utc(first).getTime()) / 86_400_000,
      ) + 1;
  }
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** Moves an anchor one period on (`step` 1) or back (-1). */
export function shiftPeriod(view: 'week' | 'month' | 'list', anchor: Day, step: number): Day {
  if (view === 'month') {
    const months = anchor.y * 12 + anchor.m - 1 + step;
    return { y: Math.floor(months / 12), m: (months % 12) + 1, d: 1 };
  }
  return addDays(anchor, step * (view === 'week' ? 7 : 28));
}
