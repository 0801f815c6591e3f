// Reflections when several server instances share one database: what two of
// them do at once must come out as if one had done it after the other.
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openActivityStore } from '../../src/server/activities/store.js';
import { createApp } from '../../src/server/app.js';
import { type Db, openDatabase } from '../../src/server/database.js';
import { FEATURES } from '../../src/server/features.js';
import { seedDemoReflections } from '../../src/server/reflections/demo.js';
import { reflectionsFeature } from '../../src/server/reflections/feature.js';
import { openInvitations } from '../../src/server/reflections/invitations.js';
import { publishWeek } from '../../src/server/reflections/pulse.js';
import { openReflectionStore, type ReflectionRow } from '../../src/server/reflections/store.js';
import {
  ADMIN_TOKEN,
  afterTest,
  asAdmin,
  demoDb,
  manualClock,
  newKey,
  tempDir,
} from './support.js';

const WEEK = 7 * 86_400_000;

/**
 * Two handles on one fresh database holding the demo activities, as two
 * instances have: two pools on PostgreSQL, two connections to the file on SQLite.
 */
async function twoInstances(): Promise<[Db, Db]> {
  const { db, target } = await demoDb();
  const other = await openDatabase(target);
  afterTest(() => other.close());
  return [db, other];
}

/** How many rows `table` has. */
async function count(db: Db, table: string) {
  const { rows } = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db.kysely);
  return Number(rows[0]!.n);
}

/** The reflections feature on `db`, its clock at Wednesday 2 December 2026, 10.00 in Copenhagen. */
async function reflectionApp(db: Db, clock = manualClock(Date.parse('2026-12-02T09:00:00Z'))) {
  const { app } = await createApp({
    db,
    features: [reflectionsFeature],
    adminToken: ADMIN_TOKEN,
    allowedOrigins: [],
    widgetsDir: join(tempDir(), 'no-widgets'),
    rateLimit: false,
    now: clock.now,
  });
  return app;
}

/** A reflection as the pulse reads it, `energy` its only measure. */
const row = (energy: number): ReflectionRow => ({
  id: crypto.randomUUID(),
  shiftId: null,
  setVersion: 0,
  energy,
  load: null,
  meaningful: null,
  note: '',
  noteQuestion: null,
  contact: null,
  createdAt: new Date('2026-12-02T09:00:00Z'),
  origin: 'invited',
});

/** A new invitation to besoegsven, issued on `db` as a claim does. */
async function invite(db: Db, now = new Date('2026-12-02T09:00:00Z')) {
  const invitations = await openInvitations(db);
  return db.write((trx) => invitations.issue(trx, 'besoegsven', now));
}

/** Posts a reflection with `invitation` (if any) to `app`. */
function post(app: App, energy: number, invitation?: string) {
  return app.request('/api/v1/reflections', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
    body: JSON.stringify({
      activityId: 'besoegsven',
      questionSetVersion: 0,
      answers: { energy },
      invitation,
    }),
  });
}
type App = Awaited<ReturnType<typeof reflectionApp>>;

