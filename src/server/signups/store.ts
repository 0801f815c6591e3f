/**
 * Sign-ups and their idempotency records. Callers get small functions, never
 * the handle, so every query on these tables is a prepared statement written here.
 */
import type { AgeBand, Signup, SignupData } from '../../schemas/signup.js';
import { toIsoCopenhagen } from '../../time/copenhagen.js';
import type { ActivityStore } from '../activities/store.js';
import { type Db, migrate } from '../database.js';
import {
  idempotencyRecords,
  type KeyReused,
  type Replay,
  type StoredResponse,
} from '../idempotency-records.js';

/**
 * The sign-ups tables' steps (see `migrate`). Only the fields the coordinator
 * needs are kept: no IP address, no user agent, no consent flag (a row exists
 * only because consent was given, at `created_at`). Step 1 is `IF NOT EXISTS`
 * for databases whose `core` step made these tables.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS signups (
    id               TEXT PRIMARY KEY,
    activity_id      TEXT NOT NULL REFERENCES activities (id),
    name             TEXT NOT NULL,
    email            TEXT NOT NULL,
    phone            TEXT NOT NULL,
    help             TEXT NOT NULL,
    age_band         TEXT NOT NULL CHECK (age_band IN ('under-15', '15-17', '18-plus')),
    guardian_consent INTEGER NOT NULL CHECK (guardian_consent IN (0, 1)),
    created_at       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS signups_by_created ON signups (created_at);
  CREATE INDEX IF NOT EXISTS signups_by_activity ON signups (activity_id, created_at);

  -- signup_id cascades so that erasing a sign-up also erases the hash of its
  -- personal data kept here.
  CREATE TABLE IF NOT EXISTS idempotency (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    signup_id    TEXT REFERENCES signups (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS idempotency_by_created ON idempotency (created_at);
  CREATE INDEX IF NOT EXISTS idempotency_by_signup ON idempotency (signup_id);
  `,
];

/** A validated sign-up with the id and time the server gave it. */
export interface NewSignupRow extends SignupData {
  id: string;
  createdAt: Date;
}

/** What `record` did, so the route can answer without a second query. */
export type RecordOutcome =
  | { kind: 'stored'; body: string }
  | Replay
  | KeyReused
  | { kind: 'unknown-activity' };

/** The store's whole surface: what the routes and the tests may do. */
export interface SignupStore {
  /**
   * Stores a sign-up and its idempotency record in one transaction, or finds
   * the earlier answer for `key`. `response` is what the first answer will be.
   */
  record(
    key: string,
    requestHash: string,
    signup: NewSignupRow,
    response: StoredResponse,
  ): RecordOutcome;
  /** Sign-ups in the order they arrived, optionally for one activity. */
  list(activityId?: string): Signup[];
  /** Erases one sign-up; false when there was none. */
  erase(id: string): boolean;
  /** Forgets idempotency records older than `before`; returns how many. */
  pruneIdempotency(before: Date): number;
  /** Erases sign-ups made before `before` (the retention period); returns how many. */
  pruneSignups(before: Date): number;
}

interface SignupRecord {
  id: string;
  activity_id: string;
  name: string;
  email: string;
  phone: string;
  help: string;
  age_band: AgeBand;
  guardian_consent: 0 | 1;
  created_at: string;
}

/** The sign-ups store over `db`, its tables brought up to date; `activities` says which exist. */
export function openSignupStore(db: Db, activities: Pick<ActivityStore, 'exists'>): SignupStore {
  migrate(db, 'signups', migrations);

  const keys = idempotencyRecords(db, { table: 'idempotency', refColumn: 'signup_id' });
  const q = {
    insert: db.prepare<[SignupRecord]>(
      `INSERT INTO signups
         (id, activity_id, name, email, phone, help, age_band, guardian_consent, created_at)
       VALUES
         (@id, @activity_id, @name, @email, @phone, @help, @age_band, @guardian_consent, @created_at)`,
    ),
    list: db.prepare<[], SignupRecord>('SELECT * FROM signups ORDER BY created_at, rowid'),
    listFor: db.prepare<[string], SignupRecord>(
      'SELECT * FROM signups WHERE activity_id = ? ORDER BY created_at, rowid',
    ),
    erase: db.prepare<[string]>('DELETE FROM signups WHERE id = ?'),
    prune: db.prepare<[string]>('DELETE FROM signups WHERE created_at < ?'),
  };

  // IMMEDIATE takes the write lock before the first read, so two processes on
  // one file cannot both see "no such key" and both insert.
  const record = db.transaction(
    (key: string, hash: string, s: NewSignupRow, response: StoredResponse): RecordOutcome => {
      const earlier = keys.earlier(key, hash);
      if (earlier) return earlier;
      if (!activities.exists(s.activityId)) return { kind: 'unknown-activity' };
      const createdAt = s.createdAt.toISOString();
      q.insert.run({
        id: s.id,
        activity_id: s.activityId,
        name: s.name,
        email: s.email,
        phone: s.phone,
        help: s.help,
        age_band: s.ageBand,
        guardian_consent: s.guardianConsent ? 1 : 0,
        created_at: createdAt,
      });
      keys.save(key, hash, response, s.id, createdAt);
      return { kind: 'stored', body: response.body };
    },
  );

  return {
    record: (key, hash, signup, response) => record.immediate(key, hash, signup, response),
    list: (activityId) =>
      (activityId === undefined ? q.list.all() : q.listFor.all(activityId)).map(toSignup),
    erase: (id) => q.erase.run(id).changes > 0,
    pruneIdempotency: keys.prune,
    pruneSignups: (before) => q.prune.run(before.toISOString()).changes,
  };
}

function toSignup(r: SignupRecord): Signup {
  return {
    id: r.id,
    activityId: r.activity_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    help: r.help,
    ageBand: r.age_band,
    guardianConsent: r.guardian_consent === 1,
    // Stored as UTC (sorts as text); shown in Copenhagen time, as every time in Samskab.
    createdAt: toIsoCopenhagen(new Date(r.created_at)),
  };
}
