// Authorisation, route by route, on the engine the run is for: every admin API
// route and every /leder page, each asked as nobody, as a coordinator of
// another activity, as a coordinator of this activity and as an admin. The
// table must name every such route the app has, so a new route is walked too.
import { describe, expect, it } from 'vitest';
import { openAccounts } from '../../src/server/workplace/accounts.js';
import { ADMIN_TOKEN, newKey, signupBody, testApp } from './support.js';

const A = 'besoegsven';
const B = 'lektiecafe';
const DAY = 86_400_000;

type Who = 'anonymous' | 'other' | 'this' | 'admin';
const WHO: Who[] = ['anonymous', 'other', 'this', 'admin'];

async function world() {
  const t = await testApp({ rateLimit: false });
  const { app, db, clock } = t;
  const now = () => new Date(clock.now());
  const accounts = await openAccounts(db);
  /** An account with a session cookie, its form token and a write API token. */
  const person = async (email: string, role: 'admin' | 'coordinator', activities: string[]) => {
    const token = await db.write((trx) =>
      accounts.invite(trx, { email, name: email, role, activities, by: 'test' }, now()),
    );
    const accepted = (await accounts.acceptInvitation(token, email, now()))!;
    const session = (await accounts.session(accepted.session, now()))!;
    const api = await accounts.createApiToken(
      accepted.account.id,
      { name: 'test', scope: 'write', days: 30 },
      now(),
    );
    return { cookie: `samskab_leder=${accepted.session}`, csrf: session.csrf, api };
  };
  const people = {
    other: await person('other@kommune.dk', 'coordinator', [B]),
    this: await person('this@kommune.dk', 'coordinator', [A]),
    admin: await person('admin@kommune.dk', 'admin', []),
  };
  const asAdmin = (path: string, init: RequestInit = {}) =>
    app.request(`/api/v1${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${ADMIN_TOKEN}`,
        'Content-Type': 'application/json',
        ...init.headers,
      },
    });
  const start = new Date(clock.now() + 3 * DAY);
  /** A new shift of `activity`, with one resident on it; its id and the claim's. */
  const shift = async (activity = A) => {
    const made = await asAdmin('/shifts', {
      method: 'POST',
      body: JSON.stringify({
        activityId: activity,
        title: 'Vagt',
        start: start.toISOString(),
        end: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
        capacity: 3,
      }),
    });
    const [{ id }] = (await made.json()) as [{ id: string }];
    const claim = await app.request(`/api/v1/shifts/${id}/claims`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
      body: JSON.stringify(signupBody({ email: `beboer${newKey()}@example.dk` })),
    });
    expect(claim.status).toBe(201);
    const claims = (await (await asAdmin(`/shifts/${id}/claims`)).json()) as {
      claimed: { id: string }[];
    };
    return { shiftId: id, claimId: claims.claimed[0]!.id };
  };
  const signup = async (activity = A) => {
    const res = await app.request('/api/v1/signups', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
      body: JSON.stringify(signupBody({ activityId: activity })),
    });
    return ((await res.json()) as { id: string }).id;
  };
  const reflection = async (activity = A) => {
    await asAdmin(`/activities/${activity}/reflection-settings`, {
      method: 'PUT',
      body: JSON.stringify({ openReflections: true }),
    });
    const res = await app.request('/api/v1/reflections', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
      body: JSON.stringify({
        activityId: activity,
        questionSetVersion: 0,
        answers: { energy: 3 },
        contact: 'kontakt@example.dk',
      }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  return { ...t, people, shift, signup, reflection };
}

type World = Awaited<ReturnType<typeof world>>;

/**
 * One route: how to ask it about activity A's records (fresh ones each time,
 * so a DELETE that succeeds leaves the next principal its own record), and
 * what each principal gets. `null`: a success (2xx or a redirect into the
 * workplace).
 */
interface Row {
  route: string;
  ask: (w: World) => Promise<{ path: string; init?: RequestInit }>;
  expect: Record<Who, number | null>;
}

const json = (method: string, body: unknown = {}): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

// The usual answers: nobody 401, another activity's coordinator 404, ours and the admin succeed.
const SCOPED = { anonymous: 401, other: 404, this: null, admin: null } as const;
const ADMIN_ONLY = { anonymous: 401, other: 403, this: 403, admin: null } as const;
const ANY_PERSON = { anonymous: 401, other: null, this: null, admin: null } as const;
// Pages: nobody is sent to sign in (303), pages of another's activity are 404.
const PAGE_SCOPED = { anonymous: 303, other: 404, this: null, admin: null } as const;
const PAGE_ANY = { anonymous: 303, other: null, this: null, admin: null } as const;
const PAGE_ADMIN = { anonymous: 303, other: 403, this: 403, admin: null } as const;

const API: Row[] = [
  {
    route: 'POST /activities',
    ask: async () => ({ path: '/activities', init: json('POST', { title: 'Ny' }) }),
    expect: ANY_PERSON,
  },
  {
    route: 'PUT /activities/:id/reflection-questions',
    ask: async () => ({
      path: `/activities/${A}/reflection-questions`,
      init: json('PUT', {
        questions: [{ id: 'mening', kind: 'agree', theme: 'meaning', text: { da: 'Mening?' } }],
      }),
    }),
    expect: SCOPED,
  },
  {
    route: 'GET /activities/:id/reflection-settings',
    ask: async () => ({ path: `/activities/${A}/reflection-settings` }),
    expect: SCOPED,
  },
  {
    route: 'PUT /activities/:id/reflection-settings',
    ask: async () => ({
      path: `/activities/${A}/reflection-settings`,
      init: json('PUT', { openReflections: true }),
    }),
    expect: SCOPED,
  },
  {
    route: 'GET /activities/:id/pulse',
    ask: async () => ({ path: `/activities/${A}/pulse?weeks=4` }),
    expect: SCOPED,
  },
  {
    route: 'DELETE /reflections/:id',
    ask: async (w) => ({
      path: `/reflections/${await w.reflection()}`,
      init: { method: 'DELETE' },
    }),
    expect: SCOPED,
  },
  {
    route: 'DELETE /reflections/:id/contact',
    ask: async (w) => ({
      path: `/reflections/${await w.reflection()}/contact`,
      init: { method: 'DELETE' },
    }),
    expect: SCOPED,
  },
  {
    route: 'POST /shifts',
    ask: async (w) => {
      const start = new Date(w.clock.now() + 5 * DAY);
      return {
        path: '/shifts',
        init: json('POST', {
          activityId: A,
          title: 'Vagt',
          start: start.toISOString(),
          end: new Date(start.getTime() + 3_600_000).toISOString(),
          capacity: 2,
        }),
      };
    },
    // Another's activity reads as unknown: 400 error.activity.unknown, as for one that does not exist.
    expect: { anonymous: 401, other: 400, this: null, admin: null },
  },
  {
    route: 'DELETE /shifts/:id',
    ask: async (w) => ({
      path: `/shifts/${(await w.shift()).shiftId}`,
      init: { method: 'DELETE' },
    }),
    expect: SCOPED,
  },
  {
    route: 'POST /shifts/:id/cancel',
    ask: async (w) => ({
      path: `/shifts/${(await w.shift()).shiftId}/cancel`,
      init: json('POST', { reason: 'Sygdom' }),
    }),
    expect: SCOPED,
  },
  {
    route: 'PATCH /shifts/:id',
    ask: async (w) => ({
      path: `/shifts/${(await w.shift()).shiftId}`,
      init: json('PATCH', { title: 'Ny titel', reason: 'Rettelse' }),
    }),
    expect: SCOPED,
  },
  {
    route: 'GET /shifts/:id/claims',
    ask: async (w) => ({ path: `/shifts/${(await w.shift()).shiftId}/claims` }),
    expect: SCOPED,
  },
  {
    route: 'PUT /shift-policies/:activityId',
    ask: async () => ({
      path: `/shift-policies/${A}`,
      init: json('PUT', { cancelDeadlineHours: 12 }),
    }),
    expect: SCOPED,
  },
  {
    route: 'DELETE /claims/by-id/:id',
    ask: async (w) => ({
      path: `/claims/by-id/${(await w.shift()).claimId}`,
      init: { method: 'DELETE' },
    }),
    expect: SCOPED,
  },
  {
    route: 'GET /signups',
    ask: async (w) => {
      await w.signup();
      return { path: `/signups?activity=${A}` };
    },
    // Another's list reads as empty (checked below), not as an error.
    expect: ANY_PERSON,
  },
  {
    route: 'DELETE /signups/:id',
    ask: async (w) => ({ path: `/signups/${await w.signup()}`, init: { method: 'DELETE' } }),
    expect: SCOPED,
  },
  { route: 'GET /mail/failed', ask: async () => ({ path: '/mail/failed' }), expect: ADMIN_ONLY },
  // Prometheus' path is at the root, behind the same bearer gate.
  { route: 'GET /metrics', ask: async () => ({ path: '/../metrics' }), expect: ADMIN_ONLY },
  {
    route: 'POST /mail/failed/:id/retry',
    ask: async () => ({
      path: '/mail/failed/00000000-0000-4000-8000-000000000000/retry',
      init: { method: 'POST' },
    }),
    // No such mail: the admin passes the gate and is told so.
    expect: { ...ADMIN_ONLY, admin: 404 },
  },
];

const PAGES: Row[] = [
  { route: 'GET /leder', ask: async () => ({ path: '/leder' }), expect: PAGE_ANY },
  { route: 'GET /leder/konto', ask: async () => ({ path: '/leder/konto' }), expect: PAGE_ANY },
  {
    route: 'GET /leder/personer',
    ask: async () => ({ path: '/leder/personer' }),
    expect: PAGE_ADMIN,
  },
  { route: 'GET /leder/log', ask: async () => ({ path: '/leder/log' }), expect: PAGE_ADMIN },
  {
    route: 'GET /leder/puls',
    ask: async () => ({ path: `/leder/puls?activity=${A}` }),
    expect: PAGE_SCOPED,
  },
  {
    route: 'GET /leder/konto/passkeys',
    ask: async () => ({ path: '/leder/konto/passkeys' }),
    expect: PAGE_ANY,
  },
  {
    route: 'GET /leder/aktiviteter',
    ask: async () => ({ path: '/leder/aktiviteter' }),
    expect: PAGE_ANY,
  },
  {
    route: 'GET /leder/aktiviteter/:id',
    ask: async () => ({ path: `/leder/aktiviteter/${A}` }),
    expect: PAGE_SCOPED,
  },
  { route: 'GET /leder/vagter', ask: async () => ({ path: '/leder/vagter' }), expect: PAGE_ANY },
  {
    route: 'GET /leder/vagter/:id/ret',
    ask: async (w) => ({ path: `/leder/vagter/${(await w.shift()).shiftId}/ret` }),
    expect: PAGE_SCOPED,
  },
  {
    route: 'GET /leder/vagter/:id/aflys',
    ask: async (w) => ({ path: `/leder/vagter/${(await w.shift()).shiftId}/aflys` }),
    expect: PAGE_SCOPED,
  },
  {
    route: 'GET /leder/tilmeldinger',
    ask: async (w) => {
      await w.signup();
      return { path: `/leder/tilmeldinger?activity=${A}` };
    },
    expect: PAGE_SCOPED,
  },
  {
    route: 'GET /leder/vagter/:shiftId{[A-Za-z0-9_-]{1,64}}',
    ask: async (w) => ({ path: `/leder/vagter/${(await w.shift()).shiftId}` }),
    expect: PAGE_SCOPED,
  },
  {
    route: 'GET /leder/vagter/:shiftId{[A-Za-z0-9_-]{1,64}}/print',
    ask: async (w) => ({ path: `/leder/vagter/${(await w.shift()).shiftId}/print` }),
    expect: PAGE_SCOPED,
  },
  {
    route: 'GET /leder/indsigt',
    ask: async () => ({ path: '/leder/indsigt' }),
    expect: PAGE_ADMIN,
  },
];

/** Routes anyone may call (the widgets', the residents' pages, sign-in itself). */
const PUBLIC = new Set([
  'GET /api/v1/activities',
  'GET /api/v1/activities/:id/reflection-questions',
  'GET /api/v1/activities/:id/reflection-questions/:version',
  'POST /api/v1/reflections',
  'POST /api/v1/signups',
  'GET /api/v1/shifts',
  'GET /api/v1/shifts.ics',
  'POST /api/v1/shifts/:id/claims',
  'GET /api/v1/claims/:token',
  'DELETE /api/v1/claims/:token',
  'POST /api/v1/claims/:token/cancel',
  'GET /api/v1/claims/:token/shift.ics',
  'GET /leder/leder.css',
  'GET /leder/puls.css',
  'GET /leder/vagtliste-print.css',
  'GET /leder/passkey.js',
  'GET /leder/log-ind/passkey',
  'GET /leder/log-ind',
  'POST /leder/log-ind',
  'GET /leder/log-ind/:token{[A-Za-z0-9_-]{43}}',
  'POST /leder/log-ind/:token{[A-Za-z0-9_-]{43}}',
  'GET /leder/invitation/:token{[A-Za-z0-9_-]{43}}',
  'POST /leder/invitation/:token{[A-Za-z0-9_-]{43}}',
]);

/**
 * The sidebar's routes take a device token, not an admin's or a session:
 * walked with their own principals in sidepanel.test.ts.
 */
const DEVICE = new Set([
  'POST /api/v1/sidepanel/forbind',
  'GET /api/v1/sidepanel/oversigt',
  'POST /api/v1/sidepanel/tilmeldinger/:id/status',
  'DELETE /api/v1/sidepanel/forbindelse',
]);

/** Workplace forms tested where they are built (workplace*.test.ts): sign-out and the admin's forms. */
const FORMS = /^POST \/leder\//;

describe('authorisation, route by route', () => {
  it('names every admin API route and workplace page the app has', async () => {
    const { app } = await testApp();
    const routes = new Set(
      app.routes
        .filter((r) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
        .map((r) => `${r.method} ${r.path}`)
        .filter((r) => / \/(api\/v1|leder)(\/|$)/.test(r) || r === 'GET /metrics'),
    );
    const walked = new Set([
      ...API.map((r) =>
        r.route === 'GET /metrics' ? r.route : r.route.replace(' /', ' /api/v1/'),
      ),
      ...PAGES.map((r) => r.route),
    ]);
    const left = [...routes].filter(
      (r) => !walked.has(r) && !PUBLIC.has(r) && !DEVICE.has(r) && !FORMS.test(r),
    );
    expect(left).toEqual([]);
  });

  for (const row of [...API, ...PAGES]) {
    it(`${row.route}`, async () => {
      const w = await world();
      for (const who of WHO) {
        const { path, init = {} } = await row.ask(w);
        const page = !row.route.includes(' /api') && PAGES.includes(row);
        const headers = new Headers(init.headers);
        if (who !== 'anonymous') {
          const p = w.people[who];
          if (page) headers.set('Cookie', p.cookie);
          else headers.set('Authorization', `Bearer ${p.api}`);
        }
        const url = page ? path : path.startsWith('/../') ? path.slice(3) : `/api/v1${path}`;
        const res = await w.app.request(url, { ...init, headers });
        const wanted = row.expect[who];
        if (wanted === null) {
          expect(res.status, `${row.route} as ${who}`).toBeGreaterThanOrEqual(200);
          expect(res.status, `${row.route} as ${who}`).toBeLessThan(300);
        } else {
          expect(res.status, `${row.route} as ${who}`).toBe(wanted);
        }
        if (row.route === 'GET /signups' && who === 'other') expect(await res.json()).toEqual([]);
        if (row.route === 'GET /signups' && who === 'this') {
          expect(((await res.json()) as unknown[]).length).toBeGreaterThan(0);
        }
      }
    });
  }
});

describe('what a coordinator’s answers say about other activities', () => {
  it('counts a resident’s week in the claims listing only on the coordinator’s own activities', async () => {
    const w = await world();
    const start = new Date(w.clock.now() + 3 * DAY);
    /** A two-hour shift of `activity` this week, with Ida on it. */
    const withIda = async (activity: string, hoursLater: number) => {
      const at = new Date(start.getTime() + hoursLater * 3_600_000);
      const made = await w.app.request('/api/v1/shifts', {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          activityId: activity,
          title: 'Vagt',
          start: at.toISOString(),
          end: new Date(at.getTime() + 2 * 3_600_000).toISOString(),
          capacity: 3,
        }),
      });
      const [{ id }] = (await made.json()) as [{ id: string }];
      const claim = await w.app.request(`/api/v1/shifts/${id}/claims`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
        body: JSON.stringify(signupBody({ email: 'ida@example.dk' })),
      });
      expect(claim.status).toBe(201);
      return id;
    };
    const ours = await withIda(A, 0);
    await withIda(B, 5);
    const weekHours = async (token: string) => {
      const res = await w.app.request(`/api/v1/shifts/${ours}/claims`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { claimed: { email: string; weekHours: number }[] };
      return body.claimed.find((x) => x.email === 'ida@example.dk')?.weekHours;
    };
    expect(await weekHours(w.people.this.api)).toBe(2);
    expect(await weekHours(w.people.admin.api)).toBe(4);
  });
});
