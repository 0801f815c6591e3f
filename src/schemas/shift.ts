import * as z from 'zod/mini';
import { Id, IsoDate, IsoInstant, trimmed } from './common.js';

/**
 * How a shift repeats: every week at the same Copenhagen time, until a day or
 * `count` times. `until` is a day, not an instant; the route refuses one before
 * the first shift's day, which only it can tell in Copenhagen time.
 */
export const Repeat = /* @__PURE__ */ (() =>
  z
    .object({
      weekly: z.literal(true),
      until: z.optional(IsoDate),
      count: z.optional(z.int().check(z.gte(1, 'error.repeat'), z.lte(104, 'error.repeat'))),
    })
    .check(
      z.refine((r) => (r.until === undefined) !== (r.count === undefined), {
        message: 'error.repeat',
      }),
    ))();
export type Repeat = z.infer<typeof Repeat>;

/** What an admin sends to create a shift or a weekly series (POST /api/v1/shifts); the widgets leave it out. */
export const NewShift = /* @__PURE__ */ (() =>
  z
    .object({
      activityId: Id,
      title: trimmed(1, 120, 'error.title', 'line'),
      location: z._default(trimmed(0, 200, 'error.location', 'line'), ''),
      start: IsoInstant,
      end: IsoInstant,
      capacity: z
        .int('error.capacity')
        .check(z.gte(1, 'error.capacity'), z.lte(500, 'error.capacity')),
      repeat: z.optional(Repeat),
    })
    .check(
      z.refine((s) => Date.parse(s.end) > Date.parse(s.start), {
        path: ['end'],
        message: 'error.shift.endBeforeStart',
      }),
      // A shift is a stint of work, not a week away; longer is almost always a typo.
      z.refine((s) => Date.parse(s.end) - Date.parse(s.start) <= 24 * 3_600_000, {
        path: ['end'],
        message: 'error.shift.tooLong',
      }),
    ))();
export type NewShift = z.infer<typeof NewShift>;

/**
 * A coordinator's change to one shift (PATCH /api/v1/shifts/:id): any of its
 * facts, and the reason every resident on it is told.
 */
export const ShiftChange = /* @__PURE__ */ (() =>
  z.object({
    title: z.optional(trimmed(1, 120, 'error.title', 'line')),
    location: z.optional(trimmed(0, 200, 'error.location', 'line')),
    start: z.optional(IsoInstant),
    end: z.optional(IsoInstant),
    capacity: z.optional(
      z.int('error.capacity').check(z.gte(1, 'error.capacity'), z.lte(500, 'error.capacity')),
    ),
    reason: trimmed(1, 500, 'error.reason', 'lines'),
  }))();
export type ShiftChange = z.infer<typeof ShiftChange>;

/** Why a shift is cancelled (POST /api/v1/shifts/:id/cancel), told to everyone on it. */
export const ShiftCancel = /* @__PURE__ */ (() =>
  z.object({ reason: trimmed(1, 500, 'error.reason', 'lines') }))();

/** An activity's cancellation rule (PUT /api/v1/shift-policies/:activityId). */
export const ShiftPolicy = z.object({
  /** A place can be given up until this many hours before the shift starts (0: until it starts). */
  cancelDeadlineHours: z
    .int('error.cancelDeadline')
    .check(z.gte(0, 'error.cancelDeadline'), z.lte(720, 'error.cancelDeadline')),
  /**
   * Residents holding a place are reminded this many hours before the shift
   * starts (0: no reminder). Absent: `DEFAULT_REMINDER_HOURS`.
   */
  reminderHours: z.optional(
    z
      .int('error.reminderHours')
      .check(z.gte(0, 'error.reminderHours'), z.lte(336, 'error.reminderHours')),
  ),
});
/** A day before, unless an activity says otherwise. */
export const DEFAULT_REMINDER_HOURS = 24;
export type ShiftPolicy = z.infer<typeof ShiftPolicy>;

/** A shift as the public API lists it: counts, never people. */
export const Shift = z.object({
  id: Id,
  activityId: Id,
  title: z.string(),
  location: z.string(),
  /** ISO 8601 with Copenhagen's offset at that instant. */
  start: z.string(),
  end: z.string(),
  capacity: z.number(),
  /** Places claimed. */
  taken: z.number(),
  /** Residents waiting for a place. */
  waiting: z.number(),
});
export type Shift = z.infer<typeof Shift>;

/** GET /api/v1/shifts. */
export const ShiftList = z.array(Shift);
export type ShiftList = z.infer<typeof ShiftList>;
