/**
 * Shifts, their claims and waitlists, and each activity's cancellation rule.
 * Every write that counts places runs in one write transaction that locks
 * the shift before it counts (see `lock`), so two claims can never both take
 * the last place, nor two waiters get the same place in line, even when they
 * arrive at two server instances on one PostgreSQL database. Callers get
 * small functions, never the handle.
 */
import { type Kysely, sql } from 'kysely';
import type { Locale } from '../../i18n/index.js';
import type { ClaimData, ClaimStatus } from '../../schemas/claim.js';
import { DEFAULT_REMINDER_HOURS, type ShiftPolicy } from '../../schemas/shift.js';
import type { AgeBand } from '../../schemas/signup.js';
import { type Db, lock, migrate, portable, type Queries } from '../database.js';
import { idempotencyRecords, type KeyReused, type Replay } from '../idempotency-records.js';

// The line is `ORDER BY rowid` on both engines: on PostgreSQL `portable` gives
// both tables a `rowid` identity column, and claims on one shift are inserted
// one at a time under the shift's lock, so it rises in the order they came.
const migrations = [
  portable(
    `
  CREATE TABLE shifts (
    id          TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    series_id   TEXT,
    title       TEXT NOT NULL,
    location    TEXT NOT NULL,
    start_at    TEXT NOT NULL,
    end_at      TEXT NOT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity > 0),
    created_at  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX shifts_by_activity ON shifts (activity_id, start_at);
  CREATE INDEX shifts_by_start ON shifts (start_at);

  -- The line is rowid order: SQLite gives a new row a rowid above every
  -- existing one, so the first waitlisted row is the one who asked first.
  -- A cancelled claim is deleted, not marked: nothing is kept that is not needed.
  CREATE TABLE shift_claims (
    id               TEXT PRIMARY KEY,
    shift_id         TEXT NOT NULL REFERENCES shifts (id) ON DELETE CASCADE,
    status           TEXT NOT NULL CHECK (status IN ('claimed', 'waitlisted')),
    name             TEXT NOT NULL,
    email            TEXT NOT NULL,
    phone            TEXT NOT NULL,
    age_band         TEXT NOT NULL CHECK (age_band IN ('under-15', '15-17', '18-plus')),
    guardian_consent INTEGER NOT NULL CHECK (guardian_consent IN (0, 1)),
    load_cap_hours   INTEGER,
    cancel_token     TEXT NOT NULL UNIQUE,
    created_at       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX shift_claims_by_shift ON shift_claims (shift_id, status);
  CREATE INDEX shift_claims_by_email ON shift_claims (email);

  CREATE TABLE shift_policies (
    activity_id           TEXT PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    cancel_deadline_hours INTEGER NOT NULL CHECK (cancel_deadline_hours >= 0)
  ) STRICT;

  -- The replayed answer holds the cancel token, so the record goes with its claim.
  CREATE TABLE shift_claim_keys (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    claim_id     TEXT REFERENCES shift_claims (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL
  ) STRICT;
  CREATE INDEX shift_claim_keys_by_claim ON shift_claim_keys (claim_id);
  CREATE INDEX shift_claim_keys_by_created ON shift_claim_keys (created_at);
  `,
    ['shifts', 'shift_claims'],
  ),
  // The language the resident claimed in, for mails written later (moved up from the line).
  portable(`
  ALTER TABLE shift_claims ADD COLUMN locale TEXT NOT NULL DEFAULT 'da' CHECK (locale IN ('da', 'en'));
  `),
  // Hours before a shift that its residents are reminded (0: never).
  portable(`
  ALTER TABLE shift_policies ADD COLUMN reminder_hours INTEGER NOT NULL DEFAULT ${DEFAULT_REMINDER_HOURS}
    CHECK (reminder_hours BETWEEN 0 AND 336);
  `),
  // Whether someone holding a place came (the workplace's roster), and who noted it when.
  portable(`
  ALTER TABLE shift_claims ADD COLUMN attendance TEXT CHECK (attendance IN ('moedt', 'udeblev'));
  ALTER TABLE shift_claims ADD COLUMN attendance_by TEXT;
  ALTER TABLE shift_claims ADD COLUMN attendance_at TEXT;
  `),
];

/** Whether a person holding a place came: mødt or udeblev. */
export type Attendance = 'moedt' | 'udeblev';

/** A claim on the roster: the claim, and whether they came, noted by whom and when. */
export interface RosterClaim extends ClaimRow {
  attendance: Attendance | null;
  attendanceBy: string | null;
  attendanceAt: Date | null;
}

/** What `promote` did. */
export type PromoteOutcome =
  | { kind: 'promoted'; claim: ClaimRow; shift: ShiftRow }
  | { kind: 'unknown' }
  /** The claim holds a place already. */
  | { kind: 'not-waitlisted' }
  | { kind: 'full' };

