import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { NewShift } from '../../src/schemas/shift.js';

const shift = (overrides: Record<string, unknown> = {}) => ({
  activityId: 'besoegsven',
  title: 'Højtlæsning',
  start: '2026-12-01T17:00:00+01:00',
  end: '2026-12-01T19:00:00+01:00',
  capacity: 4,
  ...overrides,
});
const problems = (value: unknown) =>
  z.safeParse(NewShift, value).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('NewShift', () => {
  it('refuses a repeat until a day that does not exist', () => {
    expect(problems(shift({ repeat: { weekly: true, until: '2027-13-45' } }))).toEqual([
      ['repeat.until', 'error.date'],
    ]);
    expect(problems(shift({ repeat: { weekly: true, until: '2027-02-30' } }))).toEqual([
      ['repeat.until', 'error.date'],
    ]);
    expect(problems(shift({ repeat: { weekly: true, until: '2027-02-28' } }))).toEqual([]);
  });

  it('refuses instants outside 2000–2100', () => {
    expect(
      problems(shift({ start: '0000-12-01T17:00:00+01:00', end: '0000-12-01T19:00:00+01:00' })),
    ).toEqual([
      ['start', 'error.year'],
      ['end', 'error.year'],
    ]);
  });

  it('refuses a title that would start a line of its own, and an invisible one', () => {
    expect(problems(shift({ title: 'Vagt\rBEGIN:VEVENT' }))).toEqual([
      ['title', 'error.text.oneLine'],
    ]);
    expect(problems(shift({ title: '\u200B' }))).toEqual([['title', 'error.title.required']]);
  });
});
