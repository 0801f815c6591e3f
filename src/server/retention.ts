/**
 * The one retention scheduler: every feature's `retain` runs at start and
 * then at most hourly, on the app's clock, so a test that moves the clock a
 * year on sees data erased as a server left running would. However many
 * instances share the database, each hour's run is claimed by one of them.
 */
import { sql } from 'kysely';
import { type Db, lock, type MigrationStep, migrate } from './database.js';

/** How often retention runs. */
export const RETAIN_EVERY_MS = 60 * 60 * 1000;

/** The instant `months` calendar months before `now` (UTC), the cut-off for a retention period. */
export function monthsBefore(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

// When retention last ran, in epoch milliseconds (64 bits on PostgreSQL).
const steps: readonly MigrationStep[] = [
  {
    sqlite: 'CREATE TABLE retention_runs (name TEXT PRIMARY KEY, at INTEGER NOT NULL) STRICT;',
    postgres: 'CREATE TABLE retention_runs (name TEXT PRIMARY KEY, at BIGINT NOT NULL);',
  },
];

/**
 * Claims this hour's run for this instance: true when no instance ran
 * retention in the last hour (by the app's clock), and records that this one
 * does now. Under a lock, so two instances cannot both claim it.
 */
async function claimRun(db: Db, now: Date): Promise<boolean> {
  return db.write(async (trx) => {
    await lock(db, trx, 'samskab:retention');
    const { rows } = await sql<{ at: number | string }>`
      SELECT at FROM retention_runs WHERE name = 'retention'`.execute(trx);
    const last = rows[0] ? Number(rows[0].at) : Number.NEGATIVE_INFINITY;
    // A clock moved back (tests do) claims again, as a restarted server would.
    if (now.getTime() - last < RETAIN_EVERY_MS && now.getTime() >= last) return false;
    await sql`
      INSERT INTO retention_runs (name, at) VALUES ('retention', ${now.getTime()})
      ON CONFLICT (name) DO UPDATE SET at = excluded.at`.execute(trx);
    return true;
  });
}

/**
 * Runs `jobs` when an hour has passed on `clock` since the last run by any
 * instance on `db`. Call `due()` as often as you like (the app calls it per
 * request, the server on a timer); it does the work only when it is due.
 */
export async function retentionScheduler(
  db: Db,
  jobs: readonly ((now: Date) => Promise<void>)[],
  clock: () => Date,
  logError: (error: unknown) => void,
) {
  await migrate(db, 'retention', steps);
  let last = Number.NEGATIVE_INFINITY;
  return {
    async due() {
      const now = clock();
      // This instance's own record first, so most requests ask the database nothing.
      if (now.getTime() - last < RETAIN_EVERY_MS && now.getTime() >= last) return;
      last = now.getTime();
      try {
        if (!(await claimRun(db, now))) return;
      } catch (error) {
        logError(error);
        return;
      }
      for (const job of jobs) {
        // One failing feature must not keep the others from erasing what they must.
        try {
          await job(now);
        } catch (error) {
          logError(error);
        }
      }
    },
  };
}
