/**
 * Fixtures for the server tests: a fresh database (on the engine the run is
 * for, see ../support/databases.ts) and app per test, and request helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterEach, expect } from 'vitest';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { openActivityStore } from '../../src/server/activities/store.js';
import { type AppDeps, createApp } from '../../src/server/app.js';
import type { Db } from '../../src/server/database.js';
import type { Role } from '../../src/server/http/principal.js';
import { smtpTransport } from '../../src/server/mail/transport.js';
import { openSignupStore } from '../../src/server/signups/store.js';
import { openAccounts } from '../../src/server/workplace/accounts.js';
import { SESSION_COOKIE } from '../../src/server/workplace/session.js';
import { newDatabase } from '../support/databases.js';
import { startSmtp } from '../support/smtp.js';

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

/** The public origin the mailing apps are served at (links in mail use it). */
export const PUBLIC_URL = 'https://samskab.eksempel.dk';
/** Who the mailing apps' mail is from. */
export const MAIL_FROM = 'Eksempel Kommune <frivillig@eksempel.dk>';

/** A fresh database holding the demo activities, added at `seededAt`. */
export async function demoDb(seededAt = new Date('2026-11-01T08:00:00Z')) {
  const { db, target } = await freshDb();
  const activities = await openActivityStore(db);
  await activities.seed(DEMO_ACTIVITIES, seededAt);
  return { db, target, activities };
}

/** Where a test app's clock starts and when its demo activities were added. */
export interface AppOptions {
  clock?: ReturnType<typeof manualClock>;
  seededAt?: Date;
}

/**
 * The app (every feature unless `deps.features` says otherwise) over a fresh
 * database holding the demo activities; `deps` override anything. `restart()`
 * serves the same database again with the same deps (`deps`), as after a restart.
 */
export async function demoApp(
  deps: Partial<AppDeps> = {},
  { clock = manualClock(), seededAt }: AppOptions = {},
) {
  const { db, target, activities } = await demoDb(seededAt);
  const all: AppDeps = {
    db,
    adminToken: ADMIN_TOKEN,
    allowedOrigins: ['https://www.eksempel.dk'],
    widgetsDir: join(tempDir(), 'no-widgets'),
    now: clock.now,
    ...deps,
  };
  const built = await createApp(all);
  return { ...built, db, target, activities, clock, deps: all, restart: () => createApp(all) };
}

/** `demoApp`, and `store`, the sign-ups store, for looking at what a request kept. */
export async function testApp(deps: Partial<AppDeps> = {}, options: AppOptions = {}) {
  const built = await demoApp(deps, options);
  const store = await openSignupStore(built.db, built.activities);
  return { ...built, store };
}

/**
 * `demoApp` mailing through a real SMTP server (`smtp`), served at
 * `PUBLIC_URL` for Eksempel Kommune, with no rate limit and no other site
 * allowed; `deps` override anything. `inbox()` runs the mail worker (of
 * `mail`, by default the first app's) and answers every mail received so far.
 */
export async function mailingApp(deps: Partial<AppDeps> = {}, options: AppOptions = {}) {
  const smtp = await startSmtp();
  afterTest(() => smtp.close());
  const transport = smtpTransport(smtp.url, MAIL_FROM);
  afterTest(() => transport.close());
  const built = await demoApp(
    {
      allowedOrigins: [],
      rateLimit: false,
      publicUrl: PUBLIC_URL,
      site: { name: 'Eksempel Kommune', processor: '' },
      mailTransport: transport,
      ...deps,
    },
    options,
  );
  const inbox = async (mail = built.mail): Promise<ParsedMail[]> => {
    await mail.worker.run();
    return smtp.received;
  };
  return { ...built, smtp, inbox };
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

/** `signedIn` on a test app's database at its clock's time: a coordinator unless `role` says otherwise. */
export function signedInAt(
  { db, clock }: { db: Db; clock: { now(): number } },
  email: string,
  name: string,
  activities: readonly string[],
  role: Role = 'coordinator',
) {
  return signedIn(db, { email, name, activities, role, now: new Date(clock.now()) });
}

/**
 * Makes a Besøgsven shift on Tuesday 8 December 2026, 15–17 in Copenhagen, as
 * the admin; `overrides` change any field. Answers its id.
 */
export async function newShift(
  app: App,
  capacity = 1,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await app.request('/api/v1/shifts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...asAdmin() },
    body: JSON.stringify({
      activityId: 'besoegsven',
      title: 'Eftermiddagsbesøg',
      location: 'Plejecenter Solgården',
      start: '2026-12-08T15:00:00+01:00',
      end: '2026-12-08T17:00:00+01:00',
      capacity,
      ...overrides,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }[])[0]!.id;
}
