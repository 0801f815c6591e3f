import { describe, expect, it } from 'vitest';
import { asAdmin, OWN, postSignup, signupBody, testApp } from './support.js';

const LISTED = 'https://www.eksempel.dk';
const FOREIGN = 'https://ondsindet.example';

describe('CORS on /api', () => {
  it('refuses an unknown origin with 403 and no Access-Control-Allow-Origin', async () => {
    const { app, store } = await testApp();
    const res = await postSignup(app, signupBody(), { headers: { Origin: FOREIGN } });
    expect(res.status).toBe(403);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.origin",
            "message": "Denne hjemmeside har ikke adgang til Samskab-serveren.",
            "path": "",
          },
        ],
      }
    `);
    expect(await store.list()).toEqual([]);
  });

  it('refuses a preflight from an unknown origin', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/signups', {
      method: 'OPTIONS',
      headers: { Origin: FOREIGN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('refuses the opaque origin "null" (sandboxed frames, files)', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/activities', { headers: { Origin: 'null' } });
    expect(res.status).toBe(403);
  });

  it('answers a preflight from a listed origin', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/signups', {
      method: 'OPTIONS',
      headers: { Origin: LISTED, 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'access-control-allow-origin': LISTED,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'Content-Type, Idempotency-Key, Accept-Language',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  });

  it.each([
    ['a listed origin', LISTED],
    ['the server’s own origin', OWN],
  ])('lets %s sign up and read the answer', async (_, origin) => {
    const { app } = await testApp();
    const res = await postSignup(app, signupBody(), { headers: { Origin: origin } });
    expect(res.status).toBe(201);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    expect(res.headers.get('Vary')).toBe('Origin');
  });

  it('lets a listed origin read localised errors too', async () => {
    const { app } = await testApp();
    const res = await postSignup(app, {}, { headers: { Origin: LISTED } });
    expect(res.status).toBe(400);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(LISTED);
  });

  it('lets requests without an Origin through (curl, servers)', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/activities');
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('never opens admin routes to a listed origin', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/signups', { headers: { ...asAdmin(), Origin: LISTED } });
    expect(res.status).toBe(403);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('takes the own origin from X-Forwarded-* only when told to trust the proxy', async () => {
    const headers = {
      Origin: 'https://samskab.eksempel.dk',
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Host': 'samskab.eksempel.dk',
    };
    const untrusted = await testApp();
    expect((await untrusted.app.request('/api/v1/activities', { headers })).status).toBe(403);
    const trusted = await testApp({ trustProxy: true });
    expect((await trusted.app.request('/api/v1/activities', { headers })).status).toBe(200);
  });
});
