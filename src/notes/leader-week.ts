/**
 * "Min uge som leder" as pure functions: which week it is in Copenhagen, when
 * the weekly reminder is next due, how the built-in questions read in the
 * leader's language, and the presence map and load trend over the last
 * weeks. The panel and the service worker share them.
 */
import type { Locale } from '../i18n/index.js';
import { st } from '../i18n/sidebar/index.js';
import type { FollowUp } from '../schemas/follow-up.js';
import {
  DEFAULT_QUESTION_IDS,
  type DefaultQuestionId,
  type LeaderWeek,
  questionKey,
  type WeekPlan,
  type WeekQuestion,
} from '../schemas/leader-week.js';
import type { Note } from '../schemas/note.js';
import type { Volunteer } from '../schemas/volunteer.js';
import {
  addDays,
  dateKey,
  dateOf,
  isoWeek,
  type LocalDate,
  mondayOf,
  parseDateKey,
  utcMidnight,
  weekday,
} from '../time/calendar.js';
import { fromCopenhagen } from '../time/copenhagen.js';

export { defaultQuestions, defaultWeekPlan } from '../schemas/leader-week.js';

/** The name of the one alarm that reminds the leader of their week. */
export const WEEK_ALARM = 'samskab-week';

/** The Monday (`YYYY-MM-DD`) of the Copenhagen week `instant` falls in. */
export const weekStartOf = (instant: Date): string => dateKey(mondayOf(dateOf(instant)));

const dateOfKey = (weekStart: string): LocalDate => {
  const date = parseDateKey(weekStart);
  if (!date) throw new RangeError(`Not a date: ${weekStart}`);
  return date;
};

/** The week `n` weeks after the one starting `weekStart` (before it when negative). */
export const addWeeks = (weekStart: string, n: number): string =>
  dateKey(addDays(dateOfKey(weekStart), 7 * n));

/** The last `n` week starts, oldest first, ending with the week of `now`. */
export function recentWeeks(n: number, now: Date): string[] {
  const current = weekStartOf(now);
  return Array.from({ length: n }, (_, i) => addWeeks(current, i - (n - 1)));
}

/** The ISO 8601 week number of the week starting `weekStart` (Danish calendars print it). */
export const weekNumber = (weekStart: string): number => isoWeek(dateOfKey(weekStart)).week;

const shortDates: Record<Locale, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { timeZone: 'UTC', day: 'numeric', month: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }),
};

/** "Uge 27 (29. jun. – 5. jul.)" / "Week 27 (29 Jun – 5 Jul)". */
export function weekLabel(weekStart: string, locale: Locale): string {
  const monday = dateOfKey(weekStart);
  // Calendar dates as UTC midnights: formatting them in UTC keeps the day.
  const day = (d: LocalDate) => shortDates[locale].format(new Date(utcMidnight(d)));
  return st(locale, 'week.label', {
    week: isoWeek(monday).week,
    from: day(monday),
    to: day(addDays(monday, 6)),
  });
}

const isDefaultId = (id: string): id is DefaultQuestionId =>
  (DEFAULT_QUESTION_IDS as readonly string[]).includes(id);

/**
 * A question as the leader reads it: a built-in one they have not reworded
 * follows the panel's language; their own words stay as they wrote them.
 */
export function questionText(question: WeekQuestion, locale: Locale): string {
  if (!isDefaultId(question.id)) return question.text;
  const key = questionKey(question.id);
  return question.text === st('da', key) || question.text === st('en', key)
    ? st(locale, key)
    : question.text;
}

/**
 * A question as it is stored: a built-in one left as either catalog words it
 * goes back to the Danish, so it keeps following the panel's language.
 */
export function storedQuestion(question: WeekQuestion): WeekQuestion {
  if (!isDefaultId(question.id)) return question;
  const key = questionKey(question.id);
  return question.text === st('en', key) ? { ...question, text: st('da', key) } : question;
}

/** An id for a question the leader adds, unlike any in `taken`. */
export function newQuestionId(taken: readonly WeekQuestion[], random = Math.random): string {
  const ids = new Set(taken.map((q) => q.id));
  for (;;) {
    const id = `q-${random().toString(36).slice(2, 8)}`;
    if (id.length > 2 && !ids.has(id)) return id;
  }
}

/**
 * The next time the weekly reminder is due strictly after `now`, or null
 * when the leader has none. The weekday and time are Copenhagen wall-clock:
 * 16:00 stays 16:00 across the change to and from summer time. A time that
 * does not exist that night (02:30 on the last Sunday of March) moves to the
 * same minutes after the jump, 03:30; one that happens twice (October) is
 * the first.
 */
export function nextWeekReminder(plan: WeekPlan, now: Date): Date | null {
  const reminder = plan.reminder;
  if (!reminder) return null;
  const [hour, minute] = reminder.time.split(':').map(Number) as [number, number];
  const today = dateOf(now);
  // Today (if the time is still ahead) up to the same weekday a week on.
  for (let i = 0; i <= 7; i++) {
    const date = addDays(today, i);
    if (weekday(date) + 1 !== reminder.weekday) continue;
    const local = { year: date.year, month: date.month, day: date.day, minute };
    const at = fromCopenhagen({ ...local, hour }) ?? fromCopenhagen({ ...local, hour: hour + 1 });
    if (at && at.getTime() > now.getTime()) return at;
  }
  return null;
}

