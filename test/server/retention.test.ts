import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/database.js';
import {
  ADMIN_TOKEN,
  afterTest,
  freshDb,
  manualClock,
  postSignup,
  signupBody,
  testApp,
} from './support.js';

const MONTH = 31 * 86_400_000;

describe('one retention scheduler on the app clock', () => {
  it('erases a sign-up once the app clock passes the retention period, on the next request', async () => {
    const { app, clock, store } = await testApp({ retentionMonths: 1 });
    expect((await postSignup(app, signupBody())).status).toBe(201);
    expect(await store.list()).toHaveLength(1);

    clock.advance(MONTH / 2);
    await app.request('/api/v1/activities');
    expect(await store.list()).toHaveLength(1);

    clock.advance(MONTH);
    await app.request('/api/v1/activities');
    expect(await store.list()).toEqual([]);
  });

  it('runs each feature at most hourly, and the others when one fails', async () => {
    const runs: string[] = [];
    const errors: unknown[] = [];
    const feature =
      (name: string, fail = false) =>
      () => ({
        retain: async () => {
          runs.push(name);
          if (fail) throw new Error(`${name} failed`);
        },
      });
    const { app, clock } = await testApp({
      features: [feature('first', true), feature('second')],
      logError: (error) => errors.push(error),
    });
    expect(runs).toEqual(['first', 'second']);
    await app.request('/');
    clock.advance(59 * 60_000);
    await app.request('/');
    expect(runs).toEqual(['first', 'second']);
    clock.advance(60_000);
    await app.request('/');
    expect(runs).toEqual(['first', 'second', 'first', 'second']);
    expect(errors).toHaveLength(2);
  });

  it('runs once an hour however many instances share the database', async () => {
    const { db, target } = await freshDb();
    // A handle of its own, as another instance has: one SQLite connection would serialise them anyway.
    const other = await openDatabase(target);
    afterTest(() => other.close());
    const clock = manualClock();
    let runs = 0;
    const counting = () => ({
      retain: async () => {
        runs++;
      },
    });
    const instance = (handle: typeof db) =>
      createApp({
        db: handle,
        features: [counting],
        adminToken: ADMIN_TOKEN,
        allowedOrigins: [],
        widgetsDir: '/nonexistent',
        now: clock.now,
      });
    const [first, second] = [await instance(db), await instance(other)];
    expect(runs).toBe(1);
    clock.advance(60 * 60_000);
    await Promise.all([first.retention.due(), second.retention.due()]);
    await Promise.all([first.app.request('/'), second.app.request('/')]);
    expect(runs).toBe(2);
  });
});
