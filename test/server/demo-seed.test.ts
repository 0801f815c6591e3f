// A demo server (`SAMSKAB_DEMO=1`) shows the leader a pulse worth reading:
// question sets of the activities' own and weeks of answers, seeded once.
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Pulse, PulseWeek } from '../../src/schemas/pulse.js';
import { QuestionSetInput } from '../../src/schemas/question-set.js';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { openActivityStore } from '../../src/server/activities/store.js';
import { createApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/database.js';
import { FEATURES } from '../../src/server/features.js';
import { DEMO_QUESTIONS } from '../../src/server/reflections/demo.js';
import { newDatabaseTarget } from '../support/databases.js';
import { ADMIN_TOKEN, afterTest, asAdmin, manualClock, signedIn, tempDir } from './support.js';

const WEEK = 7 * 86_400_000;

/** A new, empty database's path or URL; removed after the test. */
async function emptyDatabase(): Promise<string> {
  const { target, remove } = await newDatabaseTarget();
  afterTest(remove);
  return target;
}

/**
 * Starts an app on the database `target` names, as `npm start` would: the
 * demo activities first, then every feature; `activities` seeds them without
 * the rest of the demo.
 */
async function start(
  target: string,
  {
    demo = true,
    activities = demo,
    now = manualClock().now,
  }: { demo?: boolean; activities?: boolean; now?: () => number } = {},
) {
  const db = await openDatabase(target);
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= db.close();
    return closed;
  };
  afterTest(close);
  if (activities) await (await openActivityStore(db)).seed(DEMO_ACTIVITIES, new Date(now()));
  const { app } = await createApp({
    db,
    demo,
    features: FEATURES,
    adminToken: ADMIN_TOKEN,
    allowedOrigins: [],
    widgetsDir: join(tempDir(), 'no-widgets'),
    now,
  });
  const count = async (table: string) => {
    const { rows } = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db.kysely);
    return Number(rows[0]!.n);
  };
  return { app, db, count, close };
}

type App = Awaited<ReturnType<typeof start>>['app'];

async function pulse(app: App, activity: string): Promise<Pulse> {
  const res = await app.request(`/api/v1/activities/${activity}/pulse`, { headers: asAdmin() });
  expect(res.status).toBe(200);
  return res.json() as Promise<Pulse>;
}

describe('the demo seed', () => {
  it('gives each demo activity its own valid question set', async () => {
    const { app, close } = await start(await emptyDatabase());
    for (const { id } of DEMO_ACTIVITIES) {
      const questions = DEMO_QUESTIONS[id]!;
      expect(QuestionSetInput.safeParse({ questions }).success, id).toBe(true);
      const res = await app.request(`/api/v1/activities/${id}/reflection-questions`);
      expect(await res.json()).toMatchObject({ activityId: id, version: 1, questions });
    }
    await close();
  });

  it('shows figures for most of the last eight finished weeks, a trend and follow-ups', async () => {
    const { app, db, close } = await start(await emptyDatabase());
    for (const { id } of DEMO_ACTIVITIES) {
      const p = await pulse(app, id);
      const shown = p.series.filter((w: PulseWeek) => !w.tooFew && w.meanEnergy !== null);
      expect(shown.length, id).toBeGreaterThanOrEqual(7);
      expect(p.period.tooFew, id).toBe(false);
      expect(p.previous.tooFew, id).toBe(false);
      expect(p.trend.meanEnergy, id).not.toBeNull();
      expect(p.trend.shareTooMuch, id).not.toBeNull();
      expect(p.trend.shareMeaningful, id).not.toBeNull();
      expect(
        p.series.some((w) => w.notes.length > 0),
        id,
      ).toBe(true);
    }
    // The care home's story: energy falls as the load grows.
    const care = await pulse(app, 'besoegsven');
    expect(care.trend.meanEnergy).toBeLessThan(0);
    expect(care.trend.shareTooMuch).toBeGreaterThan(0);
    expect(care.followUps.map((f) => f.contact)).toEqual([
      'birgitte.holm@eksempel.invalid',
      'jonas.k@eksempel.invalid',
    ]);
    expect(care.followUps[0]?.question).toBe('Er der noget, din koordinator bør vide?');

    // The care home's coordinator, signed in to the workplace.
    const { headers } = await signedIn(db, { role: 'coordinator', activities: ['besoegsven'] });
    const res = await app.request('/leder/puls?activity=besoegsven', { headers });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('birgitte.holm@eksempel.invalid');
    expect(page).not.toContain('Ingen har bedt om at blive kontaktet');
    // All eight finished weeks at the care home have their row of figures; none is too small.
    expect(page.match(/<tr>\n<th scope="row"><time datetime="\d{4}-W\d\d">/g)).toHaveLength(8);
    expect(page).not.toContain('class="too-few"');
    await close();
  });

  it('seeds nothing on a second start, even a week later', async () => {
    const dbPath = await emptyDatabase();
    const first = await start(dbPath);
    const seeded = {
      sets: await first.count('reflection_question_sets'),
      rows: await first.count('reflections'),
    };
    expect(seeded.rows).toBeGreaterThan(150);
    await first.close();

    const clock = manualClock();
    clock.advance(WEEK);
    const again = await start(dbPath, { now: clock.now });
    expect(await again.count('reflection_question_sets')).toBe(seeded.sets);
    expect(await again.count('reflections')).toBe(seeded.rows);
    await again.close();
  });

  it('seeds nothing without demo, nor into a server whose coordinator has begun', async () => {
    const dbPath = await emptyDatabase();
    const plain = await start(dbPath, { demo: false, activities: true });
    expect(await plain.count('reflections')).toBe(0);
    const res = await plain.app.request('/api/v1/activities/naturpleje/reflection-questions', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify({ questions: DEMO_QUESTIONS.naturpleje!.slice(0, 2) }),
    });
    expect(res.status).toBe(201);
    await plain.close();

    const demo = await start(dbPath);
    expect(await demo.count('reflections')).toBe(0);
    expect(await demo.count('reflection_question_sets')).toBe(1);
    await demo.close();
  });
});