describe('two instances on one database', () => {
  it('store a week published by both at once once, and both serve the snapshot stored', async () => {
    const [one, two] = await twoInstances();
    const stores = await Promise.all(
      [one, two].map(async (db) => openReflectionStore(db, await openActivityStore(db))),
    );
    const now = new Date('2026-12-14T09:00:00Z');
    // Each instance read the week differently (one answer was erased between
    // their reads), so each would publish other figures.
    const mine = publishWeek([row(4), row(4), row(4), row(1)]);
    const theirs = publishWeek([row(4), row(4), row(4)]);
    for (let i = 10; i < 30; i++) {
      const week = `2026-W${i}`;
      const [a, b] = await Promise.all([
        stores[0]!.publishWeeks('besoegsven', new Map([[week, mine]]), now),
        stores[1]!.publishWeeks('besoegsven', new Map([[week, theirs]]), now),
      ]);
      expect(a.get(week), week).toEqual(b.get(week));
      expect([mine, theirs], week).toContainEqual(a.get(week));
    }
    expect(await count(one, 'pulse_weeks')).toBe(20);
  });

  it('publish a finished week both read at once without an error, and show it alike', async () => {
    const [one, two] = await twoInstances();
    const clock = manualClock(Date.parse('2026-12-02T09:00:00Z'));
    const apps = [await reflectionApp(one, clock), await reflectionApp(two, clock)];
    for (let i = 0; i < 4; i++) {
      const res = await post(apps[i % 2]!, 4 - i, await invite(one));
      expect(res.status).toBe(201);
    }
    clock.advance(WEEK);
    const read = (i: number) =>
      apps[i % 2]!.request('/api/v1/activities/besoegsven/pulse?weeks=4', { headers: asAdmin() });
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => read(i)));
    expect(responses.map((res) => res.status)).toEqual(Array(10).fill(200));
    const bodies = await Promise.all(responses.map((res) => res.json()));
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0].series.at(-1)).toMatchObject({
      week: '2026-W49',
      answers: 4,
      meanEnergy: 2.5,
    });
    // The eight finished weeks of a four-week pulse and the four before them.
    expect(await count(one, 'pulse_weeks')).toBe(8);
  });

  it('count a reflection once when both get the same invitation at once', async () => {
    const [one, two] = await twoInstances();
    const apps = [await reflectionApp(one), await reflectionApp(two)];
    const settings = await apps[0]!.request('/api/v1/activities/besoegsven/reflection-settings', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify({ openReflections: false }),
    });
    expect(settings.status).toBe(200);
    for (let i = 0; i < 10; i++) {
      const token = await invite(i % 2 ? one : two);
      const responses = await Promise.all([post(apps[0]!, 4, token), post(apps[1]!, 2, token)]);
      expect(responses.map((res) => res.status).sort(), `token ${i}`).toEqual([201, 422]);
      const refused = responses.find((res) => res.status === 422)!;
      expect((await refused.json()).errors[0].code).toBe('error.reflection.invitation');
    }
    expect(await count(one, 'reflections')).toBe(10);
    expect(await count(two, 'reflection_invitations')).toBe(0);
  });

  it('give question sets saved on both at once one version each, one after the other', async () => {
    const [one, two] = await twoInstances();
    const apps = [await reflectionApp(one), await reflectionApp(two)];
    const save = (i: number) =>
      apps[i % 2]!.request('/api/v1/activities/besoegsven/reflection-questions', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...asAdmin() },
        body: JSON.stringify({
          questions: [
            { id: 'mening', kind: 'agree', theme: 'meaning', text: { da: `Mening ${i}?` } },
          ],
        }),
      });
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => save(i)));
    expect(responses.map((res) => res.status)).toEqual(Array(12).fill(201));
    const versions = await Promise.all(
      responses.map(async (res) => ((await res.json()) as { version: number }).version),
    );
    expect(versions.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await count(one, 'reflection_question_sets')).toBe(12);
  });

  it('seed the demo once when both start at once on one database', async () => {
    const [one, two] = await twoInstances();
    const clock = manualClock();
    const start = (db: Db) =>
      createApp({
        db,
        demo: true,
        features: FEATURES,
        adminToken: ADMIN_TOKEN,
        allowedOrigins: [],
        widgetsDir: join(tempDir(), 'no-widgets'),
        now: clock.now,
      });
    await Promise.all([start(one), start(two)]);
    expect(await count(one, 'reflection_question_sets')).toBe(3);
    // What one demo start plans to store at this time (the seed is deterministic but for ids).
    const planned = await seedDemoReflections(
      { activityTitle: async () => 'Aktivitet', seedDemo: async (_, rows) => rows.length },
      new Date(clock.now()),
    );
    expect(planned).toBeGreaterThan(150);
    expect(await count(one, 'reflections')).toBe(planned);
  });

  it('store the demo’s history whole or not at all', async () => {
    const [db] = await twoInstances();
    const store = await openReflectionStore(db, await openActivityStore(db));
    const reflection = (energy: number) => ({
      ...row(energy),
      origin: 'invited' as const,
      activityId: 'besoegsven',
      shiftId: undefined,
      setVersion: 1,
      answers: { energy },
    });
    const set = {
      activityId: 'besoegsven',
      questions: [
        {
          id: 'mening',
          kind: 'agree' as const,
          theme: 'meaning' as const,
          text: { da: 'Mening?' },
        },
      ],
      createdAt: new Date('2026-11-02T08:00:00Z'),
    };
    // The last reflection breaks the table's check (energy is 1–5).
    await expect(
      store.seedDemo([set], [reflection(3), reflection(4), reflection(9)]),
    ).rejects.toThrow();
    expect(await count(db, 'reflection_question_sets')).toBe(0);
    expect(await count(db, 'reflections')).toBe(0);
    expect(await store.seedDemo([set], [reflection(3), reflection(4)])).toBe(2);
    expect(await store.seedDemo([set], [reflection(5)])).toBe(0);
    expect(await count(db, 'reflections')).toBe(2);
  });
});
