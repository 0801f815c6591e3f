/**
 * Shifts, their claims and waitlists, and each activity's cancellation rule.
 * Every write that counts places runs in one IMMEDIATE transaction, so two
 * claims (even from two processes on one file) can never both take the last
 * place. Callers get small functions, never the handle.
 */
import type { ClaimData, ClaimStatus } from '../../schemas/claim.js';
import type { AgeBand } from '../../schemas/signup.js';
import { type Db, migrate } from '../database.js';
import { idempotencyRecords, type KeyReused, type Replay } from '../idempotency-records.js';

const steps: readonly string[] = [
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
];

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
}

/** A claim to store; `status` is decided inside the transaction. */
export interface NewClaim {
  id: string;
  shiftId: string;
  data: ClaimData;
  cancelToken: string;
  createdAt: Date;
}

/** What `claim` did. `respond` builds the answer once the status is known. */
export type ClaimOutcome =
  | { kind: 'stored'; status: ClaimStatus; body: string }
  | Replay
  | KeyReused
  | { kind: 'unknown-shift' }
  | { kind: 'started' }
  | { kind: 'overlap' }
  | { kind: 'full' };

/** What `eraseClaim` did: the erased claim and whoever moved up into its place. */
export type EraseOutcome = { claim: ClaimRow; promoted: ClaimRow | undefined } | undefined;

/** What `cancel` did. */
export type CancelOutcome =
  | { kind: 'cancelled'; claim: ClaimRow; promoted: ClaimRow | undefined }
  | { kind: 'unknown' }
  | { kind: 'too-late'; deadline: Date };

/** The shifts store's whole surface. */
export interface ShiftStore {
  /** Inserts every row or none. */
  createShifts(rows: readonly NewShiftRow[], now: Date): void;
  getShift(id: string): ShiftRow | undefined;
  /** Shifts overlapping [from, to), by start, optionally for one activity; at most `limit`. */
  listShifts(query: { activityId?: string; from: Date; to: Date; limit: number }): ShiftRow[];
  deleteShift(id: string): boolean;
  /**
   * Stores a claim (a place if one is free, otherwise the waitlist when asked),
   * or finds the earlier answer for `key`.
   */
  claim(
    key: string,
    requestHash: string,
    claim: NewClaim,
    respond: (status: ClaimStatus, position: number | undefined) => string,
  ): ClaimOutcome;
  findClaim(token: string): ClaimRow | undefined;
  /** 1-based place in the waitlist, or undefined when the claim holds a place. */
  waitlistPosition(claim: ClaimRow): number | undefined;
  /** Gives up a place (or leaves the waitlist) unless `now` is past the deadline; moves the next in line up. */
  cancel(token: string, now: Date): CancelOutcome;
  /** The admin's erasure of one claim, deadline or not; moves the next in line up as a cancel does. */
  eraseClaim(id: string): EraseOutcome;
  /** Erases every claim on shifts that ended before `endedBefore`; returns how many. */
  pruneClaims(endedBefore: Date): number;
  /** Every claim on a shift, in line order. */
  listClaims(shiftId: string): ClaimRow[];
  /** Hours of shifts `email` holds in [from, to), besides `exceptShiftId`. */
  hoursHeld(email: string, from: Date, to: Date, exceptShiftId: string): number;
  cancelDeadlineHours(activityId: string): number;
  setCancelDeadlineHours(activityId: string, hours: number): void;
  /** True when there are no shifts at all (the demo seeds only then). */
  isEmpty(): boolean;
  pruneKeys(before: Date): number;
}

interface ShiftRecord {
  id: string;
  activity_id: string;
  series_id: string | null;
  title: string;
  location: string;
  start_at: string;
  end_at: string;
  capacity: number;
  taken: number;
  waiting: number;
}

interface ClaimRecord {
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
}

const COUNTS = `
  (SELECT count(*) FROM shift_claims c WHERE c.shift_id = s.id AND c.status = 'claimed') AS taken,
  (SELECT count(*) FROM shift_claims c WHERE c.shift_id = s.id AND c.status = 'waitlisted') AS waiting`;