/** A shift to insert; times are UTC instants. */
export interface NewShiftRow {
  id: string;
  activityId: string;
  seriesId: string | null;
  title: string;
  location: string;
  start: Date;
  end: Date;
  capacity: number;
}

/** A stored shift with its counts. */
export interface ShiftRow extends NewShiftRow {
  taken: number;
  waiting: number;
}

/** A stored claim, personal data included: only for the admin listing and the claimant. */
export interface ClaimRow {
  id: string;
  shiftId: string;
  status: ClaimStatus;
  name: string;
  email: string;
  phone: string;
  ageBand: AgeBand;
  guardianConsent: boolean;
  loadCapHours: number | null;
  cancelToken: string;
  createdAt: Date;
  /** The language the resident used. */
  locale: Locale;
}

/** A claim to store; `status` is decided inside the transaction. */
export interface NewClaim {
  id: string;
  shiftId: string;
  data: ClaimData;
  cancelToken: string;
  createdAt: Date;
  locale: Locale;
  /** The span (the shift's week) whose hours held the answer reports; none, none reported. */
  week?: { from: Date; to: Date };
}

/** A claim just stored, for building the answer inside the same transaction. */
export interface StoredClaim {
  status: ClaimStatus;
  /** 1-based place in the waitlist; undefined when the claim holds a place. */
  position: number | undefined;
  /** The shift, its counts with this claim. */
  shift: ShiftRow;
  /** Hours of other shifts the claimant holds that start in the claim's `week`. */
  hoursHeld: number;
  /** Whether the claimant already holds a shift at an overlapping time. */
  overlaps: boolean;
  /** The activity's deadline and reminder time. */
  policy: Required<ShiftPolicy>;
}

/** What `claim` did. `respond` builds the answer once the status is known. */
export type ClaimOutcome =
  | { kind: 'stored'; status: ClaimStatus; body: string }
  | Replay
  | KeyReused
  | { kind: 'unknown-shift' }
  | { kind: 'started' }
  | { kind: 'full' };

/** What `eraseClaim` did: the erased claim and whoever moved up into its place. */
export type EraseOutcome = { claim: ClaimRow; promoted: ClaimRow | undefined } | undefined;

/** What `cancel` did. */
export type CancelOutcome =
  | { kind: 'cancelled'; claim: ClaimRow; promoted: ClaimRow | undefined }
  | { kind: 'unknown' }
  | { kind: 'too-late'; deadline: Date };

/** Runs in a cancel's or erasure's transaction, with who left and who moved up (their mail). */
export type AfterRelease = (
  trx: Queries,
  released: {
    claim: ClaimRow;
    promoted: ClaimRow | undefined;
    shift: ShiftRow;
    /** The activity's deadline and reminder time. */
    policy: Required<ShiftPolicy>;
  },
) => Promise<void>;

/** A shift's facts a coordinator may change. */
export interface ShiftFactsChange {
  title?: string;
  location?: string;
  start?: Date;
  end?: Date;
  capacity?: number;
}

/** Everyone on a shift a coordinator changed or cancelled, for their mails, in the same transaction. */
export interface ShiftAffected {
  /** The shift before the change. */
  before: ShiftRow;
  /** The shift after it; for a cancel, as it was. */
  after: ShiftRow;
  /** Everyone on it in line order, as they are after the change. */
  claims: ClaimRow[];
  /** Who a larger capacity moved up from the waiting list. */
  promoted: ClaimRow[];
  policy: Required<ShiftPolicy>;
}

/** What `updateShift` did. */
export type UpdateOutcome =
  | { kind: 'updated'; shift: ShiftRow }
  | { kind: 'unknown' }
  | { kind: 'over' }
  | { kind: 'capacity-taken'; taken: number };

