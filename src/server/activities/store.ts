/**
 * Activities: what residents sign up for, claim shifts on and reflect about.
 * Every other feature refers to an activity by id, and reads it only through
 * this store's functions, never its table.
 */
import type { Activity } from '../../schemas/activity.js';
import { toIsoCopenhagen } from '../../time/copenhagen.js';
import { type Db, migrate } from '../database.js';

/**
 * Step 1 is `IF NOT EXISTS` because databases made before features had their
 * own folders created this table in the `core` step (which stays recorded and
 * is never run again).
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS activities (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    core_idea   TEXT NOT NULL,
    created_at  TEXT NOT NULL
  ) STRICT;
  `,
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
  list(): Activity[];
  /** The activity with `id`, or undefined. */
  get(id: string): Activity | undefined;
  exists(id: string): boolean;
  create(row: ActivityRow, now: Date): Activity;
  /** Inserts `rows` only when there are no activities at all; returns how many went in. */
  seed(rows: readonly ActivityRow[], now: Date): number;
}

interface ActivityRecord {
  id: string;
  title: string;
  description: string;
  core_idea: string;
  created_at: string;
}

/** The activities store over `db`, its table brought up to date. */
export function openActivityStore(db: Db): ActivityStore {
  migrate(db, 'activities', migrations);
  const q = {
    list: db.prepare<[], ActivityRecord>('SELECT * FROM activities ORDER BY created_at, rowid'),
    get: db.prepare<[string], ActivityRecord>('SELECT * FROM activities WHERE id = ?'),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activities'),
    insert: db.prepare<[ActivityRecord]>(
      `INSERT INTO activities (id, title, description, core_idea, created_at)
       VALUES (@id, @title, @description, @core_idea, @created_at)`,
    ),
  };

  const create = (row: ActivityRow, now: Date): Activity => {
    const record: ActivityRecord = {
      id: row.id,
      title: row.title,
      description: row.description,
      core_idea: row.coreIdea,
      created_at: now.toISOString(),
    };
    q.insert.run(record);
    return toActivity(record);
  };

  const seed = db.transaction((rows: readonly ActivityRow[], now: Date) => {
    if (q.count.get()!.n > 0) return 0;
    for (const row of rows) create(row, now);
    return rows.length;
  });

  return {
    list: () => q.list.all().map(toActivity),
    get: (id) => {
      const record = q.get.get(id);
      return record && toActivity(record);
    },
    exists: (id) => q.get.get(id) !== undefined,
    create,
    seed: (rows, now) => seed.immediate(rows, now),
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
