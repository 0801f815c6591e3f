// The shifts API through its public HTTP contract: creating shifts and series,
// claims with a waitlist, cancellation by link, load caps and .ics.
import ICAL from 'ical.js';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ClaimReceipt, ShiftClaims } from '../../src/schemas/claim.js';
import { ApiErrorBody } from '../../src/schemas/common.js';
import { ShiftList } from '../../src/schemas/shift.js';
import { activitiesFeature } from '../../src/server/activities/feature.js';
import type { Db } from '../../src/server/database.js';
import { shiftsFeature } from '../../src/server/shifts/feature.js';
import { ENGINE, newDatabaseTarget } from '../support/databases.js';
import { startTempServer } from '../support/temp-server.js';
import { ADMIN_TOKEN, afterTest, asAdmin, demoApp, newKey } from './support.js';

/** A fresh app over a demo-seeded database with the shifts feature (no demo shifts). */
async function shiftsApp({ retentionMonths }: { retentionMonths?: number } = {}) {
  const made = await demoApp({
    features: [shiftsFeature],
    allowedOrigins: [],
    rateLimit: false,
    retentionMonths,
  });
  const { app, db, clock } = made;
  /** The same database served again, as after a restart at the clock's time. */
  const restart = async () => (await made.restart()).app;
  return { app, db, clock, restart };
}

type App = Awaited<ReturnType<typeof shiftsApp>>['app'];

/** A shift body on Tuesday 1 December 2026, 17.00–19.00 Copenhagen; `overrides` change any field. */
function shiftBody(overrides: Record<string, unknown> = {}) {
  return {
    activityId: 'besoegsven',
    title: 'Eftermiddagsbesøg',
    location: 'Plejecenter Solgården',
    start: '2026-12-01T17:00:00+01:00',
    end: '2026-12-01T19:00:00+01:00',
    capacity: 2,
    ...overrides,
  };
}

/** Creates shifts as the admin; returns the response. */
function postShift(app: App, body: unknown) {
  return app.request('/api/v1/shifts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...asAdmin() },
    body: JSON.stringify(body),
  });
}

/** Creates one shift and returns its id. */
async function createShift(app: App, overrides: Record<string, unknown> = {}) {
  const res = await postShift(app, shiftBody(overrides));
  if (res.status !== 201) throw new Error(`createShift: ${res.status} ${await res.text()}`);
  const [shift] = (await res.json()) as { id: string }[];
  return shift!.id;
}

/** A valid claim body for person `n`. */
function claimBody(n: number | string, overrides: Record<string, unknown> = {}) {
  return {
    name: `Frivillig ${n}`,
    email: `frivillig${n}@example.dk`,
    ageBand: '18-plus',
    consent: true,
    ...overrides,
  };
}