/** The shifts store's whole surface. */
export interface ShiftStore {
  /** Inserts every row or none. */
  createShifts(rows: readonly NewShiftRow[], now: Date): Promise<void>;
  /** Inserts `rows` only when there are no shifts at all; returns how many went in (the demo seed). */
  seedShifts(rows: readonly NewShiftRow[], now: Date): Promise<number>;
  getShift(id: string): Promise<ShiftRow | undefined>;
  /** Shifts overlapping [from, to), by start, optionally for one activity; at most `limit`. */
  listShifts(query: {
    activityId?: string;
    from: Date;
    to: Date;
    limit: number;
  }): Promise<ShiftRow[]>;
  /**
   * Deletes a shift and its claims; `after` runs in the same transaction with
   * everyone who was on it (their mails). False when there was none.
   */
  deleteShift(
    id: string,
    after?: (trx: Queries, affected: ShiftAffected) => Promise<void>,
  ): Promise<boolean>;
  /**
   * Changes a shift's facts under its lock. A capacity below the places taken
   * is refused; a larger one moves the first in line up. `after` runs in the
   * same transaction with everyone on it.
   */
  updateShift(
    id: string,
    change: ShiftFactsChange,
    now: Date,
    after: (trx: Queries, affected: ShiftAffected) => Promise<void>,
  ): Promise<UpdateOutcome>;
  /**
   * `updateShift` for several shifts (a series from one on) in one
   * transaction: all change, or none does. The first refusal is returned with
   * the shift it came from; `after` runs for each, in the same transaction.
   */
  updateShifts(
    changes: readonly { id: string; change: ShiftFactsChange }[],
    now: Date,
    after: (trx: Queries, affected: ShiftAffected) => Promise<void>,
  ): Promise<
    | { kind: 'updated'; shifts: ShiftRow[] }
    | (Exclude<UpdateOutcome, { kind: 'updated' }> & { id: string })
  >;
  /**
   * Stores a claim (a place if one is free, otherwise the waitlist when asked),
   * or finds the earlier answer for `key`. `respond` builds the answer that
   * is kept for the key, inside the transaction.
   */
  claim(
    key: string,
    requestHash: string,
    claim: NewClaim,
    respond: (stored: StoredClaim) => string,
    /** Runs in the same transaction once the claim is in (its mail). */
    after?: (trx: Queries, stored: StoredClaim) => Promise<void>,
  ): Promise<ClaimOutcome>;
  findClaim(token: string): Promise<ClaimRow | undefined>;
  /** 1-based place in the waitlist, or undefined when the claim holds a place. */
  waitlistPosition(claim: ClaimRow): Promise<number | undefined>;
  /** Gives up a place (or leaves the waitlist) unless `now` is past the deadline; moves the next in line up. */
  cancel(token: string, now: Date, after?: AfterRelease): Promise<CancelOutcome>;
  /** The admin's erasure of one claim, deadline or not; moves the next in line up as a cancel does. */
  eraseClaim(id: string, after?: AfterRelease): Promise<EraseOutcome>;
  /** Erases every claim on shifts that ended before `endedBefore`; returns how many. */
  pruneClaims(endedBefore: Date): Promise<number>;
  /** Every claim on a shift, in line order. */
  listClaims(shiftId: string): Promise<ClaimRow[]>;
  /** The places held on `shiftIds` by people who gave a weekly cap, in one query (the Oversigt). */
  cappedPlaces(shiftIds: readonly string[]): Promise<ClaimRow[]>;
  /** Hours of shifts each of `emails` holds that start in [from, to), besides `exceptShiftId`. */
  hoursHeld(
    emails: readonly string[],
    from: Date,
    to: Date,
    exceptShiftId: string,
    /** Only shifts of these activities (a coordinator sees no other); all when omitted. */
    activities?: ReadonlySet<string>,
  ): Promise<Map<string, number>>;
  cancelDeadlineHours(activityId: string): Promise<number>;
  /** An activity's cancellation deadline and reminder time. */
  policy(activityId: string): Promise<Required<ShiftPolicy>>;
  setPolicy(activityId: string, policy: Required<ShiftPolicy>): Promise<void>;
  pruneKeys(before: Date): Promise<number>;
  /**
   * Every claim of `email` (trimmed, any case) with its shift, soonest shift
   * first: for the resident's own page ("Mine vagter"), never an answer to anyone else.
   */
  claimsByEmail(email: string): Promise<ClaimWithShift[]>;
  /**
   * Erases every claim of `email` (trimmed, any case), each under its shift's
   * lock as `eraseClaim` does, so the next in line moves up; returns what went.
   */
  eraseByEmail(email: string, after?: AfterRelease): Promise<ClaimWithShift[]>;
  /** Every claim on a shift, in line order, with its attendance: the coordinator's roster. */
  roster(shiftId: string): Promise<RosterClaim[]>;
  /**
   * Notes whether the holder of a place came (`null` clears it), by `by` (a
   * name) at `now`. Undefined when there is no such claim holding a place, or
   * its shift has not begun at `now`.
   */
  setAttendance(
    claimId: string,
    value: Attendance | null,
    by: string,
    now: Date,
  ): Promise<RosterClaim | undefined>;
  /**
   * Moves a waitlisted claim up into a free place, under its shift's lock as
   * every change of places is. `after` runs in the same transaction, with the
   * promoted claim as both `claim` and `promoted` (its unsent waitlist mail
   * goes, the moved-up mail and its reminder come: `shiftMails(...).released()`).
   */
  promote(claimId: string, after?: AfterRelease): Promise<PromoteOutcome>;
}

/** A claim and the facts of its shift. */
export interface ClaimWithShift {
  claim: ClaimRow;
  shift: NewShiftRow;
}

/** An address as every comparison of addresses reads it. */
const addressOf = (email: string) => email.trim().toLowerCase();

