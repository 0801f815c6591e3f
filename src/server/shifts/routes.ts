/**
 * The shifts API under /api/v1: admins create shifts and read who claimed
 * them; residents list shifts, claim a place (idempotent, atomic, with a
 * waitlist), cancel through their secret link and take shifts into their own
 * calendar as .ics.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type * as z from 'zod/mini';
import { toLocale } from '../../i18n/index.js';
import {
  type AdminClaim,
  CancelToken,
  ClaimInput,
  type ClaimReceipt,
  type ClaimStatus,
  type ShiftClaims,
} from '../../schemas/claim.js';
import { Id, IsoInstant } from '../../schemas/common.js';
import {
  DEFAULT_REMINDER_HOURS,
  NewShift,
  type Shift,
  ShiftCancel,
  ShiftChange,
  ShiftPolicy,
} from '../../schemas/shift.js';
import { addDays, copenhagenWeek, dateKey as isoDay } from '../../time/calendar.js';
import {
  formatDateTime,
  fromCopenhagen,
  toCopenhagen,
  toIsoCopenhagen,
  writtenLocalTime,
} from '../../time/copenhagen.js';
import type { ActivityStore } from '../activities/store.js';
import type { AuditLog } from '../audit/log.js';
import { parseWith, readJson } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { apiError, localeOf, validationError } from '../http/errors.js';
import { idempotencyKey, idempotentResponse, requestHash } from '../http/idempotency.js';
import { activityScope, mayManage, principalOf, requireWrite } from '../http/principal.js';
import type { Metrics } from '../ops/metrics.js';
import { calendar } from './ics.js';
import { cancelUrl, claimCalendar, icsEvent, type ShiftMails } from './mails.js';
import type { ClaimRow, NewShiftRow, ShiftRow, ShiftStore } from './store.js';

/** What the shifts routes need. */
export interface ShiftRouteDeps {
  shifts: ShiftStore;
  admin: MiddlewareHandler<AppEnv>;
  publicWrite: MiddlewareHandler<AppEnv>;
  clock: () => Date;
  /** Says which activities exist. */
  activities: Pick<ActivityStore, 'exists'>;
  /** The origin the cancel link starts with. */
  publicOrigin: (c: Context) => string;
  metrics: Pick<Metrics, 'claimStored'>;
  /** The residents' mails about their claims. */
  mails: ShiftMails;
  /** Who read or erased claims (personal data). */
  audit: Pick<AuditLog, 'record' | 'write'>;
}

const DAY = 86_400_000;
/** The longest span one GET may ask for, and the most shifts it returns. */
const MAX_RANGE_DAYS = 400;
const MAX_SHIFTS = 2000;
/** How many occurrences one weekly series may create (two years). */
const MAX_OCCURRENCES = 104;
// Places change by the minute; never let a proxy or the browser show old counts.
const LIVE = { 'Cache-Control': 'no-store' };

/** The public form of a stored shift: counts, no people. */
export function publicShift(s: ShiftRow): Shift {
  return {
    id: s.id,
    activityId: s.activityId,
    title: s.title,
    location: s.location,
    start: toIsoCopenhagen(s.start),
    end: toIsoCopenhagen(s.end),
    capacity: s.capacity,
    taken: s.taken,
    waiting: s.waiting,
  };
}

const hours = (s: { start: Date; end: Date }) => (s.end.getTime() - s.start.getTime()) / 3_600_000;
const round = (n: number) => Math.round(n * 100) / 100;

/** Weekly load around `shift`, this shift included, given the hours `held` besides it. */
function load(held: number, shift: ShiftRow, cap: number | null) {
  const weekHours = round(held + hours(shift));
  return { weekHours, loadCapHours: cap, overCap: cap !== null && weekHours > cap };
}

