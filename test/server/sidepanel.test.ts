// The sidebar's side of the workplace on the engine the run is for: a code
// from Min konto, exchanged once for a device token from the extension's own
// origin; one snapshot of the coordinator's own activities (new sign-ups,
// today's and tomorrow's shifts, requests for contact, the pulse's warning
// lines) that the shared schema accepts; a sign-up moved on that the
// workplace agrees with; and a device unpaired there that is told so.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { SidepanelSnapshot } from '../../src/schemas/sidepanel.js';
import { openSignupStore } from '../../src/server/signups/store.js';
import { ADMIN_TOKEN, newKey, postSignup, signedIn, signupBody, testApp } from './support.js';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Setup = Awaited<ReturnType<typeof testApp>>;

/** A coordinator of lektiecafe, signed in, and a code made on Min konto. */
async function coordinatorWithCode(s: Setup) {
  const me = await signedIn(s.db, {
    role: 'coordinator',
    activities: ['lektiecafe'],
    name: 'Karen Koordinator',
    now: new Date(s.clock.now()),
  });
  const page = await s.app.request('/leder/konto/sidepanel', me.form({}));
  expect(page.status).toBe(200);
  const text = await page.text();
  const code = /class="wp-token"[^>]*>([A-Z2-9]{4}) ([A-Z2-9]{4})</.exec(text);
  expect(code).not.toBeNull();
  return { me, code: `${code![1]}${code![2]}` };
}

const pair = (s: Setup, code: string, device = 'Karens bærbare') =>
  s.app.request('/api/v1/sidepanel/forbind', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: EXTENSION },
    body: JSON.stringify({ code, device }),
  });

const asDevice = (token: string, init: RequestInit = {}) => ({
  ...init,
  headers: {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
    Origin: EXTENSION,
    ...init.headers,
  },
});

