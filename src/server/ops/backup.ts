/**
 * Backup and restore of the SQLite database, for `npm run samskab -- backup`
 * and `restore` (cli.ts). A backup is SQLite's online backup of one
 * consistent moment, taken beside a server that keeps writing; a restore
 * replaces the database only when no server has it open. PostgreSQL has its
 * own tools (`pg_dump`, `pg_restore`; see the README).
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** What `backupDatabase` did. */
export type BackupOutcome =
  | { kind: 'done'; bytes: number }
  | { kind: 'no-database' }
  | { kind: 'exists' };

/** What `restoreDatabase` did. */
export type RestoreOutcome =
  /** `kept`: where the replaced database now is; none when there was none. */
  | { kind: 'done'; kept: string | undefined }
  | { kind: 'no-file' }
  /** Not a Samskab database (no `schema_versions`) or not sound (`integrity_check`). */
  | { kind: 'not-samskab'; why: 'not-sqlite' | 'no-schema' | 'integrity'; detail: string }
  | { kind: 'in-use' };

/**
 * All pages in one step. SQLite restarts a backup whose source another
 * connection changed between steps; with one step there is no "between", so
 * a server taking a sign-up every millisecond cannot keep it from finishing.
 * The step reads one snapshot, and in WAL mode readers never block writers.
 */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the database at `dbPath` into a new file `file`, consistent as of
 * one moment after the call began, while a server may keep writing. The copy
 * is written beside `file` first and renamed into place once checked, so a
 * file of that name is always a whole backup.
 */
export async function backupDatabase(dbPath: string, file: string): Promise<BackupOutcome> {
  if (!existsSync(dbPath)) return { kind: 'no-database' };
  if (existsSync(file)) return { kind: 'exists' };
  const partial = `${file}.partial-${process.pid}`;
  // Read-write though it only reads: a read-only connection that is the last
  // to close cannot remove the -wal and -shm files it made beside a stopped server's database.
  const source = new Database(dbPath, { fileMustExist: true });
  try {
    // The server's checkpoint may hold a lock for a moment; wait as the server would.
    source.pragma('busy_timeout = 5000');
    await source.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  try {
    // One self-contained file (no -wal beside it), checked before it takes the name.
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      const check = soundness(copy);
      if (check) throw new Error(`The backup failed its own check: ${check.detail}`);
    } finally {
      copy.close();
    }
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { kind: 'done', bytes: statSync(file).size };
}

/**
 * Puts the backup `file` in place of the database at `dbPath`. Refuses when
 * `file` is not a sound Samskab database, or when any connection has the
 * database open: leaving WAL mode needs the only connection, and every
 * Samskab server keeps its database in WAL mode. The lock taken then is held
 * until the new file is in place, so a server starting meanwhile waits. The
 * replaced database is kept as `<dbPath>.before-restore-<time>`.
 */
export async function restoreDatabase(
  dbPath: string,
  file: string,
  now: Date = new Date(),
): Promise<RestoreOutcome> {
  if (!existsSync(file)) return { kind: 'no-file' };
  let backup: Database.Database;
  try {
    backup = new Database(file, { fileMustExist: true, readonly: true });
    // Opening reads nothing: the first query finds out whether it is SQLite at all.
    backup.pragma('schema_version');
  } catch (error) {
    return { kind: 'not-samskab', why: 'not-sqlite', detail: messageOf(error) };
  }
  try {
    const unsound = soundness(backup);
    if (unsound) return { kind: 'not-samskab', ...unsound };

    mkdirSync(dirname(dbPath), { recursive: true });
    const lock = existsSync(dbPath) ? lockUnused(dbPath) : undefined;
    if (lock === 'in-use') return { kind: 'in-use' };
    const incoming = `${dbPath}.restoring-${process.pid}`;
    try {
      // Leaving WAL mode removed the old log; one left now would be replayed into the new file.
      for (const stale of [`${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`]) {
        if (existsSync(stale)) throw new Error(`${stale} is in the way; nothing was changed.`);
      }
      await backup.backup(incoming, { progress: () => ALL_PAGES });
      let kept: string | undefined;
      if (lock) {
        kept = keptName(dbPath, now);
        renameSync(dbPath, kept);
      }
      try {
        renameSync(incoming, dbPath);
      } catch (error) {
        if (kept) renameSync(kept, dbPath);
        throw error;
      }
      return { kind: 'done', kept };
    } finally {
      rmSync(incoming, { force: true });
      lock?.close();
    }
  } finally {
    backup.close();
  }
}

/** Why `db` is not a sound Samskab database, or undefined when it is one. */
function soundness(
  db: Database.Database,
): { why: 'no-schema' | 'integrity'; detail: string } | undefined {
  try {
    return checkSoundness(db);
  } catch (error) {
    // A page damaged badly enough makes the check itself fail (SQLITE_CORRUPT).
    return { why: 'integrity', detail: messageOf(error) };
  }
}

function checkSoundness(
  db: Database.Database,
): { why: 'no-schema' | 'integrity'; detail: string } | undefined {
  const versions = db
    .prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'schema_versions'",
    )
    .get();
  if (!versions?.n) return { why: 'no-schema', detail: 'no schema_versions table' };
  const features = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM schema_versions').get();
  if (!features?.n) return { why: 'no-schema', detail: 'schema_versions is empty' };
  const problems = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  const text = problems.map((row) => row.integrity_check).join('; ');
  return text === 'ok' ? undefined : { why: 'integrity', detail: text };
}

/**
 * An exclusive hold on the database at `path`, or 'in-use' when another
 * connection has it open (a running server, or one stopping).
 */
function lockUnused(path: string): Database.Database | 'in-use' {
  const db = new Database(path, { fileMustExist: true });
  try {
    // Throws SQLITE_BUSY, or keeps 'wal', while another connection is open.
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw busy();
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return 'in-use';
    throw error;
  }
}

const busy = () => Object.assign(new Error('database is in use'), { code: 'SQLITE_BUSY' });

/** `<dbPath>.before-restore-20261204T165720Z`, with `-2`, `-3` … if that is taken. */
function keptName(dbPath: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]|\.\d+/g, '');
  const base = `${dbPath}.before-restore-${stamp}`;
  let name = base;
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}`;
  return name;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
