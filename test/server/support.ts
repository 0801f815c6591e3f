/** Fixtures for the server tests: a fresh SQLite file and app per test, and request helpers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type AppDeps, createApp } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/server/db.js';
import { seedDemo } from '../../src/server/demo/seed.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A new empty directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samskab-server-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store on a fresh file, closed after the test. */
export function freshStore(): { store: Store; dbPath: string } {
  const dbPath = join(tempDir(), 'samskab.db');
  const store = openStore(dbPath);
  cleanups.push(() => store.close());
  return { store, dbPath };
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

/** The app over a fresh, demo-seeded store; `deps` override anything. */
export function testApp(deps: Partial<AppDeps> = {}) {
  const { store, dbPath } = freshStore();
  seedDemo(store, new Date('2026-11-01T08:00:00Z'));
  const clock = manualClock();
  const app = createApp({
    store,
    adminToken: ADMIN_TOKEN,
    allowedOrigins: ['https://www.eksempel.dk'],
    widgetsDir: join(tempDir(), 'no-widgets'),
    now: clock.now,
    ...deps,
  });
  return { app, store, dbPath, clock };
}

type App = ReturnType<typeof testApp>['app'];

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
