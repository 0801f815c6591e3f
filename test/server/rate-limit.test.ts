import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../src/server/http/rate-limit.js';
import { manualClock, postSignup, signupBody, testApp } from './support.js';

describe('rate limit on public writes', () => {
  it('answers 429 with Retry-After once the burst is spent, then recovers', async () => {
    const { app, clock, store } = testApp({ rateLimit: { perMinute: 6, burst: 2 } });
    expect((await postSignup(app, signupBody())).status).toBe(201);
    expect((await postSignup(app, signupBody())).status).toBe(201);

    const limited = await postSignup(app, signupBody(), { headers: { 'Accept-Language': 'en' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('10');
    expect(await limited.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.rateLimited",
            "message": "Too many requests. Try again shortly.",
            "path": "",
          },
        ],
      }
    `);
    expect(store.list()).toHaveLength(2);

    clock.advance(10_000);
    expect((await postSignup(app, signupBody())).status).toBe(201);
  });

  it('does not limit reads', async () => {
    const { app } = testApp({ rateLimit: { perMinute: 1, burst: 1 } });
    for (let i = 0; i < 5; i++) {
      expect((await app.request('/api/v1/activities')).status).toBe(200);
    }
  });

  it('counts clients apart by X-Forwarded-For only behind a trusted proxy', async () => {
    const limit = { perMinute: 1, burst: 1 };
    const from = (ip: string) => ({ headers: { 'X-Forwarded-For': `203.0.113.9, ${ip}` } });

    const trusted = testApp({ rateLimit: limit, trustProxy: true });
    expect((await postSignup(trusted.app, signupBody(), from('198.51.100.1'))).status).toBe(201);
    expect((await postSignup(trusted.app, signupBody(), from('198.51.100.2'))).status).toBe(201);
    expect((await postSignup(trusted.app, signupBody(), from('198.51.100.2'))).status).toBe(429);

    const direct = testApp({ rateLimit: limit });
    expect((await postSignup(direct.app, signupBody(), from('198.51.100.1'))).status).toBe(201);
    expect((await postSignup(direct.app, signupBody(), from('198.51.100.2'))).status).toBe(429);
  });

  it('can be turned off', async () => {
    const { app } = testApp({ rateLimit: false });
    for (let i = 0; i < 30; i++) expect((await postSignup(app, signupBody())).status).toBe(201);
  });
});

describe('TokenBuckets', () => {
  it('forgets clients whose bucket has refilled, so memory stays bounded', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ perMinute: 60, burst: 5 }, clock.now);
    for (let i = 0; i < 100; i++) buckets.take(`10.0.0.${i}`);
    expect(buckets.size).toBe(100);
    clock.advance(120_000);
    buckets.take('10.0.1.1');
    expect(buckets.size).toBe(1);
  });
});
