import * as z from 'zod/mini';
import { Id, IsoInstant, isVisible, textCheck } from './common.js';
import type { Question } from './question-set.js';

/** The highest question-set version a reflection may name. */
export const MAX_SET_VERSION = 1_000_000;

/** The three answers to a load question, in the order they are shown. */
export const LOAD_VALUES = ['too-little', 'right', 'too-much'] as const;
/** The three answers to an agree question, in the order they are shown. */
export const AGREE_VALUES = ['yes', 'partly', 'no'] as const;

/**
 * One answer: 1–5 for a scale, a word for agree and load questions, free text
 * (with line breaks) for text. The text check does not abort, so the union
 * reports its issue at the answer rather than a bare "invalid".
 */
export const Answer = /* @__PURE__ */ (() =>
  z.union([
    z.int().check(z.gte(1), z.lte(5)),
    z
      .string()
      .check(
        z.trim(),
        textCheck('lines', false),
        z.maxLength(2000, 'error.reflection.note.tooLong'),
      ),
  ]))();
export type Answer = z.infer<typeof Answer>;

const email = z.email();
const phone = /^\+?[0-9][0-9 -]{6,18}[0-9]$/;

/**
 * How the coordinator may reach a volunteer who asked to be contacted: a phone
 * number or an e-mail address, nothing more.
 */
export const ContactDetails = z.string('error.reflection.contact.required').check(
  z.trim(),
  z.minLength(1, 'error.reflection.contact.required'),
  z.refine(
    (s) => phone.test(s) || z.safeParse(email, s).success,
    'error.reflection.contact.invalid',
  ),
);

/**
 * A reflection as the widget sends it (`POST /api/v1/reflections`). Anonymous:
 * only `contact`, given by choice, says who wrote it.
 */
export const ReflectionInput = /* @__PURE__ */ (() =>
  z.object({
    activityId: Id,
    shiftId: z.optional(Id),
    /** The question set version whose wording the volunteer saw. */
    // Bounded: PostgreSQL's INTEGER is 32 bits, and no activity has a million versions.
    questionSetVersion: z.int().check(z.gte(0), z.lte(MAX_SET_VERSION)),
    answers: z
      .record(z.string(), Answer)
      .check(
        z.refine(
          (answers) => Object.values(answers).some((a) => typeof a === 'number' || isVisible(a)),
          'error.reflection.empty',
        ),
      ),
    /** Present only when the volunteer ticked "Må vi kontakte dig?". */
    contact: z.optional(ContactDetails),
    /**
     * The single-use token from the volunteer's invitation (`?invitation=` on
     * the page). With a valid one the reflection counts in the pulse; the
     * token is used up and never stored with the answer.
     */
    invitation: z.optional(
      z
        .string('error.reflection.invitation')
        .check(z.maxLength(200, 'error.reflection.invitation')),
    ),
    /** Honeypot: people never see it, so anything here came from a bot. */
    website: z._default(z.string().check(z.maxLength(200)), ''),
  }))();
export type ReflectionInput = z.input<typeof ReflectionInput>;
export type ReflectionData = z.output<typeof ReflectionInput>;

/**
 * The answer to a reflection, first time and on every replay. `invited`: it
 * came with a valid invitation, so it counts in the pulse; an open reflection
 * (no or an unusable invitation, on an activity that takes them) does not.
 */
export const ReflectionReceipt = /* @__PURE__ */ (() =>
  z.object({ id: Id, createdAt: IsoInstant, invited: z.boolean() }))();
export type ReflectionReceipt = z.infer<typeof ReflectionReceipt>;

/**
 * An activity's reflection settings (`GET`/`PUT
 * /api/v1/activities/:id/reflection-settings`, admin). `openReflections`:
 * reflections without a valid invitation are taken (and counted apart from
 * the pulse) instead of refused.
 */
export const ReflectionSettings = /* @__PURE__ */ (() =>
  z.object({
    openReflections: z.boolean('error.reflection.settings'),
    /**
     * The municipality's own page with the reflection widget, which the mail
     * after a shift links to (with `?invitation=`); absent or null: the
     * server's hosted `/embed/reflection-prompt`.
     */
    reflectionUrl: z.optional(
      z.nullable(
        z
          .string('error.reflection.url')
          .check(
            z.maxLength(500, 'error.reflection.url'),
            z.regex(/^https?:\/\/[^\s"<>#]+$/, 'error.reflection.url'),
          ),
      ),
    ),
  }))();
export type ReflectionSettings = z.infer<typeof ReflectionSettings>;

/** A problem with one answer, shaped like a zod issue so the server can localise it. */
export interface AnswerIssue {
  path: (string | number)[];
  message: 'error.reflection.answer';
}

/**
 * The answers checked against the questions they were given to: every id is a
 * question of that set and every value fits its kind. Text with nothing
 * visible is dropped. The answers come back in an object with no prototype,
 * so looking one up by a question id never finds an inherited property.
 */
export function checkAnswers(
  questions: readonly Question[],
  answers: Record<string, Answer>,
): { issues: AnswerIssue[]; answers: Record<string, Answer> } {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const issues: AnswerIssue[] = [];
  const kept: Record<string, Answer> = Object.create(null);
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    const ok =
      q?.kind === 'scale'
        ? typeof value === 'number'
        : q?.kind === 'agree'
          ? (AGREE_VALUES as readonly Answer[]).includes(value)
          : q?.kind === 'load'
            ? (LOAD_VALUES as readonly Answer[]).includes(value)
            : q?.kind === 'text' && typeof value === 'string';
    if (!ok) issues.push({ path: ['answers', id], message: 'error.reflection.answer' });
    else if (typeof value === 'number' || isVisible(value)) kept[id] = value;
  }
  return { issues, answers: kept };
}
