// Many municipalities on one deployment, on the engine the run is for: each
// tenant's data in its own database (an SQLite file, or a PostgreSQL schema
// reached as its own role), chosen by the host a request is sent to. The
// central test walks every route of one tenant with the other's ids and
// credentials and finds nothing of the other.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/server/app.js';
import { openDeployment } from '../../src/server/tenants/deployment.js';
import { TenantInput } from '../../src/server/tenants/registry.js';
import { ENGINE } from '../support/databases.js';
import {
  ADMIN_TOKEN,
  afterTest,
  freshDb,
  manualClock,
  newKey,
  signupBody,
  tempDir,
} from './support.js';

const A_ORIGIN = 'https://www.a-kommune.dk';
const B_ORIGIN = 'https://www.b-kommune.dk';

/** A deployment over a fresh database; `add` registers a tenant and returns its admin token. */
async function deployment(base: Partial<AppDeps> = {}) {
  const { db, target } = await freshDb();
  const clock = manualClock(Date.parse('2026-12-02T09:00:00Z'));
  const d = await openDeployment({
    home: db,
    homeTarget: target,
    trustProxy: false,
    // Only the tests' own `refresh()` reads the registry.
    refreshEveryMs: 3_600_000,
    base: {
      db,
      adminToken: ADMIN_TOKEN,
      allowedOrigins: ['https://www.default.dk'],
      widgetsDir: join(tempDir(), 'no-widgets'),
      rateLimit: false,
      now: clock.now,
      ...base,
    },
  });
  afterTest(() => d.close());
  const add = async (input: Parameters<typeof TenantInput.parse>[0]) => {
    const checked = TenantInput.parse(input);
    const outcome = await d.registry.add(checked, new Date(clock.now()), (trx) =>
      d.storage.prepare(trx, checked.id),
    );
    if (outcome.kind !== 'added') throw new Error(`add ${checked.id}: ${outcome.kind}`);
    await d.refresh();
    return outcome.token;
  };
  /** A request to `host`, as a browser or curl sends it there. */
  const request = (host: string, path: string, init: RequestInit = {}) =>
    d.fetch(new Request(`https://${host}${path}`, init));
  return { d, db, target, clock, add, request };
}

type Deployment = Awaited<ReturnType<typeof deployment>>;

