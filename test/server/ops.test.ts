// What an operator's tools see: /healthz and /readyz for the load balancer,
// one JSON log line per request with a request id, and Prometheus metrics.
import { connect } from 'node:net';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { FeatureFactory } from '../../src/server/feature.js';
import type { AppEnv } from '../../src/server/http/env.js';
import { opsFeature } from '../../src/server/ops/feature.js';
import type { LogEntry, RequestLogEntry } from '../../src/server/ops/log.js';
import type { RunningServer } from '../../src/server/server.js';
import { shiftsFeature } from '../../src/server/shifts/feature.js';
import { signupsFeature } from '../../src/server/signups/feature.js';
import { startTempServer } from '../support/temp-server.js';
import {
  ADMIN_TOKEN,
  asAdmin,
  freshDb,
  newKey,
  newShift,
  postSignup,
  signupBody,
  tempDir,
  testApp,
} from './support.js';

/** The app with every feature, its log lines kept in `lines`. */
async function loggedApp(deps: Parameters<typeof testApp>[0] = {}) {
  const lines: LogEntry[] = [];
  const made = await testApp({ rateLimit: false, log: (entry) => lines.push(entry), ...deps });
  const requests = () => lines.filter((l): l is RequestLogEntry => l.msg === 'request');
  return { ...made, lines, requests };
}

type App = Awaited<ReturnType<typeof testApp>>['app'];

