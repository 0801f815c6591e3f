import { describe, expect, it } from 'vitest';
import { da } from '../../src/i18n/da.js';
import { serverDa } from '../../src/i18n/server/da.js';
import { reflectionServerDa } from '../../src/i18n/server/reflection-da.js';
import { reflectionServerEn } from '../../src/i18n/server/reflection-en.js';
import { reflectionsFeature } from '../../src/server/reflections/feature.js';
import { openInvitations } from '../../src/server/reflections/invitations.js';
import {
  ADMIN_TOKEN,
  asAdmin,
  demoApp,
  manualClock,
  newKey,
  signedIn,
  signedInAt,
} from './support.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** An app running only the reflections feature over a fresh, demo-seeded database. */
async function reflectionApp(retentionMonths = 12) {
  const { app, db, clock } = await demoApp(
    { features: [reflectionsFeature], rateLimit: false, retentionMonths },
    // Wednesday 2 December 2026, 10:00 in Copenhagen.
    { clock: manualClock(Date.parse('2026-12-02T09:00:00Z')) },
  );
  const invitations = await openInvitations(db);
  inviters.set(app, () =>
    db.write((trx) => invitations.issue(trx, 'besoegsven', new Date(clock.now()))),
  );
  return { app, db, clock };
}
type App = Awaited<ReturnType<typeof reflectionApp>>['app'];

/** Each app's way to issue an invitation to besoegsven, as a claim does. */
const inviters = new WeakMap<App, () => Promise<string>>();
const invite = (app: App) => inviters.get(app)!();

const reflection = (overrides: Record<string, unknown> = {}) => ({
  activityId: 'besoegsven',
  questionSetVersion: 0,
  answers: { meaning: 'yes', energy: 4, load: 'right', ownership: 'partly', belonging: 'yes' },
  ...overrides,
});

function post(app: App, body: unknown, key = newKey(), headers: Record<string, string> = {}) {
  return app.request('/api/v1/reflections', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...headers },
    body: JSON.stringify(body),
  });
}

