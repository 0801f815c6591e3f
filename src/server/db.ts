/**
 * Activities and sign-ups. Callers get small functions, never the handle, so
 * every query on these tables is a prepared statement written here.
 */
import type { Activity } from '../schemas/activity.js';
import type { AgeBand, Signup, SignupData } from '../schemas/signup.js';
import { toIsoCopenhagen } from '../time/copenhagen.js';
import { type Db, migrate, openDatabase } from './database.js';
import {
  idempotencyRecords,
  type KeyReused,
  type Replay,
  type StoredResponse,
} from './idempotency-records.js';

/**
 * The core tables' steps (see `migrate`). Only the fields the coordinator
 * needs are kept: no IP address, no user agent, no consent flag (a row exists
 * only because consent was given, at `created_at`).
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE activities (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    core_idea   TEXT NOT NULL,
    created_at  TEXT NOT NULL
  ) STRICT;

  CREATE TABLE signups (
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
  CREATE INDEX signups_by_created ON signups (created_at);
  CREATE INDEX signups_by_activity ON signups (activity_id, created_at);

  -- signup_id cascades so that erasing a sign-up also erases the hash of its
  -- personal data kept here.
  CREATE TABLE idempotency (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    signup_id    TEXT REFERENCES signups (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL
  ) STRICT;
  CREATE INDEX idempotency_by_created ON idempotency (created_at);
  CREATE INDEX idempotency_by_signup ON idempotency (signup_id);
  `,
];

/** An activity to insert with a known id (seeded data uses readable slugs). */
export interface ActivityRow {
  id: string;
  title: string;
  description: string;
  coreIdea: string;
}

/** A validated sign-up with the id and time the server gave it. */
export interface NewSignupRow extends SignupData {
  id: string;
  createdAt: Date;
}

/** What `recordSignup` did, so the route can answer without a second query. */
export type RecordOutcome =
  | { kind: 'stored'; body: string }
  | Replay
  | KeyReused
  | { kind: 'unknown-activity' };

/** The store's whole surface: what the routes, the seed and the tests may do. */
export interface Store {
  listActivities(): Activity[];
  createActivity(row: ActivityRow, now: Date): Activity;
  /** Inserts `rows` only when there are no activities at all; returns how many went in. */
  seedActivities(rows: readonly ActivityRow[], now: Date): number;
  /**
   * Stores a sign-up and its idempotency record in one transaction, or finds
   * the earlier answer for `key`. `response` is what the first answer will be.
   */
  recordSignup(
    key: string,
    requestHash: string,
    signup: NewSignupRow,
    response: StoredResponse,
  ): RecordOutcome;
  /** Sign-ups in the order they arrived, optionally for one activity. */
  listSignups(activityId?: string): Signup[];
  /** Erases one sign-up; false when there was none. */
  deleteSignup(id: string): boolean;
  /** Forgets idempotency records older than `before`; returns how many. */
  pruneIdempotency(before: Date): number;
  /** Erases sign-ups made before `before` (the retention period); returns how many. */
  pruneSignups(before: Date): number;
  close(): void;
}

interface ActivityRecord {
  id: string;
  title: string;
  description: string;
  core_idea: string;
  created_at: string;
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

/**
 * The activities and sign-ups store over `database` (a path, or a database
 * another store shares), its tables brought up to date.
 */
export function openStore(database: string | Db): Store {
  const db = typeof database === 'string' ? openDatabase(database) : database;
  migrate(db, 'core', migrations);

  const keys = idempotencyRecords(db, { table: 'idempotency', refColumn: 'signup_id' });
  const q = {
    listActivities: db.prepare<[], ActivityRecord>(
      'SELECT * FROM activities ORDER BY created_at, rowid',
    ),
    hasActivity: db.prepare<[string], { one: 1 }>('SELECT 1 AS one FROM activities WHERE id = ?'),
    countActivities: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activities'),
    insertActivity: db.prepare<[ActivityRecord]>(
      `INSERT INTO activities (id, title, description, core_idea, created_at)
       VALUES (@id, @title, @description, @core_idea, @created_at)`,
    ),
    insertSignup: db.prepare<[SignupRecord]>(
      `INSERT INTO signups
         (id, activity_id, name, email, phone, help, age_band, guardian_consent, created_at)
       VALUES
         (@id, @activity_id, @name, @email, @phone, @help, @age_band, @guardian_consent, @created_at)`,
    ),
    listSignups: db.prepare<[], SignupRecord>('SELECT * FROM signups ORDER BY created_at, rowid'),
    listSignupsFor: db.prepare<[string], SignupRecord>(
      'SELECT * FROM signups WHERE activity_id = ? ORDER BY created_at, rowid',
    ),
    deleteSignup: db.prepare<[string]>('DELETE FROM signups WHERE id = ?'),
    pruneSignups: db.prepare<[string]>('DELETE FROM signups WHERE created_at < ?'),
  };

  const insertActivity = (row: ActivityRow, now: Date): Activity => {
    const record: ActivityRecord = {
      id: row.id,
      title: row.title,
      description: row.description,
      core_idea: row.coreIdea,
      created_at: now.toISOString(),
    };
    q.insertActivity.run(record);
    return toActivity(record);
  };

  // IMMEDIATE takes the write lock before the first read, so two processes on
  // one file cannot both see "no such key" and both insert.
  const recordSignup = db.transaction(
    (key: string, hash: string, s: NewSignupRow, response: StoredResponse): RecordOutcome => {
      const earlier = keys.earlier(key, hash);
      if (earlier) return earlier;
      if (!q.hasActivity.get(s.activityId)) return { kind: 'unknown-activity' };
      const createdAt = s.createdAt.toISOString();
      q.insertSignup.run({
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

  const seedActivities = db.transaction((rows: readonly ActivityRow[], now: Date) => {
    if (q.countActivities.get()!.n > 0) return 0;
    for (const row of rows) insertActivity(row, now);
    return rows.length;
  });

  return {
    listActivities: () => q.listActivities.all().map(toActivity),
    createActivity: insertActivity,
    seedActivities: (rows, now) => seedActivities.immediate(rows, now),
    recordSignup: (key, hash, signup, response) =>
      recordSignup.immediate(key, hash, signup, response),
    listSignups: (activityId) =>
      (activityId === undefined ? q.listSignups.all() : q.listSignupsFor.all(activityId)).map(
        toSignup,
      ),
    deleteSignup: (id) => q.deleteSignup.run(id).changes > 0,
    pruneIdempotency: keys.prune,
    pruneSignups: (before) => q.pruneSignups.run(before.toISOString()).changes,
    close: () => db.close(),
  };
}

// Stored as UTC (sorts as text); shown in Copenhagen time, as every time in Samskab.
const shown = (stored: string) => toIsoCopenhagen(new Date(stored));

function toActivity(r: ActivityRecord): Activity {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    coreIdea: r.core_idea,
    createdAt: shown(r.created_at),
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
    createdAt: shown(r.created_at),
  };
}
