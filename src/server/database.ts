/**
 * The server's database: an SQLite file (the embedded default) or a
 * PostgreSQL server (`SAMSKAB_DATABASE_URL`), behind one Kysely query layer so
 * every store is written once for both. Each feature owns its tables and
 * migrates them on its own, so a feature can be added without touching
 * another's steps.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { BUSY_TIMEOUT_MS, groupCommit } from './group-commit.js';

/** Which engine a database runs on. */
export type Engine = 'sqlite' | 'postgres';

/**
 * Queries over the database. A store narrows it to its own tables with
 * `withTables<Tables>()`, so no store sees another feature's tables in its types.
 */
export type Queries = Kysely<Record<never, never>>;

/** The open database, passed only between the server's store modules. */
export interface Db {
  readonly engine: Engine;
  /**
   * Whose data this is: '' for the server's own database, a tenant's id for a
   * tenant's schema on a shared PostgreSQL server (see `openPostgresScope`).
   * Advisory-lock names carry it, so one municipality never waits on another.
   */
  readonly scope: string;
  readonly kysely: Queries;
  /**
   * The SQLite handle, for the stores still written as prepared statements;
   * undefined on PostgreSQL. Goes once every store is on `kysely`.
   */
  readonly sqlite: BetterSqlite3.Database | undefined;
  /**
   * Runs `work` in a write transaction and commits it, or rolls it back when
   * it throws; resolves only once the commit returned, so what `work` wrote is
   * on disk. On SQLite the transaction takes the write lock before its first
   * read (`BEGIN IMMEDIATE`), so two processes on one file cannot both read
   * "no such key" and both insert, and writes that come in together share one
   * transaction, each in a savepoint of its own (see group-commit.ts): `work`
   * must not call `write` again, nor query outside `trx`, as it never could.
   * On PostgreSQL, `lock` serialises what must not interleave (see `lock`).
   */
  write<T>(work: (trx: Queries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The `SAMSKAB_DB` value for a database that lives only as long as the process (trials). */
export const IN_MEMORY = ':memory:';

/** True when `target` names a PostgreSQL server rather than an SQLite file. */
export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/**
 * Opens the database `target` names: a `postgres://` URL, an SQLite file
 * (created with its directories if needed), or `:memory:`.
 */
export async function openDatabase(target: string): Promise<Db> {
  return prepared(isPostgresUrl(target) ? await openPostgres(target) : openSqlite(target));
}

/** `db` with the table every feature's migrations are counted in; closed if that fails. */
async function prepared(db: Db): Promise<Db> {
  try {
    // Under the migration lock: two servers starting at once on PostgreSQL
    // would otherwise race to create the same table.
    await db.write(async (trx) => {
      await lock(db, trx, MIGRATION_LOCK);
      await sql`CREATE TABLE IF NOT EXISTS schema_versions (
        feature TEXT PRIMARY KEY, version INTEGER NOT NULL)${sql.raw(db.engine === 'sqlite' ? ' STRICT' : '')}`.execute(
        trx,
      );
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

function openSqlite(path: string): Db {
  const inMemory = path === IN_MEMORY;
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const handle = new BetterSqlite3(path);
  // An in-memory database has no file to log ahead of.
  if (!inMemory) handle.pragma('journal_mode = WAL');
  // FULL, not WAL's usual NORMAL: NORMAL may lose the last commits on a power
  // cut, and a resident who saw "Tak for din tilmelding" must not be lost.
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  // Another process (a backup, a second server) may briefly hold the write lock.
  handle.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const kysely: Queries = new Kysely({
    dialect: new SqliteDialect({ database: reusingStatements(handle) }),
  });
  // Concurrent writes share one COMMIT, and so one flush (see group-commit.ts).
  const writes = groupCommit(handle, kysely);
  return {
    engine: 'sqlite',
    scope: '',
    kysely,
    sqlite: handle,
    write: writes.write,
    // At once: a write still queued is refused (the handle is closed), as it was before grouping.
    close: () => kysely.destroy(),
  };
}

/**
 * A statement whose text never changes, written once with a `?` for each
 * value (and no `?` anywhere else): its text for each engine is made here,
 * once, rather than by Kysely's builder and compiler on every call, which on
 * a sign-up cost more than running the statements. Run it with
 * `queries.executeQuery(statement(db, [values]))`, in a transaction or not.
 */
export function fixedStatement<Row = unknown>(text: string) {
  let n = 0;
  const postgres = text.replace(/\?/g, () => `$${++n}`);
  return (db: Pick<Db, 'engine'>, parameters: readonly unknown[]): CompiledQuery<Row> =>
    CompiledQuery.raw(
      db.engine === 'sqlite' ? text : postgres,
      parameters as unknown[],
    ) as CompiledQuery<Row>;
}

/** How many prepared statements a connection keeps for reuse (see `reusingStatements`). */
export const STATEMENT_CACHE_SIZE = 200;

const PRAGMA = /^\s*pragma\b/i;

/**
 * `handle` as Kysely's SQLite driver sees it, with each statement prepared
 * once and reused: the driver prepares every query it runs anew, and on a
 * sign-up that parsing and planning was a larger share than running the
 * statements. Statements are keyed by their SQL text (the values are bound,
 * never in it); the least recently used goes past `STATEMENT_CACHE_SIZE`
 * (queries with `IN (?, ?, …)` differ by length). One still being iterated
 * (a streamed select) is not handed out again: a fresh one is prepared. A
 * schema change re-prepares a statement by itself (SQLite's own check).
 */
export function reusingStatements(handle: BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => handle.close(),
    prepare(sql: string): BetterSqlite3.Statement {
      // A pragma acts when it is prepared, not when it runs again: never kept.
      if (PRAGMA.test(sql)) return handle.prepare(sql);
      const kept = statements.get(sql);
      if (kept && !kept.busy) {
        // Most recently used last, so the first is the one to drop.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = handle.prepare(sql);
      if (!kept) {
        statements.set(sql, statement);
        if (statements.size > STATEMENT_CACHE_SIZE) {
          statements.delete(statements.keys().next().value as string);
        }
      }
      return statement;
    },
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A stalled instance must not hold a shift's lock for hours, nor a request
    // wait for ever: give up as SQLite does, and free a session left idle mid-transaction.
    connectionTimeoutMillis: 10_000,
    options: '-c lock_timeout=10000 -c idle_in_transaction_session_timeout=30000',
  });
  // An idle connection the server drops (a restart, a failover) is reported
  // here; unhandled, it would end the process. The pool replaces it.
  pool.on('error', (error) => {
    console.error(
      JSON.stringify({ level: 'warn', msg: 'PostgreSQL connection lost', error: error.message }),
    );
  });
  // Fail at start, with the server's own message, rather than at the first request.
  const client = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  client.release();
  const db = scopedPostgres(pool, undefined, () => pool.end());
  pools.set(db, pool);
  return db;
}

/** Where a tenant's data lives on PostgreSQL: its own schema, reached as its own role. */
export interface PostgresScope {
  /** The tenant's id, for lock names and messages. */
  id: string;
  schema: string;
  role: string;
  /** Tells a tenant added again under the same names from the one before (see tenants/storage.ts). */
  generation?: string;
}

/** The pool under each server database opened on PostgreSQL, which its tenants' scopes share. */
const pools = new WeakMap<Db, pg.Pool>();
/** The scope each pooled connection was last switched to (none: as it logged in). */
const scopeOf = new WeakMap<object, string>();

/**
 * A tenant's database inside `home`'s PostgreSQL database, over `home`'s pool.
 * Every connection it takes is first switched to the tenant's role and schema
 * (`SET ROLE`, `SET search_path`), so a query names no tenant: it sees only
 * that schema's tables, and the role has no rights on any other tenant's. The
 * isolation is the database's, not a `WHERE` clause's.
 */
export async function openPostgresScope(home: Db, scope: PostgresScope): Promise<Db> {
  const pool = pools.get(home);
  if (!pool) throw new Error('A tenant scope needs the server’s PostgreSQL database.');
  return prepared(scopedPostgres(pool, scope, async () => {}));
}

function scopedPostgres(
  pool: pg.Pool,
  scope: PostgresScope | undefined,
  end: () => Promise<void>,
): Db {
  const key = scope ? `${scope.role}\u0000${scope.schema}\u0000${scope.generation ?? ''}` : '';
  const switchTo = scope
    ? `SET ROLE ${quoteIdent(scope.role)}; SET search_path TO ${quoteIdent(scope.schema)}`
    : 'RESET ROLE; RESET search_path';
  const scoped = {
    async connect() {
      const client = await pool.connect();
      // A connection comes back from the pool as whoever used it last.
      if ((scopeOf.get(client) ?? '') !== key) {
        try {
          await client.query(switchTo);
        } catch (error) {
          client.release(true);
          throw error;
        }
        scopeOf.set(client, key);
      }
      return client;
    },
    end,
  };
  const kysely: Queries = new Kysely({ dialect: new PostgresDialect({ pool: scoped }) });
  return {
    engine: 'postgres',
    scope: scope?.id ?? '',
    kysely,
    sqlite: undefined,
    write: (work) => kysely.transaction().execute(work),
    close: () => kysely.destroy(),
  };
}

/** A PostgreSQL identifier, quoted: tenant names are checked, but quoting never trusts that. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Inside `write`: waits until no other transaction, in any process, holds
 * `name`, and keeps it until this one ends. PostgreSQL's transaction-level
 * advisory lock; on SQLite the write transaction already excludes every other.
 */
export async function lock(db: Db, trx: Queries, name: string): Promise<void> {
  if (db.engine === 'postgres') {
    const scoped = db.scope === '' ? name : `${db.scope}/${name}`;
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${scoped}, 0))`.execute(trx);
  }
}

const MIGRATION_LOCK = 'samskab:migrate';

/** One migration step: the same schema change written for each engine. */
export interface MigrationStep {
  sqlite: string;
  postgres: string;
}

/**
 * A step whose SQL is the same on both engines but for SQLite's `STRICT`
 * tables and insertion order: PostgreSQL has no `rowid`, so every table that
 * is read in insertion order gets an identity column of that name there
 * (`rowid BIGINT GENERATED ALWAYS AS IDENTITY`), and `ORDER BY rowid` means
 * the same on both. `ordered` names those tables.
 */
export function portable(sqlite: string, ordered: readonly string[] = []): MigrationStep {
  let postgres = sqlite.replace(/\)\s*STRICT\s*;/g, ');');
  for (const table of ordered) {
    postgres = postgres.replace(
      new RegExp(`CREATE TABLE( IF NOT EXISTS)? ${table} \\(`),
      (head) => `${head}\n    rowid BIGINT GENERATED ALWAYS AS IDENTITY,`,
    );
  }
  return { sqlite, postgres };
}

/**
 * Brings `feature`'s tables up to date. Step n takes it from version n to
 * n + 1, each in its own transaction with the schema versions, so several
 * servers starting at once run each step once. Never edit a released step;
 * add one. A database newer than this code is refused.
 */
export async function migrate(db: Db, feature: string, steps: readonly MigrationStep[]) {
  for (;;) {
    const done = await db.write(async (trx) => {
      await lock(db, trx, MIGRATION_LOCK);
      const row = await sql<{ version: number }>`
        SELECT version FROM schema_versions WHERE feature = ${feature}`.execute(trx);
      const version = row.rows[0]?.version ?? 0;
      if (version > steps.length) {
        throw new Error(
          `The database has ${feature} schema version ${version}, newer than this server knows (${steps.length}). Upgrade Samskab.`,
        );
      }
      if (version === steps.length) return true;
      const step = steps[version]![db.engine];
      // better-sqlite3 prepares one statement at a time; `exec` runs a script,
      // on the connection this transaction holds.
      if (db.sqlite) db.sqlite.exec(step);
      else await sql.raw(step).execute(trx);
      await sql`
        INSERT INTO schema_versions (feature, version) VALUES (${feature}, ${version + 1})
        ON CONFLICT (feature) DO UPDATE SET version = excluded.version`.execute(trx);
      return false;
    });
    if (done) return;
  }
}
