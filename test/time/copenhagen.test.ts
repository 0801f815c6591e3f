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
