/**
 * The leader's own weekly reflection ("Min uge som leder"): private, kept on
 * the device with the notes and locked with them. The plan (questions,
 * reminder, presence window) lives clear in the settings: it says nothing
 * about anyone.
 */
import * as z from 'zod/mini';
import { weekDa } from '../i18n/sidebar/week-da.js';
import { Id, IsoInstant, trimmed } from './common.js';

/** A question's id: the built-in ones are words (`presence`), the leader's own `q-` and a few letters. */
export const QuestionId = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'error.week.questionId'));

/** One question the leader asks themself each week. */
export const WeekQuestion = z.object({
  id: QuestionId,
  text: trimmed(1, 300, 'error.week.question', 'line'),
});
export type WeekQuestion = z.output<typeof WeekQuestion>;

/** 1 Monday … 7 Sunday (ISO 8601), the Danish week. */
export const IsoWeekday = z
  .number('error.week.weekday')
  .check(
    z.int('error.week.weekday'),
    z.gte(1, 'error.week.weekday'),
    z.lte(7, 'error.week.weekday'),
  );

/** When to remind the leader: a weekday and a Copenhagen wall-clock time. */
export const WeekReminder = z.object({
  weekday: IsoWeekday,
  time: z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'error.week.time')),
});
export type WeekReminder = z.output<typeof WeekReminder>;

/** The built-in questions, from the course's themes, in the order they are asked. */
export const DEFAULT_QUESTION_IDS = [
  'presence',
  'values',
  'conflicts',
  'ownership',
  'motivation',
] as const;
export type DefaultQuestionId = (typeof DEFAULT_QUESTION_IDS)[number];

/** The catalog key that words a built-in question. */
export const questionKey = (id: DefaultQuestionId) => `week.question.${id}` as const;

/**
 * The built-in questions as stored: in Danish, the product's first language.
 * The panel shows an unchanged one in the leader's language.
 */
export const defaultQuestions = (): WeekQuestion[] =>
  DEFAULT_QUESTION_IDS.map((id) => ({ id, text: weekDa[questionKey(id)] }));

/** The leader's choices for "Min uge": what to ask, when to remind, how far back to look. */
export const WeekPlan = z.object({
  questions: z
    .array(WeekQuestion)
    .check(
      z.minLength(1, 'error.week.noQuestions'),
      z.maxLength(12, 'error.week.tooManyQuestions'),
    ),
  /** None until the leader asks for one: a reminder is an invitation, not a duty. */
  reminder: z.nullable(WeekReminder),
  /** How many weeks the presence map and the load trend look back, this one included. */
  presenceWeeks: z
    .number('error.week.presenceWeeks')
    .check(
      z.int('error.week.presenceWeeks'),
      z.gte(1, 'error.week.presenceWeeks'),
      z.lte(12, 'error.week.presenceWeeks'),
    ),
});
export type WeekPlan = z.output<typeof WeekPlan>;

/** The plan a fresh install starts with. */
export const defaultWeekPlan = (): WeekPlan => ({
  questions: defaultQuestions(),
  reminder: null,
  presenceWeeks: 4,
});

/** One answered question, with the question's wording as it was that week. */
export const WeekAnswer = z.object({
  questionId: QuestionId,
  question: z.string().check(z.maxLength(300, 'error.week.question.tooLong')),
  answer: z._default(trimmed(0, 5000, 'error.week.answer'), ''),
});
export type WeekAnswer = z.output<typeof WeekAnswer>;

/** The leader's own load, 1 (light) to 5 (too heavy). */
export const Load = z
  .number('error.week.load')
  .check(z.int('error.week.load'), z.gte(1, 'error.week.load'), z.lte(5, 'error.week.load'));

/** A week's Monday in Copenhagen, `YYYY-MM-DD`. */
export const WeekStart = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'error.week.date'));

/** One week's reflection. */
export const LeaderWeek = z.object({
  id: Id,
  weekStart: WeekStart,
  answers: z.array(WeekAnswer).check(z.maxLength(20)),
  load: z.optional(Load),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type LeaderWeek = z.output<typeof LeaderWeek>;

/** What the panel hands over to save a week: the record without its id and stamps. */
export const LeaderWeekDraft = z.object({
  id: z.optional(Id),
  weekStart: WeekStart,
  answers: z.array(WeekAnswer).check(z.maxLength(20)),
  load: z.optional(Load),
});
export type LeaderWeekDraft = z.output<typeof LeaderWeekDraft>;
