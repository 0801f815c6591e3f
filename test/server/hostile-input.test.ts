// What a hostile or careless client sends over HTTP, field by field: ids that
// name inherited properties, impossible dates and years, ill-formed and
// invisible text, bytes that are not UTF-8, and line breaks in .ics titles.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/database.js';
import { openInvitations } from '../../src/server/reflections/invitations.js';
import { calendar } from '../../src/server/shifts/ics.js';
import { asAdmin, demoApp, newKey, signupBody } from './support.js';

const WEEK = 7 * 86_400_000;

/** An app with every feature over a fresh, demo-seeded database; `db` reaches under the API. */
async function hostileApp() {
  // Monday 30 November 2026, 10.00 in Copenhagen.
  const { app, db, clock } = await demoApp({ allowedOrigins: [], rateLimit: false });
  return { app, db, clock };
}
type App = Awaited<ReturnType<typeof hostileApp>>['app'];

/** POSTs `body` as it is written, so escapes and raw bytes reach the server untouched. */
function postRaw(app: App, path: string, body: string | Uint8Array<ArrayBuffer>, headers = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey(), ...headers },
    body,
  });
}

const post = (app: App, path: string, body: unknown, headers = {}) =>
  postRaw(app, path, JSON.stringify(body), headers);

/**
 * Stores `questions` as version 1 of besoegsven's set straight in the table, as
 * an earlier version that took any id would have, then posts `answers` three times.
 */
async function reflectThrice(
  app: App,
  db: Db,
  questions: unknown[],
  answers: Record<string, unknown>,
) {
  await sql`
    INSERT INTO reflection_question_sets (activity_id, version, questions, created_at)
    VALUES ('besoegsven', 1, ${JSON.stringify(questions)}, '2026-11-01T08:00:00.000Z')`.execute(
    db.kysely,
  );
  // Only invited answers count in the pulse.
  const invitations = await openInvitations(db);
  for (let i = 0; i < 3; i++) {
    const invitation = await db.write((trx) =>
      invitations.issue(trx, 'besoegsven', new Date('2026-11-30T09:00:00Z')),
    );
    const res = await post(app, '/api/v1/reflections', {
      activityId: 'besoegsven',
      questionSetVersion: 1,
      answers,
      invitation,
    });
    expect(res.status).toBe(201);
  }
}

const errors = async (res: Response) => ((await res.json()) as { errors: unknown[] }).errors;

describe('question ids that name inherited properties', () => {
  const put = (app: App, questions: unknown[]) =>
    app.request('/api/v1/activities/besoegsven/reflection-questions', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify({ questions }),
    });

  it('refuses `constructor` as an id, saying why', async () => {
    const { app } = await hostileApp();
    const res = await put(app, [{ id: 'constructor', kind: 'load', text: { da: 'Mængden?' } }]);
    expect(res.status).toBe(400);
    expect(await errors(res)).toMatchInlineSnapshot(`
      [
        {
          "code": "error.question.idReserved",
          "message": "Dette id kan ikke bruges, fordi JavaScript allerede bruger navnet (fx "constructor"). Vælg et andet.",
          "path": "questions.0.id",
        },
      ]
    `);
  });

  it('reads a set saved before the refusal by own properties: skipped means skipped', async () => {
    const { app, db, clock } = await hostileApp();
    // Saved by an earlier version, which took these ids.
    const questions = [
      { id: 'constructor', kind: 'load', text: { da: 'Mængden?' } },
      {
        id: 'tostring',
        kind: 'scale',
        theme: 'energy',
        text: { da: 'Energi?' },
        low: { da: 'lav' },
        high: { da: 'høj' },
      },
    ];
    await reflectThrice(app, db, questions, { tostring: 4 });
    clock.advance(WEEK);
    const pulse = await app.request('/api/v1/activities/besoegsven/pulse?weeks=1', {
      headers: asAdmin(),
    });
    expect((await pulse.json()).series).toMatchObject([
      { answers: 3, meanEnergy: 4, shareTooMuch: null },
    ]);
  });

  it('stores no inherited text for a skipped text question, nor a "no" for a skipped agree question', async () => {
    const { app, db, clock } = await hostileApp();
    const questions = [
      { id: 'constructor', kind: 'text', text: { da: 'Noget at tilføje?' } },
      { id: 'valueof', kind: 'agree', theme: 'other', text: { da: 'Andet?' } },
      { id: 'meaning', kind: 'agree', theme: 'meaning', text: { da: 'Mening?' } },
      {
        id: 'energy',
        kind: 'scale',
        theme: 'energy',
        text: { da: 'Energi?' },
        low: { da: 'lav' },
        high: { da: 'høj' },
      },
    ];
    await reflectThrice(app, db, questions, { energy: 3 });
    const { rows: stored } = await sql<{
      note: string;
      answers: string;
      meaningful: number | null;
    }>`SELECT note, answers, meaningful FROM reflections`.execute(db.kysely);
    expect(stored).toEqual(Array(3).fill({ note: '', answers: '{"energy":3}', meaningful: null }));
    clock.advance(WEEK);
    const pulse = await app.request('/api/v1/activities/besoegsven/pulse?weeks=1', {
      headers: asAdmin(),
    });
    expect((await pulse.json()).series).toMatchObject([
      { answers: 3, shareMeaningful: null, notes: [] },
    ]);
  });
});

