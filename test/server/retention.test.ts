import { describe, expect, it } from 'vitest';
import { postSignup, signupBody, testApp } from './support.js';

const MONTH = 31 * 86_400_000;

describe('one retention scheduler on the app clock', () => {
  it('erases a sign-up once the app clock passes the retention period, on the next request', async () => {
    const { app, clock, store } = testApp({ retentionMonths: 1 });
    expect((await postSignup(app, signupBody())).status).toBe(201);
    expect(store.list()).toHaveLength(1);

    clock.advance(MONTH / 2);
    await app.request('/api/v1/activities');
    expect(store.list()).toHaveLength(1);

    clock.advance(MONTH);
    await app.request('/api/v1/activities');
    expect(store.list()).toEqual([]);
  });

  it('runs each feature at most hourly, and the others when one fails', async () => {
    const runs: string[] = [];
    const errors: unknown[] = [];
    const feature =
      (name: string, fail = false) =>
      () => ({
        retain: () => {
          runs.push(name);
          if (fail) throw new Error(`${name} failed`);
        },
      });
    const { app, clock } = testApp({
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
});
