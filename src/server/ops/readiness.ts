/**
 * Whether a load balancer should send this instance traffic (`GET /readyz`):
 * not while the features are still migrating, not once shutdown has begun
 * (so the balancer turns away before connections are cut), and not when the
 * database does not answer.
 */
import { sql } from 'kysely';
import type { Db } from '../database.js';

/** Where the app is in its life. */
export type Phase = 'starting' | 'ready' | 'closing';

/** The app's phase; `createApp` and `server.close()` move it on, `/readyz` reads it. */
export interface Readiness {
  readonly phase: Phase;
  /** Every feature has migrated its tables. */
  ready(): void;
  /** Shutdown has begun; final. */
  closing(): void;
}

/** A new app's readiness, `starting`. */
export function createReadiness(): Readiness {
  let phase: Phase = 'starting';
  return {
    get phase() {
      return phase;
    },
    ready() {
      if (phase === 'starting') phase = 'ready';
    },
    closing() {
      phase = 'closing';
    },
  };
}

/**
 * True when the database answers a query on the migrations' own table. Async
 * so an engine that answers over a socket (PostgreSQL) fits the same probe.
 */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await sql`SELECT count(*) FROM schema_versions`.execute(db.kysely);
    return true;
  } catch {
    return false;
  }
}