/** Routes for /api/v1; see the README's shift calendar section for the table. */
export function shiftRoutes({
  shifts,
  admin,
  publicWrite,
  clock,
  activities,
  publicOrigin,
  metrics,
  mails,
  audit,
}: ShiftRouteDeps) {
  const cancelBefore = async (shift: ShiftRow) =>
    new Date(
      shift.start.getTime() - (await shifts.cancelDeadlineHours(shift.activityId)) * 3_600_000,
    );

  const receipt = (
    claim: Pick<ClaimRow, 'id' | 'cancelToken' | 'loadCapHours'>,
    status: ClaimStatus,
    position: number | undefined,
    shift: ShiftRow,
    deadline: Date,
    held: number,
  ): ClaimReceipt => ({
    id: claim.id,
    status,
    ...(position === undefined ? {} : { position }),
    cancelToken: claim.cancelToken,
    cancelBefore: toIsoCopenhagen(deadline),
    shift: publicShift(shift),
    ...load(held, shift, claim.loadCapHours),
  });

  const findShift = async (id: string) => {
    const shift = Id.safeParse(id).success ? await shifts.getShift(id) : undefined;
    if (!shift) throw apiError(404, 'error.notFound', 'id');
    return shift;
  };

  /** A shift of an activity the principal runs; any other reads as one that does not exist. */
  const ownShift = async (c: Context<AppEnv>, id: string) => {
    const shift = await findShift(id);
    if (!mayManage(principalOf(c), shift.activityId)) throw apiError(404, 'error.notFound', 'id');
    return shift;
  };

  /** Cancels `shift`, telling everyone on it `reason`, and logs it as `how`. */
  const cancelShift = async (
    c: Context<AppEnv>,
    { id, activityId }: ShiftRow,
    reason: string,
    how: 'deleted' | 'cancelled',
  ) => {
    if (!(await shifts.deleteShift(id, mails.cancelled(reason)))) {
      throw apiError(404, 'error.notFound', 'id');
    }
    mails.sent();
    await audit.record(c, {
      action: 'erase',
      subject: 'shift',
      subjectId: id,
      activityId,
      detail: `API: ${how}`,
    });
    return c.body(null, 204);
  };

  const findClaim = async (token: string) => {
    const claim = CancelToken.safeParse(token).success ? await shifts.findClaim(token) : undefined;
    if (!claim) throw apiError(404, 'error.notFound', 'token');
    return claim;
  };

  /** The receipt for a stored claim, as `GET /claims/:token` shows it. */
  const receiptOf = async (claim: ClaimRow) => {
    const shift = (await shifts.getShift(claim.shiftId))!;
    return receipt(
      claim,
      claim.status,
      await shifts.waitlistPosition(claim),
      shift,
      await cancelBefore(shift),
      // Whoever holds the token may not own the address: this shift alone.
      0,
    );
  };

  const cancel = async (c: Context) => {
    const outcome = await shifts.cancel(c.req.param('token') ?? '', clock(), mails.released());
    if (outcome.kind === 'cancelled' && outcome.promoted) mails.sent();
    if (outcome.kind === 'unknown') throw apiError(404, 'error.notFound', 'token');
    if (outcome.kind === 'too-late') {
      throw apiError(409, 'error.cancel.deadline', 'token', {
        params: { deadline: formatDateTime(outcome.deadline, localeOf(c)) },
      });
    }
    return c.body(null, 204);
  };

  return (
    new Hono<AppEnv>()
      .post('/shifts', admin, async (c) => {
        requireWrite(c);
        const input = parseWith(NewShift, await readJson(c));
        if (
          !mayManage(principalOf(c), input.activityId) ||
          !(await activities.exists(input.activityId))
        ) {
          throw apiError(400, 'error.activity.unknown', 'activityId');
        }
        const rows = occurrences(input);
        await shifts.createShifts(rows, clock());
        return c.json(
          rows.map((r) => publicShift({ ...r, taken: 0, waiting: 0 })),
          201,
        );
      })
      .get('/shifts', async (c) => {
        const activity = c.req.query('activity');
        if (activity !== undefined && !Id.safeParse(activity).success) {
          throw apiError(400, 'error.id', 'activity');
        }
        const from = instantQuery(c.req.query('from'), 'from') ?? clock();
        const to = instantQuery(c.req.query('to'), 'to') ?? new Date(from.getTime() + 92 * DAY);
        if (to <= from || to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
          throw apiError(400, 'error.range', 'to', { params: { days: MAX_RANGE_DAYS } });
        }
        const list = await shifts.listShifts({
          activityId: activity,
          from,
          to,
          limit: MAX_SHIFTS,
        });
        return c.json(list.map(publicShift), 200, LIVE);
      })
      .get('/shifts.ics', async (c) => {
        const activity = c.req.query('activity');
        if (activity === undefined || !Id.safeParse(activity).success) {
          throw apiError(400, 'error.id', 'activity');
        }
        if (!(await activities.exists(activity))) {
          throw apiError(404, 'error.notFound', 'activity');
        }
        const now = clock();
        // By default a month back (recent shifts stay in subscribers' calendars) and a year ahead.
        const from =
          instantQuery(c.req.query('from'), 'from') ?? new Date(now.getTime() - 31 * DAY);
        const to = instantQuery(c.req.query('to'), 'to') ?? new Date(now.getTime() + 366 * DAY);
        if (to <= from || to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
          throw apiError(400, 'error.range', 'to', { params: { days: MAX_RANGE_DAYS } });
        }
        const list = await shifts.listShifts({
          activityId: activity,
          from,
          to,
          limit: MAX_SHIFTS,
        });
        const times = c.req.query('tz') === 'utc' ? 'utc' : 'copenhagen';
        const body = calendar(
          list[0]?.title ?? activity,
          list.map((s) => icsEvent(s)),
          now,
          times,
        );
        return ics(c, body, `${activity}.ics`);
      })
      // Deleting a shift cancels it: everyone on it is told (without a reason).
      .delete('/shifts/:id', admin, async (c) => {
        requireWrite(c);
        return cancelShift(c, await ownShift(c, c.req.param('id')), '', 'deleted');
      })
      .post('/shifts/:id/cancel', admin, async (c) => {
        requireWrite(c);
        const shift = await ownShift(c, c.req.param('id'));
        const { reason } = parseWith(ShiftCancel, await readJson(c));
        return cancelShift(c, shift, reason, 'cancelled');
      })
      .patch('/shifts/:id', admin, async (c) => {
        requireWrite(c);
        const current = await ownShift(c, c.req.param('id'));
        const id = current.id;
        const change = parseWith(ShiftChange, await readJson(c));
        const start = change.start ? new Date(change.start) : current.start;
        const end = change.end ? new Date(change.end) : current.end;
        if (end <= start) throw apiError(400, 'error.shift.endBeforeStart', 'end');
        if (end.getTime() - start.getTime() > DAY)
          throw apiError(400, 'error.shift.tooLong', 'end');
        const outcome = await shifts.updateShift(
          id,
          {
            ...(change.title !== undefined && { title: change.title }),
            ...(change.location !== undefined && { location: change.location }),
            start,
            end,
            ...(change.capacity !== undefined && { capacity: change.capacity }),
          },
          clock(),
          mails.changed(change.reason),
        );
        switch (outcome.kind) {
          case 'unknown':
            throw apiError(404, 'error.notFound', 'id');
          case 'over':
            throw apiError(409, 'error.shift.over', 'id');
          case 'capacity-taken':
            throw apiError(409, 'error.shift.capacityTaken', 'capacity', {
              params: { taken: outcome.taken },
            });
          case 'updated':
            mails.sent();
            await audit.record(c, {
              action: 'change',
              subject: 'shift',
              subjectId: id,
              activityId: current.activityId,
              detail: 'API: changed',
            });
            return c.json(publicShift(outcome.shift));
        }
      })
      .post('/shifts/:id/claims', publicWrite, async (c) => {
        const key = idempotencyKey(c);
        const shiftId = c.req.param('id');
        const raw = await readJson(c);
        const data = parseWith(ClaimInput, raw);
        const shift = await findShift(shiftId);
        const now = clock();
        const token = randomBytes(32).toString('base64url');
        const id = randomUUID();
        // Read before the claim's transaction, which may only use its own connection.
        const deadline = await cancelBefore(shift);
        // A bot filled the field people cannot see: look successful, keep nothing.
        if (data.website.trim() !== '') {
          const fake = { id, cancelToken: token, loadCapHours: null };
          return c.json(receipt(fake, 'claimed', undefined, shift, deadline, 0), 201);
        }
        const claim = { id, cancelToken: token, loadCapHours: data.loadCapHours ?? null };
        const week = copenhagenWeek(shift.start);
        const locale = localeOf(c);
        const outcome = await shifts.claim(
          key,
          requestHash({ shiftId, data }),
          { id, shiftId, data, cancelToken: token, createdAt: now, week, locale },
          // The answer counts this shift's hours alone: anyone may type any
          // address, so it says nothing of the address's other shifts. Its
          // owner hears of an overlap or a passed cap by mail.
          (stored) =>
            JSON.stringify(
              receipt(claim, stored.status, stored.position, stored.shift, deadline, 0),
            ),
          mails.claimed(
            { id, email: data.email, name: data.name, token, locale },
            claim.loadCapHours,
          ),
        );
        if (outcome.kind === 'stored') {
          metrics.claimStored(outcome.status);
          mails.sent();
        }
        switch (outcome.kind) {
          case 'stored':
          case 'replay':
          case 'key-reused':
            return idempotentResponse(c, outcome);
          case 'unknown-shift':
            throw apiError(404, 'error.notFound', 'id');
          case 'started':
            throw apiError(409, 'error.shift.started', 'id');
          case 'full':
            throw apiError(409, 'error.shift.full', 'waitlist');
        }
      })
      .get('/shifts/:id/claims', admin, async (c) => {
        const shift = await ownShift(c, c.req.param('id'));
        const claims = await shifts.listClaims(shift.id);
        if (claims.length > 0) {
          await audit.record(c, {
            action: 'view',
            subject: 'claim',
            subjectId: claims.map((x) => x.id).join(' '),
            activityId: shift.activityId,
            detail: `API: claims on ${shift.id}`,
          });
        }
        const week = copenhagenWeek(shift.start);
        // A coordinator's figures count only their own activities' shifts: a
        // resident's hours elsewhere are not theirs to learn.
        const held = await shifts.hoursHeld(
          claims.map((r) => r.email),
          week.from,
          week.to,
          shift.id,
          activityScope(principalOf(c)),
        );
        const all = claims.map(
          (r): AdminClaim => ({
            id: r.id,
            name: r.name,
            email: r.email,
            phone: r.phone,
            ageBand: r.ageBand,
            guardianConsent: r.guardianConsent,
            status: r.status,
            createdAt: toIsoCopenhagen(r.createdAt),
            ...load(held.get(r.email) ?? 0, shift, r.loadCapHours),
          }),
        );
        const body: ShiftClaims = {
          shift: publicShift(shift),
          claimed: all.filter((r) => r.status === 'claimed'),
          waitlisted: all.filter((r) => r.status === 'waitlisted'),
        };
        return c.json(body);
      })
      .put('/shift-policies/:activityId', admin, async (c) => {
        requireWrite(c);
        const activityId = c.req.param('activityId');
        if (
          !Id.safeParse(activityId).success ||
          !mayManage(principalOf(c), activityId) ||
          !(await activities.exists(activityId))
        ) {
          throw apiError(404, 'error.notFound', 'activityId');
        }
        const given = parseWith(ShiftPolicy, await readJson(c));
        const policy = {
          cancelDeadlineHours: given.cancelDeadlineHours,
          reminderHours: given.reminderHours ?? DEFAULT_REMINDER_HOURS,
        };
        await shifts.setPolicy(activityId, policy);
        await audit.record(c, {
          action: 'change',
          subject: 'activity',
          subjectId: activityId,
          activityId,
          detail: 'API: shift policy',
        });
        return c.json(policy);
      })
      .get('/claims/:token', async (c) => {
        const claim = await findClaim(c.req.param('token'));
        return c.json(await receiptOf(claim), 200, LIVE);
      })
      // The admin's erasure of one claim (by the id in the listing), whatever the deadline.
      .delete('/claims/by-id/:id', admin, async (c) => {
        requireWrite(c);
        const id = c.req.param('id');
        const principal = principalOf(c);
        const released = mails.released();
        // The claim's shift is known only under its lock: a claim on another's
        // activity throws there, which rolls the erasure back, and reads as none.
        const erased = Id.safeParse(id).success
          ? await shifts.eraseClaim(id, async (trx, gone) => {
              if (!mayManage(principal, gone.shift.activityId)) {
                throw apiError(404, 'error.notFound', 'id');
              }
              await released(trx, gone);
              await audit.write(
                principal,
                [
                  {
                    action: 'erase',
                    subject: 'claim',
                    subjectId: id,
                    activityId: gone.shift.activityId,
                    detail: 'API',
                  },
                ],
                trx,
              );
            })
          : undefined;
        if (!erased) throw apiError(404, 'error.notFound', 'id');
        if (erased.promoted) mails.sent();
        return c.body(null, 204);
      })
      .delete('/claims/:token', publicWrite, (c) => cancel(c))
      // The same for widgets: CORS lets pages of other origins POST, not DELETE.
      .post('/claims/:token/cancel', publicWrite, (c) => cancel(c))
      .get('/claims/:token/shift.ics', async (c) => {
        const claim = await findClaim(c.req.param('token'));
        const shift = (await shifts.getShift(claim.shiftId))!;
        // The cancel link, kept in the resident's own calendar: the on-screen
        // receipt is gone once the page closes. The link is theirs alone, so only
        // this per-claim file carries it, never the activity feed.
        const lang = c.req.query('lang');
        const locale = lang === undefined ? localeOf(c) : toLocale(lang);
        const url = cancelUrl(publicOrigin(c), claim.cancelToken, locale);
        return ics(c, claimCalendar(shift, url, locale, clock()), 'vagt.ics');
      })
  );
}