/** POSTs a claim as the widget does. */
function postClaim(app: App, shiftId: string, body: unknown, key = newKey()) {
  return app.request(`/api/v1/shifts/${shiftId}/claims`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
}

const json = async (res: Response) => res.json() as Promise<unknown>;
const errorCodes = async (res: Response) =>
  ApiErrorBody.parse(await res.json()).errors.map((e) => `${e.path}:${e.code}`);

async function claims(app: App, shiftId: string) {
  const res = await app.request(`/api/v1/shifts/${shiftId}/claims`, { headers: asAdmin() });
  expect(res.status).toBe(200);
  return ShiftClaims.parse(await res.json());
}

async function list(app: App, query = 'activity=besoegsven&from=2026-11-30T00:00:00Z') {
  const res = await app.request(`/api/v1/shifts?${query}`);
  expect(res.status).toBe(200);
  return ShiftList.parse(await res.json());
}

describe('POST /api/v1/shifts', () => {
  it('lets only the admin create shifts', async () => {
    const { app } = await shiftsApp();
    const res = await app.request('/api/v1/shifts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(shiftBody()),
    });
    expect(res.status).toBe(401);
  });

  it('creates a shift that the public list shows in Copenhagen time with its places', async () => {
    const { app } = await shiftsApp();
    const res = await postShift(
      app,
      shiftBody({ start: '2026-12-01T16:00:00Z', end: '2026-12-01T18:00:00Z' }),
    );
    expect(res.status).toBe(201);
    const [shift] = await list(app);
    expect(shift).toMatchObject({
      activityId: 'besoegsven',
      title: 'Eftermiddagsbesøg',
      start: '2026-12-01T17:00:00+01:00',
      end: '2026-12-01T19:00:00+01:00',
      capacity: 2,
      taken: 0,
      waiting: 0,
    });
  });

  it('repeats weekly at the same Copenhagen time across the October DST change', async () => {
    const { app } = await shiftsApp();
    const res = await postShift(
      app,
      shiftBody({
        start: '2027-10-26T17:00:00+02:00',
        end: '2027-10-26T19:00:00+02:00',
        repeat: { weekly: true, until: '2027-11-09' },
      }),
    );
    expect(res.status).toBe(201);
    const created = ShiftList.parse(await res.json());
    expect(created.map((s) => s.start)).toEqual([
      '2027-10-26T17:00:00+02:00',
      '2027-11-02T17:00:00+01:00',
      '2027-11-09T17:00:00+01:00',
    ]);
  });

  it('refuses a local time that does not exist in Copenhagen (the spring DST gap)', async () => {
    const { app } = await shiftsApp();
    const res = await postShift(
      app,
      shiftBody({ start: '2027-03-28T02:30:00+01:00', end: '2027-03-28T05:00:00+02:00' }),
    );
    expect(res.status).toBe(400);
    expect(ApiErrorBody.parse(await res.json()).errors).toMatchInlineSnapshot(`
      [
        {
          "code": "error.shift.dstGap",
          "message": "Klokkeslættet 2027-03-28T02:30 findes ikke i Danmark: uret springer fra 02.00 til 03.00, når sommertiden begynder.",
          "path": "start",
        },
      ]
    `);
  });

  it('refuses the gap hour written with either Copenhagen offset', async () => {
    const { app } = await shiftsApp();
    const summer = await postShift(
      app,
      shiftBody({ start: '2027-03-28T02:30:00+02:00', end: '2027-03-28T05:00:00+02:00' }),
    );
    expect(await errorCodes(summer)).toEqual(['start:error.shift.dstGap']);
    const endInGap = await postShift(
      app,
      shiftBody({ start: '2027-03-28T01:00:00+01:00', end: '2027-03-28T02:15:00+01:00' }),
    );
    expect(await errorCodes(endInGap)).toEqual(['end:error.shift.dstGap']);
  });

  it('accepts 02.30 written with another offset: it names an instant, 09.30 in Copenhagen', async () => {
    const { app } = await shiftsApp();
    const res = await postShift(
      app,
      shiftBody({ start: '2027-03-28T02:30:00-05:00', end: '2027-03-28T04:30:00-05:00' }),
    );
    expect(res.status).toBe(201);
    const [shift] = ShiftList.parse(await res.json());
    expect(shift).toMatchObject({
      start: '2027-03-28T09:30:00+02:00',
      end: '2027-03-28T11:30:00+02:00',
    });
    // In UTC too: 02.30 at +00:00 is 03.30 in Copenhagen, after the jump.
    const utc = await postShift(
      app,
      shiftBody({ start: '2027-03-28T02:30:00+00:00', end: '2027-03-28T03:30:00Z' }),
    );
    expect(utc.status).toBe(201);
    expect(ShiftList.parse(await utc.json())[0]?.start).toBe('2027-03-28T04:30:00+02:00');
  });

  it('refuses a weekly series whose occurrence falls in the DST gap, creating none of it', async () => {
    const { app } = await shiftsApp();
    const res = await postShift(
      app,
      shiftBody({
        start: '2027-03-21T02:30:00+01:00',
        end: '2027-03-21T04:00:00+01:00',
        repeat: { weekly: true, count: 3 },
      }),
    );
    expect(await errorCodes(res)).toEqual(['repeat:error.shift.dstGapRepeat']);
    expect(await list(app, 'activity=besoegsven&from=2027-03-01T00:00:00Z')).toEqual([]);
  });

  it('explains invalid shifts field by field', async () => {
    const { app } = await shiftsApp();
    const res = await postShift(
      app,
      shiftBody({ title: ' ', end: '2026-12-01T16:00:00+01:00', capacity: 0 }),
    );
    expect(await errorCodes(res)).toEqual([
      'title:error.title.required',
      'capacity:error.capacity',
      'end:error.shift.endBeforeStart',
    ]);
  });
});

