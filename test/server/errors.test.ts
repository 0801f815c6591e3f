import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../src/server/http/env.js';
import { testApp } from './support.js';

describe('errors', () => {
  it('answers an uncaught error with 500 error.server, logs the stack, and never sends it', async () => {
    const logError = vi.fn();
    const failing = () => ({
      api: new Hono<AppEnv>().get('/failing', () => {
        throw new Error('SQLITE_IOERR: disk I/O error at /srv/hemmelig/sti.db');
      }),
    });
    const { app } = await testApp({ logError, features: [failing] });
    const res = await app.request('/api/v1/failing', { headers: { 'Accept-Language': 'da' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/SQLITE|hemmelig|at /);
    expect(JSON.parse(text)).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.server",
            "message": "Der skete en fejl på serveren. Prøv igen senere.",
            "path": "",
          },
        ],
      }
    `);
    expect(logError).toHaveBeenCalledOnce();
    expect((logError.mock.calls[0]![0] as Error).stack).toContain('SQLITE_IOERR');
  });

  it('answers an unknown /api route with JSON 404 error.notFound', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/nothing-here', { headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.notFound",
            "message": "Not found.",
            "path": "",
          },
        ],
      }
    `);
  });

  it('answers an unknown page with a plain 404 that still carries the security headers', async () => {
    const { app } = await testApp();
    const res = await app.request('/wp-login.php');
    expect(res.status).toBe(404);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it('puts nosniff and no-referrer on API answers and sets no cookie', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/activities');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Set-Cookie')).toBeNull();
  });
});
