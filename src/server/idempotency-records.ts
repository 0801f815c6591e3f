/**
 * A feature's table of idempotency records: the first answer to each
 * `Idempotency-Key`, kept so a retry gets it again instead of a second row.
 * Each feature owns its table (so its records cascade with its rows); the
 * logic over them is this one.
 */
import type { Db } from './database.js';

/** Records only need to outlive the outbox's retries; then they go. */
export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** The first answer for a key, sent again. */
export type Replay = { kind: 'replay'; status: number; body: string };
/** The key came before with another request. */
export type KeyReused = { kind: 'key-reused' };

/** An answer to keep for its key. */
export interface StoredResponse {
  status: number;
  body: string;
}

/** What a feature's table of records must look like, beside its own reference column. */
export interface IdempotencyTable {
  /** Columns: key, request_hash, status, body, `refColumn`, created_at. */
  table: string;
  /** The row the record answers for; erasing that row must cascade to the record. */
  refColumn: string;
}

/**
 * Lookup and insert over one table. `earlier` and `save` are meant to run
 * inside the caller's IMMEDIATE transaction, so the record is stored with the
 * row it answers for or not at all, and two processes cannot both insert.
 */
export function idempotencyRecords(db: Db, { table, refColumn }: IdempotencyTable) {
  // The names are this module's callers' constants, never request data.
  const find = db.prepare<[string], { request_hash: string; status: number; body: string }>(
    `SELECT request_hash, status, body FROM ${table} WHERE key = ?`,
  );
  const insert = db.prepare<[string, string, number, string, string, string]>(
    `INSERT INTO ${table} (key, request_hash, status, body, ${refColumn}, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const prune = db.prepare<[string]>(`DELETE FROM ${table} WHERE created_at < ?`);

  return {
    /** The earlier answer for `key`: a replay if `hash` matches, else key-reused; undefined when new. */
    earlier(key: string, hash: string): Replay | KeyReused | undefined {
      const row = find.get(key);
      if (!row) return undefined;
      return row.request_hash === hash
        ? { kind: 'replay', status: row.status, body: row.body }
        : { kind: 'key-reused' };
    },
    /** Keeps `response` as the answer for `key`, tied to the row `refId`. */
    save(key: string, hash: string, response: StoredResponse, refId: string, createdAt: string) {
      insert.run(key, hash, response.status, response.body, refId, createdAt);
    },
    /** Forgets records older than `before`; returns how many. */
    prune: (before: Date) => prune.run(before.toISOString()).changes,
  };
}
