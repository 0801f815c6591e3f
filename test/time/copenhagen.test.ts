import { describe, expect, it } from 'vitest';
import {
  formatRange,
  fromCopenhagen,
  offsetMinutes,
  toCopenhagen,
  toIsoCopenhagen,
  writtenLocalTime,
} from '../../src/time/copenhagen.js';

describe('Copenhagen time', () => {
  it('formats a shift the Danish way, whatever the process time zone', () => {
    const start = new Date('2026-12-01T16:00:00Z');
    const end = new Date('2026-12-01T18:00:00Z');
    expect(formatRange(start, end, 'da')).toBe('tirsdag 1. december, kl. 17.00–19.00');
    expect(formatRange(start, end, 'en')).toBe('Tuesday 1 December, 17:00–19:00');
  });

  it('names both days when a range passes midnight', () => {
    const start = new Date('2026-12-31T22:00:00Z');
    const end = new Date('2027-01-01T01:00:00Z');
    expect(formatRange(start, end, 'da')).toBe(
      'torsdag 31. december, kl. 23.00–fredag 1. januar, kl. 02.00',
    );
  });

  it('knows winter and summer offsets', () => {
    expect(offsetMinutes(new Date('2027-01-15T12:00:00Z'))).toBe(60);
    expect(offsetMinutes(new Date('2027-07-15T12:00:00Z'))).toBe(120);
    expect(toIsoCopenhagen(new Date('2027-07-15T12:00:00Z'))).toBe('2027-07-15T14:00:00+02:00');
  });

  it('writes the same ISO time from its cache as from Intl, across both changes and before 1900', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const fromIntl = (instant: Date) => {
      const l = toCopenhagen(instant);
      const off = offsetMinutes(instant);
      const abs = Math.abs(off);
      return `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    };
    const instants = [
      // Around the spring and autumn changes of 2027, second by second at the edges.
      ...[-1, 0, 1, 59_999, 3_599_999, 3_600_000].map(
        (d) => Date.parse('2027-03-28T01:00:00Z') + d,
      ),
      ...[-1, 0, 1, 3_600_000].map((d) => Date.parse('2027-10-31T01:00:00Z') + d),
      Date.parse('2026-12-31T23:59:59.999Z'),
      Date.parse('1899-12-31T23:59:59Z'),
      Date.parse('1893-06-01T12:00:00Z'),
      Date.parse('1940-05-15T12:34:56Z'),
    ];
    for (const ms of instants) {
      expect(toIsoCopenhagen(new Date(ms)), new Date(ms).toISOString()).toBe(
        fromIntl(new Date(ms)),
      );
    }
  });

  it('refuses a time in the spring-forward gap', () => {
    expect(fromCopenhagen({ year: 2027, month: 3, day: 28, hour: 2, minute: 30 })).toBeNull();
    expect(
      fromCopenhagen({ year: 2027, month: 3, day: 28, hour: 3, minute: 0 })?.toISOString(),
    ).toBe('2027-03-28T01:00:00.000Z');
  });

  it('takes the first of an autumn time that happens twice', () => {
    expect(
      fromCopenhagen({ year: 2027, month: 10, day: 31, hour: 2, minute: 30 })?.toISOString(),
    ).toBe('2027-10-31T00:30:00.000Z');
  });

  it('round-trips every hour of a year', () => {
    for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 3_600_000) {
      const local = toCopenhagen(new Date(t));
      const back = fromCopenhagen(local);
      // Only the repeated autumn hour resolves to its first occurrence.
      expect(Math.abs((back?.getTime() ?? 0) - t)).toBeLessThanOrEqual(3_600_000);
    }
  });

  it('reads a written local time only when its offset is one of Copenhagen’s own', () => {
    expect(writtenLocalTime('2027-03-28T02:30:00+01:00')).toEqual({
      year: 2027,
      month: 3,
      day: 28,
      hour: 2,
      minute: 30,
    });
    expect(writtenLocalTime('2027-03-28T02:30+0200')).toMatchObject({ hour: 2, minute: 30 });
    expect(writtenLocalTime('2027-03-28T02:30:00-05:00')).toBeUndefined();
    expect(writtenLocalTime('2027-03-28T02:30:00Z')).toBeUndefined();
  });
});