/** The shifts store over the shared database, its tables brought up to date. */
export function openShiftStore(db: Db): ShiftStore {
  migrate(db, 'shifts', steps);

  const keys = idempotencyRecords(db, { table: 'shift_claim_keys', refColumn: 'claim_id' });
  const q = {
    insertShift: db.prepare(
      `INSERT INTO shifts (id, activity_id, series_id, title, location, start_at, end_at, capacity, created_at)
       VALUES (@id, @activity_id, @series_id, @title, @location, @start_at, @end_at, @capacity, @created_at)`,
    ),
    getShift: db.prepare<[string], ShiftRecord>(
      `SELECT s.*, ${COUNTS} FROM shifts s WHERE s.id = ?`,
    ),
    listAll: db.prepare<[string, string, number], ShiftRecord>(
      `SELECT s.*, ${COUNTS} FROM shifts s WHERE s.end_at > ? AND s.start_at < ?
       ORDER BY s.start_at, s.rowid LIMIT ?`,
    ),
    listFor: db.prepare<[string, string, string, number], ShiftRecord>(
      `SELECT s.*, ${COUNTS} FROM shifts s WHERE s.activity_id = ? AND s.end_at > ? AND s.start_at < ?
       ORDER BY s.start_at, s.rowid LIMIT ?`,
    ),
    deleteShift: db.prepare<[string]>('DELETE FROM shifts WHERE id = ?'),
    anyShift: db.prepare<[], { one: 1 }>('SELECT 1 AS one FROM shifts LIMIT 1'),
    overlapping: db.prepare<[string, string, string], { one: 1 }>(
      `SELECT 1 AS one FROM shift_claims c JOIN shifts s ON s.id = c.shift_id
       WHERE c.email = ? AND s.start_at < ? AND s.end_at > ? LIMIT 1`,
    ),
    insertClaim: db.prepare<[ClaimRecord]>(
      `INSERT INTO shift_claims
         (id, shift_id, status, name, email, phone, age_band, guardian_consent, load_cap_hours, cancel_token, created_at)
       VALUES
         (@id, @shift_id, @status, @name, @email, @phone, @age_band, @guardian_consent, @load_cap_hours, @cancel_token, @created_at)`,
    ),
    findClaim: db.prepare<[string], ClaimRecord>(
      'SELECT * FROM shift_claims WHERE cancel_token = ?',
    ),
    position: db.prepare<[string, string], { n: number }>(
      `SELECT count(*) AS n FROM shift_claims
       WHERE shift_id = ? AND status = 'waitlisted'
         AND rowid <= (SELECT rowid FROM shift_claims WHERE id = ?)`,
    ),
    deleteClaim: db.prepare<[string]>('DELETE FROM shift_claims WHERE id = ?'),
    getClaim: db.prepare<[string], ClaimRecord>('SELECT * FROM shift_claims WHERE id = ?'),
    pruneClaims: db.prepare<[string]>(
      'DELETE FROM shift_claims WHERE shift_id IN (SELECT id FROM shifts WHERE end_at < ?)',
    ),
    nextInLine: db.prepare<[string], ClaimRecord>(
      `SELECT * FROM shift_claims WHERE shift_id = ? AND status = 'waitlisted' ORDER BY rowid LIMIT 1`,
    ),
    promote: db.prepare<[string]>(`UPDATE shift_claims SET status = 'claimed' WHERE id = ?`),
    listClaims: db.prepare<[string], ClaimRecord>(
      'SELECT * FROM shift_claims WHERE shift_id = ? ORDER BY rowid',
    ),
    hoursHeld: db.prepare<[string, string, string, string], { hours: number }>(
      `SELECT coalesce(sum((julianday(s.end_at) - julianday(s.start_at)) * 24), 0) AS hours
       FROM shift_claims c JOIN shifts s ON s.id = c.shift_id
       WHERE c.email = ? AND c.status = 'claimed' AND s.start_at >= ? AND s.start_at < ? AND s.id <> ?`,
    ),
    getPolicy: db.prepare<[string], { hours: number }>(
      'SELECT cancel_deadline_hours AS hours FROM shift_policies WHERE activity_id = ?',
    ),
    setPolicy: db.prepare<[string, number]>(
      `INSERT INTO shift_policies (activity_id, cancel_deadline_hours) VALUES (?, ?)
       ON CONFLICT (activity_id) DO UPDATE SET cancel_deadline_hours = excluded.cancel_deadline_hours`,
    ),
  };

  const createShifts = db.transaction((rows: readonly NewShiftRow[], now: Date) => {
    for (const r of rows) {
      q.insertShift.run({
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
    }
  });

  const claim = db.transaction(
    (
      key: string,
      hash: string,
      c: NewClaim,
      respond: (status: ClaimStatus, position: number | undefined) => string,
    ): ClaimOutcome => {
      const earlier = keys.earlier(key, hash);
      if (earlier) return earlier;
      const shift = q.getShift.get(c.shiftId);
      if (!shift) return { kind: 'unknown-shift' };
      if (shift.start_at <= c.createdAt.toISOString()) return { kind: 'started' };
      if (q.overlapping.get(c.data.email, shift.end_at, shift.start_at)) return { kind: 'overlap' };
      const status: ClaimStatus = shift.taken < shift.capacity ? 'claimed' : 'waitlisted';
      if (status === 'waitlisted' && !c.data.waitlist) return { kind: 'full' };
      const createdAt = c.createdAt.toISOString();
      q.insertClaim.run({
        id: c.id,
        shift_id: c.shiftId,
        status,
        name: c.data.name,
        email: c.data.email,
        phone: c.data.phone,
        age_band: c.data.ageBand,
        guardian_consent: c.data.guardianConsent ? 1 : 0,
        load_cap_hours: c.data.loadCapHours ?? null,
        cancel_token: c.cancelToken,
        created_at: createdAt,
      });
      const body = respond(status, status === 'waitlisted' ? shift.waiting + 1 : undefined);
      keys.save(key, hash, { status: 201, body }, c.id, createdAt);
      return { kind: 'stored', status, body };
    },
  );

  const cancelDeadlineHours = (activityId: string) => q.getPolicy.get(activityId)?.hours ?? 0;

  const cancel = db.transaction((token: string, now: Date): CancelOutcome => {
    const record = q.findClaim.get(token);
    if (!record) return { kind: 'unknown' };
    const shift = q.getShift.get(record.shift_id)!;
    const deadline = new Date(
      Date.parse(shift.start_at) - cancelDeadlineHours(shift.activity_id) * 3_600_000,
    );
    // Leaving the waitlist never leaves anyone short-handed, so it has no deadline.
    if (record.status === 'claimed' && now >= deadline) return { kind: 'too-late', deadline };
    return { kind: 'cancelled', ...release(record) };
  });

  const eraseClaim = db.transaction((id: string): EraseOutcome => {
    const record = q.getClaim.get(id);
    return record && release(record);
  });

  /** Deletes a claim; a place it held goes to the first on the waitlist. Inside a transaction. */
  function release(record: ClaimRecord) {
    q.deleteClaim.run(record.id);
    let promoted: ClaimRow | undefined;
    if (record.status === 'claimed') {
      const next = q.nextInLine.get(record.shift_id);
      if (next) {
        q.promote.run(next.id);
        promoted = toClaim({ ...next, status: 'claimed' });
      }
    }
    return { claim: toClaim(record), promoted };
  }

  return {
    createShifts: (rows, now) => createShifts.immediate(rows, now),
    getShift: (id) => {
      const r = q.getShift.get(id);
      return r && toShift(r);
    },
    listShifts: ({ activityId, from, to, limit }) =>
      (activityId === undefined
        ? q.listAll.all(from.toISOString(), to.toISOString(), limit)
        : q.listFor.all(activityId, from.toISOString(), to.toISOString(), limit)
      ).map(toShift),
    deleteShift: (id) => q.deleteShift.run(id).changes > 0,
    claim: (key, hash, c, respond) => claim.immediate(key, hash, c, respond),
    findClaim: (token) => {
      const r = q.findClaim.get(token);
      return r && toClaim(r);
    },
    waitlistPosition: (c) =>
      c.status === 'waitlisted' ? q.position.get(c.shiftId, c.id)!.n : undefined,
    cancel: (token, now) => cancel.immediate(token, now),
    eraseClaim: (id) => eraseClaim.immediate(id),
    // Their idempotency records go with them (ON DELETE CASCADE).
    pruneClaims: (endedBefore) => q.pruneClaims.run(endedBefore.toISOString()).changes,
    listClaims: (shiftId) => q.listClaims.all(shiftId).map(toClaim),
    hoursHeld: (email, from, to, except) =>
      q.hoursHeld.get(email, from.toISOString(), to.toISOString(), except)!.hours,
    cancelDeadlineHours,
    setCancelDeadlineHours: (activityId, hours) => void q.setPolicy.run(activityId, hours),
    isEmpty: () => q.anyShift.get() === undefined,
    pruneKeys: keys.prune,
  };
}

function toShift(r: ShiftRecord): ShiftRow {
  return {
    id: r.id,
    activityId: r.activity_id,
    seriesId: r.series_id,
    title: r.title,
    location: r.location,
    start: new Date(r.start_at),
    end: new Date(r.end_at),
    capacity: r.capacity,
    taken: r.taken,
    waiting: r.waiting,
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
  };
}
