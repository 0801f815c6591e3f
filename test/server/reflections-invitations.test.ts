// Reflections by invitation: only a reflection that brings a valid, unused
// invitation counts in the pulse, and the token is not kept with the answer.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/database.js';
import { reflectionsFeature } from '../../src/server/reflections/feature.js';
import { INVITATION_VALID_MS, openInvitations } from '../../src/server/reflections/invitations.js';
import { asAdmin, demoApp, manualClock, newKey, signedIn } from './support.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/**
 * The reflections feature over a fresh database holding the demo activities
 * (which, there before the feature, take open reflections), and a way to
 * issue invitations as a claim does.
 */
async function invitationApp() {
  const { app, db, clock, activities, retention } = await demoApp(
    { features: [reflectionsFeature], allowedOrigins: [], rateLimit: false },
    // Wednesday 2 December 2026, 10:00 in Copenhagen.
    { clock: manualClock(Date.parse('2026-12-02T09:00:00Z')) },
  );
  const invitations = await openInvitations(db);
  const invite = (activityId = 'besoegsven') =>
    db.write((trx) => invitations.issue(trx, activityId, new Date(clock.now())));
  return { app, db, clock, activities, invitations, invite, retention };
}
type App = Awaited<ReturnType<typeof invitationApp>>['app'];

const body = (overrides: Record<string, unknown> = {}) => ({
  activityId: 'besoegsven',
  questionSetVersion: 0,
  answers: { energy: 4, load: 'right', meaning: 'yes' },
  ...overrides,
});

function post(app: App, data: unknown, key = newKey(), headers: Record<string, string> = {}) {
  return app.request('/api/v1/reflections', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...headers },
    body: JSON.stringify(data),
  });
}

async function pulse(app: App, weeks = 1) {
  const res = await app.request(`/api/v1/activities/besoegsven/pulse?weeks=${weeks}`, {
    headers: asAdmin(),
  });
  expect(res.status).toBe(200);
  return res.json();
}

function setOpen(app: App, openReflections: unknown, activity = 'besoegsven') {
  return app.request(`/api/v1/activities/${activity}/reflection-settings`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...asAdmin() },
    body: JSON.stringify({ openReflections }),
  });
}

