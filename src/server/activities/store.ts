/**
 * Activities: what residents sign up for, claim shifts on and reflect about.
 * Every other feature refers to an activity by id, and reads it only through
 * this store's functions, never its table.
 */

import { sql } from 'kysely';
import type { Activity } from '../../schemas/activity.js';
import { toIsoCopenhagen } from '../../time/copenhagen.js';
import { type Db, fixedStatement, lock, migrate, portable } from '../database.js';

/**
 * Step 1 is `IF NOT EXISTS` because databases made before features had their
 * own folders created this table in the `core` step (which stays recorded and
 * is never run again).
 */
const migrations = [
  portable(
    `
  CREATE TABLE IF NOT EXISTS activities (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    core_idea   TEXT NOT NULL,
    created_at  TEXT NOT NULL
  ) STRICT;
  `,
    ['activities'],
  ),
];

/** An activity to insert with a known id (seeded data uses readable slugs). */
export interface ActivityRow {
  id: string;
  title: string;
  description: string;
  coreIdea: string;
}

/** The store's whole surface; other features get it as `FeatureContext.activities`. */
export interface ActivityStore {
  list(): Promise<Activity[]>;
  /** The activity with `id`, or undefined. */
  get(id: string): Promise<Activity | undefined>;
  exists(id: string): Promise<boolean>;
  create(row: ActivityRow, now: Date): Promise<Activity>;
  /** Changes the given facts of the activity `id`; the activity as it is now, or undefined when there is none. */
  update(id: string, fields: ActivityChange): Promise<Activity | undefined>;
  /** Inserts `rows` only when there are no activities at all; returns how many went in. */
  seed(rows: readonly ActivityRow[], now: Date): Promise<number>;
}

/** The facts of an activity a coordinator may change (its id and creation time stay). */
export type ActivityChange = Partial<Omit<ActivityRow, 'id'>>;

// Types, not interfaces: Kysely's `withTables` needs their implicit index signature.
type ActivityRecord = {
  id: string;
  title: string;
  description: string;
  core_idea: string;
  created_at: string;
};

type Tables = { activities: ActivityRecord };

/** The activities store over `db`, its table brought up to date. */
export async function openActivityStore(db: Db): Promise<ActivityStore> {
  await migrate(db, 'activities', migrations);
  const q = db.kysely.withTables<Tables>();
  // Every sign-up asks for its activity's title (its mail): compiled once.
  const selectOne = fixedStatement<ActivityRecord>('SELECT * FROM activities WHERE id = ?');

  const record = (row: ActivityRow, now: Date): ActivityRecord => ({
    id: row.id,
    title: row.title,
    description: row.description,
    core_idea: row.coreIdea,
    created_at: now.toISOString(),
  });

  return {
    list: async () =>
      (
        await q
          .selectFrom('activities')
          .selectAll()
          // Insertion order among activities made at the same instant (see `portable`).
          .orderBy('created_at')
          .orderBy(sql`rowid`)
          .execute()
      ).map(toActivity),
    get: async (id) => {
      const found = (await db.kysely.executeQuery(selectOne(db, [id]))).rows[0];
      return found && toActivity(found);
    },
    exists: async (id) =>
      (await q.selectFrom('activities').select('id').where('id', '=', id).executeTakeFirst()) !==
      undefined,
    create: async (row, now) => {
      const inserted = record(row, now);
      await q.insertInto('activities').values(inserted).execute();
      return toActivity(inserted);
    },
    update: async (id, fields) => {
      const set = {
        ...(fields.title !== undefined && { title: fields.title }),
        ...(fields.description !== undefined && { description: fields.description }),
        ...(fields.coreIdea !== undefined && { core_idea: fields.coreIdea }),
      };
      if (Object.keys(set).length > 0) {
        await q.updateTable('activities').set(set).where('id', '=', id).execute();
      }
      const found = await q
        .selectFrom('activities')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return found && toActivity(found);
    },
    seed: (rows, now) =>
      db.write(async (trx) => {
        // Two instances starting at once on PostgreSQL would otherwise both
        // find no activities, and the second fail on the first's ids.
        await lock(db, trx, 'activities:seed');
        const t = trx.withTables<Tables>();
        const one = await t.selectFrom('activities').select('id').limit(1).executeTakeFirst();
        if (one) return 0;
        for (const row of rows) await t.insertInto('activities').values(record(row, now)).execute();
        return rows.length;
      }),
  };
}

function toActivity(r: ActivityRecord): Activity {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    coreIdea: r.core_idea,
    // Stored as UTC (sorts as text); shown in Copenhagen time, as every time in Samskab.
    createdAt: toIsoCopenhagen(new Date(r.created_at)),
  };
}