function ics(c: Context, body: string, file: string) {
  return c.body(body, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `attachment; filename="${file}"`,
    'Cache-Control': 'no-cache',
  });
}

function instantQuery(value: string | undefined, path: string): Date | undefined {
  if (value === undefined) return undefined;
  const check = IsoInstant.safeParse(value);
  if (!check.success) throw validationError(check.error.issues, path);
  return new Date(check.data);
}

/** A written local time that Copenhagen skips (the spring-forward hour) is refused. */
function checkExists(iso: string, path: string) {
  const local = writtenLocalTime(iso);
  if (local && !fromCopenhagen(local)) {
    throw apiError(400, 'error.shift.dstGap', path, { params: { time: iso.slice(0, 16) } });
  }
}

/**
 * The rows a NewShift creates: one, or a weekly series at the same
 * Copenhagen wall-clock times (so 17.00 stays 17.00 across DST).
 */
/**
 * The shifts a new shift or weekly series makes, in Copenhagen wall-clock
 * time; throws the API's 400 for a day the series would fall in the hour
 * spring skips, or an end before the start. The workplace's Vagter page uses
 * it too, so a form and the API make the same shifts.
 */
export function occurrences(input: z.output<typeof NewShift>): NewShiftRow[] {
  checkExists(input.start, 'start');
  checkExists(input.end, 'end');
  const start = new Date(input.start);
  const end = new Date(input.end);
  const base = { activityId: input.activityId, title: input.title, location: input.location };
  if (!input.repeat) {
    return [{ ...base, id: randomUUID(), seriesId: null, start, end, capacity: input.capacity }];
  }
  const { until, count } = input.repeat;
  const seriesId = randomUUID();
  const localStart = toCopenhagen(start);
  const localEnd = toCopenhagen(end);
  // The first shift's day in Copenhagen, not in the offset it was written with.
  if (until !== undefined && until < isoDay(localStart)) {
    throw apiError(400, 'error.repeat.untilBeforeStart', 'repeat.until');
  }
  const rows: NewShiftRow[] = [];
  for (let week = 0; week < MAX_OCCURRENCES; week++) {
    if (count !== undefined && week >= count) break;
    const s = addDays(localStart, 7 * week);
    if (until !== undefined && isoDay(s) > until) break;
    const occurrenceStart = fromCopenhagen(s);
    const occurrenceEnd = fromCopenhagen(addDays(localEnd, 7 * week));
    if (!occurrenceStart || !occurrenceEnd) {
      throw apiError(400, 'error.shift.dstGapRepeat', 'repeat', { params: { date: isoDay(s) } });
    }
    rows.push({
      ...base,
      id: randomUUID(),
      seriesId,
      start: occurrenceStart,
      end: occurrenceEnd,
      capacity: input.capacity,
    });
  }
  return rows;
}
