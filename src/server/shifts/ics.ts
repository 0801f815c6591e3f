/**
 * iCalendar (RFC 5545) for shifts: a feed per activity and one event per
 * claim. Times are Copenhagen wall-clock times under a Europe/Copenhagen
 * VTIMEZONE (so a calendar app shows the time the coordinator meant, across
 * DST), or plain UTC for clients that ignore VTIMEZONE. No personal data;
 * a claim's own event carries its secret cancel link, the feed never does.
 */
import { toCopenhagen } from '../../time/copenhagen.js';

/** One VEVENT's content. */
export interface IcsEvent {
  uid: string;
  title: string;
  location: string;
  description?: string;
  /** A link about the event (RFC 5545 §3.8.4.6): the claimant's cancel page. */
  url?: string;
  start: Date;
  end: Date;
}

/** How times are written. */
export type IcsTimes = 'copenhagen' | 'utc';

// The EU rule in force since 1996: last Sunday of March 02:00 → 03:00, last
// Sunday of October 03:00 → 02:00 (RFC 5545 §3.6.5).
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Copenhagen',
  'X-LIC-LOCATION:Europe/Copenhagen',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const pad = (n: number) => String(n).padStart(2, '0');

function utcStamp(d: Date) {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

function localStamp(d: Date) {
  const l = toCopenhagen(d);
  return `${l.year}${pad(l.month)}${pad(l.day)}T${pad(l.hour)}${pad(l.minute)}${pad(l.second)}`;
}

/**
 * A local time that happens twice (the October fall-back hour) cannot say
 * which one it means under a TZID: RFC 5545 takes the first. Such an instant
 * in its second occurrence is written in UTC, which is never ambiguous.
 */
function dateProperty(name: string, d: Date, times: IcsTimes) {
  if (times === 'utc' || isSecondOfRepeatedHour(d)) return `${name}:${utcStamp(d)}`;
  return `${name};TZID=Europe/Copenhagen:${localStamp(d)}`;
}

function isSecondOfRepeatedHour(d: Date) {
  const hourEarlier = toCopenhagen(new Date(d.getTime() - 3_600_000));
  const now = toCopenhagen(d);
  return hourEarlier.hour === now.hour && hourEarlier.day === now.day;
}

/**
 * TEXT escaping (RFC 5545 §3.3.11). Every line break, a lone CR included, is
 * written `\n`: some parsers end a content line at a bare CR, and a title
 * must not start a line of its own. Other control characters may not appear
 * in TEXT at all (§3.3.11, TSAFE-CHAR), so any stored before the schemas
 * refused them are dropped.
 */
function text(value: string) {
  return value
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[^\P{Cc}\t]/gu, '');
}

/** Folds a content line at 75 octets, never inside a UTF-8 sequence (§3.1). */
function fold(line: string) {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    // The first line holds 75 octets; continuation lines start with a space.
    if (size + bytes > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A whole VCALENDAR with `events`, CRLF line ends; `stamp` is DTSTAMP (the time of writing). */
export function calendar(
  name: string,
  events: readonly IcsEvent[],
  stamp: Date,
  times: IcsTimes = 'copenhagen',
) {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Samskab//Vagtkalender//DA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(name)}`,
    ...(times === 'copenhagen' ? ['X-WR-TIMEZONE:Europe/Copenhagen', ...VTIMEZONE] : []),
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(stamp)}`,
      dateProperty('DTSTART', e.start, times),
      dateProperty('DTEND', e.end, times),
      `SUMMARY:${text(e.title)}`,
    );
    if (e.location) lines.push(`LOCATION:${text(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${text(e.description)}`);
    // URI values are not TEXT: no escaping (§3.3.13); fold() still wraps them.
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push('STATUS:CONFIRMED', 'TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
