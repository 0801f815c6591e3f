import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  addWeeks,
  loadTrend,
  newQuestionId,
  nextWeekReminder,
  presenceMap,
  questionsForWeek,
  questionText,
  recentWeeks,
  storedQuestion,
  syncWeekAlarm,
  WEEK_ALARM,
  weekLabel,
  weekStartOf,
} from '../../src/notes/leader-week.js';
import type { FollowUp } from '../../src/schemas/follow-up.js';
import {
  defaultWeekPlan,
  type LeaderWeek,
  WeekPlan,
  type WeekReminder,
} from '../../src/schemas/leader-week.js';
import type { Note } from '../../src/schemas/note.js';
import { Settings } from '../../src/schemas/settings.js';
import type { Volunteer } from '../../src/schemas/volunteer.js';

const plan = (reminder: WeekReminder | null) => ({ ...defaultWeekPlan(), reminder });
const v = (id: string, status: Volunteer['status'] = 'active'): Volunteer => ({
  id,
  name: id,
  contact: '',
  roles: [],
  tags: [],
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const note = (id: string, volunteerIds: string[], createdAt: string): Note => ({
  id,
  volunteerIds,
  text: '',
  lenses: [],
  tags: [],
  createdAt,
  updatedAt: '2026-06-30T10:00:00.000Z',
});
const followUp = (id: string, volunteerId: string, updatedAt: string, done = true): FollowUp => ({
  id,
  volunteerId,
  text: id,
  due: '2026-01-01T00:00:00.000Z',
  done,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt,
});

describe('the Copenhagen week', () => {
  it('begins on Monday at midnight in Copenhagen, not in UTC', () => {
    // Sunday 28 June 23:30 in Copenhagen (summer time) is 21:30 UTC.
    expect(weekStartOf(new Date('2026-06-28T21:30:00Z'))).toBe('2026-06-22');
    // Monday 00:30 in Copenhagen is still Sunday in UTC.
    expect(weekStartOf(new Date('2026-06-28T22:30:00Z'))).toBe('2026-06-29');
    // In winter the offset is one hour.
    expect(weekStartOf(new Date('2026-01-04T23:30:00Z'))).toBe('2026-01-05');
  });

  it('counts weeks back across a year end', () => {
    expect(addWeeks('2026-01-05', -2)).toBe('2025-12-22');
    expect(recentWeeks(3, new Date('2026-01-07T12:00:00Z'))).toEqual([
      '2025-12-22',
      '2025-12-29',
      '2026-01-05',
    ]);
  });

  it('names a week by its ISO number and its days, in both languages', () => {
    expect(weekLabel('2026-06-29', 'da')).toBe('Uge 27 (29. jun. – 5. jul.)');
    expect(weekLabel('2026-06-29', 'en')).toBe('Week 27 (29 Jun – 5 Jul)');
    // 28 December 2026 is in ISO week 53.
    expect(weekLabel('2026-12-28', 'da')).toMatch(/^Uge 53 /);
  });
});

describe('the weekly reminder', () => {
  it('is never due when the leader has not asked for one', () => {
    expect(nextWeekReminder(plan(null), new Date('2026-06-30T12:00:00Z'))).toBeNull();
    expect(defaultWeekPlan().reminder).toBeNull();
  });

  it('falls on the chosen weekday and Copenhagen time', () => {
    const friday = plan({ weekday: 5, time: '16:00' });
    // Tuesday 30 June → Friday 3 July 16:00 CEST = 14:00 UTC.
    expect(nextWeekReminder(friday, new Date('2026-06-30T12:00:00Z'))?.toISOString()).toBe(
      '2026-07-03T14:00:00.000Z',
    );
    // On the Friday itself, before and after the time.
    expect(nextWeekReminder(friday, new Date('2026-07-03T13:59:00Z'))?.toISOString()).toBe(
      '2026-07-03T14:00:00.000Z',
    );
    expect(nextWeekReminder(friday, new Date('2026-07-03T14:00:00Z'))?.toISOString()).toBe(
      '2026-07-10T14:00:00.000Z',
    );
    // Sunday is day 7.
    expect(
      nextWeekReminder(
        plan({ weekday: 7, time: '20:00' }),
        new Date('2026-07-01T00:00:00Z'),
      )?.toISOString(),
    ).toBe('2026-07-05T18:00:00.000Z');
  });

  it('keeps the wall-clock time across the change of summer time', () => {
    const monday = plan({ weekday: 1, time: '09:00' });
    // Summer time ends on Sunday 25 October 2026: Monday 26 October 09:00 is CET (UTC+1).
    expect(nextWeekReminder(monday, new Date('2026-10-23T12:00:00Z'))?.toISOString()).toBe(
      '2026-10-26T08:00:00.000Z',
    );
    // Summer time begins on Sunday 29 March 2026: Monday 30 March 09:00 is CEST (UTC+2).
    expect(nextWeekReminder(monday, new Date('2026-03-27T12:00:00Z'))?.toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
  });

  it('moves a time the spring night skips to after the jump, and takes the first of a doubled one', () => {
    const early = plan({ weekday: 7, time: '02:30' });
    // 02:30 does not exist on 29 March 2026: 03:30 CEST, 01:30 UTC.
    expect(nextWeekReminder(early, new Date('2026-03-28T12:00:00Z'))?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 happens twice on 25 October 2026: the first, still summer time.
    expect(nextWeekReminder(early, new Date('2026-10-24T12:00:00Z'))?.toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('keeps one alarm in step with the plan', async () => {
    const calls: string[] = [];
    const alarms = {
      create: (name: string, info: { when: number }) =>
        calls.push(`create ${name} ${new Date(info.when).toISOString()}`),
      clear: async (name: string) => {
        calls.push(`clear ${name}`);
        return true;
      },
    };
    const now = new Date('2026-06-30T12:00:00Z');
    await syncWeekAlarm(alarms, plan({ weekday: 2, time: '15:00' }), now);
    await syncWeekAlarm(alarms, plan(null), now);
    expect(calls).toEqual([`create ${WEEK_ALARM} 2026-06-30T13:00:00.000Z`, `clear ${WEEK_ALARM}`]);
    expect(WEEK_ALARM).toBe('samskab-week');
  });
});

describe('the questions', () => {
  it('start from the course’s themes and follow the panel’s language until reworded', () => {
    const questions = defaultWeekPlan().questions;
    expect(questions.map((q) => q.id)).toEqual([
      'presence',
      'values',
      'conflicts',
      'ownership',
      'motivation',
    ]);
    expect(questions[0]!.text).toMatch(/^Hvem talte jeg virkelig med/);
    expect(questionText(questions[0]!, 'en')).toMatch(/^Whom did I really talk with/);
    const own = { id: 'presence', text: 'Hvem så jeg i øjnene?' };
    expect(questionText(own, 'en')).toBe(own.text);
  });

  it('stores an unchanged built-in question in Danish, whatever language it was edited in', () => {
    const english = { id: 'values', text: questionText(defaultWeekPlan().questions[1]!, 'en') };
    expect(storedQuestion(english)).toEqual(defaultWeekPlan().questions[1]);
    expect(storedQuestion({ id: 'q-abc', text: english.text })).toEqual({
      id: 'q-abc',
      text: english.text,
    });
  });

  it('gives a new question an id no other question has', () => {
    const values = [0.123456789, 0.123456789, 0.987654321];
    const random = () => values.shift()!;
    const first = newQuestionId([], () => 0.123456789);
    expect(newQuestionId([{ id: first, text: 'x' }], random)).not.toBe(first);
    expect(
      WeekPlan.safeParse({ ...defaultWeekPlan(), questions: [{ id: first, text: 'x' }] }).success,
    ).toBe(true);
  });

  it('shows a week’s answers to questions the leader has since removed', () => {
    const record: LeaderWeek = {
      id: 'w1',
      weekStart: '2026-06-29',
      answers: [
        { questionId: 'presence', question: 'old words', answer: 'Mette' },
        { questionId: 'q-gone', question: 'Et gammelt spørgsmål', answer: 'Svar' },
        { questionId: 'q-empty', question: 'Tomt', answer: '' },
      ],
      createdAt: '2026-06-29T08:00:00.000Z',
      updatedAt: '2026-06-29T08:00:00.000Z',
    };
    const shown = questionsForWeek(defaultWeekPlan(), record, 'da');
    expect(shown).toHaveLength(6);
    expect(shown[0]).toMatchObject({ questionId: 'presence', answer: 'Mette', removed: false });
    expect(shown[5]).toEqual({
      questionId: 'q-gone',
      question: 'Et gammelt spørgsmål',
      answer: 'Svar',
      removed: true,
    });
  });
});

describe('the plan and the settings', () => {
  it('defaults the plan and the idle lock in settings', () => {
    const settings = Settings.parse({});
    expect(settings.weekPlan).toEqual(defaultWeekPlan());
    expect(settings.lockAfterMinutes).toBe(15);
    expectTypeOf(settings.weekPlan).toEqualTypeOf<WeekPlan>();
    expect(Settings.safeParse({ lockAfterMinutes: 0 }).success).toBe(false);
    expect(Settings.safeParse({ lockAfterMinutes: 241 }).success).toBe(false);
    expect(Settings.safeParse({ lockAfterMinutes: 2.5 }).success).toBe(false);
    expect(Settings.safeParse({ lockAfterMinutes: 240 }).success).toBe(true);
  });

  it('refuses an empty question, a time that is not one and a day 8, with catalog keys', () => {
    const bad = WeekPlan.safeParse({
      questions: [{ id: 'presence', text: '   ' }],
      reminder: { weekday: 8, time: '24:00' },
      presenceWeeks: 13,
    });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toMatchInlineSnapshot(`
      [
        [
          "questions.0.text",
          "error.week.question.required",
        ],
        [
          "reminder.weekday",
          "error.week.weekday",
        ],
        [
          "reminder.time",
          "error.week.time",
        ],
        [
          "presenceWeeks",
          "error.week.presenceWeeks",
        ],
      ]
    `);
    expect(
      WeekPlan.safeParse({ ...defaultWeekPlan(), questions: [] }).error?.issues[0]?.message,
    ).toBe('error.week.noQuestions');
  });
});

describe('the presence map', () => {
  const now = new Date('2026-06-30T12:00:00Z'); // Tuesday of the week starting 29 June

  it('shows per active volunteer and week the notes written and follow-ups done', () => {
    const map = presenceMap(
      [v('anna'), v('bo'), v('carl', 'paused'), v('dea')],
      [
        note('n1', ['anna', 'bo'], '2026-06-29T08:00:00Z'), // this week, both
        note('n2', ['anna'], '2026-06-16T08:00:00Z'), // two weeks ago
        note('n3', ['anna', 'anna'], '2026-06-01T08:00:00Z'), // before the window
        note('n4', ['carl'], '2026-06-29T08:00:00Z'), // paused: not on the map
        note('n5', ['bo'], '2026-06-28T21:30:00Z'), // Sunday 23:30 in Copenhagen: last week
      ],
      [
        followUp('f1', 'bo', '2026-06-23T09:00:00Z'),
        followUp('f2', 'dea', '2026-06-30T09:00:00Z', false), // open: not done
        followUp('f3', 'bo', '2026-07-06T09:00:00Z'), // next week: outside the window
        followUp('f4', 'anna', '2026-06-30T12:00:30Z'), // after the panel's clock: still this week
      ],
      4,
      now,
    );
    expect(map.weeks).toEqual(['2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29']);
    const grid = Object.fromEntries(
      map.rows.map((r) => [r.volunteer.id, r.cells.map((c) => `${c.notes}/${c.followUps}`)]),
    );
    expect(grid).toEqual({
      anna: ['0/0', '1/0', '0/0', '1/1'],
      bo: ['0/0', '0/0', '1/1', '1/0'],
      dea: ['0/0', '0/0', '0/0', '0/0'],
    });
    expect(map.rows.map((r) => r.weeksTouched)).toEqual([2, 2, 0]);
    expect(map.untouched).toBe(1);
  });

  it('is empty without active volunteers', () => {
    expect(presenceMap([v('x', 'ended')], [], [], 2, now)).toEqual({
      weeks: ['2026-06-22', '2026-06-29'],
      rows: [],
      untouched: 0,
    });
  });
});

describe('the load trend', () => {
  it('gives the leader’s load per week, null where none was given', () => {
    const week = (weekStart: string, load?: number): LeaderWeek => ({
      id: weekStart,
      weekStart,
      answers: [],
      ...(load === undefined ? {} : { load }),
      createdAt: '2026-06-01T00:00:00.000Z',
      updatedAt: '2026-06-01T00:00:00.000Z',
    });
    expect(
      loadTrend(
        [week('2026-06-29', 4), week('2026-06-15', 2), week('2026-06-22'), week('2026-05-04', 5)],
        3,
        new Date('2026-06-30T12:00:00Z'),
      ),
    ).toEqual([
      { weekStart: '2026-06-15', load: 2 },
      { weekStart: '2026-06-22', load: null },
      { weekStart: '2026-06-29', load: 4 },
    ]);
  });
});