describe('pairing the sidebar', () => {
  it('exchanges a code from Min konto once for a device token, and lists the device there', async () => {
    const s = await testApp({ rateLimit: false });
    const { me, code } = await coordinatorWithCode(s);
    const res = await pair(s, code.toLowerCase());
    expect(res.status).toBe(201);
    const paired = (await res.json()) as { token: string; person: string; role: string };
    expect(paired).toMatchObject({ person: 'Karen Koordinator', role: 'coordinator' });
    expect(paired.token).toMatch(/^skd_[A-Za-z0-9_-]{43}$/);
    // Once only.
    const again = await pair(s, code);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe(
      'error.pairing.unknown',
    );
    const konto = await (await s.app.request('/leder/konto', { headers: me.headers })).text();
    expect(konto).toContain('Karens bærbare, forbundet');
  });

  it('refuses a malformed code in Danish or English, and slows down a client guessing codes', async () => {
    const s = await testApp({ rateLimit: false });
    const bad = await s.app.request('/api/v1/sidepanel/forbind', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      body: JSON.stringify({ code: 'abc', device: 'x' }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('8 letters and digits');
    for (let i = 0; i < 9; i++) expect((await pair(s, 'ABCDEFGH')).status).toBe(400);
    expect((await pair(s, 'ABCDEFGH')).status).toBe(429);
  });

  it('expires a code after 10 minutes', async () => {
    const s = await testApp({ rateLimit: false });
    const { code } = await coordinatorWithCode(s);
    s.clock.advance(10 * 60_000);
    expect((await pair(s, code)).status).toBe(400);
  });
});

describe('the sidebar’s snapshot', () => {
  it('holds the coordinator’s own new sign-ups, shifts, requests for contact, valid as the schema says', async () => {
    const s = await testApp({ rateLimit: false });
    const admin = (path: string, body: unknown, method = 'POST') =>
      s.app.request(`/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (await postSignup(s.app, signupBody({ activityId: 'lektiecafe', name: 'Ny Nina' }))).status,
    ).toBe(201);
    expect(
      (await postSignup(s.app, signupBody({ activityId: 'besoegsven', name: 'Anden Anders' })))
        .status,
    ).toBe(201);
    // A shift in three hours, full, with someone waiting.
    const start = new Date(s.clock.now() + 3 * HOUR);
    const [shift] = (await (
      await admin('/shifts', {
        activityId: 'lektiecafe',
        title: 'Lektiehjælp',
        start: start.toISOString(),
        end: new Date(start.getTime() + 2 * HOUR).toISOString(),
        capacity: 1,
      })
    ).json()) as [{ id: string }];
    for (const [name, waitlist] of [
      ['Ida Kommer', false],
      ['Bo Venter', true],
    ] as const) {
      const res = await s.app.request(`/api/v1/shifts/${shift.id}/claims`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
        body: JSON.stringify(
          signupBody({ name, email: `${name.split(' ')[0]}@example.dk`, waitlist }),
        ),
      });
      expect(res.status).toBe(201);
    }
    await admin('/activities/lektiecafe/reflection-settings', { openReflections: true }, 'PUT');
    const reflection = await s.app.request('/api/v1/reflections', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
      body: JSON.stringify({
        activityId: 'lektiecafe',
        questionSetVersion: 0,
        answers: { energy: 2 },
        contact: '12 34 56 78',
      }),
    });
    expect(reflection.status).toBe(201);

    const { code } = await coordinatorWithCode(s);
    const { token } = (await (await pair(s, code)).json()) as { token: string };
    const res = await s.app.request('/api/v1/sidepanel/oversigt', asDevice(token));
    expect(res.status).toBe(200);
    const snapshot = z.parse(SidepanelSnapshot, await res.json());
    expect(snapshot.person).toBe('Karen Koordinator');
    expect(snapshot.inbox.map((x) => [x.name, x.activityId, x.status])).toEqual([
      ['Ny Nina', 'lektiecafe', 'ny'],
    ]);
    expect(snapshot.today).toMatchObject([
      {
        id: shift.id,
        title: 'Lektiehjælp',
        coming: [{ name: 'Ida Kommer' }],
        waiting: [{ name: 'Bo Venter' }],
      },
    ]);
    expect(snapshot.followUps.map((f) => f.contact)).toEqual(['12 34 56 78']);
    expect(JSON.stringify(snapshot)).not.toContain('Anden Anders');
  });

  it('names an activity whose energy has fallen three finished weeks in a row', async () => {
    const s = await testApp({ rateLimit: false });
    await s.app.request('/api/v1/activities/lektiecafe/reflection-settings', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ openReflections: false }),
    });
    // Invited reflections: three a week (the rule of 3), energy 5, then 4, then 3.
    const { openInvitations } = await import('../../src/server/reflections/invitations.js');
    const invitations = await openInvitations(s.db);
    for (const energy of [5, 4, 3]) {
      for (let i = 0; i < 3; i++) {
        const invitation = await s.db.write((trx) =>
          invitations.issue(trx, 'lektiecafe', new Date(s.clock.now())),
        );
        const res = await s.app.request('/api/v1/reflections', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
          body: JSON.stringify({
            activityId: 'lektiecafe',
            questionSetVersion: 0,
            answers: { energy },
            invitation,
          }),
        });
        expect(res.status).toBe(201);
      }
      s.clock.advance(7 * DAY);
    }
    const { code } = await coordinatorWithCode(s);
    const { token } = (await (await pair(s, code)).json()) as { token: string };
    const snapshot = z.parse(
      SidepanelSnapshot,
      await (await s.app.request('/api/v1/sidepanel/oversigt', asDevice(token))).json(),
    );
    expect(snapshot.pulse).toMatchObject([
      {
        activityId: 'lektiecafe',
        kind: 'energy-falling',
        weeks: [{ value: 5 }, { value: 4 }, { value: 3 }],
      },
    ]);
  });
});

describe('a sign-up moved on from the sidebar', () => {
  it('is moved in the workplace too, within the coordinator’s activities only', async () => {
    const s = await testApp({ rateLimit: false });
    await postSignup(s.app, signupBody({ activityId: 'lektiecafe', name: 'Ny Nina' }));
    await postSignup(s.app, signupBody({ activityId: 'besoegsven', name: 'Anden Anders' }));
    const store = await openSignupStore(s.db, s.activities);
    const nina = (await store.list('lektiecafe'))[0]!;
    const anders = (await store.list('besoegsven'))[0]!;
    const { code } = await coordinatorWithCode(s);
    const { token } = (await (await pair(s, code)).json()) as { token: string };
    const move = (id: string, status: string) =>
      s.app.request(
        `/api/v1/sidepanel/tilmeldinger/${id}/status`,
        asDevice(token, { method: 'POST', body: JSON.stringify({ status }) }),
      );
    const moved = await move(nina.id, 'kontaktet');
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ id: nina.id, status: 'kontaktet' });
    expect(await store.getWithStatus(nina.id)).toMatchObject({
      status: 'kontaktet',
      statusBy: 'Karen Koordinator',
    });
    expect((await move(nina.id, 'ny')).status).toBe(200);
    expect((await move(nina.id, 'aktiv')).status).toBe(409);
    expect((await move(anders.id, 'kontaktet')).status).toBe(404);
  });
});

describe('a device', () => {
  it('opens nothing but its own routes, and is told when it was unpaired in the workplace', async () => {
    const s = await testApp({ rateLimit: false });
    const { me, code } = await coordinatorWithCode(s);
    const { token } = (await (await pair(s, code)).json()) as { token: string };
    // Not the admin API, not the workplace's pages.
    expect(
      (await s.app.request('/api/v1/signups', { headers: { Authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(401);
    // Another site's page cannot use the extension's routes.
    const foreign = await s.app.request(
      '/api/v1/sidepanel/oversigt',
      asDevice(token, { headers: { Origin: 'https://ond.example' } }),
    );
    expect(foreign.status).toBe(403);

    const konto = await (await s.app.request('/leder/konto', { headers: me.headers })).text();
    const id = /action="\/leder\/konto\/sidepanel\/([^/]+)\/afbryd"/.exec(konto)![1]!;
    expect((await s.app.request(`/leder/konto/sidepanel/${id}/afbryd`, me.form({}))).status).toBe(
      200,
    );
    const gone = await s.app.request('/api/v1/sidepanel/oversigt', asDevice(token));
    expect(gone.status).toBe(401);
    expect(((await gone.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe(
      'error.device.revoked',
    );
  });

  it('unpairs itself', async () => {
    const s = await testApp({ rateLimit: false });
    const { code } = await coordinatorWithCode(s);
    const { token } = (await (await pair(s, code)).json()) as { token: string };
    expect(
      (await s.app.request('/api/v1/sidepanel/forbindelse', asDevice(token, { method: 'DELETE' })))
        .status,
    ).toBe(204);
    expect((await s.app.request('/api/v1/sidepanel/oversigt', asDevice(token))).status).toBe(401);
  });
});
