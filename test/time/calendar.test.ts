import { describe, expect, it } from 'vitest';
import {
  addDays,
  copenhagenWeek,
  dateKey,
  dateOf,
  daysBetween,
  isoWeek,
  isoWeekKey,
  type LocalDate,
  mondayOf,
  parseDateKey,
  startOfDay,
  weekday,
} from '../../src/time/calendar.js';
import { toCopenhagen, wallClock } from '../../src/time/copenhagen.js';

const date = (key: string) => parseDateKey(key)!;
const HOUR = 3_600_000;

describe('Copenhagen calendar dates', () => {
  it('adds days across month, year and leap-day boundaries, keeping a time of day', () => {
    expect(dateKey(addDays(date('2027-12-31'), 1))).toBe('2028-01-01');
    expect(dateKey(addDays(date('2028-03-01'), -1))).toBe('2028-02-29');
    expect(dateKey(addDays(date('2027-03-01'), -1))).toBe('2027-02-28');
    expect(dateKey(addDays(date('2026-01-01'), -366))).toBe('2024-12-31');
    expect(addDays({ year: 2027, month: 3, day: 27, hour: 17, minute: 30 }, 1)).toEqual({
      year: 2027,
      month: 3,
      day: 28,
      hour: 17,
      minute: 30,
    });
    expect(daysBetween(date('2027-03-22'), date('2027-03-29'))).toBe(7);
  });

  it('counts weekdays from Monday and finds the Monday of a week across a new year', () => {
    expect(weekday(date('2027-03-22'))).toBe(0); // Monday
    expect(weekday(date('2027-03-28'))).toBe(6); // Sunday
    expect(dateKey(mondayOf(date('2027-01-03')))).toBe('2026-12-28');
    expect(dateKey(mondayOf(date('2026-12-28')))).toBe('2026-12-28');
  });

  it('numbers ISO weeks by their Thursday, so a week may belong to the year before or after', () => {
    // 2026 begins on a Thursday: it has a week 53, which ends on 3 January 2027.
    expect(isoWeek(date('2026-12-31'))).toEqual({ year: 2026, week: 53 });
    expect(isoWeek(date('2027-01-01'))).toEqual({ year: 2026, week: 53 });
    expect(isoWeek(date('2027-01-03'))).toEqual({ year: 2026, week: 53 });
    expect(isoWeek(date('2027-01-04'))).toEqual({ year: 2027, week: 1 });
    // 29 December 2025 is a Monday in 2026's week 1.
    expect(isoWeekKey(date('2025-12-29'))).toBe('2026-W01');
    expect(isoWeekKey(date('2025-12-28'))).toBe('2025-W52');
    // A leap year that begins on a Wednesday has a week 53 too.
    expect(isoWeekKey(date('2020-12-31'))).toBe('2020-W53');
    expect(isoWeekKey(date('2026-12-01'))).toBe('2026-W49');
  });

  it('gives 53 weeks exactly to the years that begin on a Thursday, or on a Wednesday in a leap year', () => {
    for (let year = 2000; year <= 2060; year++) {
      const jan1 = weekday({ year, month: 1, day: 1 });
      const leap = new Date(Date.UTC(year, 1, 29)).getUTCDate() === 29;
      const long = jan1 === 3 || (leap && jan1 === 2);
      expect(isoWeek({ year, month: 12, day: 28 }), String(year)).toEqual({
        year,
        week: long ? 53 : 52,
      });
    }
  });

  it('moves to the next week on Mondays only, day by day over forty years', () => {
    let day: LocalDate = date('2000-01-03');
    let last = isoWeek(day);
    expect(last).toEqual({ year: 2000, week: 1 });
    for (let i = 1; i < 40 * 366; i++) {
      day = addDays(day, 1);
      const week = isoWeek(day);
      if (weekday(day) !== 0) expect(week).toEqual(last);
      else if (week.week !== 1) expect(week).toEqual({ year: last.year, week: last.week + 1 });
      else expect(week.year).toBe(last.year + 1);
      last = week;
    }
  });

  it('reads YYYY-MM-DD keys and refuses dates that do not exist', () => {
    expect(parseDateKey(' 2028-02-29 ')).toEqual({ year: 2028, month: 2, day: 29 });
    for (const bad of ['2027-02-29', '2027-13-01', '2027-04-31', '2027-1-01', '0050-01-01', '']) {
      expect(parseDateKey(bad), bad).toBeUndefined();
    }
    expect(parseDateKey(null)).toBeUndefined();
  });

  it('begins every day at Copenhagen midnight, summer and winter', () => {
    expect(startOfDay(date('2027-01-15')).toISOString()).toBe('2027-01-14T23:00:00.000Z');
    expect(startOfDay(date('2027-07-15')).toISOString()).toBe('2027-07-14T22:00:00.000Z');
    // The clocks change that night (02:00 → 03:00), not at midnight.
    expect(startOfDay(date('2027-03-28')).toISOString()).toBe('2027-03-27T23:00:00.000Z');
    // Just before Copenhagen's midnight, UTC is still on the day before.
    expect(dateKey(dateOf(new Date('2027-07-14T22:30:00Z')))).toBe('2027-07-15');
  });

  it('makes the spring week an hour short and the autumn week an hour long', () => {
    const spring = copenhagenWeek(new Date('2027-03-28T12:00:00Z'));
    expect(spring.from.toISOString()).toBe('2027-03-21T23:00:00.000Z');
    expect(spring.to.toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect((spring.to.getTime() - spring.from.getTime()) / HOUR).toBe(167);

    const autumn = copenhagenWeek(new Date('2027-10-31T22:59:00Z')); // Sunday 23.59 in Copenhagen
    expect(autumn.from.toISOString()).toBe('2027-10-24T22:00:00.000Z');
    expect(autumn.to.toISOString()).toBe('2027-10-31T23:00:00.000Z');
    expect((autumn.to.getTime() - autumn.from.getTime()) / HOUR).toBe(169);
    // One minute later it is Monday in Copenhagen, and the next week.
    expect(copenhagenWeek(new Date('2027-10-31T23:00:00Z')).from).toEqual(autumn.to);
  });

  it('reads the wall clock as toCopenhagen does, every quarter hour of a year with two DST changes', () => {
    for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += HOUR / 4) {
      const { second: _, ...exact } = toCopenhagen(new Date(t));
      expect(wallClock(new Date(t))).toEqual(exact);
    }
  });

  it('reads the wall clock as toCopenhagen does, every hour of the 1940s, when summer time began and ended at odd dates', () => {
    for (let t = Date.UTC(1940, 0, 1); t < Date.UTC(1950, 0, 1); t += HOUR) {
      const { second: _, ...exact } = toCopenhagen(new Date(t));
      expect(wallClock(new Date(t)), new Date(t).toISOString()).toEqual(exact);
    }
  });
});
