/**
 * How the shifts feature reads a time written in ISO 8601. The calendar maths
 * (`addDays`, `copenhagenWeek`) is src/time/calendar.ts, shared with the widgets.
 */
import type { LocalDateTime } from '../../time/copenhagen.js';

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
