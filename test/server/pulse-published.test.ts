// A finished week's pulse, once published, does not change: erasing a
// reflection afterwards must not let its answers be read off the difference.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/database.js';
import { reflectionsFeature } from '../../src/server/reflections/feature.js';
import { openInvitations } from '../../src/server/reflections/invitations.js';
import { afterTest, asAdmin, demoApp, manualClock, newKey } from './support.js';

const WEEK = 7 * 86_400_000;

/** The reflections feature over a fresh database; `restart()` serves the same database anew. */
async function pulseApp() {
  const { app, db, clock, target, deps } = await demoApp(
    { features: [reflectionsFeature], allowedOrigins: [], rateLimit: false },
    // Wednesday 2 December 2026, 10.00 in Copenhagen: week 49.
    { clock: manualClock(Date.parse('2026-12-02T09:00:00Z')) },
  );
  const invitations = await openInvitations(db);
  inviters.set(app, () =>
    db.write((trx) => invitations.issue(trx, 'besoegsven', new Date(clock.now()))),
  );
  return {
    app,
    db,
    clock,
    restart: async () => {
      const again = await openDatabase(target);
      afterTest(() => again.close());
      return (await createApp({ ...deps, db: again })).app;
    },
  };
}
type App = Awaited<ReturnType<typeof pulseApp>>['app'];

/** Each app's way to issue an invitation to besoegsven, as a claim does. */
const inviters = new WeakMap<App, () => Promise<string>>();

