import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { keptTransport } from '../../src/server/mail/transport.js';
import { ENGINE } from '../support/databases.js';
import { ADMIN_TOKEN, asAdmin, testApp } from './support.js';

const basic = (password: string) => ({
  Authorization: `Basic ${Buffer.from(`leder:${password}`).toString('base64')}`,
});

describe('failed admin sign-ins are throttled per client', () => {
  it('answers 429 with Retry-After after ten wrong bearer tokens, even for the right one, then lets one try through', async () => {
    const { app, clock } = await testApp();
    for (let i = 0; i < 10; i++) {
      const res = await app.request('/api/v1/signups', { headers: asAdmin(`wrong-${i}`) });
      expect(res.status).toBe(401);
    }
    const throttled = await app.request('/api/v1/signups', {
      headers: { ...asAdmin(), 'Accept-Language': 'en' },
    });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await throttled.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.auth.throttled",
            "message": "Too many failed sign-in attempts. Wait a little and try again.",
            "path": "",
          },
        ],
      }
    `);

    clock.advance(Number(throttled.headers.get('Retry-After')) * 1000);
    expect((await app.request('/api/v1/signups', { headers: asAdmin() })).status).toBe(200);
  });

  // A demo server without SMTP shows its kept mail at /dev/mail, behind HTTP Basic with the admin token.
  const basicApp = () => testApp({ demo: true, mailTransport: keptTransport });

  it('counts failed Basic sign-ins on a Basic page against the same client', async () => {
    const { app } = await basicApp();
    for (let i = 0; i < 5; i++) {
      expect((await app.request('/dev/mail', { headers: basic(`wrong-${i}`) })).status).toBe(401);
      expect(
        (await app.request('/api/v1/signups', { headers: asAdmin(`wrong-${i}`) })).status,
      ).toBe(401);
    }
    const page = await app.request('/dev/mail', { headers: basic(ADMIN_TOKEN) });
    expect(page.status).toBe(429);
    expect(page.headers.get('Retry-After')).not.toBeNull();
    expect(await page.text()).toBe(
      'For mange forkerte forsøg på at logge ind. Vent lidt, og prøv igen.',
    );
  });

  it('does not count a request without credentials, as every browser sign-in begins', async () => {
    const { app } = await basicApp();
    for (let i = 0; i < 30; i++) {
      const res = await app.request('/dev/mail');
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Basic/);
      expect((await app.request('/api/v1/signups')).status).toBe(401);
    }
    expect((await app.request('/dev/mail', { headers: basic(ADMIN_TOKEN) })).status).toBe(200);
  });

  it('counts guesses sent at once, across instances sharing a database on PostgreSQL', async () => {
    const first = await testApp();
    // SQLite is one process per file, counting in memory; PostgreSQL instances count together.
    const second = async () =>
      (
        await createApp({
          db: first.db,
          adminToken: ADMIN_TOKEN,
          allowedOrigins: [],
          widgetsDir: '/nonexistent',
          now: first.clock.now,
        })
      ).app;
    const apps = ENGINE === 'postgres' ? [first.app, await second()] : [first.app];
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const app = apps[i % apps.length]!;
        return (await app.request('/api/v1/signups', { headers: asAdmin(`wrong-${i}`) })).status;
      }),
    );
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
  });

  it('never throttles a client that signs in right', async () => {
    const { app } = await testApp();
    for (let i = 0; i < 30; i++) {
      expect((await app.request('/api/v1/signups', { headers: asAdmin() })).status).toBe(200);
    }
  });
});
