/**
 * Fixtures for the server tests: a fresh database (on the engine the run is
 * for, see ../support/databases.ts) and app per test, and request helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { openActivityStore } from '../../src/server/activities/store.js';
import { type AppDeps, createApp } from '../../src/server/app.js';
import type { Db } from '../../src/server/database.js';
import type { Role } from '../../src/server/http/principal.js';
import { openSignupStore } from '../../src/server/signups/store.js';
import { openAccounts } from '../../src/server/workplace/accounts.js';
import { SESSION_COOKIE } from '../../src/server/workplace/session.js';
import { newDatabase } from '../support/databases.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `cleanup` after the test, after those registered later. */
export const afterTest = (cleanup: () => void | Promise<void>) => cleanups.push(cleanup);

/** A new empty directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samskab-server-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh database, closed and removed after the test; `target` is its path or URL. */
export async function freshDb(): Promise<{ db: Db; target: string }> {
  const { db, target, dispose } = await newDatabase();
  cleanups.push(dispose);
  return { db, target };
}

/** The admin token every test app is made with. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
/** The origin `app.request()` gives relative URLs: the app's own. */
export const OWN = 'http://localhost';

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse('2026-11-30T09:00:00Z')) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

/**
 * The app (every feature unless `deps.features` says otherwise) over a fresh
 * database holding the demo activities; `deps` override anything. `store` is
 * the sign-ups store, for looking at what a request kept.
 */
export async function testApp(deps: Partial<AppDeps> = {}) {
  const { db, target } = await freshDb();
  const activities = await openActivityStore(db);
  await activities.seed(DEMO_ACTIVITIES, new Date('2026-11-01T08:00:00Z'));
  const clock = manualClock();
  const { app, retention } = await createApp({
    db,
    adminToken: ADMIN_TOKEN,
    allowedOrigins: ['https://www.eksempel.dk'],
    widgetsDir: join(tempDir(), 'no-widgets'),
    now: clock.now,
    ...deps,
  });
  const store = await openSignupStore(db, activities);
  return { app, store, activities, db, target, clock, retention };
}

type App = Awaited<ReturnType<typeof testApp>>['app'];

/** A valid sign-up body; `overrides` change or add fields. */
export function signupBody(overrides: Record<string, unknown> = {}) {
  return {
    activityId: 'besoegsven',
    name: 'Søren Ågård',
    email: 'soren@example.dk',
    phone: '12 34 56 78',
    help: 'Højtlæsning om tirsdagen, Æblevej 5, Ærøskøbing',
    ageBand: '18-plus',
    consent: true,
    ...overrides,
  };
}

let keySeq = 0;
/** A fresh, valid Idempotency-Key. */
export const newKey = () => `test-key-${String(++keySeq).padStart(8, '0')}-${Date.now()}`;

/** POSTs a sign-up the way the widget does. */
export function postSignup(
  app: App,
  body: unknown,
  { key = newKey(), headers = {} }: { key?: string | null; headers?: Record<string, string> } = {},
) {
  return app.request('/api/v1/signups', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(key === null ? {} : { 'Idempotency-Key': key }),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Headers for an admin call. */
export const asAdmin = (token = ADMIN_TOKEN) => ({ Authorization: `Bearer ${token}` });

let accountSeq = 0;

/**
 * A person signed in to the workplace on `db`: an account made through an
 * accepted invitation (as a person would), with a live session. `headers`
 * carries its cookie; `form(fields)` is a POST from our own page in that
 * session (form token, `Sec-Fetch-Site: same-origin`). `now` is when the
 * session starts: by default the start of `manualClock()`.
 */
export async function signedIn(
  db: Db,
  {
    role = 'admin',
    activities = [],
    email = `leder-${++accountSeq}@example.dk`,
    name = `Leder ${accountSeq}`,
    now = new Date(manualClock().now()),
  }: {
    role?: Role;
    activities?: readonly string[];
    email?: string;
    name?: string;
    now?: Date;
  } = {},
) {
  const accounts = await openAccounts(db);
  const invitation = await db.write((trx) =>
    accounts.invite(trx, { email, name, role, activities, by: 'test' }, now),
  );
  const accepted = await accounts.acceptInvitation(invitation, name, now);
  if (!accepted) throw new Error('the test invitation was not accepted');
  const session = await accounts.session(accepted.session, now);
  if (!session) throw new Error('the test session is not live');
  const cookie = `${SESSION_COOKIE}=${accepted.session}`;
  const headers: Record<string, string> = { Cookie: cookie };
  return {
    accountId: accepted.account.id,
    email: accepted.account.email,
    /** The session's secret (the cookie's value). */
    token: accepted.session,
    cookie,
    csrf: session.csrf,
    headers,
    /** A form POST from our own page in this session. */
    form(
      fields: Record<string, string | readonly string[]> = {},
      extra: Record<string, string> = {},
    ) {
      const body = new URLSearchParams({ csrf: session.csrf });
      for (const [key, value] of Object.entries(fields)) {
        for (const v of typeof value === 'string' ? [value] : value) body.append(key, v);
      }
      return {
        method: 'POST',
        headers: {
          Cookie: cookie,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Sec-Fetch-Site': 'same-origin',
          ...extra,
        },
        body: body.toString(),
      };
    },
  };
}