describe('weekly series', () => {
  const shift = (repeat: unknown) => ({
    activityId: 'besoegsven',
    title: 'Eftermiddagsbesøg',
    start: '2026-12-01T17:00:00+01:00',
    end: '2026-12-01T19:00:00+01:00',
    capacity: 2,
    repeat,
  });
  const shiftCount = async (app: App) =>
    (
      await (
        await app.request(
          '/api/v1/shifts?from=2026-11-01T00:00:00Z&to=2027-12-01T00:00:00Z&activity=besoegsven',
        )
      ).json()
    ).length;

  it('refuses an `until` that is no date, and creates nothing', async () => {
    const { app } = await hostileApp();
    const res = await post(
      app,
      '/api/v1/shifts',
      shift({ weekly: true, until: '2027-13-45' }),
      asAdmin(),
    );
    expect(res.status).toBe(400);
    expect(await errors(res)).toMatchInlineSnapshot(`
      [
        {
          "code": "error.date",
          "message": "Skriv datoen som ÅÅÅÅ-MM-DD.",
          "path": "repeat.until",
        },
      ]
    `);
    expect(await shiftCount(app)).toBe(0);
  });

  it('refuses an `until` before the first shift, and takes one on its day', async () => {
    const { app } = await hostileApp();
    const before = await post(app, '/api/v1/shifts', shift({ weekly: true, until: '2026-11-30' }), {
      ...asAdmin(),
      'Accept-Language': 'en',
    });
    expect(before.status).toBe(400);
    expect(await errors(before)).toMatchInlineSnapshot(`
      [
        {
          "code": "error.repeat.untilBeforeStart",
          "message": "The series must end ("until") on the day of the first shift or later.",
          "path": "repeat.until",
        },
      ]
    `);
    expect(await shiftCount(app)).toBe(0);
    const same = await post(
      app,
      '/api/v1/shifts',
      shift({ weekly: true, until: '2026-12-01' }),
      asAdmin(),
    );
    expect(same.status).toBe(201);
    expect(await shiftCount(app)).toBe(1);
  });
});

describe('instants', () => {
  it('refuses year 0000 in a body and in a query, naming the range', async () => {
    const { app } = await hostileApp();
    const res = await post(
      app,
      '/api/v1/shifts',
      {
        activityId: 'besoegsven',
        title: 'Vagt',
        start: '0000-12-01T17:00:00Z',
        end: '0000-12-01T19:00:00Z',
        capacity: 2,
      },
      asAdmin(),
    );
    expect(res.status).toBe(400);
    expect(await errors(res)).toMatchInlineSnapshot(`
      [
        {
          "code": "error.year",
          "message": "Årstallet skal være mellem 2000 og 2100.",
          "path": "start",
        },
        {
          "code": "error.year",
          "message": "Årstallet skal være mellem 2000 og 2100.",
          "path": "end",
        },
      ]
    `);
    const list = await app.request(
      '/api/v1/shifts?from=0000-01-01T00:00:00Z&to=0000-02-01T00:00:00Z',
    );
    expect(list.status).toBe(400);
    expect(await errors(list)).toMatchObject([{ path: 'from', code: 'error.year' }]);
  });
});