// Types, not interfaces: Kysely's `withTables` needs their implicit index signature.
type ShiftRecord = {
  id: string;
  activity_id: string;
  series_id: string | null;
  title: string;
  location: string;
  start_at: string;
  end_at: string;
  capacity: number;
  created_at: string;
};

type ClaimRecord = {
  id: string;
  shift_id: string;
  status: ClaimStatus;
  name: string;
  email: string;
  phone: string;
  age_band: AgeBand;
  guardian_consent: 0 | 1;
  load_cap_hours: number | null;
  cancel_token: string;
  created_at: string;
  locale: Locale;
};

type AttendanceRecord = ClaimRecord & {
  attendance: Attendance | null;
  attendance_by: string | null;
  attendance_at: string | null;
};

type PolicyRecord = { activity_id: string; cancel_deadline_hours: number; reminder_hours: number };

type Tables = {
  shifts: ShiftRecord;
  shift_claims: ClaimRecord;
  shift_policies: PolicyRecord;
};

type Q = Kysely<Tables>;
type RosterTables = Omit<Tables, 'shift_claims'> & { shift_claims: AttendanceRecord };

/** Never `rowid`: on PostgreSQL it is a column, and no answer carries it. */
const CLAIM_COLUMNS = [
  'id',
  'shift_id',
  'status',
  'name',
  'email',
  'phone',
  'age_band',
  'guardian_consent',
  'load_cap_hours',
  'cancel_token',
  'created_at',
  'locale',
] as const;

/** Shifts with their counts; PostgreSQL counts as BIGINT, which arrives as a string. */
const withCounts = (q: Q) =>
  q
    .selectFrom('shifts as s')
    .select([
      's.id',
      's.activity_id',
      's.series_id',
      's.title',
      's.location',
      's.start_at',
      's.end_at',
      's.capacity',
    ])
    .select((eb) => [
      eb
        .selectFrom('shift_claims as c')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('c.shift_id', '=', 's.id')
        .where('c.status', '=', 'claimed')
        .as('taken'),
      eb
        .selectFrom('shift_claims as c')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('c.shift_id', '=', 's.id')
        .where('c.status', '=', 'waitlisted')
        .as('waiting'),
    ]);

type CountedShift = Awaited<ReturnType<ReturnType<typeof withCounts>['executeTakeFirstOrThrow']>>;

const getShift = async (q: Q, id: string) => {
  const found = await withCounts(q).where('s.id', '=', id).executeTakeFirst();
  return found && toShift(found);
};

/** Every claim on a shift, in line order. */
const claimsOn = (q: Q, shiftId: string) =>
  q
    .selectFrom('shift_claims')
    .select(CLAIM_COLUMNS)
    .where('shift_id', '=', shiftId)
    .orderBy(sql`rowid`)
    .execute();

/** An activity's policy; an activity that never set one has no deadline and the default reminder. */
const getPolicies = async (q: Q, activityId: string): Promise<Required<ShiftPolicy>> => {
  const row = await q
    .selectFrom('shift_policies')
    .select(['cancel_deadline_hours', 'reminder_hours'])
    .where('activity_id', '=', activityId)
    .executeTakeFirst();
  return {
    cancelDeadlineHours: Number(row?.cancel_deadline_hours ?? 0),
    reminderHours: Number(row?.reminder_hours ?? DEFAULT_REMINDER_HOURS),
  };
};
const getPolicy = async (q: Q, activityId: string) =>
  (await getPolicies(q, activityId)).cancelDeadlineHours;

/** Hours per e-mail of shifts held that start in [from, to), summed here: no portable date maths in SQL. */
async function hoursHeldBy(
  q: Q,
  emails: readonly string[],
  from: Date,
  to: Date,
  exceptShiftId: string,
  activities?: ReadonlySet<string>,
): Promise<Map<string, number>> {
  const held = new Map(emails.map((email) => [email, 0]));
  if (emails.length === 0 || activities?.size === 0) return held;
  let query = q
    .selectFrom('shift_claims as c')
    .innerJoin('shifts as s', 's.id', 'c.shift_id')
    .select(['c.email', 's.start_at', 's.end_at'])
    .where('c.email', 'in', [...new Set(emails)])
    .where('c.status', '=', 'claimed')
    .where('s.start_at', '>=', from.toISOString())
    .where('s.start_at', '<', to.toISOString())
    .where('s.id', '<>', exceptShiftId);
  if (activities) query = query.where('s.activity_id', 'in', [...activities]);
  const rows = await query.execute();
  for (const r of rows) {
    const hours = (Date.parse(r.end_at) - Date.parse(r.start_at)) / 3_600_000;
    held.set(r.email, (held.get(r.email) ?? 0) + hours);
  }
  return held;
}

