/**
 * Token buckets kept in the database, for servers that share it: on
 * PostgreSQL several instances behind one load balancer must count one client
 * together, or each would grant the whole limit. One statement per request
 * refills, takes and answers, so racing requests cannot both take the last
 * token. The key is a client address's count, nothing about a person, and a
 * bucket not touched for a day is deleted.
 */
import { sql } from 'kysely';
import { type Db, type MigrationStep, migrate } from '../database.js';
import type { Buckets, RateLimitOptions } from './rate-limit.js';

// Milliseconds need 64 bits on PostgreSQL (its INTEGER is 32), and tokens a double.
const steps: readonly MigrationStep[] = [
  {
    sqlite: `
  CREATE TABLE rate_limit_buckets (
    key     TEXT PRIMARY KEY,
    tokens  REAL NOT NULL,
    at      INTEGER NOT NULL,
    granted INTEGER NOT NULL
  ) STRICT;
  `,
    postgres: `
  CREATE TABLE rate_limit_buckets (
    key     TEXT PRIMARY KEY,
    tokens  DOUBLE PRECISION NOT NULL,
    at      BIGINT NOT NULL,
    granted INTEGER NOT NULL
  );
  `,
  },
];

const DAY = 86_400_000;

/** Opens the shared bucket table (migrating it) and makes per-purpose views of it. */
export async function sharedBuckets(db: Db) {
  await migrate(db, 'rate-limits', steps);
  return {
    /** Buckets for one purpose (`write`, `auth`), under `options`, on the app's clock. */
    for(purpose: string, options: RateLimitOptions, now: () => number): Buckets {
      const perMs = options.perMinute / 60_000;
      const burst = options.burst;
      const seconds = (tokens: number) => Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
      return {
        async take(client) {
          const key = `${purpose}:${client}`;
          // Typed parameters: PostgreSQL would take a bare one for the column it meets.
          const at = sql`CAST(${now()} AS BIGINT)`;
          const rate = sql`CAST(${perMs} AS DOUBLE PRECISION)`;
          const full = sql`CAST(${burst} AS DOUBLE PRECISION)`;
          const gained = sql`rate_limit_buckets.tokens + (${at} - rate_limit_buckets.at) * ${rate}`;
          // The refill, written once for both engines (no LEAST/MIN: they differ).
          const refill = sql`CASE WHEN ${gained} > ${full} THEN ${full} ELSE ${gained} END`;
          const { rows } = await sql<{ tokens: number | string; granted: number | string }>`
            INSERT INTO rate_limit_buckets (key, tokens, at, granted)
            VALUES (${key}, ${full} - 1, ${at}, 1)
            ON CONFLICT (key) DO UPDATE SET
              tokens = CASE WHEN ${refill} >= 1 THEN ${refill} - 1 ELSE ${refill} END,
              granted = CASE WHEN ${refill} >= 1 THEN 1 ELSE 0 END,
              at = ${at}
            RETURNING tokens, granted`.execute(db.kysely);
          const row = rows[0]!;
          return Number(row.granted) === 1 ? 0 : seconds(Number(row.tokens));
        },
        async give(client) {
          const full = sql`CAST(${burst} AS DOUBLE PRECISION)`;
          await sql`
            UPDATE rate_limit_buckets
            SET tokens = CASE WHEN tokens + 1 > ${full} THEN ${full} ELSE tokens + 1 END
            WHERE key = ${`${purpose}:${client}`}`.execute(db.kysely);
        },
        async wait(client) {
          const { rows } = await sql<{ tokens: number | string; at: number | string }>`
            SELECT tokens, at FROM rate_limit_buckets WHERE key = ${`${purpose}:${client}`}`.execute(
            db.kysely,
          );
          const row = rows[0];
          if (!row) return 0;
          const tokens = Math.min(burst, Number(row.tokens) + (now() - Number(row.at)) * perMs);
          return tokens >= 1 ? 0 : seconds(tokens);
        },
      };
    },
    /** Deletes buckets untouched for a day: full again long since, they tell nothing. */
    async prune(at: Date) {
      await sql`DELETE FROM rate_limit_buckets WHERE at < ${at.getTime() - DAY}`.execute(db.kysely);
    },
  };
}
