/** Copenhagen calendar weeks and dates for the shifts feature (Monday first, as in Denmark). */
import { fromCopenhagen, type LocalDateTime, toCopenhagen } from '../../time/copenhagen.js';

/** The Copenhagen date `days` after the given one, wall-clock time kept. */
export function addDays(local: LocalDateTime, days: number): LocalDateTime {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { ...local, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** [Monday 00:00, next Monday 00:00) in Copenhagen around `instant`. */
export function copenhagenWeek(instant: Date): { from: Date; to: Date } {
  const l = toCopenhagen(instant);
  const weekday = (new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay() + 6) % 7;
  const monday = addDays({ ...l, hour: 0, minute: 0 }, -weekday);
  // Midnight always exists in Copenhagen: the DST changes happen at 02:00 and 03:00.
  return { from: fromCopenhagen(monday)!, to: fromCopenhagen(addDays(monday, 7))! };
}

/** Copenhagen's own offsets, in minutes east of UTC: winter (CET) and summer (CEST). */
const COPENHAGEN_OFFSETS = new Set([60, 120]);

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
  if (!COPENHAGEN_OFFSETS.has(offset)) return undefined;
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute! };
}
