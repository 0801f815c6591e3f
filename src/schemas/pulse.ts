import * as z from 'zod/mini';
import { Id, IsoInstant } from './common.js';

/** Fewer answers than this in a week or period show no figures: no volunteer can be singled out. */
export const MIN_ANSWERS = 3;

/** The `weeks` query of the pulse: 1–52, 8 when absent. */
export const PulseWeeks = z.pipe(
  z.optional(z.string()),
  z.transform((s, ctx) => {
    const n = s === undefined ? 8 : Number(s);
    if (!Number.isInteger(n) || n < 1 || n > 52) {
      ctx.issues.push({ code: 'custom', input: s, message: 'error.pulse.weeks' });
      return z.NEVER;
    }
    return n;
  }),
);

/**
 * Figures over some answers: only reflections that came with an invitation
 * (or before invitations existed), never open ones. Every figure is `null` when fewer than
 * `MIN_ANSWERS` gave it, and then `tooFew` is true for the whole group when
 * the answers themselves are too few.
 */
export const PulseFigures = z.object({
  /** How many reflections; `null` under `MIN_ANSWERS`. */
  answers: z.nullable(z.int()),
  tooFew: z.boolean(),
  /** Mean of the 1–5 energy answers. */
  meanEnergy: z.nullable(z.number()),
  /** Share (0–1) of load answers saying "for meget". */
  shareTooMuch: z.nullable(z.number()),
  /** Share (0–1) of meaning answers saying the work was meaningful. */
  shareMeaningful: z.nullable(z.number()),
});
export type PulseFigures = z.infer<typeof PulseFigures>;

/** One Monday-to-Sunday week in Copenhagen. */
export const PulseWeek = z.extend(PulseFigures, {
  /** ISO week, e.g. `2026-W49`. */
  week: z.string(),
  /** The Monday, `YYYY-MM-DD`. */
  start: z.string(),
  /**
   * Open reflections (without a valid invitation) that week, counted apart:
   * they never enter its figures, its rule of 3 nor its notes.
   */
  openCount: z.int(),
  /** Anonymous free-text answers, only in weeks with enough answers, in no telling order. */
  notes: z.array(z.string()),
});
export type PulseWeek = z.infer<typeof PulseWeek>;

/**
 * The week still running: only how many have answered so far. Its figures and
 * notes wait until it has ended, so no single answer can be read off the
 * difference between two looks.
 */
export const PulseRunningWeek = z.object({
  /** ISO week, e.g. `2026-W49`. */
  week: z.string(),
  /** The Monday, `YYYY-MM-DD`. */
  start: z.string(),
  /** Reflections that count (with an invitation) so far. */
  answers: z.int(),
  /** Open reflections so far, counted apart. */
  openCount: z.int(),
});
export type PulseRunningWeek = z.infer<typeof PulseRunningWeek>;

/** A volunteer who asked to be contacted: listed apart from the anonymous figures. */
export const FollowUp = z.object({
  id: Id,
  createdAt: IsoInstant,
  shiftId: z.nullable(Id),
  contact: z.string(),
  /** Sent without a valid invitation (an open reflection): outside the figures. */
  open: z.boolean(),
  /** Their free text, if any, and the question it answered in the wording they saw. */
  note: z.string(),
  question: z.nullable(z.string()),
});
export type FollowUp = z.infer<typeof FollowUp>;

/** `GET /api/v1/activities/:id/pulse?weeks=N`. */
export const Pulse = z.object({
  activityId: Id,
  weeks: z.int(),
  minAnswers: z.int(),
  /** Finished weeks only, oldest first, last week last. */
  series: z.array(PulseWeek),
  /** The week in progress: its count of answers, nothing more. */
  running: PulseRunningWeek,
  /** The last `weeks` finished weeks together, and the `weeks` before them. */
  period: PulseFigures,
  previous: PulseFigures,
  /** `period` minus `previous` per figure; `null` when either side has too few. */
  trend: z.object({
    meanEnergy: z.nullable(z.number()),
    shareTooMuch: z.nullable(z.number()),
    shareMeaningful: z.nullable(z.number()),
  }),
  followUps: z.array(FollowUp),
});
export type Pulse = z.infer<typeof Pulse>;
