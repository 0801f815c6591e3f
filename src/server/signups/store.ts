/**
 * Sign-ups and their idempotency records. Callers get small functions, never
 * the handle, so every query on these tables is written here.
 */
import { sql } from 'kysely';
import type { AgeBand, Signup, SignupData } from '../../schemas/signup.js';
import { toIsoCopenhagen } from '../../time/copenhagen.js';
import type { ActivityStore } from '../activities/store.js';
import { type Db, fixedStatement, migrate, portable } from '../database.js';
import {
  idempotencyRecords,
  type KeyReused,
  type Replay,
  type StoredResponse,
} from '../idempotency-records.js';
import type { PendingMail } from '../mail/mailer.js';

/**
 * The sign-ups tables' steps (see `migrate`). Only the fields the coordinator
 * needs are kept: no IP address, no user agent, no consent flag (a row exists
 * only because consent was given, at `created_at`). Step 1 is `IF NOT EXISTS`
 * for databases whose `core` step made these tables.
 */
const migrations = [
  portable(
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
    ['signups'],
  ),
  // The coordinator's follow-up of a sign-up (the workplace's Tilmeldinger):
  // where it stands, and who moved it there when.
  portable(`
  ALTER TABLE signups ADD COLUMN status TEXT NOT NULL DEFAULT 'ny'
    CHECK (status IN ('ny', 'kontaktet', 'aktiv', 'ikke-aktuel'));
  ALTER TABLE signups ADD COLUMN status_by TEXT;
  ALTER TABLE signups ADD COLUMN status_at TEXT;
  `),
];

/** Where a coordinator's follow-up of a sign-up stands. */
export const SIGNUP_STATUSES = ['ny', 'kontaktet', 'aktiv', 'ikke-aktuel'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/**
 * The moves a sign-up's status may make: on (ny → kontaktet → aktiv or ikke
 * aktuel), or one step back to put a mistake right.
 */
export const SIGNUP_MOVES: Readonly<Record<SignupStatus, readonly SignupStatus[]>> = {
  ny: ['kontaktet'],
  kontaktet: ['aktiv', 'ikke-aktuel', 'ny'],
  aktiv: ['kontaktet'],
  'ikke-aktuel': ['kontaktet'],
};

/** True when a sign-up at `from` may be moved to `to`. */
export const mayMove = (from: SignupStatus, to: SignupStatus) => SIGNUP_MOVES[from].includes(to);

/** A sign-up with its follow-up: the status and who set it when (none while it is new). */
export interface SignupWithStatus extends Signup {
  status: SignupStatus;
  /** The name of whoever last changed the status. */
  statusBy: string | null;
  /** When they did, in Copenhagen time. */
  statusAt: string | null;
}

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
    /** The resident's "we have your sign-up", written with the sign-up or not at all. */
    mail?: PendingMail,
  ): Promise<RecordOutcome>;
  /** Sign-ups in the order they arrived, optionally for one activity. */
  list(activityId?: string): Promise<Signup[]>;
  /** Erases one sign-up; false when there was none. */
  erase(id: string): Promise<boolean>;
  /** Forgets idempotency records older than `before`; returns how many. */
  pruneIdempotency(before: Date): Promise<number>;
  /** Erases sign-ups made before `before` (the retention period); returns how many. */
  pruneSignups(before: Date): Promise<number>;
  /** The sign-ups of `email` (trimmed, any case), oldest first: for the resident's own page. */
  listByEmail(email: string): Promise<Signup[]>;
  /** Erases every sign-up of `email` (trimmed, any case) and its idempotency records; returns them. */
  eraseByEmail(email: string): Promise<Signup[]>;
  /** One activity's sign-ups with their follow-up, newest first. */
  listForActivity(activityId: string): Promise<SignupWithStatus[]>;
  /** One page of an activity's sign-ups, newest first, optionally of one status. */
  pageForActivity(
    activityId: string,
    page: { status?: SignupStatus | undefined; limit: number; offset: number },
  ): Promise<SignupWithStatus[]>;
  /** How many sign-ups an activity has in each status. */
  countsForActivity(activityId: string): Promise<Record<SignupStatus, number>>;
  /** An activity's sign-ups made since `since`, newest first (the Oversigt's new ones). */
  listSince(activityId: string, since: Date): Promise<SignupWithStatus[]>;
  /** One sign-up with its follow-up. */
  getWithStatus(id: string): Promise<SignupWithStatus | undefined>;
  /**
   * Moves a sign-up to `status`, noting `by` (a name) and `now`, when the move
   * is allowed from where it stands now (see `SIGNUP_MOVES`; checked in the
   * same statement, so two coordinators cannot both move it from one state).
   * The updated sign-up, or undefined when there is none or the move is not allowed.
   */
  setStatus(
    id: string,
    status: SignupStatus,
    by: string,
    now: Date,
  ): Promise<SignupWithStatus | undefined>;
}