/** Posts one reflection, invited unless `open`, and returns its id. */
async function reflect(app: App, answers: Record<string, unknown>, open = false) {
  const invitation = open ? undefined : await inviters.get(app)!();
  const res = await app.request('/api/v1/reflections', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
    body: JSON.stringify({ activityId: 'besoegsven', questionSetVersion: 0, answers, invitation }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function pulse(app: App, weeks = 2) {
  const res = await app.request(`/api/v1/activities/besoegsven/pulse?weeks=${weeks}`, {
    headers: asAdmin(),
  });
  expect(res.status).toBe(200);
  return res.json();
}

async function erase(app: App, id: string) {
  const res = await app.request(`/api/v1/reflections/${id}`, {
    method: 'DELETE',
    headers: asAdmin(),
  });
  expect(res.status).toBe(204);
}

describe('a published week', () => {
  it('keeps its figures, its period’s and the trend when a reflection is erased', async () => {
    const { app, clock } = await pulseApp();
    // Week 49, the period before: three the same.
    for (let i = 0; i < 3; i++) await reflect(app, { energy: 3, load: 'right', meaning: 'yes' });
    clock.advance(WEEK);
    // Week 50: three alike and the one a volunteer will ask to have erased.
    for (let i = 0; i < 3; i++) await reflect(app, { energy: 4, load: 'right', meaning: 'yes' });
    const erased = await reflect(app, { energy: 1, load: 'too-much', meaning: 'no' });
    clock.advance(WEEK);

    const before = await pulse(app, 1);
    expect(before.series).toEqual([
      {
        week: '2026-W50',
        start: '2026-12-07',
        answers: 4,
        tooFew: false,
        meanEnergy: 3.25,
        shareTooMuch: 0.25,
        shareMeaningful: 0.75,
        openCount: 0,
        notes: [],
      },
    ]);
    expect(before.trend).toEqual({ meanEnergy: 0.25, shareTooMuch: 0.25, shareMeaningful: -0.25 });

    await erase(app, erased);
    expect(await pulse(app, 1)).toEqual(before);
  });

  it('keeps showing figures that fewer than three answers would no longer allow', async () => {
    const { app, clock } = await pulseApp();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await reflect(app, { energy: 5, load: 'right' }));
    clock.advance(WEEK);
    const before = await pulse(app, 1);
    expect(before.series[0]).toMatchObject({ week: '2026-W49', answers: 3, meanEnergy: 5 });
    await erase(app, ids[0]!);
    expect((await pulse(app, 1)).series).toEqual(before.series);
  });

  it('is kept in the database, so a restarted server shows it unchanged too', async () => {
    const { app, clock, restart } = await pulseApp();
    await reflect(app, { energy: 2 });
    await reflect(app, { energy: 2 });
    const erased = await reflect(app, { energy: 5 });
    clock.advance(WEEK);
    const before = await pulse(app, 1);
    expect(before.series[0].meanEnergy).toBe(3);
    await erase(app, erased);
    expect((await pulse(await restart(), 1)).series).toEqual(before.series);
  });

  it('shows no notes once a reflection is erased, so which note went tells nothing', async () => {
    const { app, clock } = await pulseApp();
    await reflect(app, { energy: 3, note: 'Kaffen var kold' });
    await reflect(app, { energy: 3, note: 'Dejlig dag' });
    const erased = await reflect(app, { energy: 3, note: 'Jeg overvejer at stoppe' });
    clock.advance(WEEK);
    const before = await pulse(app, 1);
    expect(before.series[0].notes).toEqual([
      'Dejlig dag',
      'Jeg overvejer at stoppe',
      'Kaffen var kold',
    ]);
    await erase(app, erased);
    const after = await pulse(app, 1);
    expect(after.series[0]).toEqual({ ...before.series[0], notes: [] });
    expect(JSON.stringify(after)).not.toContain('Jeg overvejer at stoppe');
  });

  it('is published only when it is first shown after it ends: an answer erased before that is left out', async () => {
    const { app, clock } = await pulseApp();
    for (let i = 0; i < 3; i++) await reflect(app, { energy: 4 });
    const erased = await reflect(app, { energy: 1 });
    // Read while the week runs: nothing of it is published yet.
    expect((await pulse(app, 1)).running.answers).toBe(4);
    await erase(app, erased);
    clock.advance(WEEK);
    expect((await pulse(app, 1)).series[0]).toMatchObject({ answers: 3, meanEnergy: 4 });
  });

  it('keeps its count of open reflections when one is erased', async () => {
    const { app, clock } = await pulseApp();
    for (let i = 0; i < 3; i++) await reflect(app, { energy: 4 });
    const open = await reflect(app, { energy: 1, note: 'Åben' }, true);
    await reflect(app, { energy: 1 }, true);
    clock.advance(WEEK);
    const before = await pulse(app, 1);
    expect(before.series[0]).toMatchObject({ answers: 3, meanEnergy: 4, openCount: 2, notes: [] });
    await erase(app, open);
    expect(await pulse(app, 1)).toEqual(before);
  });

  it('published before invitations shows as it was, no open reflections, its notes kept', async () => {
    const { app, db, clock } = await pulseApp();
    // Three answers from before invitations ('legacy', the column's default).
    for (const note of ['Godt', 'Fint', '']) {
      await sql`
        INSERT INTO reflections (id, activity_id, set_version, answers, energy, note, created_at)
        VALUES (${crypto.randomUUID()}, 'besoegsven', 0, '{}', 3, ${note},
          '2026-12-01T09:00:00.000Z')`.execute(db.kysely);
    }
    // Week 49 as an earlier version published it: no count of open reflections.
    const figures = {
      figures: {
        answers: 3,
        tooFew: false,
        meanEnergy: 3,
        shareTooMuch: null,
        shareMeaningful: null,
      },
      shown: {
        answers: 3,
        energyCount: 3,
        energySum: 9,
        loadCount: 0,
        tooMuch: 0,
        meaningfulCount: 0,
        meaningful: 0,
      },
      reflections: 3,
    };
    await sql`
      INSERT INTO pulse_weeks (activity_id, week, figures, published_at)
      VALUES ('besoegsven', '2026-W49', ${JSON.stringify(figures)}, '2026-12-07T09:00:00.000Z')`.execute(
      db.kysely,
    );
    clock.advance(WEEK);
    expect((await pulse(app, 1)).series[0]).toEqual({
      week: '2026-W49',
      start: '2026-11-30',
      answers: 3,
      tooFew: false,
      meanEnergy: 3,
      shareTooMuch: null,
      shareMeaningful: null,
      openCount: 0,
      notes: ['Fint', 'Godt'],
    });
  });
});
