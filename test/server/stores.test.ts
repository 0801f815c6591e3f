/**
 * The activities and sign-ups stores on the engine the run is for (SQLite,
 * or PostgreSQL in the server-pg project): what they keep across
 * reopenings, refuse, seed and erase. The SQLite file's own matters are in
 * database.test.ts.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { openActivityStore } from '../../src/server/activities/store.js';
import { type Db, openDatabase } from '../../src/server/database.js';
import { openSignupStore } from '../../src/server/signups/store.js';
import { newDatabaseTarget } from '../support/databases.js';
import { afterTest, freshDb } from './support.js';

const NOW = new Date('2026-11-30T09:00:00Z');

/** The activities and sign-ups stores over `db`. */
async function stores(db: Db) {
  const activities = await openActivityStore(db);
  return { activities, signups: await openSignupStore(db, activities) };
}

/** A place for a database that the test opens and closes itself, removed after it. */
async function target() {
  const { target, remove } = await newDatabaseTarget();
  afterTest(remove);
  return target;
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

describe('the database', () => {
  it('keeps its data and schema across reopenings', async () => {
    const at = await target();
    const first = await openDatabase(at);
    await (await stores(first)).activities.create(
      { id: 'a1', title: 'Madklub', description: '', coreIdea: '' },
      NOW,
    );
    await first.close();
    const second = await openDatabase(at);
    try {
      const { activities } = await stores(second);
      expect((await activities.list()).map((a) => a.title)).toEqual(['Madklub']);
    } finally {
      await second.close();
    }
  });

  it('refuses a database from a newer Samskab', async () => {
    const at = await target();
    const first = await openDatabase(at);
    await stores(first);
    await sql`UPDATE schema_versions SET version = 99 WHERE feature = 'signups'`.execute(
      first.kysely,
    );
    await first.close();
    const again = await openDatabase(at);
    try {
      await expect(stores(again)).rejects.toThrow(/signups schema version 99/);
    } finally {
      await again.close();
    }
  });
});

describe('the sign-ups store', () => {
  it('forgets idempotency records past their retention', async () => {
    const { activities, signups: store } = await stores((await freshDb()).db);
    await activities.seed(DEMO_ACTIVITIES, NOW);
    const signup = signupData('Anna', 'anna@example.dk');
    const response = { status: 201, body: '{}' };
    await store.record('k'.repeat(16), 'h', { ...signup, id: 's1', createdAt: NOW }, response);
    expect(await store.pruneIdempotency(new Date(NOW.getTime() - 1))).toBe(0);
    expect(await store.pruneIdempotency(new Date(NOW.getTime() + 1))).toBe(1);
    expect(await store.list()).toHaveLength(1);
  });

  it('erases sign-ups past the retention period, and their idempotency records with them', async () => {
    const { activities, signups: store } = await stores((await freshDb()).db);
    await activities.seed(DEMO_ACTIVITIES, NOW);
    const signup = signupData('Bo', 'bo@example.dk');
    const later = new Date(NOW.getTime() + 60_000);
    await store.record(
      'a'.repeat(16),
      'h',
      { ...signup, id: 's1', createdAt: NOW },
      { status: 201, body: '{}' },
    );
    await store.record(
      'b'.repeat(16),
      'h',
      { ...signup, id: 's2', createdAt: later },
      { status: 201, body: '{}' },
    );
    expect(await store.pruneSignups(new Date(NOW.getTime() + 1))).toBe(1);
    expect((await store.list()).map((s) => s.id)).toEqual(['s2']);
    // The erased sign-up's idempotency record (a hash of its answers) went too.
    expect(await store.pruneIdempotency(new Date(later.getTime() + 1))).toBe(1);
  });

  it('lists sign-ups made at the same instant in the order they arrived', async () => {
    const { activities, signups: store } = await stores((await freshDb()).db);
    await activities.seed(DEMO_ACTIVITIES, NOW);
    // Ids that sort against arrival, so only insertion order can give this list.
    for (const [i, id] of ['zz', 'mm', 'aa'].entries()) {
      await store.record(
        `same-instant-key-${i}`,
        'h',
        { ...signupData(id, `${id}@example.dk`), id, createdAt: NOW },
        { status: 201, body: '{}' },
      );
    }
    expect((await store.list()).map((s) => s.id)).toEqual(['zz', 'mm', 'aa']);
    expect((await store.list('besoegsven')).map((s) => s.id)).toEqual(['zz', 'mm', 'aa']);
    expect(await store.list('naturpleje')).toEqual([]);
  });

  it('keeps a guardian’s consent as it was given', async () => {
    const { activities, signups: store } = await stores((await freshDb()).db);
    await activities.seed(DEMO_ACTIVITIES, NOW);
    const minor = { ...signupData('Ida', 'ida@example.dk'), ageBand: 'under-15' as const };
    await store.record(
      'guardian-key-0001',
      'h',
      { ...minor, guardianConsent: true, id: 's1', createdAt: NOW },
      { status: 201, body: '{}' },
    );
    expect(await store.list()).toEqual([
      expect.objectContaining({ id: 's1', ageBand: 'under-15', guardianConsent: true }),
    ]);
  });
});

describe('the sign-ups store’s Idempotency-Key', () => {
  const response = (body: string) => ({ status: 201, body });
  const row = (id: string, activityId = 'besoegsven') => ({
    ...signupData('Eva', 'eva@example.dk'),
    activityId,
    id,
    createdAt: NOW,
  });

  it('replays the first answer for the same request, and refuses the key with another', async () => {
    const { activities, signups: store } = await stores((await freshDb()).db);
    await activities.seed(DEMO_ACTIVITIES, NOW);
    const key = 'replay-key-000001';
    expect(await store.record(key, 'h1', row('s1'), response('{"id":"s1"}'))).toEqual({
      kind: 'stored',
      body: '{"id":"s1"}',
    });
    expect(await store.record(key, 'h1', row('s2'), response('{"id":"s2"}'))).toEqual({
      kind: 'replay',
      status: 201,
      body: '{"id":"s1"}',
    });
    expect(await store.record(key, 'h2', row('s3'), response('{"id":"s3"}'))).toEqual({
      kind: 'key-reused',
    });
    expect((await store.list()).map((s) => s.id)).toEqual(['s1']);
  });

  it('answers an unknown activity after the key, keeping nothing for it', async () => {
    const { activities, signups: store } = await stores((await freshDb()).db);
    await activities.seed(DEMO_ACTIVITIES, NOW);
    await store.record('known-key-0000001', 'h', row('s1'), response('{"id":"s1"}'));
    // A retry is answered as it was, whatever its activity is now.
    expect(
      await store.record('known-key-0000001', 'h', row('s2', 'gone'), response('{}')),
    ).toMatchObject({ kind: 'replay', body: '{"id":"s1"}' });
    expect(await store.record('fresh-key-0000001', 'h', row('s3', 'gone'), response('{}'))).toEqual(
      { kind: 'unknown-activity' },
    );
    // Nothing was kept for the refused key: once the activity exists, it stores.
    await activities.create({ id: 'gone', title: 'Ny', description: '', coreIdea: '' }, NOW);
    expect(
      await store.record('fresh-key-0000001', 'h', row('s4', 'gone'), response('{"id":"s4"}')),
    ).toEqual({ kind: 'stored', body: '{"id":"s4"}' });
    expect((await store.list()).map((s) => s.id)).toEqual(['s1', 's4']);
  });

  it('stores one sign-up for one key sent through two handles on one database at once', async () => {
    const { db, target } = await freshDb();
    const first = await stores(db);
    await first.activities.seed(DEMO_ACTIVITIES, NOW);
    const other = await openDatabase(target);
    afterTest(() => other.close());
    const second = await stores(other);
    const key = 'racing-key-000001';
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? second : first).signups.record(key, 'h', row(`s${i}`), response(`{"id":"s${i}"}`)),
      ),
    );
    const stored = outcomes.filter((o) => o.kind === 'stored');
    expect(stored).toHaveLength(1);
    const body = stored[0]!.kind === 'stored' ? stored[0]!.body : '';
    expect(outcomes.filter((o) => o.kind === 'replay' && o.body === body)).toHaveLength(19);
    expect(await first.signups.list()).toHaveLength(1);
  });

  /**
   * Another instance's transaction holding `key` until `end` settles: `sign`
   * is the store's record of the same key, started while it is held.
   */
  async function heldByAnother(end: 'commit' | 'rollback') {
    const { db, target } = await freshDb();
    const { activities, signups: store } = await stores(db);
    await activities.seed(DEMO_ACTIVITIES, NOW);
    const other = await openDatabase(target);
    afterTest(() => other.close());
    const key = 'held-key-00000001';
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => {
      inside = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holder = other
      .write(async (trx) => {
        const at = NOW.toISOString();
        await sql`
          INSERT INTO signups (id, activity_id, name, email, phone, help, age_band, guardian_consent, created_at)
          VALUES ('held', 'besoegsven', 'Held', 'held@example.dk', '', '', '18-plus', 0, ${at})`.execute(
          trx,
        );
        await sql`
          INSERT INTO idempotency (key, request_hash, status, body, signup_id, created_at)
          VALUES (${key}, 'h', 201, '{"id":"held"}', 'held', ${at})`.execute(trx);
        inside();
        await released;
        if (end === 'rollback') throw new Error('rolled back');
      })
      .catch(() => undefined);
    await entered;
    let settled = false;
    const sign = store.record(key, 'h', row('mine'), response('{"id":"mine"}')).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const waited = !settled;
    release();
    await holder;
    return { waited, outcome: await sign, ids: (await store.list()).map((s) => s.id) };
  }

  it('waits for another instance inserting the same key, then replays what it committed', async () => {
    const { waited, outcome, ids } = await heldByAnother('commit');
    expect(waited).toBe(true);
    expect(outcome).toEqual({ kind: 'replay', status: 201, body: '{"id":"held"}' });
    expect(ids).toEqual(['held']);
  });

  it('waits for another instance inserting the same key, then stores when it rolled back', async () => {
    const { waited, outcome, ids } = await heldByAnother('rollback');
    expect(waited).toBe(true);
    expect(outcome).toEqual({ kind: 'stored', body: '{"id":"mine"}' });
    expect(ids).toEqual(['mine']);
  });
});

describe('demo seed', () => {
  it('seeds the three demo activities into an empty database', async () => {
    const { activities: store } = await stores((await freshDb()).db);
    expect(await store.seed(DEMO_ACTIVITIES, NOW)).toBe(3);
    expect((await store.list()).map((a) => a.id)).toEqual([
      'besoegsven',
      'lektiecafe',
      'naturpleje',
    ]);
    expect((await store.list())[0]!.title).toBe('Besøgsven på Plejecenter Solgården');
  });

  it('leaves a database that already has activities alone', async () => {
    const { activities: store } = await stores((await freshDb()).db);
    await store.create({ id: 'egen', title: 'Egen aktivitet', description: '', coreIdea: '' }, NOW);
    expect(await store.seed(DEMO_ACTIVITIES, NOW)).toBe(0);
    expect((await store.list()).map((a) => a.id)).toEqual(['egen']);
  });

  it('does not seed twice', async () => {
    const { activities: store } = await stores((await freshDb()).db);
    await store.seed(DEMO_ACTIVITIES, NOW);
    expect(await store.seed(DEMO_ACTIVITIES, NOW)).toBe(0);
    expect(await store.list()).toHaveLength(DEMO_ACTIVITIES.length);
  });
});