/** Every row of every table of `db`, as one text to search. */
async function everyRow(db: Db) {
  const tables =
    db.engine === 'sqlite'
      ? await sql<{ name: string }>`
          SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(
          db.kysely,
        )
      : await sql<{ name: string }>`
          SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema()`.execute(db.kysely);
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    dump[name] = (await sql`SELECT * FROM ${sql.table(name)}`.execute(db.kysely)).rows;
  }
  return JSON.stringify(dump);
}

describe('the padding attack on the rule of 3', () => {
  it('fails: two uninvited answers neither publish a week of one real answer nor move its figures', async () => {
    const { app, clock, invite } = await invitationApp();
    const real = await post(app, body({ answers: { energy: 1 }, invitation: await invite() }));
    expect(await real.json()).toMatchObject({ invited: true });
    // The padding, on an activity that takes open reflections: stored, but apart.
    for (const energy of [5, 5]) {
      const pad = await post(app, body({ answers: { energy } }));
      expect(pad.status).toBe(201);
      expect(await pad.json()).toMatchObject({ invited: false });
    }
    expect((await pulse(app)).running).toEqual({
      week: '2026-W49',
      start: '2026-11-30',
      answers: 1,
      openCount: 2,
    });
    clock.advance(WEEK);
    const p = await pulse(app);
    expect(p.series.at(-1)).toEqual({
      week: '2026-W49',
      start: '2026-11-30',
      answers: null,
      tooFew: true,
      meanEnergy: null,
      shareTooMuch: null,
      shareMeaningful: null,
      openCount: 2,
      notes: [],
    });
    expect(p.period.tooFew).toBe(true);
  });

  it('fails on an activity that takes no open reflections: they are refused, in Danish and English', async () => {
    const { app, invite } = await invitationApp();
    expect((await setOpen(app, false)).status).toBe(200);
    const none = await post(app, body());
    expect(none.status).toBe(422);
    expect(await none.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.reflection.invitation.required",
            "message": "Denne aktivitet tager kun imod refleksioner via linket i din invitation. Brug linket fra din e-mail efter vagten.",
            "path": "invitation",
          },
        ],
      }
    `);
    const made = await post(app, body({ invitation: 'no-such-invitation' }), newKey(), {
      'Accept-Language': 'en',
    });
    expect(made.status).toBe(422);
    expect(await made.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.reflection.invitation",
            "message": "The invitation has already been used, has expired or belongs to another activity. Ask your coordinator for a new link.",
            "path": "invitation",
          },
        ],
      }
    `);
    expect((await post(app, body({ invitation: await invite() }))).status).toBe(201);
    expect((await pulse(app)).running).toMatchObject({ answers: 1, openCount: 0 });
  });
});

describe('an invitation', () => {
  it('is used once: a second reflection with it is refused, or stored as open where that is allowed', async () => {
    const { app, invite } = await invitationApp();
    const token = await invite();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const first = await post(app, body({ invitation: token }));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ invited: true });
    const open = await post(app, body({ invitation: token }));
    expect(open.status).toBe(201);
    expect(await open.json()).toMatchObject({ invited: false });
    await setOpen(app, false);
    const refused = await post(app, body({ invitation: token }));
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors[0].code).toBe('error.reflection.invitation');
    expect((await pulse(app)).running).toMatchObject({ answers: 1, openCount: 1 });
  });

  it('replays an invited reflection for its key instead of refusing the used token', async () => {
    const { app, invite } = await invitationApp();
    await setOpen(app, false);
    const key = newKey();
    const data = body({ invitation: await invite() });
    const first = await post(app, data, key);
    expect(first.status).toBe(201);
    const again = await post(app, data, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect((await pulse(app)).running).toMatchObject({ answers: 1, openCount: 0 });
  });

  it('is refused once expired, and for another activity, which leaves it usable for its own', async () => {
    const { app, clock, invite } = await invitationApp();
    await setOpen(app, false);
    await setOpen(app, false, 'lektiecafe');
    const old = await invite();
    const token = await invite();
    const other = await post(app, body({ activityId: 'lektiecafe', invitation: token }));
    expect(other.status).toBe(422);
    expect((await other.json()).errors[0].code).toBe('error.reflection.invitation');
    expect((await post(app, body({ invitation: token }))).status).toBe(201);

    clock.advance(INVITATION_VALID_MS + DAY);
    const expired = await post(app, body({ invitation: old }));
    expect(expired.status).toBe(422);
    expect((await expired.json()).errors[0].code).toBe('error.reflection.invitation');
  });

  it('is valid for 30 days, to the end of the UTC day, and pruned once expired', async () => {
    const { app, db, clock, invite, invitations } = await invitationApp();
    await setOpen(app, false);
    const token = await invite();
    await invite();
    // Wednesday 2 December 09.00 UTC + 30 days: valid until 2 January 2027 00.00 UTC.
    clock.advance(INVITATION_VALID_MS + 14 * 3_600_000);
    expect(await invitations.prune(new Date(clock.now()))).toBe(0);
    expect((await post(app, body({ invitation: token }))).status).toBe(201);
    clock.advance(3_600_000);
    expect(await invitations.prune(new Date(clock.now()))).toBe(1);
    const { rows } = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM reflection_invitations`.execute(db.kysely);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('is not kept with the answer: neither the token nor its hash is anywhere in the database', async () => {
    const { app, db, invite } = await invitationApp();
    const token = await invite();
    const hash = createHash('sha256').update(token).digest('base64url');
    expect(await everyRow(db)).toContain(hash);
    const res = await post(
      app,
      body({ invitation: token, answers: { energy: 3, note: 'Godt' }, contact: 'ida@example.dk' }),
    );
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const rows = await everyRow(db);
    expect(rows).toContain(id);
    expect(rows).not.toContain(token);
    expect(rows).not.toContain(hash);
    // Nothing but how it came: the row has no column a claim could be found by.
    const { rows: stored } = await sql<Record<string, unknown>>`
      SELECT * FROM reflections WHERE id = ${id}`.execute(db.kysely);
    const { rowid: _, ...columns } = stored[0]!;
    expect(Object.keys(columns).sort()).toEqual([
      'activity_id',
      'answers',
      'contact',
      'created_at',
      'energy',
      'id',
      'load',
      'meaningful',
      'note',
      'note_question',
      'origin',
      'set_version',
      'shift_id',
    ]);
    expect(columns.origin).toBe('invited');
  });
});

