import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { openActivityStore } from '../../src/server/activities/store.js';
import { type Db, openDatabase } from '../../src/server/database.js';
import { openSignupStore } from '../../src/server/signups/store.js';
import { freshDb, tempDir } from './support.js';

const NOW = new Date('2026-11-30T09:00:00Z');

/** The activities and sign-ups stores over `db`. */
function stores(db: Db) {
  const activities = openActivityStore(db);
  return { activities, signups: openSignupStore(db, activities) };
}

/** A validated adult sign-up for the demo activity `besoegsven`. */
const signupData = (name: string, email: string) => ({
  activityId: 'besoegsven',
  name,
  email,
  phone: '',
  help: '',
  ageBand: '18-plus' as const,
  guardianConsent: false,
  consent: true as const,
  website: '',
});

describe('database', () => {
  it('opens in WAL mode with full sync and foreign keys, at the latest schema', () => {
    const dbPath = join(tempDir(), 'nested', 'dir', 'samskab.db');
    const opened = openDatabase(dbPath);
    stores(opened);
    opened.close();
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT feature, version FROM schema_versions').all()).toEqual([
      { feature: 'activities', version: 1 },
      { feature: 'signups', version: 1 },
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
    ]);
    db.close();
  });

  it('keeps its data and schema across reopenings', () => {
    const dbPath = join(tempDir(), 'samskab.db');
    const first = openDatabase(dbPath);
    stores(first).activities.create(
      { id: 'a1', title: 'Madklub', description: '', coreIdea: '' },
      NOW,
    );
    first.close();
    const second = openDatabase(dbPath);
    expect(
      stores(second)
        .activities.list()
        .map((a) => a.title),
    ).toEqual(['Madklub']);
    second.close();
  });

  it('opens a database whose activities and sign-ups an older Samskab made in one core step', () => {
    const dbPath = join(tempDir(), 'samskab.db');
    const old = openDatabase(dbPath);
    // The exact steps of the `core` migration that shipped before features had folders.
    old.exec(`
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
    old.close();
    const db = openDatabase(dbPath);
    const { activities, signups } = stores(db);
    expect(activities.list().map((a) => a.id)).toEqual(['gammel']);
    expect(signups.list()).toEqual([]);
    db.close();
  });

  it('keeps an in-memory database in memory, leaving no file behind', () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const db = openDatabase(':memory:');
      stores(db).activities.seed(DEMO_ACTIVITIES, NOW);
      expect(stores(db).activities.list()).toHaveLength(3);
      db.close();
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses a database from a newer Samskab', () => {
    const dbPath = join(tempDir(), 'samskab.db');
    const first = openDatabase(dbPath);
    stores(first);
    first.close();
    const db = new Database(dbPath);
    db.prepare("UPDATE schema_versions SET version = 99 WHERE feature = 'signups'").run();
    db.close();
    const again = openDatabase(dbPath);
    expect(() => stores(again)).toThrow(/signups schema version 99/);
    again.close();
  });

  it('forgets idempotency records past their retention', () => {
    const { activities, signups: store } = stores(freshDb().db);
    activities.seed(DEMO_ACTIVITIES, NOW);
    const signup = signupData('Anna', 'anna@example.dk');
    const response = { status: 201, body: '{}' };
    store.record('k'.repeat(16), 'h', { ...signup, id: 's1', createdAt: NOW }, response);
    expect(store.pruneIdempotency(new Date(NOW.getTime() - 1))).toBe(0);
    expect(store.pruneIdempotency(new Date(NOW.getTime() + 1))).toBe(1);
    expect(store.list()).toHaveLength(1);
  });

  it('erases sign-ups past the retention period, and their idempotency records with them', () => {
    const { activities, signups: store } = stores(freshDb().db);
    activities.seed(DEMO_ACTIVITIES, NOW);
    const signup = signupData('Bo', 'bo@example.dk');
    const later = new Date(NOW.getTime() + 60_000);
    store.record(
      'a'.repeat(16),
      'h',
      { ...signup, id: 's1', createdAt: NOW },
      { status: 201, body: '{}' },
    );
    store.record(
      'b'.repeat(16),
      'h',
      { ...signup, id: 's2', createdAt: later },
      { status: 201, body: '{}' },
    );
    expect(store.pruneSignups(new Date(NOW.getTime() + 1))).toBe(1);
    expect(store.list().map((s) => s.id)).toEqual(['s2']);
    // The erased sign-up's idempotency record (a hash of its answers) went too.
    expect(store.pruneIdempotency(new Date(later.getTime() + 1))).toBe(1);
  });
});

describe('demo seed', () => {
  it('seeds the three demo activities into an empty database', () => {
    const { activities: store } = stores(freshDb().db);
    expect(store.seed(DEMO_ACTIVITIES, NOW)).toBe(3);
    expect(store.list().map((a) => a.id)).toEqual(['besoegsven', 'lektiecafe', 'naturpleje']);
    expect(store.list()[0]!.title).toBe('Besøgsven på Plejecenter Solgården');
  });

  it('leaves a database that already has activities alone', () => {
    const { activities: store } = stores(freshDb().db);
    store.create({ id: 'egen', title: 'Egen aktivitet', description: '', coreIdea: '' }, NOW);
    expect(store.seed(DEMO_ACTIVITIES, NOW)).toBe(0);
    expect(store.list().map((a) => a.id)).toEqual(['egen']);
  });

  it('does not seed twice', () => {
    const { activities: store } = stores(freshDb().db);
    store.seed(DEMO_ACTIVITIES, NOW);
    expect(store.seed(DEMO_ACTIVITIES, NOW)).toBe(0);
    expect(store.list()).toHaveLength(DEMO_ACTIVITIES.length);
  });
});