function putQuestions(app: App, body: unknown, headers: Record<string, string> = asAdmin()) {
  return app.request('/api/v1/activities/besoegsven/reflection-questions', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function pulse(app: App, weeks = 4, headers: Record<string, string> = {}) {
  const res = await app.request(`/api/v1/activities/besoegsven/pulse?weeks=${weeks}`, {
    headers: { ...asAdmin(), ...headers },
  });
  expect(res.status).toBe(200);
  return res.json();
}

/** Posts `n` invited reflections with the given energy, load and meaning answers. */
async function reflect(
  app: App,
  n: number,
  answers: Record<string, unknown> = { energy: 3, load: 'right', meaning: 'yes' },
) {
  for (let i = 0; i < n; i++) {
    const invitation = await invite(app);
    expect((await post(app, reflection({ answers, invitation }))).status).toBe(201);
  }
}

const ownQuestions = {
  questions: [
    {
      id: 'glaede',
      kind: 'scale',
      theme: 'energy',
      text: { da: 'Hvor glad gik du hjem?', en: 'How happy did you go home?' },
      low: { da: 'slet ikke' },
      high: { da: 'meget' },
    },
    { id: 'mening', kind: 'agree', theme: 'meaning', text: { da: 'Gav det mening?' } },
    { id: 'andet', kind: 'text', text: { da: 'Noget andet?' } },
  ],
};

describe('question sets', () => {
  it('serves the Danish default with English as version 0 until a coordinator sets one', async () => {
    const { app } = await reflectionApp();
    const res = await app.request('/api/v1/activities/besoegsven/reflection-questions');
    expect(res.status).toBe(200);
    const set = await res.json();
    expect(set.version).toBe(0);
    expect(set.questions.map((q: { id: string }) => q.id)).toEqual([
      'meaning',
      'energy',
      'load',
      'ownership',
      'belonging',
      'note',
    ]);
    expect(set.questions[0].text).toEqual({
      da: 'Gav det mening for dig i dag?',
      en: 'Did it feel meaningful to you today?',
    });
  });

  it('versions every change, and an answer keeps the wording it was given to', async () => {
    const { app } = await reflectionApp();
    const first = await putQuestions(app, ownQuestions);
    expect(first.status).toBe(201);
    expect((await first.json()).version).toBe(1);
    // The same set again is no new version.
    const same = await putQuestions(app, ownQuestions);
    expect(same.status).toBe(200);
    expect((await same.json()).version).toBe(1);

    const note = { id: 'andet', kind: 'text', text: { da: 'Hvad skal vi gøre bedre?' } };
    const second = await putQuestions(app, {
      questions: [...ownQuestions.questions.slice(0, 2), note],
    });
    expect((await second.json()).version).toBe(2);

    // A volunteer who saw version 1 offline sends it after version 2 exists.
    const sent = await post(
      app,
      reflection({
        questionSetVersion: 1,
        answers: { glaede: 5, andet: 'Mere kaffe' },
        contact: '12 34 56 78',
      }),
    );
    expect(sent.status).toBe(201);
    const { followUps } = await pulse(app);
    expect(followUps).toMatchObject([
      { contact: '12 34 56 78', note: 'Mere kaffe', question: 'Noget andet?' },
    ]);
    const old = await app.request('/api/v1/activities/besoegsven/reflection-questions/1');
    expect((await old.json()).questions[2].text.da).toBe('Noget andet?');
    const current = await app.request('/api/v1/activities/besoegsven/reflection-questions');
    expect((await current.json()).questions[2].text.da).toBe('Hvad skal vi gøre bedre?');
  });

  it('refuses bad question sets with errors that say where and why', async () => {
    const { app } = await reflectionApp();
    const res = await putQuestions(app, {
      questions: [
        { id: 'energi', kind: 'agree', theme: 'energy', text: { da: 'Energi?' } },
        { id: 'a', kind: 'load', text: { da: 'Mængde?' } },
        { id: 'a', kind: 'load', text: { da: '  ' } },
        { id: 'Tekst 1', kind: 'text', text: { da: 'Noget?' } },
        { id: 'x', kind: 'slider', text: { da: 'Glider?' } },
      ],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.question.agreeTheme",
            "message": "Et ja/delvist/nej-spørgsmål kan måle "meaning", "ownership", "belonging" eller "other"; energi kræver en skala ("scale").",
            "path": "questions.0.theme",
          },
          {
            "code": "error.question.text",
            "message": "Skriv spørgsmålets tekst (da er påkrævet, en er frivillig).",
            "path": "questions.2.text.da",
          },
          {
            "code": "error.question.id",
            "message": "Spørgsmålets id skal være 1–32 tegn: små bogstaver, tal og bindestreg, begyndende med et bogstav.",
            "path": "questions.3.id",
          },
          {
            "code": "error.question.kind",
            "message": "Ukendt spørgsmålstype. Brug "scale", "agree", "load" eller "text".",
            "path": "questions.4.kind",
          },
        ],
      }
    `);
  });

  it('refuses a repeated id, a second text question and a theme measured twice, in English when asked', async () => {
    const { app } = await reflectionApp();
    const res = await putQuestions(
      app,
      {
        questions: [
          { id: 'a', kind: 'agree', theme: 'meaning', text: { da: 'Mening?' } },
          { id: 'a', kind: 'agree', theme: 'meaning', text: { da: 'Mening igen?' } },
          { id: 'b', kind: 'text', text: { da: 'Noget?' } },
          { id: 'c', kind: 'text', text: { da: 'Andet?' } },
        ],
      },
      { ...asAdmin(), 'Accept-Language': 'en' },
    );
    expect(res.status).toBe(400);
    const { errors } = await res.json();
    expect(errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual([
      'questions.1.id error.question.idTaken',
      'questions.1.theme error.question.themeTaken',
      'questions.3.kind error.question.oneText',
    ]);
    expect(errors[2].message).toBe('A question set can have at most one text question.');
  });

  it('refuses an empty set, a set of nine and anyone without the admin token', async () => {
    const { app } = await reflectionApp();
    const empty = await putQuestions(app, { questions: [] });
    expect((await empty.json()).errors[0]).toMatchObject({
      path: 'questions',
      code: 'error.questions.count',
    });
    const nine = Array.from({ length: 9 }, (_, i) => ({
      id: `q${i}`,
      kind: 'agree',
      theme: 'other',
      text: { da: `Spørgsmål ${i}?` },
    }));
    expect((await (await putQuestions(app, { questions: nine })).json()).errors[0].code).toBe(
      'error.questions.count',
    );
    expect((await putQuestions(app, ownQuestions, {})).status).toBe(401);
    const unknown = await app.request('/api/v1/activities/nope/reflection-questions', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify(ownQuestions),
    });
    expect(unknown.status).toBe(404);
  });
});

describe('POST /api/v1/reflections', () => {
  it('stores a reflection once, replaying the first answer for the same key', async () => {
    const { app, clock } = await reflectionApp();
    const key = newKey();
    const invited = reflection({ invitation: await invite(app) });
    const first = await post(app, invited, key);
    expect(first.status).toBe(201);
    const receipt = await first.json();
    const again = await post(app, invited, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(receipt);
    const other = await post(app, reflection({ answers: { energy: 1 } }), key);
    expect(other.status).toBe(422);
    await reflect(app, 2, { energy: 4 });
    expect((await pulse(app)).running.answers).toBe(3);
    clock.advance(WEEK);
    expect((await pulse(app)).period.answers).toBe(3);
  });

  it('refuses answers that do not fit the questions, an empty reflection and bad contact details', async () => {
    const { app } = await reflectionApp();
    const wrong = await post(app, reflection({ answers: { energy: 'lots', nope: 'yes' } }));
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors.map((e: { path: string }) => e.path)).toEqual([
      'answers.energy',
      'answers.nope',
    ]);
    const empty = await post(app, reflection({ answers: { note: '   ' } }));
    expect((await empty.json()).errors[0].code).toBe('error.reflection.empty');
    const contact = await post(app, reflection({ contact: 'ring til mig' }));
    expect((await contact.json()).errors[0]).toMatchObject({
      path: 'contact',
      code: 'error.reflection.contact.invalid',
      message: 'Skriv et gyldigt telefonnummer eller en gyldig e-mailadresse.',
    });
    const version = await post(app, reflection({ questionSetVersion: 7 }));
    expect((await version.json()).errors[0]).toMatchObject({
      path: 'questionSetVersion',
      code: 'error.questionSet.version',
    });
  });
});

describe('GET /api/v1/activities/:id/pulse', () => {
  it('shows no figures for 2 answers in a finished week, and figures for 3', async () => {
    const { app, clock } = await reflectionApp();
    await reflect(app, 2, { energy: 5, load: 'too-much', meaning: 'no' });
    clock.advance(WEEK);
    let week = (await pulse(app)).series.at(-1);
    expect(week).toEqual({
      week: '2026-W49',
      start: '2026-11-30',
      answers: null,
      tooFew: true,
      meanEnergy: null,
      shareTooMuch: null,
      shareMeaningful: null,
      openCount: 0,
      notes: [],
    });

    await reflect(app, 2, { energy: 5, load: 'too-much', meaning: 'no' });
    await reflect(app, 1, { energy: 2, load: 'right', meaning: 'yes', note: 'Hyggeligt' });
    clock.advance(WEEK);
    week = (await pulse(app)).series.at(-1);
    expect(week).toEqual({
      week: '2026-W50',
      start: '2026-12-07',
      answers: 3,
      tooFew: false,
      meanEnergy: 4,
      shareTooMuch: 0.667,
      shareMeaningful: 0.333,
      openCount: 0,
      notes: ['Hyggeligt'],
    });
  });

  it('hides a figure fewer than 3 gave, even in a week with enough answers', async () => {
    const { app, clock } = await reflectionApp();
    await reflect(app, 2, { energy: 4 });
    await reflect(app, 1, { meaning: 'yes' });
    clock.advance(WEEK);
    const week = (await pulse(app)).series.at(-1);
    expect(week).toMatchObject({ answers: 3, meanEnergy: null, shareMeaningful: null });
  });

  it('compares the period with the one before it, adding only weeks that showed figures', async () => {
    const { app, clock } = await reflectionApp();
    // Previous period (two weeks): energy 2, too much for all.
    await reflect(app, 3, { energy: 2, load: 'too-much', meaning: 'no' });
    clock.advance(WEEK);
    // A hidden week: two answers that must not move any period figure.
    await reflect(app, 2, { energy: 5, load: 'right', meaning: 'yes' });
    clock.advance(WEEK);
    // This period: energy 4, load right.
    await reflect(app, 3, { energy: 4, load: 'right', meaning: 'yes' });
    clock.advance(WEEK);
    await reflect(app, 3, { energy: 3, load: 'too-much', meaning: 'yes' });
    clock.advance(WEEK);

    const p = await pulse(app, 2);
    expect(p.series.map((w: { week: string }) => w.week)).toEqual(['2026-W51', '2026-W52']);
    expect(p.period).toEqual({
      answers: 6,
      tooFew: false,
      meanEnergy: 3.5,
      shareTooMuch: 0.5,
      shareMeaningful: 1,
    });
    expect(p.previous).toMatchObject({ answers: 3, meanEnergy: 2, shareTooMuch: 1 });
    expect(p.trend).toEqual({ meanEnergy: 1.5, shareTooMuch: -0.5, shareMeaningful: 1 });
  });

  it('gives no trend when the period before had too few answers', async () => {
    const { app, clock } = await reflectionApp();
    await reflect(app, 3);
    clock.advance(WEEK);
    const p = await pulse(app, 1);
    expect(p.previous.tooFew).toBe(true);
    expect(p.trend).toEqual({ meanEnergy: null, shareTooMuch: null, shareMeaningful: null });
  });

  it('lists volunteers who asked to be contacted at once, though their week is still running', async () => {
    const { app } = await reflectionApp();
    const sent = await post(
      app,
      reflection({
        answers: { energy: 1, note: 'Jeg er ved at brænde ud.' },
        contact: 'ida@example.dk',
        shiftId: 'vagt-1',
        invitation: await invite(app),
      }),
    );
    const { id } = await sent.json();
    const p = await pulse(app);
    expect(p.running).toEqual({ week: '2026-W49', start: '2026-11-30', answers: 1, openCount: 0 });
    expect(p.followUps).toEqual([
      {
        id,
        createdAt: '2026-12-02T10:00:00+01:00',
        shiftId: 'vagt-1',
        contact: 'ida@example.dk',
        open: false,
        note: 'Jeg er ved at brænde ud.',
        question: 'Er der noget, din koordinator bør vide?',
      },
    ]);
    // Followed up: the contact details go, the anonymous answer stays.
    const done = await app.request(`/api/v1/reflections/${id}/contact`, {
      method: 'DELETE',
      headers: asAdmin(),
    });
    expect(done.status).toBe(204);
    expect((await pulse(app)).followUps).toEqual([]);
    const erased = await app.request(`/api/v1/reflections/${id}`, {
      method: 'DELETE',
      headers: asAdmin(),
    });
    expect(erased.status).toBe(204);
  });

  it('forgets contact details after the retention period and keeps the anonymous answers', async () => {
    const { app, clock } = await reflectionApp(6);
    await reflect(app, 2);
    await post(
      app,
      reflection({
        answers: { energy: 2 },
        contact: 'ole@example.dk',
        invitation: await invite(app),
      }),
    );
    expect((await pulse(app)).followUps).toHaveLength(1);
    clock.advance(190 * DAY);
    const later = await pulse(app, 30);
    expect(later.followUps).toEqual([]);
    expect(later.series.map((w: { answers: number | null }) => w.answers ?? 0)).toContain(3);
  });

  it('refuses a bad weeks value and anyone without the admin token', async () => {
    const { app } = await reflectionApp();
    const bad = await app.request('/api/v1/activities/besoegsven/pulse?weeks=99', {
      headers: asAdmin(),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].code).toBe('error.pulse.weeks');
    const anon = await app.request('/api/v1/activities/besoegsven/pulse');
    expect(anon.status).toBe(401);
  });
});

describe('the running week', () => {
  /** Everything the pulse shows but the running week's count. */
  const withoutCount = ({ running, ...rest }: { running: { answers: number } }) => ({
    ...rest,
    running: { ...running, answers: 'n' },
  });

  it('reveals nothing of one more answer but the count, until the week has ended', async () => {
    const { app, db, clock } = await reflectionApp();
    // A finished week, so the period has figures one answer could move.
    await reflect(app, 3, { energy: 4, load: 'right', meaning: 'yes' });
    clock.advance(WEEK);
    await reflect(app, 1, { energy: 5, load: 'right', meaning: 'yes' });
    await reflect(app, 2, { energy: 4, load: 'right', meaning: 'yes', note: 'Fint' });
    const before = await pulse(app);
    expect(before.running).toEqual({
      week: '2026-W50',
      start: '2026-12-07',
      answers: 3,
      openCount: 0,
    });

    // The reviewer's case: a fourth answer, energy 1, "for meget", "nej" and a note.
    await reflect(app, 1, { energy: 1, load: 'too-much', meaning: 'no', note: 'Det er for meget' });
    const after = await pulse(app);
    expect(after.running.answers).toBe(4);
    expect(withoutCount(after)).toEqual(withoutCount(before));
    expect(JSON.stringify(after)).not.toContain('Det er for meget');
    const { headers } = await signedInAt({ db, clock }, 'kim@example.dk', 'Kim', ['besoegsven']);
    const res = await app.request('/leder/puls?activity=besoegsven&weeks=4', { headers });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('2026-W50');
    expect(page).not.toContain('Det er for meget');

    // Once the week has ended, its figures and notes are shown, and stay.
    clock.advance(WEEK);
    const ended = await pulse(app);
    expect(ended.series.at(-1)).toEqual({
      week: '2026-W50',
      start: '2026-12-07',
      answers: 4,
      tooFew: false,
      meanEnergy: 3.5,
      shareTooMuch: 0.25,
      shareMeaningful: 0.75,
      openCount: 0,
      notes: ['Det er for meget', 'Fint', 'Fint'],
    });
    expect(ended.running).toEqual({
      week: '2026-W51',
      start: '2026-12-14',
      answers: 0,
      openCount: 0,
    });
  });

  it('ends the week at midnight between Sunday and Monday in Copenhagen, not in UTC', async () => {
    const { app, clock } = await reflectionApp();
    await reflect(app, 3);
    // Sunday 6 December, 23.30 in Copenhagen (22.30 UTC): still week 49.
    clock.advance(Date.parse('2026-12-06T22:30:00Z') - Date.parse('2026-12-02T09:00:00Z'));
    let p = await pulse(app, 1);
    expect(p.running).toMatchObject({ week: '2026-W49', answers: 3 });
    expect(p.series.map((w: { week: string }) => w.week)).toEqual(['2026-W48']);
    // Monday 00.30 in Copenhagen, though UTC still says Sunday.
    clock.advance(60 * 60 * 1000);
    p = await pulse(app, 1);
    expect(p.running).toMatchObject({ week: '2026-W50', answers: 0 });
    expect(p.series).toMatchObject([{ week: '2026-W49', answers: 3 }]);
  });
});

describe('GET /leder/puls', () => {
  it('sends a request without a live session to the sign-in page, and takes no Basic auth', async () => {
    const { app, db, clock } = await reflectionApp();
    const anon = await app.request('/leder/puls?activity=besoegsven&weeks=4');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('Location')).toBe(
      `/leder/log-ind?next=${encodeURIComponent('/leder/puls?activity=besoegsven&weeks=4')}`,
    );
    expect(anon.headers.get('WWW-Authenticate')).toBeNull();
    const basic = `Basic ${Buffer.from(`leder:${ADMIN_TOKEN}`).toString('base64')}`;
    const withBasic = await app.request('/leder/puls', { headers: { Authorization: basic } });
    expect(withBasic.status).toBe(303);
    expect(withBasic.headers.get('Location')).toBe('/leder/log-ind?next=%2Fleder%2Fpuls');
    // A session that has ended: the same, and the stale cookie is cleared.
    const { headers } = await signedIn(db, { role: 'admin', now: new Date(clock.now()) });
    expect((await app.request('/leder/puls', { headers })).status).toBe(200);
    clock.advance(31 * 60_000);
    const ended = await app.request('/leder/puls', { headers });
    expect(ended.status).toBe(303);
    expect(ended.headers.get('Location')).toBe('/leder/log-ind?next=%2Fleder%2Fpuls');
    expect(ended.headers.get('Set-Cookie')).toMatch(/^samskab_leder=;.*Max-Age=0/);
  });

  it('shows a coordinator only their own activities, and 404 for another’s', async () => {
    const { app, db, clock } = await reflectionApp();
    const now = new Date(clock.now());
    const coordinator = await signedIn(db, {
      role: 'coordinator',
      activities: ['besoegsven'],
      now,
    });
    const list = await app.request('/leder/puls', { headers: coordinator.headers });
    expect(list.status).toBe(200);
    const links = [...(await list.text()).matchAll(/href="\/leder\/puls\?activity=([\w-]+)"/g)];
    expect(links.map((m) => m[1])).toEqual(['besoegsven']);
    const own = await app.request('/leder/puls?activity=besoegsven', {
      headers: coordinator.headers,
    });
    expect(own.status).toBe(200);
    const other = await app.request('/leder/puls?activity=lektiecafe', {
      headers: coordinator.headers,
    });
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('Lektiecafé');
    // An admin sees every activity.
    const admin = await signedIn(db, { role: 'admin', now });
    const all = await (await app.request('/leder/puls', { headers: admin.headers })).text();
    expect(
      [...all.matchAll(/href="\/leder\/puls\?activity=([\w-]+)"/g)].map((m) => m[1]).sort(),
    ).toEqual(['besoegsven', 'lektiecafe', 'naturpleje']);
    expect(
      (await app.request('/leder/puls?activity=lektiecafe', { headers: admin.headers })).status,
    ).toBe(200);
  });

  it('draws the pulse as a chart beside a table, under the strict CSP, with follow-ups', async () => {
    const { app, db, clock } = await reflectionApp();
    await reflect(app, 3, { energy: 4, load: 'too-much', meaning: 'yes' });
    await post(
      app,
      reflection({
        answers: { load: 'right', note: 'Ring <gerne>' },
        contact: '12345678',
        invitation: await invite(app),
      }),
    );
    clock.advance(WEEK);
    await reflect(app, 2);
    const { headers } = await signedInAt({ db, clock }, 'kim@example.dk', 'Kim', ['besoegsven']);
    const res = await app.request('/leder/puls?activity=besoegsven&weeks=4', { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const page = await res.text();
    expect(page).toContain('<svg viewBox="0 0 320 160" role="img"');
    expect(page).toContain('<caption id="table-caption">Pulsen uge for uge</caption>');
    expect(page).toContain('<td>4,0</td>');
    expect(page).toContain('<td>75\u00a0%</td>');
    expect(page).toContain('2026-W50 (igangværende uge)</time></th>\n<td>2</td>');
    expect(page).toContain('tal og bemærkninger vises, når ugen er slut');
    expect(page).toContain('12345678');
    // Every value is escaped.
    expect(page).toContain('Ring &lt;gerne&gt;');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('style=');
  });
});

describe('the reflections server catalog', () => {
  it('has the same keys and placeholders in Danish and English, none shared with other catalogs', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const d: Record<string, string> = reflectionServerDa;
    const e: Record<string, string> = reflectionServerEn;
    expect(Object.keys(e).sort()).toEqual(Object.keys(d).sort());
    for (const key of Object.keys(d)) {
      expect(e[key]?.trim(), key).not.toBe('');
      expect(placeholders(e[key]!), key).toEqual(placeholders(d[key]!));
    }
    expect(Object.keys(d).filter((key) => key in da || key in serverDa)).toEqual([]);
  });
});