describe('GET and PUT /api/v1/activities/:id/reflection-settings', () => {
  it('lets activities there before invitations take open reflections, and new ones not until set', async () => {
    const { app, clock, activities } = await invitationApp();
    const get = async (id: string) => {
      const res = await app.request(`/api/v1/activities/${id}/reflection-settings`, {
        headers: asAdmin(),
      });
      expect(res.status).toBe(200);
      return res.json();
    };
    expect(await get('besoegsven')).toEqual({
      activityId: 'besoegsven',
      openReflections: true,
      reflectionUrl: null,
    });
    await activities.create(
      { id: 'ny-aktivitet', title: 'Ny', description: 'Ny aktivitet', coreIdea: 'Ny' },
      new Date(clock.now()),
    );
    expect(await get('ny-aktivitet')).toEqual({
      activityId: 'ny-aktivitet',
      openReflections: false,
      reflectionUrl: null,
    });
    const refused = await post(app, body({ activityId: 'ny-aktivitet' }));
    expect(refused.status).toBe(422);

    const put = await setOpen(app, true, 'ny-aktivitet');
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({
      activityId: 'ny-aktivitet',
      openReflections: true,
      reflectionUrl: null,
    });
    expect((await post(app, body({ activityId: 'ny-aktivitet' }))).status).toBe(201);
  });

  it('refuses a value that is not true or false, anyone without the admin token and an unknown activity', async () => {
    const { app } = await invitationApp();
    const bad = await setOpen(app, 'ja');
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([
      {
        path: 'openReflections',
        code: 'error.reflection.settings',
        message: 'openReflections skal være true eller false.',
      },
    ]);
    const anon = await app.request('/api/v1/activities/besoegsven/reflection-settings');
    expect(anon.status).toBe(401);
    expect((await setOpen(app, true, 'findes-ikke')).status).toBe(404);
  });
});

describe('the leader page', () => {
  it('counts open reflections in a column of their own and says whether the activity takes them', async () => {
    const { app, db, clock, invite } = await invitationApp();
    for (let i = 0; i < 3; i++) await post(app, body({ invitation: await invite() }));
    await post(app, body({ answers: { energy: 1, note: 'Åben' }, contact: '12345678' }));
    clock.advance(WEEK);
    const { headers } = await signedIn(db, {
      role: 'coordinator',
      activities: ['besoegsven'],
      now: new Date(clock.now()),
    });
    const page = async () => {
      const res = await app.request('/leder/puls?activity=besoegsven&weeks=1', { headers });
      expect(res.status).toBe(200);
      return res.text();
    };
    let html = await page();
    expect(html).toContain('<th scope="col">Åbne svar</th>');
    // Three answers, energy 4 (the open one's 1 left out), one open.
    expect(html).toContain(
      '<td>3</td>\n<td>4,0</td><td>0\u00a0%</td><td>100\u00a0%</td>\n<td>1</td>',
    );
    expect(html).toContain('Aktiviteten tager også imod åbne refleksioner');
    expect(html).toContain('Åben (uden invitation), tæller ikke med i tallene');
    expect(html).not.toContain('<li class="note">Åben</li>');
    await setOpen(app, false);
    html = await page();
    expect(html).toContain('Aktiviteten tager ikke imod åbne refleksioner.');
  });
});

describe('retention', () => {
  it('forgets expired invitations', async () => {
    const { db, clock, invite, retention } = await invitationApp();
    await invite();
    clock.advance(INVITATION_VALID_MS + 2 * DAY);
    await retention.due();
    const { rows } = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM reflection_invitations`.execute(db.kysely);
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