describe('text', () => {
  it('refuses a lone surrogate escaped in the JSON at its field, in the reader’s language', async () => {
    const { app } = await hostileApp();
    // Written by hand: JSON.stringify would escape it the same way, this way nothing can normalise it first.
    const body = JSON.stringify(signupBody()).replace('"Søren Ågård"', '"Søren \\ud800"');
    const res = await postRaw(app, '/api/v1/signups', body, { 'Accept-Language': 'en' });
    expect(res.status).toBe(400);
    expect(await errors(res)).toMatchInlineSnapshot(`
      [
        {
          "code": "error.text.illFormed",
          "message": "The text has a broken character (such as half an emoji). Delete it and type it again.",
          "path": "name",
        },
      ]
    `);
  });

  it('refuses bytes that are not UTF-8 rather than turning them into U+FFFD', async () => {
    const { app } = await hostileApp();
    const json = new TextEncoder().encode(JSON.stringify(signupBody({ name: 'Søren XX' })));
    // A surrogate encoded as UTF-8 (CESU-8): not UTF-8, however it is read.
    const at = json.indexOf('X'.charCodeAt(0));
    const bytes = new Uint8Array([...json.slice(0, at), 0xed, 0xa0, 0x80, ...json.slice(at + 2)]);
    const res = await postRaw(app, '/api/v1/signups', bytes);
    expect(res.status).toBe(400);
    expect(await errors(res)).toMatchInlineSnapshot(`
      [
        {
          "code": "error.utf8",
          "message": "Forespørgslen er ikke gyldig UTF-8: send teksten som UTF-8.",
          "path": "",
        },
      ]
    `);
  });

  it('counts a name of zero-width characters and joiners as no name', async () => {
    const { app } = await hostileApp();
    const res = await post(
      app,
      '/api/v1/signups',
      signupBody({ name: '\u200B\u200C\u200D\u2060\uFEFF' }),
    );
    expect(res.status).toBe(400);
    expect(await errors(res)).toMatchObject([{ path: 'name', code: 'error.name.required' }]);
  });

  it('refuses NUL, ESC and bidi overrides instead of storing them', async () => {
    const { app } = await hostileApp();
    const res = await post(
      app,
      '/api/v1/signups',
      signupBody({ name: 'Ida\u202Eneslo', help: 'Om aftenen\0\x1B[2J' }),
    );
    expect(res.status).toBe(400);
    expect(await errors(res)).toMatchInlineSnapshot(`
      [
        {
          "code": "error.text.bidi",
          "message": "Teksten har et usynligt tegn, der vender skriveretningen. Skriv den igen i stedet for at sætte den ind.",
          "path": "name",
        },
        {
          "code": "error.text.control",
          "message": "Teksten har et usynligt styretegn. Skriv den igen i stedet for at sætte den ind.",
          "path": "help",
        },
      ]
    `);
    const ok = await post(app, '/api/v1/signups', signupBody({ help: 'Tirsdag\nog torsdag' }));
    expect(ok.status).toBe(201);
  });

  it('refuses a control character in a reflection’s note at the note', async () => {
    const { app } = await hostileApp();
    const res = await post(app, '/api/v1/reflections', {
      activityId: 'besoegsven',
      questionSetVersion: 0,
      answers: { energy: 4, note: 'Fint\0' },
    });
    expect(res.status).toBe(400);
    expect(await errors(res)).toMatchObject([{ path: 'answers.note', code: 'error.text.control' }]);
  });
});

describe('.ics titles', () => {
  /** Every physical line of `ics`, split the way the strictest parser splits: at CR, LF or both. */
  const physicalLines = (ics: string) => ics.split(/\r\n|\r|\n/).filter((l) => l !== '');

  it('never lets a lone CR in a title start a content line', () => {
    const ics = calendar(
      'Besøg\rX-INJECTED:1',
      [
        {
          uid: 'u1',
          title: 'Vagt\rBEGIN:VALARM',
          location: 'Sted\r\nLOCATION:andet',
          description: 'NUL\0 her',
          start: new Date('2026-12-01T16:00:00Z'),
          end: new Date('2026-12-01T18:00:00Z'),
        },
      ],
      new Date('2026-11-30T09:00:00Z'),
    );
    expect(ics).not.toMatch(/\r(?!\n)/);
    expect(ics).not.toContain('\0');
    const lines = physicalLines(ics);
    expect(lines.filter((l) => /^(X-INJECTED|BEGIN:VALARM|LOCATION:andet)/.test(l))).toEqual([]);
    expect(ics).toContain('SUMMARY:Vagt\\nBEGIN:VALARM');
  });

  it('writes a title stored before titles were checked so that the feed stays one event', async () => {
    const { app, db } = await hostileApp();
    const created = await post(
      app,
      '/api/v1/shifts',
      {
        activityId: 'besoegsven',
        title: 'Vagt',
        start: '2026-12-01T17:00:00+01:00',
        end: '2026-12-01T19:00:00+01:00',
        capacity: 2,
      },
      asAdmin(),
    );
    const [{ id }] = await created.json();
    await sql`UPDATE shifts SET title = ${'Vagt\rEND:VEVENT\rBEGIN:VEVENT'} WHERE id = ${id}`.execute(
      db.kysely,
    );
    const res = await app.request('/api/v1/shifts.ics?activity=besoegsven');
    const ics = await res.text();
    const lines = physicalLines(ics);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(1);
  });
});

describe('question-set versions', () => {
  it('answers a version past any there can be as unknown, not as a server error', async () => {
    const { app } = await hostileApp();
    const version = 3_000_000_000;
    const read = await app.request(`/api/v1/activities/besoegsven/reflection-questions/${version}`);
    expect(read.status).toBe(404);
    const posted = await post(app, '/api/v1/reflections', {
      activityId: 'besoegsven',
      questionSetVersion: version,
      answers: { energy: 3 },
    });
    expect(posted.status).toBe(400);
    expect((await errors(posted))[0]).toMatchObject({ path: 'questionSetVersion' });
  });
});
