/**
 * The server's one SQLite file and its schema versions. Each feature owns its
 * tables and migrates them on its own, so a feature can be added without
 * touching another's steps.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** The open database, passed only between the server's store modules. */
export type Db = Database.Database;

/** The `SAMSKAB_DB` value for a database that lives only as long as the process (trials). */
export const IN_MEMORY = ':memory:';

/** Opens (creating if needed) the database at `path`, or in memory, with Samskab's settings. */
export function openDatabase(path: string): Db {
  const inMemory = path === IN_MEMORY;
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // An in-memory database has no file to log ahead of.
  if (!inMemory) db.pragma('journal_mode = WAL');
  // FULL, not WAL's usual NORMAL: NORMAL may lose the last commits on a power
  // cut, and a resident who saw "Tak for din tilmelding" must not be lost.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Another process (a backup, a second server) may briefly hold the write lock.
  db.pragma('busy_timeout = 5000');
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_versions (feature TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT',
  );
  return db;
}

/**
 * Brings `feature`'s tables up to date. Step n takes it from version n to
 * n + 1, each in its own transaction; never edit a released step, add one.
 */
export function migrate(db: Db, feature: string, steps: readonly string[]) {
  const row = db
    .prepare<[string], { version: number }>('SELECT version FROM schema_versions WHERE feature = ?')
    .get(feature);
  const version = row?.version ?? 0;
  if (version > steps.length) {
    throw new Error(
      `The database has ${feature} schema version ${version}, newer than this server knows (${steps.length}). Upgrade Samskab.`,
    );
  }
  const save = db.prepare<[string, number]>(
    'INSERT INTO schema_versions (feature, version) VALUES (?, ?) ON CONFLICT (feature) DO UPDATE SET version = excluded.version',
  );
  for (let step = version; step < steps.length; step++) {
    db.transaction(() => {
      db.exec(steps[step]!);
      save.run(feature, step + 1);
    }).immediate();
  }
}