/** Two municipalities, each with an activity of its own. */
async function twoTenants(base: Partial<AppDeps> = {}) {
  const dep = await deployment(base);
  const tokenA = await dep.add({
    id: 'a-kommune',
    hosts: ['a.samskab.test'],
    origins: [A_ORIGIN],
    name: 'A Kommune',
    processor: 'Leverandør A',
  });
  const tokenB = await dep.add({
    id: 'b-kommune',
    hosts: ['b.samskab.test', 'frivillig.b-kommune.dk'],
    origins: [B_ORIGIN],
    retentionMonths: 1,
  });
  return { ...dep, tokenA, tokenB };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey(), ...headers },
  body: JSON.stringify(body),
});
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function createActivity(dep: Deployment, host: string, token: string, title: string) {
  const res = await dep.request(host, '/api/v1/activities', json({ title }, bearer(token)));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('a deployment without tenants', () => {
  it('serves the default tenant on every host, as a single municipality’s server', async () => {
    const dep = await deployment();
    const id = await createActivity(dep, 'localhost', ADMIN_TOKEN, 'Hos standardkommunen');
    for (const host of ['samskab.eksempel.dk', '10.0.0.7']) {
      const list = await dep.request(host, '/api/v1/activities');
      expect(await list.json()).toEqual([expect.objectContaining({ id })]);
      const res = await dep.request(host, '/api/v1/signups', json(signupBody({ activityId: id })));
      expect(res.status).toBe(201);
    }
  });
});

describe('a deployment with tenants', () => {
  it('refuses a host no tenant has with 404, in Danish and English, and still answers probes', async () => {
    const { request } = await twoTenants();
    const api = await request('localhost', '/api/v1/activities');
    expect(api.status).toBe(404);
    expect((await api.json()).errors[0].code).toBe('error.tenant.unknown');
    const en = await request('localhost', '/api/v1/activities', {
      headers: { 'Accept-Language': 'en' },
    });
    expect((await en.json()).errors[0].message).toBe(
      'This address belongs to no municipality on this server.',
    );
    const page = await request('default.samskab.test', '/');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('hører ikke til en kommune');
    for (const probe of ['/healthz', '/readyz']) {
      expect((await request('10.0.0.7', probe)).status).toBe(200);
    }
  });

  it('routes every host of a tenant to it, whatever the case or port', async () => {
    const dep = await twoTenants();
    const id = await createActivity(dep, 'b.samskab.test', dep.tokenB, 'Kun hos B');
    for (const host of ['frivillig.b-kommune.dk', 'B.Samskab.Test:8443']) {
      const list = await dep.request(host, '/api/v1/activities');
      expect(await list.json()).toEqual([expect.objectContaining({ id })]);
    }
  });

  it('keeps each tenant’s rows where a query that names no tenant finds only its own', async () => {
    const dep = await twoTenants();
    await createActivity(dep, 'a.samskab.test', dep.tokenA, 'Kun hos A');
    await createActivity(dep, 'b.samskab.test', dep.tokenB, 'Kun hos B');
    const a = await dep.d.storage.open('a-kommune');
    afterTest(() => a.db.close());
    const titles = await sql<{ title: string }>`SELECT title FROM activities`.execute(a.db.kysely);
    expect(titles.rows.map((row) => row.title)).toEqual(['Kun hos A']);
    if (ENGINE === 'postgres') {
      // Named outright, another tenant's table is not this tenant's role's to read.
      await expect(
        sql`SELECT title FROM tenant_b_kommune.activities`.execute(a.db.kysely),
      ).rejects.toThrow(/permission denied/);
      // Nor is the registry, with every tenant's token hash.
      await expect(sql`SELECT id FROM public.tenants`.execute(a.db.kysely)).rejects.toThrow(
        /permission denied/,
      );
    } else {
      expect(existsSync(join(dep.target, '..', 'tenants', 'a-kommune', 'samskab.db'))).toBe(true);
      expect(existsSync(join(dep.target, '..', 'tenants', 'b-kommune', 'samskab.db'))).toBe(true);
    }
  });

  it('lets a widget on A’s origin write to A only: B refuses A’s origin', async () => {
    const dep = await twoTenants();
    const aActivity = await createActivity(dep, 'a.samskab.test', dep.tokenA, 'Kun hos A');
    const toB = await dep.request(
      'b.samskab.test',
      '/api/v1/signups',
      json(signupBody({ activityId: aActivity }), { Origin: A_ORIGIN }),
    );
    expect(toB.status).toBe(403);
    expect((await toB.json()).errors[0].code).toBe('error.origin');
    const preflight = await dep.request('b.samskab.test', '/api/v1/signups', {
      method: 'OPTIONS',
      headers: { Origin: A_ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const toA = await dep.request(
      'a.samskab.test',
      '/api/v1/signups',
      json(signupBody({ activityId: aActivity }), { Origin: A_ORIGIN }),
    );
    expect(toA.status).toBe(201);
    const inB = await dep.request('b.samskab.test', '/api/v1/signups', {
      headers: bearer(dep.tokenB),
    });
    expect(await inB.json()).toEqual([]);
  });

  it('gives each tenant its own admin token: one opens nothing of the other', async () => {
    const dep = await twoTenants();
    for (const [host, token] of [
      ['a.samskab.test', dep.tokenB],
      ['b.samskab.test', dep.tokenA],
      ['a.samskab.test', ADMIN_TOKEN],
    ] as const) {
      const res = await dep.request(host, '/api/v1/signups', { headers: bearer(token) });
      expect(res.status).toBe(401);
    }
    expect(
      (await dep.request('a.samskab.test', '/api/v1/signups', { headers: bearer(dep.tokenA) }))
        .status,
    ).toBe(200);
  });

  it('erases on each tenant’s own retention', async () => {
    const dep = await twoTenants();
    const a = await createActivity(dep, 'a.samskab.test', dep.tokenA, 'Kun hos A');
    const b = await createActivity(dep, 'b.samskab.test', dep.tokenB, 'Kun hos B');
    for (const [host, activityId] of [
      ['a.samskab.test', a],
      ['b.samskab.test', b],
    ] as const) {
      const res = await dep.request(host, '/api/v1/signups', json(signupBody({ activityId })));
      expect(res.status).toBe(201);
    }
    // B keeps sign-ups a month, A the server's default twelve.
    dep.clock.advance(40 * 24 * 60 * 60 * 1000);
    await dep.d.retentionDue();
    const count = async (host: string, token: string) =>
      (
        (await (
          await dep.request(host, '/api/v1/signups', { headers: bearer(token) })
        ).json()) as []
      ).length;
    expect(await count('a.samskab.test', dep.tokenA)).toBe(1);
    expect(await count('b.samskab.test', dep.tokenB)).toBe(0);
  });

  it('names the municipality in its residents’ page titles and its processor in the privacy text', async () => {
    const dep = await twoTenants();
    const hosted = await (await dep.request('a.samskab.test', '/embed/signup-form')).text();
    expect(hosted).toMatch(/<title>[^<]+ – A Kommune<\/title>/);
    const papers = await (
      await dep.request('a.samskab.test', '/embed/papers?widget=signup-form')
    ).json();
    expect(papers.privacy).toContain('Leverandør A driver serveren');
    const plain = await (await dep.request('b.samskab.test', '/embed/signup-form')).text();
    expect(plain).not.toContain('A Kommune');
  });

  it('serves a tenant added on another instance, and stops serving one removed there', async () => {
    const dep = await twoTenants();
    // A second instance on the same database: its own registry view.
    const other = await openDeployment({
      home: dep.db,
      homeTarget: dep.target,
      trustProxy: false,
      refreshEveryMs: 3_600_000,
      base: {
        db: dep.db,
        adminToken: ADMIN_TOKEN,
        allowedOrigins: [],
        widgetsDir: join(tempDir(), 'no-widgets'),
        rateLimit: false,
      },
    });
    afterTest(() => other.close());
    await dep.add({ id: 'c-kommune', hosts: ['c.samskab.test'], origins: [] });
    // An unknown host makes an instance look again, at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const res = await other.fetch(new Request('https://c.samskab.test/api/v1/activities'));
    expect(res.status).toBe(200);
    await dep.d.registry.remove('c-kommune');
    await other.refresh();
    const gone = await other.fetch(new Request('https://c.samskab.test/api/v1/activities'));
    expect(gone.status).toBe(404);
  });
});

describe('two tenants, route by route', () => {
  /** What each tenant keeps, marked so any leak of B's shows in A's answers. */
  async function seed(dep: Deployment, host: string, token: string, mark: string) {
    const send = async (path: string, body: unknown, auth = true, method = 'POST') => {
      const init = json(body, auth ? bearer(token) : {});
      const res = await dep.request(host, path, { ...init, method });
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      return res.json();
    };
    const activity = (await send('/api/v1/activities', { title: `${mark} aktivitet` })).id;
    const signup = await send(
      '/api/v1/signups',
      signupBody({
        activityId: activity,
        name: `${mark} Frivillig`,
        email: `${mark.toLowerCase()}@example.dk`,
        help: `${mark} hjælp`,
      }),
      false,
    );
    const [shift] = await send('/api/v1/shifts', {
      activityId: activity,
      title: `${mark} vagt`,
      location: `${mark} adresse`,
      start: '2026-12-10T17:00:00+01:00',
      end: '2026-12-10T19:00:00+01:00',
      capacity: 1,
    });
    const claim = await send(
      `/api/v1/shifts/${shift.id}/claims`,
      {
        name: `${mark} Vagttager`,
        email: `${mark.toLowerCase()}.vagt@example.dk`,
        ageBand: '18-plus',
        consent: true,
      },
      false,
    );
    await send(
      `/api/v1/activities/${activity}/reflection-questions`,
      { questions: [{ id: 'glaede', kind: 'text', text: { da: `${mark} spørgsmål` } }] },
      true,
      'PUT',
    );
    // New activities take invited reflections only; this walk posts an open one.
    await send(
      `/api/v1/activities/${activity}/reflection-settings`,
      { openReflections: true },
      true,
      'PUT',
    );
    const reflection = await send(
      '/api/v1/reflections',
      {
        activityId: activity,
        questionSetVersion: 1,
        answers: { glaede: `${mark} refleksion` },
        contact: `${mark.toLowerCase()}.kontakt@example.dk`,
      },
      false,
    );
    return {
      activity,
      signup: signup.id as string,
      shift: shift.id as string,
      claim: claim.id as string,
      cancelToken: claim.cancelToken as string,
      reflection: reflection.id as string,
    };
  }

  it('walks every route of A with B’s ids and A’s token, and finds nothing of B’s nor changes it', async () => {
    const dep = await twoTenants();
    await seed(dep, 'a.samskab.test', dep.tokenA, 'Asynlig');
    const b = await seed(dep, 'b.samskab.test', dep.tokenB, 'Bhemmelig');
    const markers = ['Bhemmelig', 'bhemmelig', ...Object.values(b)];
    const ids = [b.activity, b.signup, b.shift, b.claim, b.reflection];
    const values: Record<string, string[]> = {
      ':token': [b.cancelToken],
      ':activityId': [b.activity],
      ':version': ['1'],
      ':widget': ['signup-form'],
      ':tag': ['samskab-signup-form'],
      ':file': ['samskab.js'],
    };
    const bodies: Record<string, unknown> = {
      '/api/v1/activities': { title: 'Ny hos A' },
      '/api/v1/signups': signupBody({ activityId: b.activity }),
      '/api/v1/shifts': {
        activityId: b.activity,
        title: 'Vagt',
        start: '2026-12-11T17:00:00+01:00',
        end: '2026-12-11T19:00:00+01:00',
        capacity: 1,
      },
      '/api/v1/shifts/:id/claims': {
        name: 'Anden',
        email: 'anden@example.dk',
        ageBand: '18-plus',
        consent: true,
      },
      '/api/v1/shift-policies/:activityId': { cancelDeadlineHours: 1 },
      '/api/v1/activities/:id/reflection-questions': {
        questions: [{ id: 'x', kind: 'text', text: { da: 'Overtaget?' } }],
      },
      '/api/v1/reflections': {
        activityId: b.activity,
        questionSetVersion: 1,
        answers: { glaede: 'Overtaget' },
      },
    };
    // Each route with every way to fill its parameters from B's ids.
    const expand = (path: string): string[] => {
      const param = /:[A-Za-z]+/.exec(path)?.[0];
      if (!param) return [path];
      return (values[param] ?? ids).flatMap((value) => expand(path.replace(param, value)));
    };
    const basic = `Basic ${Buffer.from(`admin:${dep.tokenA}`).toString('base64')}`;
    const routes = dep.d.fallback.app.routes.filter((route) => route.method !== 'ALL');
    const walked = new Set<string>();
    for (const { method, path } of routes) {
      for (const concrete of expand(path)) {
        const query = method === 'GET' ? `?activity=${b.activity}&widget=signup-form` : '';
        for (const url of [concrete, `${concrete}${query}`]) {
          const body = method === 'GET' ? undefined : bodies[path];
          const res = await dep.request('a.samskab.test', url, {
            method,
            headers: {
              Authorization: path.startsWith('/api/') ? `Bearer ${dep.tokenA}` : basic,
              'Idempotency-Key': newKey(),
              ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          const text = await res.text();
          // An id the request itself names may come back (a snippet quotes its
          // activity); anything else of B's may not.
          const sent = `${url} ${JSON.stringify(body ?? '')}`;
          for (const marker of markers.filter((m) => !sent.includes(m))) {
            expect(text, `${method} ${url} shows ${marker}`).not.toContain(marker);
          }
          // Whatever A's admin may do, nothing of it lands on B's ids.
          if (method !== 'GET' && path !== '/api/v1/activities') {
            expect(res.status, `${method} ${url}`).toBeGreaterThanOrEqual(400);
          }
        }
      }
      walked.add(`${method} ${path}`);
    }
    // Every route the app has was walked, so a new route is walked too.
    expect(walked.size).toBe(new Set(routes.map((r) => `${r.method} ${r.path}`)).size);
    expect(walked.size).toBeGreaterThan(40);

    // B's data is all there, untouched.
    const asB = { headers: bearer(dep.tokenB) };
    const signups = await (await dep.request('b.samskab.test', '/api/v1/signups', asB)).json();
    expect(signups.map((s: { id: string }) => s.id)).toEqual([b.signup]);
    const claims = await (
      await dep.request('b.samskab.test', `/api/v1/shifts/${b.shift}/claims`, asB)
    ).json();
    expect(claims.claimed.map((c: { id: string }) => c.id)).toEqual([b.claim]);
    const set = await (
      await dep.request('b.samskab.test', `/api/v1/activities/${b.activity}/reflection-questions`)
    ).json();
    expect(set.version).toBe(1);
    expect(set.questions[0].text.da).toBe('Bhemmelig spørgsmål');
  });
});
