/**
 * Europe/Copenhagen calendar maths with nothing but `Intl`: Samskab shows every
 * time in Copenhagen, whatever the visitor's own clock says.
 */
import type { Locale } from '../i18n/index.js';

export const ZONE = 'Europe/Copenhagen';

/** A wall-clock time in Copenhagen. `month` is 1–12. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The Copenhagen wall-clock time at `instant`. */
export function toCopenhagen(instant: Date): LocalDateTime & { second: number } {
  const n: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(instant)) {
    if (p.type !== 'literal') n[p.type] = Number(p.value);
  }
  return {
    year: n.year!,
    month: n.month!,
    day: n.day!,
    hour: n.hour!,
    minute: n.minute!,
    second: n.second!,
  };
}

/** Copenhagen's offset from UTC at `instant`, in minutes (60 in winter, 120 in summer). */
export function offsetMinutes(instant: Date): number {
  const l = toCopenhagen(instant);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Copenhagen's offset in minutes by UTC day (`ms / DAY`), or null for a day it changes. */
const days = new Map<number, number | null>();
/** Copenhagen's offset in minutes, by UTC hour (`ms / HOUR`), for the days it changes. */
const hours = new Map<number, number>();

/**
 * Copenhagen's offset in minutes at `ms` (undefined before 1900). The zone
 * has only ever changed on the hour since 1900, and never twice in a day, so
 * a day whose first and last hours agree has one offset throughout: two
 * `Intl` calls a day, and one a UTC hour on the few days it changes.
 */
function cachedOffset(ms: number): number | undefined {
  if (ms < Date.UTC(1900, 0, 1)) return undefined;
  const day = Math.floor(ms / DAY);
  let whole = days.get(day);
  if (whole === undefined) {
    // A long-running server asks about ever more days: start over rather than grow.
    if (days.size > 10_000) days.clear();
    const first = offsetMinutes(new Date(day * DAY));
    whole = first === offsetMinutes(new Date(day * DAY + 23 * HOUR)) ? first : null;
    days.set(day, whole);
  }
  if (whole !== null) return whole;
  const hour = Math.floor(ms / HOUR);
  let offset = hours.get(hour);
  if (offset === undefined) {
    if (hours.size > 10_000) hours.clear();
    offset = offsetMinutes(new Date(hour * HOUR));
    hours.set(hour, offset);
  }
  return offset;
}

/**
 * The same wall clock as `toCopenhagen`, from the cached offset rather than
 * an `Intl` call per instant: `formatToParts` was most of the calendar's list
 * view's script time (three calls per shift). Instants before 1900 (local
 * mean time until 1894, +0:50:20) ask `Intl` directly.
 */
export function wallClock(instant: Date): LocalDateTime {
  const ms = instant.getTime();
  const offset = cachedOffset(ms);
  if (offset === undefined) return toCopenhagen(instant);
  const t = new Date(ms + offset * 60_000);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
  };
}

/**
 * The instant a Copenhagen wall-clock time names, or `null` when that time does
 * not exist (the spring-forward gap, 02:00–02:59 on the last Sunday of March).
 * An autumn time that happens twice resolves to the first (summer-time) one.
 */
export function fromCopenhagen(local: LocalDateTime): Date | null {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  for (const offset of [120, 60]) {
    const instant = new Date(guess - offset * 60_000);
    const back = toCopenhagen(instant);
    if (
      back.year === local.year &&
      back.month === local.month &&
      back.day === local.day &&
      back.hour === local.hour &&
      back.minute === local.minute
    ) {
      return instant;
    }
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The Copenhagen wall-clock time an ISO 8601 string writes, when its offset
 * is one of Copenhagen's own (`2027-03-28T02:30:00+01:00`): then the writer
 * meant a local time there, which may not exist. Undefined for `Z` or any
 * other offset (`2027-03-28T02:30:00-05:00` is 09.30 in Copenhagen): those
 * name an instant, and every instant has a Copenhagen time.
 */
export function writtenLocalTime(iso: string): LocalDateTime | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?([+-])(\d{2}):?(\d{2})$/.exec(
      iso,
    );
  if (!m) return undefined;
  const [, year, month, day, hour, minute] = m.slice(0, 6).map(Number) as number[];
  const offset = (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8]));
  // Copenhagen's own offsets, in minutes east of UTC: winter (CET) and summer (CEST).
  if (offset !== 60 && offset !== 120) return undefined;
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute! };
}

/** ISO 8601 with Copenhagen's offset, e.g. `2026-12-01T17:00:00+01:00`. */
export function toIsoCopenhagen(instant: Date): string {
  const cached = cachedOffset(instant.getTime());
  const off = cached ?? offsetMinutes(instant);
  // The wall clock is UTC moved by the offset: no formatter needed once it is known.
  const t = new Date(instant.getTime() + off * 60_000);
  const l =
    cached === undefined
      ? toCopenhagen(instant)
      : {
          year: t.getUTCFullYear(),
          month: t.getUTCMonth() + 1,
          day: t.getUTCDate(),
          hour: t.getUTCHours(),
          minute: t.getUTCMinutes(),
          second: t.getUTCSeconds(),
        };
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const dateFormats = {
  da: new Intl.DateTimeFormat('da-DK', {
    timeZone: ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }),
};

/** "tirsdag 1. december" / "Tuesday 1 December", in Copenhagen. */
export function formatDate(instant: Date, locale: Locale): string {
  return dateFormats[locale].format(instant).replace(',', '');
}

/** "17.00" in Danish, "17:00" in English, in Copenhagen. */
export function formatTime(instant: Date, locale: Locale): string {
  const l = toCopenhagen(instant);
  return `${pad(l.hour)}${locale === 'da' ? '.' : ':'}${pad(l.minute)}`;
}

/**
 * "tirsdag 1. december, kl. 17.00–19.00" (Danish) or
 * "Tuesday 1 December, 17:00–19:00" (English); a range that ends on another
 * Copenhagen day names both days.
 */
export function formatRange(start: Date, end: Date, locale: Locale): string {
  const sameDay = formatDate(start, locale) === formatDate(end, locale);
  const at = locale === 'da' ? 'kl. ' : '';
  const from = `${formatDate(start, locale)}, ${at}${formatTime(start, locale)}`;
  const to = sameDay
    ? formatTime(end, locale)
    : `${formatDate(end, locale)}, ${at}${formatTime(end, locale)}`;
  return `${from}–${to}`;
}

// Made once: a formatter costs about 100 µs to build and a page may show thousands of times.
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { timeZone: ZONE, dateStyle: 'long', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, dateStyle: 'long', timeStyle: 'short' }),
};

/** "12. januar 2027, 10.42" style date-time for lists and receipts. */
export function formatDateTime(instant: Date, locale: Locale): string {
  return dateTimeFormats[locale].format(instant);
}