describe('claiming a place', () => {
  it('claims a place and answers with the cancel token, the shift and the load, never again on replay', async () => {
    const { app } = await shiftsApp();
    const id = await createShift(app);
    const key = 'claim-key-0000000000001';
    const first = await postClaim(app, id, claimBody(1), key);
    expect(first.status).toBe(201);
    const receipt = ClaimReceipt.parse(await json(first));
    expect(receipt).toMatchObject({
      status: 'claimed',
      shift: { id, taken: 1, capacity: 2 },
      weekHours: 2,
      loadCapHours: null,
      overCap: false,
    });
    const again = await postClaim(app, id, claimBody(1), key);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(ClaimReceipt.parse(await json(again))).toEqual(receipt);
    expect((await claims(app, id)).claimed.map((c) => c.email)).toEqual(['frivillig1@example.dk']);
  });

  it('refuses a full shift with a waitlist offer, and waitlists when asked', async () => {
    const { app } = await shiftsApp();
    const id = await createShift(app, { capacity: 1 });
    await postClaim(app, id, claimBody(1));
    const refused = await postClaim(app, id, claimBody(2));
    expect(refused.status).toBe(409);
    expect(await errorCodes(refused)).toEqual(['waitlist:error.shift.full']);
    const waiting = ClaimReceipt.parse(
      await json(await postClaim(app, id, claimBody(2, { waitlist: true }))),
    );
    expect(waiting).toMatchObject({ status: 'waitlisted', position: 1 });
    const [shift] = await list(app);
    expect(shift).toMatchObject({ taken: 1, waiting: 1 });
  });

  it('takes a claim on an overlapping shift and answers as for anyone, saying nothing of the first', async () => {
    const { app } = await shiftsApp();
    const a = await createShift(app);
    const b = await createShift(app, {
      activityId: 'lektiecafe',
      start: '2026-12-01T18:00:00+01:00',
      end: '2026-12-01T20:00:00+01:00',
    });
    expect((await postClaim(app, a, claimBody(1))).status).toBe(201);
    // Anyone may type an address: a refusal would tell them its owner works then.
    const same = await postClaim(app, b, claimBody(1, { email: ' FRIVILLIG1@example.dk ' }));
    const other = await postClaim(app, b, claimBody(2));
    expect([same.status, other.status]).toEqual([201, 201]);
    const shape = (r: ClaimReceipt) => ({
      ...r,
      id: '',
      cancelToken: '',
      shift: { ...r.shift, taken: 0 },
    });
    expect(shape(ClaimReceipt.parse(await json(same)))).toEqual(
      shape(ClaimReceipt.parse(await json(other))),
    );
  });

  it('uses the sign-up form’s validation and consent for the person', async () => {
    const { app } = await shiftsApp();
    const id = await createShift(app);
    const res = await postClaim(app, id, {
      name: 'Lærke',
      email: 'x',
      ageBand: '15-17',
      loadCapHours: 0,
    });
    expect(await errorCodes(res)).toEqual([
      'email:error.email.invalid',
      'consent:error.consent.required',
      'loadCapHours:error.loadCap',
    ]);
  });

  it('refuses a claim on a shift that has started', async () => {
    const { app, clock } = await shiftsApp();
    const id = await createShift(app);
    clock.advance(2 * 86_400_000);
    const res = await postClaim(app, id, claimBody(1));
    expect(await errorCodes(res)).toEqual(['id:error.shift.started']);
  });

  it('tells a resident past their own weekly limit, allows it, and shows the admin', async () => {
    const { app } = await shiftsApp();
    const tuesday = await createShift(app);
    const thursday = await createShift(app, {
      start: '2026-12-03T09:00:00+01:00',
      end: '2026-12-03T13:00:00+01:00',
    });
    const nextWeek = await createShift(app, {
      start: '2026-12-08T09:00:00+01:00',
      end: '2026-12-08T13:00:00+01:00',
    });
    await postClaim(app, tuesday, claimBody(1, { loadCapHours: 5 }));
    await postClaim(app, nextWeek, claimBody(1, { loadCapHours: 5 }));
    const over = ClaimReceipt.parse(
      await json(await postClaim(app, thursday, claimBody(1, { loadCapHours: 5 }))),
    );
    // The answer counts this shift alone (anyone may type the address); the
    // owner is told of the week by mail, the admin sees it.
    expect(over).toMatchObject({
      status: 'claimed',
      weekHours: 4,
      loadCapHours: 5,
      overCap: false,
    });
    const listed = await claims(app, thursday);
    expect(listed.claimed[0]).toMatchObject({ weekHours: 6, loadCapHours: 5, overCap: true });
    expect((await claims(app, nextWeek)).claimed[0]).toMatchObject({
      weekHours: 4,
      overCap: false,
    });
  });

  it('lists claimed and waitlisted people only to the admin', async () => {
    const { app } = await shiftsApp();
    const id = await createShift(app);
    expect((await app.request(`/api/v1/shifts/${id}/claims`)).status).toBe(401);
    const publicList = JSON.stringify(await list(app));
    await postClaim(app, id, claimBody(1));
    expect(publicList).not.toContain('@');
    expect(JSON.stringify(await list(app))).not.toContain('frivillig1');
  });
});

