import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/server/db.js';
import { DEMO_ACTIVITIES, seedDemo } from '../../src/server/demo/seed.js';
import { freshStore, tempDir } from './support.js';

const NOW = new Date('2026-11-30T09:00:00Z');

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
    openStore(dbPath).close();
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT feature, version FROM schema_versions').all()).toEqual([
      { feature: 'core', version: 1 },
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
    const first = openStore(dbPath);
    first.createActivity({ id: 'a1', title: 'Madklub', description: '', coreIdea: '' }, NOW);
    first.close();
    const second = openStore(dbPath);
    expect(second.listActivities().map((a) => a.title)).toEqual(['Madklub']);
    second.close();
  });

  it('refuses a database from a newer Samskab', () => {
    const dbPath = join(tempDir(), 'samskab.db');
    openStore(dbPath).close();
    const db = new Database(dbPath);
    db.prepare("UPDATE schema_versions SET version = 99 WHERE feature = 'core'").run();
    db.close();
    expect(() => openStore(dbPath)).toThrow(/core schema version 99/);
  });

  it('forgets idempotency records past their retention', () => {
    const { store } = freshStore();
    seedDemo(store, NOW);
    const signup = signupData('Anna', 'anna@example.dk');
    const response = { status: 201, body: '{}' };
    store.recordSignup('k'.repeat(16), 'h', { ...signup, id: 's1', createdAt: NOW }, response);
    expect(store.pruneIdempotency(new Date(NOW.getTime() - 1))).toBe(0);
    expect(store.pruneIdempotency(new Date(NOW.getTime() + 1))).toBe(1);
    expect(store.listSignups()).toHaveLength(1);
  });

  it('erases sign-ups past the retention period, and their idempotency records with them', () => {
    const { store } = freshStore();
    seedDemo(store, NOW);
    const signup = signupData('Bo', 'bo@example.dk');
    const later = new Date(NOW.getTime() + 60_000);
    store.recordSignup(
      'a'.repeat(16),
      'h',
      { ...signup, id: 's1', createdAt: NOW },
      { status: 201, body: '{}' },
    );
    store.recordSignup(
      'b'.repeat(16),
      'h',
      { ...signup, id: 's2', createdAt: later },
      { status: 201, body: '{}' },
    );
    expect(store.pruneSignups(new Date(NOW.getTime() + 1))).toBe(1);
    expect(store.listSignups().map((s) => s.id)).toEqual(['s2']);
    // The erased sign-up's idempotency record (a hash of its answers) went too.
    expect(store.pruneIdempotency(new Date(later.getTime() + 1))).toBe(1);
  });
});

describe('demo seed', () => {
  it('seeds the three demo activities into an empty database', () => {
    const { store } = freshStore();
    expect(seedDemo(store, NOW)).toBe(3);
    expect(store.listActivities().map((a) => a.id)).toEqual([
      'besoegsven',
      'lektiecafe',
      'naturpleje',
    ]);
    expect(store.listActivities()[0]!.title).toBe('Besøgsven på Plejecenter Solgården');
  });

  it('leaves a database that already has activities alone', () => {
    const { store } = freshStore();
    store.createActivity(
      { id: 'egen', title: 'Egen aktivitet', description: '', coreIdea: '' },
      NOW,
    );
    expect(seedDemo(store, NOW)).toBe(0);
    expect(store.listActivities().map((a) => a.id)).toEqual(['egen']);
  });

  it('does not seed twice', () => {
    const { store } = freshStore();
    seedDemo(store, NOW);
    expect(seedDemo(store, NOW)).toBe(0);
    expect(store.listActivities()).toHaveLength(DEMO_ACTIVITIES.length);
  });
});