/** The shifts store over the shared database, its tables brought up to date. */
export async function openShiftStore(db: Db): Promise<ShiftStore> {
  await migrate(db, 'shifts', migrations);
  const q = db.kysely.withTables<Tables>();
  const keys = idempotencyRecords(db, { table: 'shift_claim_keys', refColumn: 'claim_id' });

  /** Serialises every change to `shiftId`'s places and line, across instances too. */
  const lockShift = (trx: Queries, shiftId: string) => lock(db, trx, `shifts:shift:${shiftId}`);

  const shiftRecord = (r: NewShiftRow, now: Date): ShiftRecord => ({
    id: r.id,
    activity_id: r.activityId,
    series_id: r.seriesId,
    title: r.title,
    location: r.location,
    start_at: r.start.toISOString(),
    end_at: r.end.toISOString(),
    capacity: r.capacity,
    created_at: now.toISOString(),
  });

  const insertShifts = async (t: Q, rows: readonly NewShiftRow[], now: Date) => {
    if (rows.length > 0) {
      await t
        .insertInto('shifts')
        .values(rows.map((r) => shiftRecord(r, now)))
        .execute();
    }
  };

  /**
   * Deletes a claim; a place it held goes to the first on the waitlist.
   * Inside a transaction that holds the claim's shift's lock.
   */
  async function release(t: Q, record: ClaimRecord) {
    await t.deleteFrom('shift_claims').where('id', '=', record.id).execute();
    let promoted: ClaimRow | undefined;
    if (record.status === 'claimed') {
      const next = await t
        .selectFrom('shift_claims')
        .select(CLAIM_COLUMNS)
        .where('shift_id', '=', record.shift_id)
        .where('status', '=', 'waitlisted')
        .orderBy(sql`rowid`)
        .limit(1)
        .executeTakeFirst();
      if (next) {
        await t
          .updateTable('shift_claims')
          .set({ status: 'claimed' })
          .where('id', '=', next.id)
          .execute();
        promoted = toClaim({ ...next, status: 'claimed' });
      }
    }
    return { claim: toClaim(record), promoted };
  }

  /**
   * Finds a claim by `column`, then, holding its shift's lock, finds it again
   * (a racing cancel may have deleted it, a promotion changed its status) and
   * hands it to `work`. The shift a claim is on never changes, so the lock
   * taken is the right one.
   */
  async function underShiftLock<T>(
    column: 'id' | 'cancel_token',
    value: string,
    work: (t: Q, record: ClaimRecord, trx: Queries) => Promise<T>,
  ): Promise<T | undefined> {
    const first = await q
      .selectFrom('shift_claims')
      .select('shift_id')
      .where(column, '=', value)
      .executeTakeFirst();
    if (!first) return undefined;
    return db.write(async (trx) => {
      await lockShift(trx, first.shift_id);
      const t = trx.withTables<Tables>();
      const record = await t
        .selectFrom('shift_claims')
        .select(CLAIM_COLUMNS)
        .where(column, '=', value)
        .executeTakeFirst();
      return record && work(t, record, trx);
    });
  }

  /** The body of `updateShift`, for a shift already locked in `trx`. */
  async function updateLocked(
    trx: Queries,
    id: string,
    change: ShiftFactsChange,
    now: Date,
    after: (trx: Queries, affected: ShiftAffected) => Promise<void>,
  ): Promise<UpdateOutcome> {
    const t = trx.withTables<Tables>();
    const before = await getShift(t, id);
    if (!before) return { kind: 'unknown' };
    if (before.end <= now) return { kind: 'over' };
    const capacity = change.capacity ?? before.capacity;
    if (capacity < before.taken) return { kind: 'capacity-taken', taken: before.taken };
    await t
      .updateTable('shifts')
      .set({
        title: change.title ?? before.title,
        location: change.location ?? before.location,
        start_at: (change.start ?? before.start).toISOString(),
        end_at: (change.end ?? before.end).toISOString(),
        capacity,
      })
      .where('id', '=', id)
      .execute();
    // More places: the first in line take them, in line order.
    const free = capacity - before.taken;
    const waiting =
      free > 0 ? (await claimsOn(t, id)).filter((c) => c.status === 'waitlisted') : [];
    const promoted = waiting.slice(0, free);
    if (promoted.length > 0) {
      await t
        .updateTable('shift_claims')
        .set({ status: 'claimed' })
        .where(
          'id',
          'in',
          promoted.map((c) => c.id),
        )
        .execute();
    }
    const shift = (await getShift(t, id))!;
    const claims = (await claimsOn(t, id)).map(toClaim);
    const policy = await getPolicies(t, shift.activityId);
    await after(trx, {
      before,
      after: shift,
      claims,
      promoted: claims.filter((c) => promoted.some((p) => p.id === c.id)),
      policy,
    });
    return { kind: 'updated', shift };
  }

  return {
    createShifts: (rows, now) =>
      db.write((trx) => insertShifts(trx.withTables<Tables>(), rows, now)),
    seedShifts: (rows, now) =>
      db.write(async (trx) => {
        // Two instances starting at once would otherwise both find no shifts.
        await lock(db, trx, 'shifts:seed');
        const t = trx.withTables<Tables>();
        if (await t.selectFrom('shifts').select('id').limit(1).executeTakeFirst()) return 0;
        await insertShifts(t, rows, now);
        return rows.length;
      }),
    getShift: (id) => getShift(q, id),
    listShifts: async ({ activityId, from, to, limit }) => {
      let query = withCounts(q)
        .where('s.end_at', '>', from.toISOString())
        .where('s.start_at', '<', to.toISOString());
      if (activityId !== undefined) query = query.where('s.activity_id', '=', activityId);
      const rows = await query.orderBy('s.start_at').orderBy(sql`s.rowid`).limit(limit).execute();
      return rows.map(toShift);
    },
    deleteShift: (id, after) =>
      db.write(async (trx) => {
        await lockShift(trx, id);
        const t = trx.withTables<Tables>();
        const shift = await getShift(t, id);
        if (!shift) return false;
        if (after) {
          const claims = (await claimsOn(t, id)).map(toClaim);
          const policy = await getPolicies(t, shift.activityId);
          await after(trx, { before: shift, after: shift, claims, promoted: [], policy });
        }
        await t.deleteFrom('shifts').where('id', '=', id).execute();
        return true;
      }),
    updateShift: (id, change, now, after) =>
      db.write(async (trx) => {
        await lockShift(trx, id);
        return updateLocked(trx, id, change, now, after);
      }),
    updateShifts: async (changes, now, after) => {
      /** Thrown to roll the whole transaction back with the first refusal. */
      class Refused extends Error {
        constructor(
          readonly outcome: Exclude<UpdateOutcome, { kind: 'updated' }> & { id: string },
        ) {
          super(outcome.kind);
        }
      }
      try {
        return await db.write(async (trx) => {
          // Every writer locks shifts in id order, so two series edits never wait on each other.
          for (const id of changes.map((c) => c.id).sort()) await lockShift(trx, id);
          const shifts: ShiftRow[] = [];
          for (const { id, change } of changes) {
            const outcome = await updateLocked(trx, id, change, now, after);
            if (outcome.kind !== 'updated') throw new Refused({ ...outcome, id });
            shifts.push(outcome.shift);
          }
          return { kind: 'updated' as const, shifts };
        });
      } catch (error) {
        if (error instanceof Refused) return error.outcome;
        throw error;
      }
    },
    claim: (key, hash, c, respond, after) =>
      db.write(async (trx): Promise<ClaimOutcome> => {
        const { email } = c.data;
        const createdAt = c.createdAt.toISOString();
        // Locks in one order in every claim (e-mail, key, shift), so no two
        // wait on each other. The e-mail's keeps one person's claims on two
        // overlapping shifts from both passing the overlap check; the
        // shift's, taken last, queues claims for its places and line only
        // for the few statements that count them.
        await lock(db, trx, `shifts:email:${email.toLowerCase()}`);
        const earlier = await keys.earlier(trx, key, hash);
        if (earlier) return earlier;
        const t = trx.withTables<Tables>();
        // Read before the shift's lock, for the overlap warning; a coordinator
        // moving the shift meanwhile is caught again under the lock below.
        const times = await t
          .selectFrom('shifts')
          .select(['start_at', 'end_at'])
          .where('id', '=', c.shiftId)
          .executeTakeFirst();
        if (!times) return { kind: 'unknown-shift' };
        if (times.start_at <= createdAt) return { kind: 'started' };
        const overlapping = await t
          .selectFrom('shift_claims as c')
          .innerJoin('shifts as s', 's.id', 'c.shift_id')
          .select('c.id')
          .where('c.email', '=', email)
          .where('s.start_at', '<', times.end_at)
          .where('s.end_at', '>', times.start_at)
          .limit(1)
          .executeTakeFirst();
        // Not refused: that would tell anyone who types an address whether its
        // owner works then. The owner is told, by mail (see mails.ts).
        const held = c.week
          ? ((await hoursHeldBy(t, [email], c.week.from, c.week.to, c.shiftId)).get(email) ?? 0)
          : 0;

        await lockShift(trx, c.shiftId);
        const shift = await getShift(t, c.shiftId);
        // Deleted, or moved to have begun, while this claim waited for it.
        if (!shift) return { kind: 'unknown-shift' };
        if (shift.start.toISOString() <= createdAt) return { kind: 'started' };
        const status: ClaimStatus = shift.taken < shift.capacity ? 'claimed' : 'waitlisted';
        if (status === 'waitlisted' && !c.data.waitlist) return { kind: 'full' };
        await t
          .insertInto('shift_claims')
          .values({
            id: c.id,
            shift_id: c.shiftId,
            status,
            name: c.data.name,
            email,
            phone: c.data.phone,
            age_band: c.data.ageBand,
            guardian_consent: c.data.guardianConsent ? 1 : 0,
            load_cap_hours: c.data.loadCapHours ?? null,
            cancel_token: c.cancelToken,
            created_at: createdAt,
            locale: c.locale,
          })
          .execute();
        const claimed = status === 'claimed';
        const stored: StoredClaim = {
          status,
          // Last in line: everyone waiting before it, then it.
          position: claimed ? undefined : shift.waiting + 1,
          shift: {
            ...shift,
            taken: shift.taken + (claimed ? 1 : 0),
            waiting: shift.waiting + (claimed ? 0 : 1),
          },
          hoursHeld: held,
          overlaps: overlapping !== undefined,
          policy: await getPolicies(t, shift.activityId),
        };
        const body = respond(stored);
        await after?.(trx, stored);
        await keys.save(trx, key, hash, { status: 201, body }, c.id, createdAt);
        return { kind: 'stored', status, body };
      }),
    findClaim: async (token) => {
      const found = await q
        .selectFrom('shift_claims')
        .select(CLAIM_COLUMNS)
        .where('cancel_token', '=', token)
        .executeTakeFirst();
      return found && toClaim(found);
    },
    waitlistPosition: async (c) => {
      if (c.status !== 'waitlisted') return undefined;
      const { n } = await q
        .selectFrom('shift_claims')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('shift_id', '=', c.shiftId)
        .where('status', '=', 'waitlisted')
        .where(
          sql`rowid`,
          '<=',
          q.selectFrom('shift_claims').select(sql`rowid`.as('r')).where('id', '=', c.id),
        )
        .executeTakeFirstOrThrow();
      return Number(n);
    },
    cancel: async (token, now, after) =>
      (await underShiftLock(
        'cancel_token',
        token,
        async (t, record, trx): Promise<CancelOutcome> => {
          const shift = (await getShift(t, record.shift_id))!;
          const policy = await getPolicies(t, shift.activityId);
          const deadline = new Date(shift.start.getTime() - policy.cancelDeadlineHours * 3_600_000);
          // Leaving the waitlist never leaves anyone short-handed, so it has no deadline.
          if (record.status === 'claimed' && now >= deadline) return { kind: 'too-late', deadline };
          const released = await release(t, record);
          await after?.(trx, { ...released, shift, policy });
          return { kind: 'cancelled', ...released };
        },
      )) ?? { kind: 'unknown' },
    eraseClaim: (id, after) =>
      underShiftLock('id', id, async (t, record, trx) => {
        const released = await release(t, record);
        if (after) {
          const shift = (await getShift(t, record.shift_id))!;
          await after(trx, { ...released, shift, policy: await getPolicies(t, shift.activityId) });
        }
        return released;
      }),
    // Their idempotency records go with them (ON DELETE CASCADE). A shift that
    // has ended has no line left to keep, so no lock.
    pruneClaims: async (endedBefore) => {
      const result = await q
        .deleteFrom('shift_claims')
        .where('shift_id', 'in', (eb) =>
          eb.selectFrom('shifts').select('id').where('end_at', '<', endedBefore.toISOString()),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    cappedPlaces: async (shiftIds) =>
      shiftIds.length === 0
        ? []
        : (
            await q
              .selectFrom('shift_claims')
              .select(CLAIM_COLUMNS)
              .where('shift_id', 'in', [...shiftIds])
              .where('status', '=', 'claimed')
              .where('load_cap_hours', 'is not', null)
              .execute()
          ).map(toClaim),
    listClaims: async (shiftId) =>
      (
        await q
          .selectFrom('shift_claims')
          .select(CLAIM_COLUMNS)
          .where('shift_id', '=', shiftId)
          .orderBy(sql`rowid`)
          .execute()
      ).map(toClaim),
    hoursHeld: (emails, from, to, except, activities) =>
      hoursHeldBy(q, emails, from, to, except, activities),
    cancelDeadlineHours: (activityId) => getPolicy(q, activityId),
    policy: (activityId) => getPolicies(q, activityId),
    setPolicy: async (activityId, policy) => {
      const values = {
        cancel_deadline_hours: policy.cancelDeadlineHours,
        reminder_hours: policy.reminderHours,
      };
      await q
        .insertInto('shift_policies')
        .values({ activity_id: activityId, ...values })
        .onConflict((oc) => oc.column('activity_id').doUpdateSet(values))
        .execute();
    },
    pruneKeys: keys.prune,
    claimsByEmail: (email) => claimsOf(q, email),
    eraseByEmail: async (email, after) => {
      const erased: ClaimWithShift[] = [];
      for (const found of await claimsOf(q, email)) {
        // As `eraseClaim`: one transaction per claim, under its own shift's lock.
        const released = await underShiftLock('id', found.claim.id, async (t, record, trx) => {
          const r = await release(t, record);
          if (after) {
            const shift = (await getShift(t, record.shift_id))!;
            await after(trx, { ...r, shift, policy: await getPolicies(t, shift.activityId) });
          }
          return r;
        });
        if (released) erased.push({ claim: released.claim, shift: found.shift });
      }
      return erased;
    },
    roster: async (shiftId) =>
      (
        await db.kysely
          .withTables<RosterTables>()
          .selectFrom('shift_claims')
          .select([...CLAIM_COLUMNS, 'attendance', 'attendance_by', 'attendance_at'])
          .where('shift_id', '=', shiftId)
          .orderBy(sql`rowid`)
          .execute()
      ).map(toRosterClaim),
    setAttendance: async (claimId, value, by, now) => {
      const r = db.kysely.withTables<RosterTables>();
      const result = await r
        .updateTable('shift_claims')
        .set({
          attendance: value,
          attendance_by: value === null ? null : by,
          attendance_at: value === null ? null : now.toISOString(),
        })
        .where('id', '=', claimId)
        .where('status', '=', 'claimed')
        .where('shift_id', 'in', (eb) =>
          eb.selectFrom('shifts').select('id').where('start_at', '<=', now.toISOString()),
        )
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return undefined;
      const row = await r
        .selectFrom('shift_claims')
        .select([...CLAIM_COLUMNS, 'attendance', 'attendance_by', 'attendance_at'])
        .where('id', '=', claimId)
        .executeTakeFirst();
      return row && toRosterClaim(row);
    },
    promote: async (claimId, after) =>
      (await underShiftLock('id', claimId, async (t, record, trx): Promise<PromoteOutcome> => {
        if (record.status !== 'waitlisted') return { kind: 'not-waitlisted' };
        const before = (await getShift(t, record.shift_id))!;
        if (before.taken >= before.capacity) return { kind: 'full' };
        await t
          .updateTable('shift_claims')
          .set({ status: 'claimed' })
          .where('id', '=', record.id)
          .execute();
        const claim = toClaim({ ...record, status: 'claimed' });
        const shift = (await getShift(t, record.shift_id))!;
        if (after) {
          const policy = await getPolicies(t, shift.activityId);
          await after(trx, { claim, promoted: claim, shift, policy });
        }
        return { kind: 'promoted', claim, shift };
      })) ?? { kind: 'unknown' },
  };
}

function toRosterClaim(r: AttendanceRecord): RosterClaim {
  return {
    ...toClaim(r),
    attendance: r.attendance,
    attendanceBy: r.attendance_by,
    attendanceAt: r.attendance_at === null ? null : new Date(r.attendance_at),
  };
}

/** `email`'s claims with their shifts, soonest first (claims are few per address). */
async function claimsOf(q: Q, email: string): Promise<ClaimWithShift[]> {
  const rows = await q
    .selectFrom('shift_claims as c')
    .innerJoin('shifts as s', 's.id', 'c.shift_id')
    .select(CLAIM_COLUMNS.map((column) => `c.${column}` as const))
    .select([
      's.activity_id as s_activity_id',
      's.series_id as s_series_id',
      's.title as s_title',
      's.location as s_location',
      's.start_at as s_start_at',
      's.end_at as s_end_at',
      's.capacity as s_capacity',
    ])
    .where(sql`lower(c.email)`, '=', addressOf(email))
    .orderBy('s.start_at')
    .orderBy(sql`c.rowid`)
    .execute();
  return rows.map((r) => ({
    claim: toClaim(r),
    shift: {
      id: r.shift_id,
      activityId: r.s_activity_id,
      seriesId: r.s_series_id,
      title: r.s_title,
      location: r.s_location,
      start: new Date(r.s_start_at),
      end: new Date(r.s_end_at),
      capacity: r.s_capacity,
    },
  }));
}

function toShift(r: CountedShift): ShiftRow {
  return {
    id: r.id,
    activityId: r.activity_id,
    seriesId: r.series_id,
    title: r.title,
    location: r.location,
    start: new Date(r.start_at),
    end: new Date(r.end_at),
    capacity: r.capacity,
    taken: Number(r.taken),
    waiting: Number(r.waiting),
  };
}

function toClaim(r: ClaimRecord): ClaimRow {
  return {
    id: r.id,
    shiftId: r.shift_id,
    status: r.status,
    name: r.name,
    email: r.email,
    phone: r.phone,
    ageBand: r.age_band,
    guardianConsent: r.guardian_consent === 1,
    loadCapHours: r.load_cap_hours,
    cancelToken: r.cancel_token,
    createdAt: new Date(r.created_at),
    locale: r.locale === 'en' ? 'en' : 'da',
  };
}
