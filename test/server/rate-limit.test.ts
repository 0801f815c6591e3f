import { describe, expect, it } from 'vitest';
import { addressKey, TokenBuckets } from '../../src/server/http/rate-limit.js';
import { asAdmin, manualClock, postSignup, signupBody, testApp } from './support.js';

describe('rate limit on public writes', () => {
  it('answers 429 with Retry-After once the burst is spent, then recovers', async () => {
    const { app, clock, store } = await testApp({ rateLimit: { perMinute: 6, burst: 2 } });
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
    expect(await store.list()).toHaveLength(2);

    clock.advance(10_000);
    expect((await postSignup(app, signupBody())).status).toBe(201);
  });

  it('does not limit reads', async () => {
    const { app } = await testApp({ rateLimit: { perMinute: 1, burst: 1 } });
    for (let i = 0; i < 5; i++) {
      expect((await app.request('/api/v1/activities')).status).toBe(200);
    }
  });

  it('counts clients apart by X-Forwarded-For only behind a trusted proxy', async () => {
    const limit = { perMinute: 1, burst: 1 };
    const from = (ip: string) => ({ headers: { 'X-Forwarded-For': `203.0.113.9, ${ip}` } });

    const trusted = await testApp({ rateLimit: limit, trustProxy: true });
    expect((await postSignup(trusted.app, signupBody(), from('198.51.100.1'))).status).toBe(201);
    expect((await postSignup(trusted.app, signupBody(), from('198.51.100.2'))).status).toBe(201);
    expect((await postSignup(trusted.app, signupBody(), from('198.51.100.2'))).status).toBe(429);

    const direct = await testApp({ rateLimit: limit });
    expect((await postSignup(direct.app, signupBody(), from('198.51.100.1'))).status).toBe(201);
    expect((await postSignup(direct.app, signupBody(), from('198.51.100.2'))).status).toBe(429);
  });

  it('can be turned off', async () => {
    const { app } = await testApp({ rateLimit: false });
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

describe('the cancel page’s form', () => {
  it('is a public write like any other, refused in words a person reads', async () => {
    const { app } = await testApp({ rateLimit: { perMinute: 6, burst: 1 } });
    const cancel = () => app.request('/afmeld/unknown-token', { method: 'POST' });
    expect((await cancel()).status).toBe(404);
    const limited = await cancel();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Content-Type')).toMatch(/^text\/plain/);
    expect(limited.headers.get('Retry-After')).toBe('10');
    expect(await limited.text()).toBe('For mange forespørgsler. Prøv igen om lidt.');
  });
});

describe('the client a limit counts against', () => {
  it('is an IPv4 address, however it is written', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('is an IPv6 address’s /64, so one home cannot take a fresh address per request', () => {
    const key = '2001:db8:1:2::/64';
    expect(addressKey('2001:db8:1:2::1')).toBe(key);
    expect(addressKey('2001:0db8:0001:0002:abcd:ef01:2345:6789')).toBe(key);
    expect(addressKey('2001:db8:1:2:ffff::')).toBe(key);
    expect(addressKey('2001:db8:1:3::1')).not.toBe(key);
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('lets ten wrong tokens from one /64 throttle the rest of it', async () => {
    const { app } = await testApp({ trustProxy: true });
    for (let i = 1; i <= 10; i++) {
      const res = await app.request('/api/v1/signups', {
        headers: { ...asAdmin(`wrong-${i}`), 'X-Forwarded-For': `2001:db8:1:2::${i}` },
      });
      expect(res.status).toBe(401);
    }
    const next = await app.request('/api/v1/signups', {
      headers: { ...asAdmin(), 'X-Forwarded-For': '2001:db8:1:2::ff' },
    });
    expect(next.status).toBe(429);
  });
});
