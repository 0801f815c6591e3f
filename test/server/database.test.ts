/**
 * The SQLite file itself: its pragmas, what older versions left in it, and
 * `:memory:`. What holds on either engine is in stores.test.ts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { openActivityStore } from '../../src/server/activities/store.js';
import {
  type Db,
  openDatabase,
  reusingStatements,
  STATEMENT_CACHE_SIZE,
} from '../../src/server/database.js';
import { openSignupStore } from '../../src/server/signups/store.js';
import { afterTest, tempDir } from './support.js';

const NOW = new Date('2026-11-30T09:00:00Z');

/** The activities and sign-ups stores over `db`. */
async function stores(db: Db) {
  const activities = await openActivityStore(db);
  return { activities, signups: await openSignupStore(db, activities) };
}

describe('the SQLite database', () => {
  it('opens in WAL mode with full sync and foreign keys, at the latest schema', async () => {
    const dbPath = join(tempDir(), 'nested', 'dir', 'samskab.db');
    const opened = await openDatabase(dbPath);
    expect(opened.sqlite!.pragma('synchronous', { simple: true })).toBe(2);
    expect(opened.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
    await stores(opened);
    await opened.close();
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT feature, version FROM schema_versions').all()).toEqual([
      { feature: 'activities', version: 1 },
      { feature: 'signups', version: 2 },
    ]);
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck();
    expect(columns.all('signups')).toEqual([
      'id',
      'activity_id',
      'name',
      'email',
      'phone',
      'help',
      'age_band',
      'guardian_consent',
      'created_at',
      'status',
      'status_by',
      'status_at',
    ]);
    db.close();
  });

  it('opens a database whose activities and sign-ups an older Samskab made in one core step', async () => {
    const dbPath = join(tempDir(), 'samskab.db');
    const old = await openDatabase(dbPath);
    // The exact steps of the `core` migration that shipped before features had folders.
    old.sqlite!.exec(`
      CREATE TABLE activities (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL,
        core_idea TEXT NOT NULL, created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE signups (
        id TEXT PRIMARY KEY, activity_id TEXT NOT NULL REFERENCES activities (id),
        name TEXT NOT NULL, email TEXT NOT NULL, phone TEXT NOT NULL, help TEXT NOT NULL,
        age_band TEXT NOT NULL CHECK (age_band IN ('under-15', '15-17', '18-plus')),
        guardian_consent INTEGER NOT NULL CHECK (guardian_consent IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX signups_by_created ON signups (created_at);
      CREATE INDEX signups_by_activity ON signups (activity_id, created_at);
      CREATE TABLE idempotency (
        key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
        body TEXT NOT NULL, signup_id TEXT REFERENCES signups (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX idempotency_by_created ON idempotency (created_at);
      CREATE INDEX idempotency_by_signup ON idempotency (signup_id);
      INSERT INTO activities VALUES ('gammel', 'Gammel aktivitet', '', '', '2026-01-01T00:00:00.000Z');
      INSERT INTO schema_versions VALUES ('core', 1);
    `);
    await old.close();
    const db = await openDatabase(dbPath);
    const { activities, signups } = await stores(db);
    expect((await activities.list()).map((a) => a.id)).toEqual(['gammel']);
    expect(await signups.list()).toEqual([]);
    await db.close();
  });

  it('keeps an in-memory database in memory, leaving no file behind', async () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const db = await openDatabase(':memory:');
      const { activities } = await stores(db);
      await activities.seed(DEMO_ACTIVITIES, NOW);
      expect(await activities.list()).toHaveLength(3);
      await db.close();
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('grouped commits on SQLite', () => {
  /** A database at a new path with table `notes`, and a second connection that reads it from outside. */
  async function withReader() {
    const dbPath = join(tempDir(), 'samskab.db');
    const db = await openDatabase(dbPath);
    afterTest(() => db.close());
    await db.write((trx) => sql`CREATE TABLE notes (id TEXT PRIMARY KEY)`.execute(trx));
    const reader = new Database(dbPath, { readonly: true });
    afterTest(() => {
      reader.close();
    });
    const outside = () =>
      reader
        .prepare<[], { id: string }>('SELECT id FROM notes ORDER BY id')
        .all()
        .map((r) => r.id);
    return { db, outside };
  }

  it('commits writes that come in together in one transaction, and answers them after it', async () => {
    const { db, outside } = await withReader();
    const seenInside: string[][] = [];
    const writes = ['a', 'b', 'c'].map((id) =>
      db.write(async (trx) => {
        // From outside, the ones before in this batch are not committed yet.
        seenInside.push(outside());
        await sql`INSERT INTO notes (id) VALUES (${id})`.execute(trx);
      }),
    );
    const seenOnAnswer = await Promise.all(writes.map((w) => w.then(outside)));
    expect(seenInside).toEqual([[], [], []]);
    expect(seenOnAnswer).toEqual(Array(3).fill(['a', 'b', 'c']));
  });

  it('fails the writes before one whose error ended the whole transaction, and commits those after', async () => {
    const { db, outside } = await withReader();
    const insert = (id: string) =>
      db.write((trx) => sql`INSERT INTO notes (id) VALUES (${id})`.execute(trx));
    const outcomes = await Promise.allSettled([
      insert('a'),
      db.write(async (trx) => {
        await sql`INSERT INTO notes (id) VALUES ('b')`.execute(trx);
        // What SQLite does itself on a full disk or an I/O error.
        db.sqlite!.exec('ROLLBACK');
        throw new Error('disk full');
      }),
      insert('c'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(outside()).toEqual(['c']);
  });

  it('lets a write that came in while a batch committed share the next batch with one queued after it', async () => {
    const { db, outside } = await withReader();
    const insert = (id: string) =>
      db.write((trx) => sql`INSERT INTO notes (id) VALUES (${id})`.execute(trx));
    let seenByC: string[] = [];
    let c: Promise<unknown> | undefined;
    // 'b' is queued as soon as 'a' is answered; 'c' with the loop's next turn
    // (as a request read after the COMMIT had held the thread would be).
    const b = db
      .write(async (trx) => {
        await sql`INSERT INTO notes (id) VALUES ('a')`.execute(trx);
        c = new Promise((resolve) => setImmediate(resolve)).then(() =>
          db.write(async (t) => {
            seenByC = outside();
            await sql`INSERT INTO notes (id) VALUES ('c')`.execute(t);
          }),
        );
      })
      .then(() => insert('b'));
    await b;
    await c;
    // 'b' is not committed yet when 'c' runs: they share one transaction.
    expect(seenByC).toEqual(['a']);
    expect(outside()).toEqual(['a', 'b', 'c']);
  });

  it('waits for another connection’s write lock without stopping the event loop, then commits', async () => {
    const dbPath = join(tempDir(), 'samskab.db');
    const db = await openDatabase(dbPath);
    afterTest(() => db.close());
    const other = new Database(dbPath);
    afterTest(() => {
      other.close();
    });
    other.exec('BEGIN IMMEDIATE');
    const written = db.write((trx) => sql`CREATE TABLE notes (id TEXT PRIMARY KEY)`.execute(trx));
    // The loop still turns while the write waits: the other connection can finish.
    await new Promise((resolve) => setTimeout(resolve, 30));
    other.exec('COMMIT');
    await written;
    expect(other.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 0 });
  });
});

describe('statements reused for Kysely on SQLite', () => {
  it('prepares a query once, but again while it is iterated, and never keeps a pragma', () => {
    const handle = new Database(':memory:');
    afterTest(() => {
      handle.close();
    });
    handle.exec('CREATE TABLE notes (id TEXT PRIMARY KEY); INSERT INTO notes VALUES (1), (2)');
    const database = reusingStatements(handle);
    const select = 'SELECT id FROM notes ORDER BY id';
    const first = database.prepare(select);
    expect(database.prepare(select)).toBe(first);
    const rows = first.iterate();
    rows.next();
    const meanwhile = database.prepare(select);
    expect(meanwhile).not.toBe(first);
    expect(meanwhile.all()).toEqual([{ id: '1' }, { id: '2' }]);
    rows.return?.();
    expect(database.prepare(select)).toBe(first);
    // A pragma acts as it is prepared: a kept one would not set anything again.
    database.prepare('PRAGMA busy_timeout = 7').get();
    database.prepare('PRAGMA busy_timeout = 9').get();
    expect(database.prepare('pragma busy_timeout = 7')).not.toBe(
      database.prepare('pragma busy_timeout = 7'),
    );
    expect(handle.pragma('busy_timeout', { simple: true })).toBe(7);
  });

  it('drops the least recently used past its size', () => {
    const handle = new Database(':memory:');
    afterTest(() => {
      handle.close();
    });
    const database = reusingStatements(handle);
    const first = database.prepare('SELECT 0');
    const used = database.prepare('SELECT 1');
    for (let i = 2; i <= STATEMENT_CACHE_SIZE; i++) {
      database.prepare(`SELECT ${i}`);
      // Used again now and then: the least recently used, not the oldest, goes.
      if (i === STATEMENT_CACHE_SIZE - 1) expect(database.prepare('SELECT 1')).toBe(used);
    }
    expect(database.prepare('SELECT 1')).toBe(used);
    expect(database.prepare('SELECT 0')).not.toBe(first);
  });
});
