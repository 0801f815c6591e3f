/**
 * A feature's table of idempotency records: the first answer to each
 * `Idempotency-Key`, kept so a retry gets it again instead of a second row.
 * Each feature owns its table (so its records cascade with its rows); the
 * logic over them is this one.
 */
import { type RawBuilder, sql } from 'kysely';
import { type Db, fixedStatement, lock, type Queries, quoteIdent } from './database.js';

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
 * Lookup and insert over one table, inside the caller's write transaction
 * (`db.write`), so the record is stored with the row it answers for or not at
 * all. `earlier` first takes a lock on the key, so the same key sent to two
 * server instances at once is stored once: the second waits, then replays.
 * On PostgreSQL, `claim` and `find` do the same without a transaction.
 */
export function idempotencyRecords(db: Db, { table, refColumn }: IdempotencyTable) {
  // The names are this module's callers' constants, never request data.
  const select = fixedStatement<{ request_hash: string; status: number; body: string }>(
    `SELECT request_hash, status, body FROM ${quoteIdent(table)} WHERE key = ?`,
  );
  const insert = fixedStatement(
    `INSERT INTO ${quoteIdent(table)} (key, request_hash, status, body, ${quoteIdent(refColumn)}, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const find = async (
    queries: Queries,
    key: string,
    hash: string,
  ): Promise<Replay | KeyReused | undefined> => {
    const { rows } = await queries.executeQuery(select(db, [key]));
    const row = rows[0];
    if (!row) return undefined;
    return row.request_hash === hash
      ? { kind: 'replay', status: Number(row.status), body: row.body }
      : { kind: 'key-reused' };
  };
  return {
    /** The earlier answer for `key`: a replay if `hash` matches, else key-reused; undefined when new. */
    async earlier(
      trx: Queries,
      key: string,
      hash: string,
    ): Promise<Replay | KeyReused | undefined> {
      await lock(db, trx, `idempotency:${table}:${key}`);
      return find(trx, key, hash);
    },
    /**
     * The earlier answer for `key` as `earlier` gives it, without a lock: for
     * after `claim` found the key taken, when the record is committed.
     */
    find: (queries: Queries, key: string, hash: string) => find(queries, key, hash),
    /**
     * PostgreSQL only: stores the record and the row it answers for in one
     * statement, committed on its own: one round trip instead of a
     * transaction's six (BEGIN, lock, lookup, two inserts, COMMIT). `row` is
     * the row's `INSERT … SELECT … FROM claimed`, so the row goes in only if
     * the record does. The key's unique index does what `earlier`'s lock
     * does: an insert of a key another transaction (another instance's) is
     * inserting waits for it to end, then inserts nothing if it committed.
     * True when stored; false when the key was taken (see `find`). A table
     * takes its keys this way or by `earlier` and `save`, never both: `save`
     * would meet a key `claim` holds with a unique violation, not a wait.
     */
    async claim(
      key: string,
      hash: string,
      response: StoredResponse,
      refId: string,
      createdAt: string,
      row: RawBuilder<unknown>,
      /** More `INSERT … SELECT … FROM claimed` that go in with the row (its mail). */
      also: readonly RawBuilder<unknown>[] = [],
    ): Promise<boolean> {
      const more = also.map((statement, i) => sql`, ${sql.raw(`also${i}`)} AS (${statement})`);
      // The record's reference to the row is checked at the statement's end,
      // when the row is there.
      const { rows } = await sql<{ stored: number | string }>`
        WITH claimed AS (
          INSERT INTO ${sql.table(table)} (key, request_hash, status, body, ${sql.ref(refColumn)}, created_at)
          VALUES (${key}, ${hash}, ${response.status}, ${response.body}, ${refId}, ${createdAt})
          ON CONFLICT (key) DO NOTHING
          RETURNING 1
        ), stored AS (${row} RETURNING 1)${sql.join(more, sql``)}
        SELECT count(*) AS stored FROM stored`.execute(db.kysely);
      return Number(rows[0]?.stored) > 0;
    },
    /** Keeps `response` as the answer for `key`, tied to the row `refId`. */
    async save(
      trx: Queries,
      key: string,
      hash: string,
      response: StoredResponse,
      refId: string,
      createdAt: string,
    ) {
      await trx.executeQuery(
        insert(db, [key, hash, response.status, response.body, refId, createdAt]),
      );
    },
    /** Forgets records older than `before`; returns how many. */
    async prune(before: Date): Promise<number> {
      const result = await sql`
        DELETE FROM ${sql.table(table)} WHERE created_at < ${before.toISOString()}`.execute(
        db.kysely,
      );
      return Number(result.numAffectedRows ?? 0);
    },
  };
}