describe('cancelling by secret link', () => {
  async function full(app: App, capacity = 1) {
    const id = await createShift(app, { capacity });
    const holder = ClaimReceipt.parse(await json(await postClaim(app, id, claimBody(1))));
    const next = ClaimReceipt.parse(
      await json(await postClaim(app, id, claimBody(2, { waitlist: true }))),
    );
    return { id, holder, next };
  }

  it('gives up the place and moves the first on the waitlist into it', async () => {
    const { app } = await shiftsApp();
    const { id, holder, next } = await full(app);
    const res = await app.request(`/api/v1/claims/${holder.cancelToken}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    const listed = await claims(app, id);
    expect(listed.claimed.map((c) => c.email)).toEqual(['frivillig2@example.dk']);
    expect(listed.waitlisted).toEqual([]);
    const status = await app.request(`/api/v1/claims/${next.cancelToken}`);
    expect(ClaimReceipt.parse(await json(status)).status).toBe('claimed');
    expect((await app.request(`/api/v1/claims/${holder.cancelToken}`)).status).toBe(404);
  });

  it('respects the activity’s cancellation deadline', async () => {
    const { app } = await shiftsApp();
    const policy = await app.request('/api/v1/shift-policies/besoegsven', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify({ cancelDeadlineHours: 48 }),
    });
    expect(policy.status).toBe(200);
    const { holder } = await full(app);
    expect(holder.cancelBefore).toBe('2026-11-29T17:00:00+01:00');
    // The clock starts on 30 November at 10.00: already past the deadline.
    const res = await app.request(`/api/v1/claims/${holder.cancelToken}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    expect(await errorCodes(res)).toEqual(['token:error.cancel.deadline']);
  });

  it('cancels through the page a link opens, only on the button’s POST', async () => {
    const { app } = await shiftsApp();
    const { id, holder } = await full(app);
    const page = await app.request(`/afmeld/${holder.cancelToken}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Du har en plads på denne vagt');
    expect(html).toContain('tirsdag 1. december, kl. 17.00–19.00');
    expect((await claims(app, id)).claimed).toHaveLength(1);
    const done = await app.request(`/afmeld/${holder.cancelToken}`, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Du er afmeldt');
    expect((await claims(app, id)).claimed.map((c) => c.email)).toEqual(['frivillig2@example.dk']);
  });
});

describe('erasing claims', () => {
  const claimCount = async (db: Db) =>
    Number(
      (await sql<{ n: number | string }>`SELECT count(*) AS n FROM shift_claims`.execute(db.kysely))
        .rows[0]!.n,
    );
  const erase = (app: App, id: string, headers: Record<string, string> = asAdmin()) =>
    app.request(`/api/v1/claims/by-id/${id}`, { method: 'DELETE', headers });

  it('lets the admin erase one claim by its listed id, moving the first on the waitlist up', async () => {
    const { app } = await shiftsApp();
    const id = await createShift(app, { capacity: 1 });
    const holder = ClaimReceipt.parse(await json(await postClaim(app, id, claimBody(1))));
    const next = ClaimReceipt.parse(
      await json(await postClaim(app, id, claimBody(2, { waitlist: true }))),
    );
    const [listed] = (await claims(app, id)).claimed;
    expect(listed).toMatchObject({ id: holder.id, email: 'frivillig1@example.dk' });

    expect((await erase(app, holder.id, {})).status).toBe(401);
    expect((await erase(app, holder.id)).status).toBe(204);
    const after = await claims(app, id);
    expect(after.claimed.map((c) => c.email)).toEqual(['frivillig2@example.dk']);
    expect(after.waitlisted).toEqual([]);
    expect(
      ClaimReceipt.parse(await json(await app.request(`/api/v1/claims/${next.cancelToken}`)))
        .status,
    ).toBe('claimed');
    // Gone for good: the link and a second erasure find nothing.
    expect((await app.request(`/api/v1/claims/${holder.cancelToken}`)).status).toBe(404);
    expect(await errorCodes(await erase(app, holder.id))).toEqual(['id:error.notFound']);
    expect((await erase(app, 'not an id')).status).toBe(404);
  });

  it('erases past the cancellation deadline, which binds only the resident', async () => {
    const { app } = await shiftsApp();
    await app.request('/api/v1/shift-policies/besoegsven', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify({ cancelDeadlineHours: 48 }),
    });
    const id = await createShift(app);
    const holder = ClaimReceipt.parse(await json(await postClaim(app, id, claimBody(1))));
    expect(
      (await app.request(`/api/v1/claims/${holder.cancelToken}`, { method: 'DELETE' })).status,
    ).toBe(409);
    expect((await erase(app, holder.id)).status).toBe(204);
    expect((await claims(app, id)).claimed).toEqual([]);
  });

  it('prunes claims on shifts that ended more than the retention period ago, on use and at start', async () => {
    const { app, db, clock, restart } = await shiftsApp({ retentionMonths: 6 });
    const old = await createShift(app); // ends 1 December 2026, 19.00
    const later = await createShift(app, {
      start: '2027-05-01T10:00:00+02:00',
      end: '2027-05-01T12:00:00+02:00',
    });
    const oldClaim = ClaimReceipt.parse(await json(await postClaim(app, old, claimBody(1))));
    await postClaim(app, later, claimBody(2));

    // Five months after the first shift: nothing is due yet.
    clock.advance(Date.parse('2027-05-01T12:00:00Z') - Date.parse('2026-11-30T09:00:00Z'));
    expect((await claims(app, old)).claimed).toHaveLength(1);

    // Six months and a day after it ended: the admin listing's use prunes it.
    clock.advance(Date.parse('2027-06-02T18:00:00Z') - Date.parse('2027-05-01T12:00:00Z'));
    expect((await claims(app, old)).claimed).toEqual([]);
    expect((await app.request(`/api/v1/claims/${oldClaim.cancelToken}`)).status).toBe(404);
    expect((await claims(app, later)).claimed.map((c) => c.email)).toEqual([
      'frivillig2@example.dk',
    ]);

    // A server started after the second shift's time has passed prunes before any request.
    clock.advance(Date.parse('2027-11-02T12:00:00Z') - Date.parse('2027-06-02T18:00:00Z'));
    expect(await claimCount(db)).toBe(1);
    await restart();
    expect(await claimCount(db)).toBe(0);
  });
});

describe('iCalendar', () => {
  const instants = (text: string) => {
    const root = new ICAL.Component(ICAL.parse(text));
    for (const tz of root.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(tz);
    }
    return root.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return [e.summary, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()];
    });
  };

  it('publishes an activity feed that parses to the same instants, with VTIMEZONE or in UTC', async () => {
    const { app } = await shiftsApp();
    await createShift(app);
    // Across the October change: 21.00 to 03.00 is seven hours.
    await createShift(app, {
      title: 'Nattevagt, lang; med komma',
      start: '2027-10-30T21:00:00+02:00',
      end: '2027-10-31T03:00:00+01:00',
    });
    const expected = [
      ['Eftermiddagsbesøg', '2026-12-01T16:00:00.000Z', '2026-12-01T18:00:00.000Z'],
      ['Nattevagt, lang; med komma', '2027-10-30T19:00:00.000Z', '2027-10-31T02:00:00.000Z'],
    ];
    const res = await app.request('/api/v1/shifts.ics?activity=besoegsven');
    expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen');
    expect(text).toContain('DTSTART;TZID=Europe/Copenhagen:20261201T170000');
    expect(instants(text)).toEqual(expected);
    const utc = await (await app.request('/api/v1/shifts.ics?activity=besoegsven&tz=utc')).text();
    expect(utc).not.toContain('VTIMEZONE');
    expect(instants(utc)).toEqual(expected);
  });

  it('writes the second 02.30 of the October night in UTC, since a TZID time would mean the first', async () => {
    const { app } = await shiftsApp();
    await createShift(app, {
      start: '2027-10-31T02:30:00+01:00',
      end: '2027-10-31T04:00:00+01:00',
    });
    const text = await (await app.request('/api/v1/shifts.ics?activity=besoegsven')).text();
    expect(text).toContain('DTSTART:20271031T013000Z');
    expect(instants(text)[0]?.[1]).toBe('2027-10-31T01:30:00.000Z');
  });

  it('gives each claim its own .ics with the shift and its cancel link, and no personal data', async () => {
    const { app } = await shiftsApp();
    const id = await createShift(app);
    const receipt = ClaimReceipt.parse(await json(await postClaim(app, id, claimBody(1))));
    const res = await app.request(`/api/v1/claims/${receipt.cancelToken}/shift.ics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('frivillig1');
    expect(instants(text)).toEqual([
      ['Eftermiddagsbesøg', '2026-12-01T16:00:00.000Z', '2026-12-01T18:00:00.000Z'],
    ]);
    const link = `http://localhost/afmeld/${receipt.cancelToken}`;
    const [event] = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    expect(event?.getFirstPropertyValue('url')).toBe(link);
    expect(event?.getFirstPropertyValue('description')).toBe(`Afmeld: ${link}`);
    // The link works: it opens the cancel page for this claim.
    expect((await app.request(new URL(link).pathname)).status).toBe(200);

    const english = await app.request(`/api/v1/claims/${receipt.cancelToken}/shift.ics`, {
      headers: { 'Accept-Language': 'en-GB,en;q=0.9' },
    });
    const [englishEvent] = new ICAL.Component(ICAL.parse(await english.text())).getAllSubcomponents(
      'vevent',
    );
    expect(englishEvent?.getFirstPropertyValue('description')).toBe(`Cancel: ${link}?lang=en`);
  });

  it('keeps cancel links and tokens out of the activity feed', async () => {
    const { app } = await shiftsApp();
    const id = await createShift(app);
    const receipt = ClaimReceipt.parse(await json(await postClaim(app, id, claimBody(1))));
    const feed = await (await app.request('/api/v1/shifts.ics?activity=besoegsven')).text();
    expect(feed).not.toContain(receipt.cancelToken.slice(0, 20));
    expect(feed).not.toContain('afmeld');
    expect(feed).not.toMatch(/^URL[:;]/m);
    expect(feed).not.toContain('frivillig1');
  });
});

/**
 * Servers on one new database of the run's engine, closed and the database
 * removed after the test. They start together, as instances behind a load
 * balancer do, each migrating and seeding the demo data.
 */
async function servers(count: number) {
  const { target, remove } = await newDatabaseTarget();
  afterTest(remove);
  const started = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = await startTempServer({
        dbPath: target,
        adminToken: ADMIN_TOKEN,
        features: [activitiesFeature, shiftsFeature],
        rateLimit: false,
      });
      // Closed even when another fails to start, before its database goes.
      afterTest(() => server.close());
      return server;
    }),
  );
  return started.map((server) => server.url);
}