/** One sample of the exposition text: `name{labels} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function samples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]!] = pair[2]!;
    }
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** The value of `name` with exactly `labels`, or undefined when it is not exposed. */
function sampleValue(text: string, name: string, labels: Record<string, string> = {}) {
  const want = JSON.stringify(Object.entries(labels).sort());
  return samples(text).find(
    (s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want,
  )?.value;
}

async function scrape(app: App) {
  const res = await app.request('/metrics', { headers: asAdmin() });
  expect(res.status).toBe(200);
  return res.text();
}

describe('GET /healthz', () => {
  it('answers 200 without asking the database, which may be gone', async () => {
    const { app, db } = await testApp();
    db.close();
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('GET /readyz', () => {
  it('answers 200 when the database answers and every feature has migrated', async () => {
    const { app } = await testApp();
    const res = await app.request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('answers 503 with the reason when the database does not answer', async () => {
    const { app, db } = await testApp();
    db.close();
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', reason: 'database' });
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('answers 503 "closing" once shutdown has begun, though the database still answers', async () => {
    const { app, readiness } = await createApp({
      db: (await freshDb()).db,
      adminToken: ADMIN_TOKEN,
      allowedOrigins: [],
      widgetsDir: join(tempDir(), 'no-widgets'),
    });
    readiness.closing();
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', reason: 'closing' });
  });

  describe('over a socket', () => {
    let running: RunningServer | undefined;
    afterEach(async () => {
      await running?.close();
      running = undefined;
    });

    it('tells a probe on a kept-alive connection to go elsewhere once close() has begun', async () => {
      let started!: () => void;
      let release!: () => void;
      const inFlight = new Promise<void>((resolve) => {
        started = resolve;
      });
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      // A request still running when shutdown begins, as a slow sign-up would be.
      const slow: FeatureFactory = () => ({
        pages: new Hono<AppEnv>().get('/slow', async (c) => {
          started();
          await gate;
          return c.text('done');
        }),
      });
      const server = await startTempServer({
        features: [opsFeature, slow],
        widgetsDir: tempDir(),
      });
      running = server;
      const socket = connect(server.port, '127.0.0.1');
      let received = '';
      socket.setEncoding('utf8');
      const arrived = (pattern: RegExp) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (pattern.test(received)) resolve();
            else socket.once('data', check);
          };
          check();
        });
      socket.on('data', (chunk: string) => {
        received += chunk;
      });
      const ended = new Promise((resolve) => socket.once('close', resolve));
      socket.write('GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      await inFlight;
      const closed = server.close();
      release();
      await arrived(/done$/);
      // A load balancer reuses its kept-alive connection for the next probe.
      socket.write('GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      await arrived(/\}$/);
      socket.end();
      await ended;
      await closed;
      const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
      expect(statuses).toEqual(['200', '503']);
      expect(received).toContain('{"status":"unavailable","reason":"closing"}');
    });
  });
});

describe('the request log', () => {
  it('writes one line per request: id, method, route pattern, status and duration, nothing personal', async () => {
    const { app, requests } = await loggedApp({ trustProxy: true });
    const res = await postSignup(app, signupBody(), {
      headers: { 'X-Forwarded-For': '203.0.113.7', 'User-Agent': 'Firefox/140' },
    });
    expect(res.status).toBe(201);
    // A query string, as a mistyped link might carry one.
    await app.request('/api/v1/activities?email=soren@example.dk');

    const [signup, list, ...rest] = requests();
    expect(rest).toEqual([]);
    expect(Object.keys(signup!).sort()).toEqual(
      ['durationMs', 'level', 'method', 'msg', 'requestId', 'route', 'status', 'time'].sort(),
    );
    expect(signup).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      route: '/api/v1/signups',
      status: 201,
      requestId: res.headers.get('X-Request-Id'),
    });
    expect(signup!.durationMs).toBeGreaterThanOrEqual(0);
    expect(new Date(signup!.time).toISOString()).toBe(signup!.time);
    expect(list).toMatchObject({ method: 'GET', route: '/api/v1/activities', status: 200 });
    const text = JSON.stringify(requests());
    for (const personal of ['Søren', 'soren@', '203.0.113', 'Firefox', 'email=']) {
      expect(text).not.toContain(personal);
    }
  });

  it('names the route pattern, not the path, so a cancel link’s token stays out', async () => {
    const { app, requests } = await loggedApp();
    const token = 'A'.repeat(43);
    await app.request(`/afmeld/${token}`);
    await app.request(`/no/such/page/${token}`);
    const [cancel, unknown] = requests();
    expect(cancel).toMatchObject({ route: '/afmeld/:token', status: 404 });
    expect(unknown).toMatchObject({ route: null, status: 404 });
    expect(JSON.stringify(requests())).not.toContain(token);
  });

  it('keeps a safe incoming X-Request-Id and replaces anything else', async () => {
    const { app, requests } = await loggedApp();
    const kept = await app.request('/healthz', {
      headers: { 'X-Request-Id': 'lb-7f3a_91c2-0001' },
    });
    expect(kept.headers.get('X-Request-Id')).toBe('lb-7f3a_91c2-0001');
    const unsafe = [
      'short',
      'x'.repeat(65),
      'has spaces in it',
      '<script>alert(1)</script>',
      'a.b.c.d.e.f',
    ];
    for (const id of unsafe) {
      const res = await app.request('/healthz', { headers: { 'X-Request-Id': id } });
      expect(res.headers.get('X-Request-Id')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    }
    const ids = requests().map((line) => line.requestId);
    expect(ids[0]).toBe('lb-7f3a_91c2-0001');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every request its own id when none comes in', async () => {
    const { app } = await loggedApp();
    const a = await app.request('/healthz');
    const b = await app.request('/healthz');
    expect(a.headers.get('X-Request-Id')).toBeTruthy();
    expect(a.headers.get('X-Request-Id')).not.toBe(b.headers.get('X-Request-Id'));
  });

  it('writes an unexpected error as a JSON line with the request’s id', async () => {
    const failing: FeatureFactory = () => ({
      api: new Hono<AppEnv>().get('/boom', () => {
        throw new Error('disk I/O error');
      }),
    });
    const { app, lines, requests } = await loggedApp({ features: [failing] });
    const res = await app.request('/api/v1/boom');
    expect(res.status).toBe(500);
    const id = res.headers.get('X-Request-Id');
    const error = lines.find((line) => line.level === 'error');
    expect(error).toMatchObject({
      level: 'error',
      requestId: id,
      error: { name: 'Error', message: 'disk I/O error' },
    });
    expect(error && 'error' in error ? error.error.stack : '').toContain('disk I/O error');
    expect(requests()).toMatchObject([{ requestId: id, status: 500, route: '/api/v1/boom' }]);
    expect(() => JSON.parse(JSON.stringify(lines))).not.toThrow();
  });
});

describe('GET /metrics', () => {
  it('is for the admin only', async () => {
    const { app } = await testApp();
    const none = await app.request('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('WWW-Authenticate')).toBe('Bearer');
    const wrong = await app.request('/metrics', { headers: asAdmin(`${ADMIN_TOKEN}x`) });
    expect(wrong.status).toBe(401);
    const right = await app.request('/metrics', { headers: asAdmin() });
    expect(right.status).toBe(200);
    expect(right.headers.get('Content-Type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(right.headers.get('Cache-Control')).toBe('no-store');
  });

  it('counts requests by method, route pattern and status class, and times them', async () => {
    const { app } = await loggedApp();
    await postSignup(app, signupBody());
    await postSignup(app, signupBody({ consent: false }));
    await app.request('/no/such/page/secret-abc');
    const text = await scrape(app);
    const post = { method: 'POST', route: '/api/v1/signups' };
    expect(sampleValue(text, 'samskab_http_requests_total', { ...post, status_class: '2xx' })).toBe(
      1,
    );
    expect(sampleValue(text, 'samskab_http_requests_total', { ...post, status_class: '4xx' })).toBe(
      1,
    );
    expect(
      sampleValue(text, 'samskab_http_requests_total', {
        method: 'GET',
        route: '(unmatched)',
        status_class: '4xx',
      }),
    ).toBe(1);
    expect(text).not.toContain('secret-abc');
    expect(sampleValue(text, 'samskab_http_request_duration_seconds_count', post)).toBe(2);
    expect(
      sampleValue(text, 'samskab_http_request_duration_seconds_bucket', { ...post, le: '+Inf' }),
    ).toBe(2);
  });

  it('counts stored sign-ups, not replays, refusals or a honeypot’s fake receipt', async () => {
    const { app } = await loggedApp({ features: [opsFeature, signupsFeature] });
    const key = newKey();
    expect((await postSignup(app, signupBody(), { key })).status).toBe(201);
    const replay = await postSignup(app, signupBody(), { key });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await postSignup(app, signupBody({ website: 'spam.example' }))).status).toBe(201);
    expect((await postSignup(app, signupBody({ activityId: 'ukendt' }))).status).toBe(400);
    expect((await postSignup(app, signupBody({ name: 'Anden' }))).status).toBe(201);
    expect(sampleValue(await scrape(app), 'samskab_signups_total')).toBe(2);
  });

  it('counts stored claims by the status they got', async () => {
    const { app } = await loggedApp({ features: [opsFeature, shiftsFeature] });
    const id = await newShift(app, 1, {
      start: '2026-12-01T17:00:00+01:00',
      end: '2026-12-01T19:00:00+01:00',
    });
    const claim = (n: number, key = newKey()) =>
      app.request(`/api/v1/shifts/${id}/claims`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({
          name: `Frivillig ${n}`,
          email: `frivillig${n}@example.dk`,
          ageBand: '18-plus',
          consent: true,
          waitlist: true,
        }),
      });
    const key = newKey();
    expect((await claim(1, key)).status).toBe(201);
    expect((await claim(1, key)).headers.get('Idempotent-Replayed')).toBe('true');
    expect((await claim(2)).status).toBe(201);
    expect((await claim(3)).status).toBe(201);
    const text = await scrape(app);
    expect(sampleValue(text, 'samskab_claims_total', { status: 'claimed' })).toBe(1);
    expect(sampleValue(text, 'samskab_claims_total', { status: 'waitlisted' })).toBe(2);
  });

  it('shows the process’s own figures', async () => {
    const text = await scrape((await testApp()).app);
    expect(sampleValue(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('keeps each app’s counts to itself', async () => {
    const one = await testApp({ rateLimit: false });
    const other = await testApp({ rateLimit: false });
    await postSignup(one.app, signupBody());
    expect(sampleValue(await scrape(one.app), 'samskab_signups_total')).toBe(1);
    expect(sampleValue(await scrape(other.app), 'samskab_signups_total')).toBe(0);
  });
});