// Types, not interfaces: Kysely's `withTables` needs their implicit index signature.
type SignupRecord = {
  id: string;
  activity_id: string;
  name: string;
  email: string;
  phone: string;
  help: string;
  age_band: AgeBand;
  guardian_consent: 0 | 1;
  created_at: string;
};

type StatusRecord = SignupRecord & {
  status: SignupStatus;
  status_by: string | null;
  status_at: string | null;
};

type Tables = { signups: SignupRecord };
type StatusTables = { signups: StatusRecord };

/** The sign-ups store over `db`, its tables brought up to date; `activities` says which exist. */
export async function openSignupStore(
  db: Db,
  activities: Pick<ActivityStore, 'exists'>,
): Promise<SignupStore> {
  await migrate(db, 'signups', migrations);

  const keys = idempotencyRecords(db, { table: 'idempotency', refColumn: 'signup_id' });
  const insertSignup = fixedStatement(
    `INSERT INTO signups (id, activity_id, name, email, phone, help, age_band, guardian_consent, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const q = db.kysely.withTables<Tables>();
  const qs = db.kysely.withTables<StatusTables>();

  /**
   * PostgreSQL: the sign-up and its record in one statement (`keys.claim`),
   * so a new key costs one round trip. Only a taken key or an unknown
   * activity (the foreign key refuses it) asks more, and still answers the
   * key first, as the transaction on SQLite does.
   */
  const recordAtOnce = async (
    key: string,
    hash: string,
    row: SignupRecord,
    response: StoredResponse,
    mail: PendingMail | undefined,
  ): Promise<RecordOutcome> => {
    const also = mail?.from('claimed');
    // Parameters in a SELECT list are text to PostgreSQL: the integer column says so.
    const insert = sql`
      INSERT INTO signups (id, activity_id, name, email, phone, help, age_band, guardian_consent, created_at)
      SELECT ${row.id}, ${row.activity_id}, ${row.name}, ${row.email}, ${row.phone}, ${row.help},
        ${row.age_band}, CAST(${row.guardian_consent} AS INTEGER), ${row.created_at}
      FROM claimed`;
    // A taken key whose sign-up is erased before `find` reads it is free again: claim anew.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        if (
          await keys.claim(key, hash, response, row.id, row.created_at, insert, also ? [also] : [])
        ) {
          return { kind: 'stored', body: response.body };
        }
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
        const earlier = await keys.find(db.kysely, key, hash);
        if (earlier) return earlier;
        if (!(await activities.exists(row.activity_id))) return { kind: 'unknown-activity' };
        throw error;
      }
      const earlier = await keys.find(db.kysely, key, hash);
      if (earlier) return earlier;
    }
    throw new Error('An Idempotency-Key was taken, then gone, three times over');
  };

  return {
    record: async (key, hash, s, response, mail) => {
      const row: SignupRecord = {
        id: s.id,
        activity_id: s.activityId,
        name: s.name,
        email: s.email,
        phone: s.phone,
        help: s.help,
        age_band: s.ageBand,
        guardian_consent: s.guardianConsent ? 1 : 0,
        created_at: s.createdAt.toISOString(),
      };
      if (db.engine === 'postgres') return recordAtOnce(key, hash, row, response, mail);
      return db.write(async (trx): Promise<RecordOutcome> => {
        // The key first: a retry is answered as it was even if its activity is unknown now.
        const earlier = await keys.earlier(trx, key, hash);
        if (earlier) return earlier;
        try {
          await trx.executeQuery(
            insertSignup(db, [
              row.id,
              row.activity_id,
              row.name,
              row.email,
              row.phone,
              row.help,
              row.age_band,
              row.guardian_consent,
              row.created_at,
            ]),
          );
        } catch (error) {
          // The foreign key knows the activities: no query of its own for them.
          // The failed statement is undone; the transaction goes on, empty.
          if (isForeignKeyViolation(error)) return { kind: 'unknown-activity' };
          throw error;
        }
        await keys.save(trx, key, hash, response, row.id, row.created_at);
        await mail?.enqueue(trx);
        return { kind: 'stored', body: response.body };
      });
    },
    list: async (activityId) => {
      let query = q.selectFrom('signups').selectAll();
      if (activityId !== undefined) query = query.where('activity_id', '=', activityId);
      // Insertion order among sign-ups made at the same instant (see `portable`).
      const rows = await query.orderBy('created_at').orderBy(sql`rowid`).execute();
      return rows.map(toSignup);
    },
    erase: async (id) => {
      const result = await q.deleteFrom('signups').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    pruneIdempotency: keys.prune,
    pruneSignups: async (before) => {
      const result = await q
        .deleteFrom('signups')
        .where('created_at', '<', before.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    listByEmail: async (email) => (await signupsOf(email)).map(toSignup),
    eraseByEmail: (email) =>
      db.write(async (trx) => {
        const t = trx.withTables<Tables>();
        const rows = await t
          .selectFrom('signups')
          .selectAll()
          .where(sql`lower(email)`, '=', email.trim().toLowerCase())
          .orderBy('created_at')
          .orderBy(sql`rowid`)
          .execute();
        if (rows.length > 0) {
          // Their idempotency records go with them (ON DELETE CASCADE).
          await t
            .deleteFrom('signups')
            .where(
              'id',
              'in',
              rows.map((r) => r.id),
            )
            .execute();
        }
        return rows.map(toSignup);
      }),
    listForActivity: async (activityId) => {
      const rows = await qs
        .selectFrom('signups')
        .selectAll()
        .where('activity_id', '=', activityId)
        .orderBy('created_at', 'desc')
        .orderBy(sql`rowid`, 'desc')
        .execute();
      return rows.map(toSignupWithStatus);
    },
    pageForActivity: async (activityId, { status, limit, offset }) => {
      let query = qs.selectFrom('signups').selectAll().where('activity_id', '=', activityId);
      if (status) query = query.where('status', '=', status);
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy(sql`rowid`, 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(toSignupWithStatus);
    },
    countsForActivity: async (activityId) => {
      const rows = await qs
        .selectFrom('signups')
        .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
        .where('activity_id', '=', activityId)
        .groupBy('status')
        .execute();
      const counts = Object.fromEntries(SIGNUP_STATUSES.map((x) => [x, 0])) as Record<
        SignupStatus,
        number
      >;
      for (const row of rows) counts[row.status] = Number(row.n);
      return counts;
    },
    listSince: async (activityId, since) => {
      const rows = await qs
        .selectFrom('signups')
        .selectAll()
        .where('activity_id', '=', activityId)
        .where('created_at', '>=', since.toISOString())
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toSignupWithStatus);
    },
    getWithStatus: async (id) => {
      const row = await qs
        .selectFrom('signups')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSignupWithStatus(row);
    },
    setStatus: async (id, status, by, now) => {
      const from = SIGNUP_STATUSES.filter((s) => mayMove(s, status));
      const result = await qs
        .updateTable('signups')
        .set({ status, status_by: by, status_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return undefined;
      const row = await qs
        .selectFrom('signups')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSignupWithStatus(row);
    },
  };

  function signupsOf(email: string) {
    return q
      .selectFrom('signups')
      .selectAll()
      .where(sql`lower(email)`, '=', email.trim().toLowerCase())
      .orderBy('created_at')
      .orderBy(sql`rowid`)
      .execute();
  }
}

/** A foreign key refused the row (PostgreSQL's code, or SQLite's): here, the sign-up's activity is not there. */
const isForeignKeyViolation = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
};

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

function toSignupWithStatus(r: StatusRecord): SignupWithStatus {
  return {
    ...toSignup(r),
    status: r.status,
    statusBy: r.status_by,
    statusAt: r.status_at === null ? null : toIsoCopenhagen(new Date(r.status_at)),
  };
}