/** The part of `browser.alarms` the weekly reminder needs. */
export interface WeekAlarmsApi {
  create(name: string, info: { when: number }): unknown;
  clear(name: string): Promise<boolean>;
}

/**
 * Makes the one weekly alarm match the plan: set for the next reminder, or
 * cleared when there is none. Safe to run on every service-worker start and
 * after the alarm fires (it then moves a week on).
 */
export async function syncWeekAlarm(alarms: WeekAlarmsApi, plan: WeekPlan, now: Date) {
  const next = nextWeekReminder(plan, now);
  if (next) await alarms.create(WEEK_ALARM, { when: next.getTime() });
  else await alarms.clear(WEEK_ALARM);
  return next;
}

/** What the leader did with one volunteer in one week. */
export interface PresenceCell {
  weekStart: string;
  /** Notes written about the volunteer that week. */
  notes: number;
  /** Follow-ups for the volunteer marked done that week. */
  followUps: number;
}

/** One active volunteer's weeks, oldest first. */
export interface PresenceRow {
  volunteer: Volunteer;
  cells: PresenceCell[];
  /** Weeks with a note or a done follow-up. */
  weeksTouched: number;
}

/** The presence map: the weeks it covers and a row per active volunteer. */
export interface PresenceMap {
  weeks: string[];
  rows: PresenceRow[];
  /** Active volunteers with neither a note nor a done follow-up in any of the weeks. */
  untouched: number;
}

/**
 * Per active volunteer (in the order given), per week of the last `weeks`
 * Copenhagen weeks: notes written about them and follow-ups done. A note
 * counts in the week it was written (a later edit is not a meeting); a
 * follow-up in the week it was marked done, which is its last change since
 * a follow-up has no separate "done at".
 */
export function presenceMap(
  volunteers: readonly Volunteer[],
  notes: Iterable<Note>,
  followUps: Iterable<FollowUp>,
  weeks: number,
  now: Date,
): PresenceMap {
  const starts = recentWeeks(weeks, now);
  const column = new Map(starts.map((w, i) => [w, i]));
  const rows = new Map<string, PresenceRow>();
  for (const volunteer of volunteers) {
    if (volunteer.status !== 'active') continue;
    rows.set(volunteer.id, {
      volunteer,
      cells: starts.map((weekStart) => ({ weekStart, notes: 0, followUps: 0 })),
      weeksTouched: 0,
    });
  }
  // No cut-off at `now` itself: the panel's clock moves once a minute, and a
  // note written since must count in this week all the same.
  const cellAt = (volunteerId: string | undefined, at: string) => {
    if (!volunteerId) return undefined;
    const row = rows.get(volunteerId);
    if (!row) return undefined;
    const i = column.get(weekStartOf(new Date(at)));
    return i === undefined ? undefined : row.cells[i];
  };
  for (const n of notes) {
    for (const v of new Set(n.volunteerIds)) {
      const cell = cellAt(v, n.createdAt);
      if (cell) cell.notes++;
    }
  }
  for (const f of followUps) {
    if (!f.done) continue;
    const cell = cellAt(f.volunteerId, f.updatedAt);
    if (cell) cell.followUps++;
  }
  let untouched = 0;
  for (const row of rows.values()) {
    row.weeksTouched = row.cells.filter((c) => c.notes > 0 || c.followUps > 0).length;
    if (row.weeksTouched === 0) untouched++;
  }
  return { weeks: starts, rows: [...rows.values()], untouched };
}

/** The leader's own load in one week, or null when they gave none. */
export interface LoadPoint {
  weekStart: string;
  load: number | null;
}

/** The leader's load over the last `weeks` weeks, oldest first. */
export function loadTrend(records: readonly LeaderWeek[], weeks: number, now: Date): LoadPoint[] {
  const byWeek = new Map(records.map((r) => [r.weekStart, r.load]));
  return recentWeeks(weeks, now).map((weekStart) => ({
    weekStart,
    load: byWeek.get(weekStart) ?? null,
  }));
}

/** The questions to show for a week: the plan's, then any answered then and since removed. */
export function questionsForWeek(
  plan: WeekPlan,
  record: LeaderWeek | undefined,
  locale: Locale,
): { questionId: string; question: string; answer: string; removed: boolean }[] {
  const answers = new Map(record?.answers.map((a) => [a.questionId, a]) ?? []);
  const current = plan.questions.map((q) => ({
    questionId: q.id,
    question: questionText(q, locale),
    answer: answers.get(q.id)?.answer ?? '',
    removed: false,
  }));
  const inPlan = new Set(plan.questions.map((q) => q.id));
  const removed = (record?.answers ?? [])
    .filter((a) => !inPlan.has(a.questionId) && a.answer !== '')
    .map((a) => ({
      questionId: a.questionId,
      question: questionText({ id: a.questionId, text: a.question }, locale),
      answer: a.answer,
      removed: true,
    }));
  return [...current, ...removed];
}