describe('200 concurrent claims over HTTP at 50 places', () => {
  /**
   * Creates a shift of 50 places through the first server, sends 200 claims
   * (with the waitlist) at once, person n to server n mod the count, and
   * checks what they were told and what was stored. Returns the race's milliseconds.
   */
  async function race(urls: string[]) {
    const created = await fetch(`${urls[0]}api/v1/shifts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify(
        shiftBody({
          start: '2099-06-01T10:00:00+02:00',
          end: '2099-06-01T12:00:00+02:00',
          capacity: 50,
        }),
      ),
    });
    const [{ id }] = (await created.json()) as [{ id: string }];
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        fetch(`${urls[n % urls.length]}api/v1/shifts/${id}/claims`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
          body: JSON.stringify(claimBody(n, { waitlist: true })),
        }).then(async (r) => ({ status: r.status, body: ClaimReceipt.parse(await r.json()) })),
      ),
    );
    const ms = performance.now() - started;
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201));
    const claimed = answers.filter((a) => a.body.status === 'claimed');
    const waitlisted = answers.filter((a) => a.body.status === 'waitlisted');
    expect(claimed).toHaveLength(50);
    expect(waitlisted).toHaveLength(150);
    // One unbroken line: every place from 1 to 150 told to exactly one person.
    expect(waitlisted.map((a) => a.body.position).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    );
    // Whichever instance is asked, the listing is the same.
    for (const url of urls) {
      const listing = await fetch(`${url}api/v1/shifts/${id}/claims`, { headers: asAdmin() });
      const stored = ShiftClaims.parse(await listing.json());
      expect(stored.claimed).toHaveLength(50);
      expect(stored.waitlisted).toHaveLength(150);
      const emails = [...stored.claimed, ...stored.waitlisted].map((c) => c.email);
      expect(new Set(emails).size).toBe(200);
      expect(new Set(claimed.map((a) => a.body.id))).toEqual(
        new Set(stored.claimed.map((c) => c.id)),
      );
      // The line as stored is the line as told: position p is the p-th waiting.
      const told = new Map(waitlisted.map((a) => [a.body.id, a.body.position]));
      expect(stored.waitlisted.map((c) => told.get(c.id))).toEqual(
        Array.from({ length: 150 }, (_, i) => i + 1),
      );
      expect(stored.shift).toMatchObject({ taken: 50, waiting: 150 });
    }
    return ms;
  }

  // Each claim waits for the one before it on PostgreSQL, over the network: more than the default 5 s.
  const RACE_TIMEOUT_MS = 60_000;

  it('claims exactly 50, waitlists 150, loses none and stores none twice', {
    timeout: RACE_TIMEOUT_MS,
  }, async ({ annotate }) => {
    const ms = await race(await servers(1));
    await annotate(`200 claims on one instance (${ENGINE}): ${Math.round(ms)} ms`);
  });

  it('holds across two instances on one database: 50 claimed, one line of 150', {
    timeout: RACE_TIMEOUT_MS,
  }, async ({ annotate }) => {
    const ms = await race(await servers(2));
    await annotate(`200 claims over two instances (${ENGINE}): ${Math.round(ms)} ms`);
  });
});

describe('one person on two overlapping shifts, at two instances at once', () => {
  it('takes both claims of each person, answering each as for anyone', {
    timeout: 60_000,
  }, async () => {
    const [a, b] = (await servers(2)) as [string, string];
    const create = async (url: string, activityId: string, start: string, end: string) => {
      const res = await fetch(`${url}api/v1/shifts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...asAdmin() },
        body: JSON.stringify(shiftBody({ activityId, start, end, capacity: 50 })),
      });
      return ((await res.json()) as [{ id: string }])[0].id;
    };
    // 17.00–19.00 and 18.00–20.00: an hour in common.
    const first = await create(
      a,
      'besoegsven',
      '2099-06-01T17:00:00+02:00',
      '2099-06-01T19:00:00+02:00',
    );
    const second = await create(
      b,
      'lektiecafe',
      '2099-06-01T18:00:00+02:00',
      '2099-06-01T20:00:00+02:00',
    );
    const claim = (url: string, shiftId: string, n: number) =>
      fetch(`${url}api/v1/shifts/${shiftId}/claims`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
        body: JSON.stringify(claimBody(n)),
      }).then(async (r) => ({
        status: r.status,
        errors: r.status === 201 ? [] : await errorCodes(r),
      }));
    const people = Array.from({ length: 25 }, (_, n) => n);
    const answers = await Promise.all(
      people.map((n) => Promise.all([claim(a, first, n), claim(b, second, n)])),
    );
    for (const pair of answers) expect(pair.map((x) => x.status)).toEqual([201, 201]);
    const stored = async (id: string) => {
      const res = await fetch(`${a}api/v1/shifts/${id}/claims`, { headers: asAdmin() });
      return ShiftClaims.parse(await res.json()).claimed.map((c) => c.email);
    };
    const everyone = people.map((n) => `frivillig${n}@example.dk`).sort();
    expect((await stored(first)).sort()).toEqual(everyone);
    expect((await stored(second)).sort()).toEqual(everyone);
  });
});

