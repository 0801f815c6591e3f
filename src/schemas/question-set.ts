import * as z from 'zod/mini';
import { Id, isVisible, textCheck } from './common.js';

/**
 * A text a volunteer reads, Danish first. English is optional: a coordinator
 * writing their own questions may not have it, and the widget then shows the
 * Danish with `lang="da"` so a screen reader pronounces it right.
 */
export const LocalText = z.object({
  da: z
    .string('error.question.text')
    .check(
      z.trim(),
      textCheck('line'),
      z.refine(isVisible, 'error.question.text'),
      z.maxLength(200, 'error.question.textTooLong'),
    ),
  en: z.optional(
    z
      .string('error.question.text')
      .check(z.trim(), textCheck('line'), z.maxLength(200, 'error.question.textTooLong')),
  ),
});
export type LocalText = z.infer<typeof LocalText>;

/**
 * Answers are a JSON object keyed by question id, so an id that names a
 * property every object inherits (`constructor`) would find that property
 * where the answer is missing. Lookups use own properties only; the id is
 * refused too, so no set can make the mistake possible.
 */
const QuestionId = z.string('error.question.id').check(
  z.regex(/^[a-z][a-z0-9-]{0,31}$/, { message: 'error.question.id', abort: true }),
  z.refine((id) => !(id in Object.prototype), 'error.question.idReserved'),
);

/** The leadership themes a rating can measure; `other` is free for the coordinator's own. */
export const Theme = z.enum(
  ['energy', 'meaning', 'ownership', 'belonging', 'other'],
  'error.question.theme',
);
export type Theme = z.infer<typeof Theme>;

/** 1–5 with words at both ends; the `energy` theme is always a scale. */
const ScaleQuestion = z.object({
  id: QuestionId,
  kind: z.literal('scale'),
  theme: Theme,
  text: LocalText,
  low: LocalText,
  high: LocalText,
});

/** Ja / Delvist / Nej; cannot measure energy, which needs a scale. */
const AgreeQuestion = z.object({
  id: QuestionId,
  kind: z.literal('agree'),
  theme: z.enum(['meaning', 'ownership', 'belonging', 'other'], 'error.question.agreeTheme'),
  text: LocalText,
});

/** For lidt / Passende / For meget: the load a volunteer carries. */
const LoadQuestion = z.object({ id: QuestionId, kind: z.literal('load'), text: LocalText });

/** Free text for the coordinator; at most one per set. */
const TextQuestion = z.object({ id: QuestionId, kind: z.literal('text'), text: LocalText });

/** One question of a reflection. */
export const Question = z.discriminatedUnion(
  'kind',
  [ScaleQuestion, AgreeQuestion, LoadQuestion, TextQuestion],
  'error.question.kind',
);
export type Question = z.infer<typeof Question>;

/** The most questions a set may have: a reflection must take under a minute. */
export const MAX_QUESTIONS = 8;

/**
 * What a coordinator sends (`PUT /api/v1/activities/:id/reflection-questions`).
 * Marked pure so the widget bundle, which only reads sets, leaves it out.
 */
export const QuestionSetInput = /* @__PURE__ */ (() =>
  z.object({
    questions: z.array(Question, 'error.questions.count').check(
      z.minLength(1, 'error.questions.count'),
      z.maxLength(MAX_QUESTIONS, 'error.questions.count'),
      z.superRefine((questions, ctx) => {
        const ids = new Set<string>();
        const themes = new Set<string>();
        let texts = 0;
        questions.forEach((q, i) => {
          const problem = (path: PropertyKey[], message: string) =>
            ctx.issues.push({ code: 'custom', input: q, path: [i, ...path], message });
          if (ids.has(q.id)) problem(['id'], 'error.question.idTaken');
          ids.add(q.id);
          // One question per measured theme, or the pulse would not know which to count.
          const theme = q.kind === 'load' ? 'load' : q.kind === 'text' ? 'text' : q.theme;
          if (theme === 'text' && ++texts > 1) problem(['kind'], 'error.question.oneText');
          else if (theme !== 'other' && theme !== 'text' && themes.has(theme)) {
            problem(['theme'], 'error.question.themeTaken');
          }
          themes.add(theme);
        });
      }),
    ),
  }))();
export type QuestionSetInput = z.infer<typeof QuestionSetInput>;

/**
 * A version of an activity's questions. Version 0 is Samskab's default; every
 * change makes a new version, and an answer names the version it was given to.
 */
export const QuestionSet = z.object({
  activityId: Id,
  version: z.int(),
  questions: z.array(Question),
  /** When the coordinator saved it (ISO 8601); absent for the default. */
  createdAt: z.optional(z.string()),
});
export type QuestionSet = z.infer<typeof QuestionSet>;

/** The catalog keys the default questions are written in (`reflection.q.*`). */
export type DefaultQuestionKey =
  | 'reflection.q.meaning'
  | 'reflection.q.energy'
  | 'reflection.q.energy.low'
  | 'reflection.q.energy.high'
  | 'reflection.q.load'
  | 'reflection.q.ownership'
  | 'reflection.q.belonging'
  | 'reflection.q.note';

/**
 * Samskab's default questions, drawn from the brief's leadership themes, in
 * the catalogs' words: the server builds version 0 from them, and the widget
 * falls back to them when it cannot fetch the activity's set.
 */
export function defaultQuestions(text: (key: DefaultQuestionKey) => LocalText): Question[] {
  return [
    { id: 'meaning', kind: 'agree', theme: 'meaning', text: text('reflection.q.meaning') },
    {
      id: 'energy',
      kind: 'scale',
      theme: 'energy',
      text: text('reflection.q.energy'),
      low: text('reflection.q.energy.low'),
      high: text('reflection.q.energy.high'),
    },
    { id: 'load', kind: 'load', text: text('reflection.q.load') },
    { id: 'ownership', kind: 'agree', theme: 'ownership', text: text('reflection.q.ownership') },
    { id: 'belonging', kind: 'agree', theme: 'belonging', text: text('reflection.q.belonging') },
    { id: 'note', kind: 'text', text: text('reflection.q.note') },
  ];
}