describe('cancels racing at two instances', () => {
  it('moves the waitlist up in line order, never past the places', {
    timeout: 60_000,
  }, async () => {
    const urls = await servers(2);
    const created = await fetch(`${urls[0]}api/v1/shifts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify(
        shiftBody({
          start: '2099-06-01T10:00:00+02:00',
          end: '2099-06-01T12:00:00+02:00',
          capacity: 10,
        }),
      ),
    });
    const [{ id }] = (await created.json()) as [{ id: string }];
    const receipts: ClaimReceipt[] = [];
    for (let n = 0; n < 30; n++) {
      const res = await fetch(`${urls[n % 2]}api/v1/shifts/${id}/claims`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
        body: JSON.stringify(claimBody(n, { waitlist: true })),
      });
      receipts.push(ClaimReceipt.parse(await res.json()));
    }
    // The ten holders give up their places at once, half at each instance.
    const cancels = await Promise.all(
      receipts
        .slice(0, 10)
        .map((r, n) => fetch(`${urls[n % 2]}api/v1/claims/${r.cancelToken}`, { method: 'DELETE' })),
    );
    expect(cancels.map((r) => r.status)).toEqual(Array(10).fill(204));
    const listing = await fetch(`${urls[1]}api/v1/shifts/${id}/claims`, { headers: asAdmin() });
    const stored = ShiftClaims.parse(await listing.json());
    const ids = (from: number, to: number) => receipts.slice(from, to).map((r) => r.id);
    expect(stored.claimed.map((c) => c.id).sort()).toEqual(ids(10, 20).sort());
    expect(stored.waitlisted.map((c) => c.id)).toEqual(ids(20, 30));
    const last = await fetch(`${urls[0]}api/v1/claims/${receipts[29]!.cancelToken}`);
    expect(ClaimReceipt.parse(await last.json())).toMatchObject({
      status: 'waitlisted',
      position: 10,
    });
  });
});
