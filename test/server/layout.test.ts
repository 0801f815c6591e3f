import { describe, expect, it } from 'vitest';
import { ClaimReceipt } from '../../src/schemas/claim.js';
import { openAccounts } from '../../src/server/workplace/accounts.js';
import { newKey, newShift, signedIn, testApp } from './support.js';

type App = Awaited<ReturnType<typeof testApp>>['app'];

const stylesheets = (page: string) =>
  [...page.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);

/** A claim on a shift next week; returns its cancel token. */
async function claim(app: App) {
  const id = await newShift(app, 2, {
    start: '2026-12-08T14:00:00+01:00',
    end: '2026-12-08T16:00:00+01:00',
  });
  const res = await app.request(`/api/v1/shifts/${id}/claims`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
    body: JSON.stringify({
      name: 'Frivillig',
      email: 'frivillig@example.dk',
      ageBand: '18-plus',
      consent: true,
    }),
  });
  return ClaimReceipt.parse(await res.json()).cancelToken;
}

describe('one layout and base stylesheet for every server-rendered page', () => {
  it('links /base.css first on every page, and the cancel page nothing else', async () => {
    const { app, db, clock } = await testApp();
    const { headers } = await signedIn(db, { role: 'admin' });
    const accounts = await openAccounts(db);
    const invitation = await db.write((trx) =>
      accounts.invite(
        trx,
        { email: 'ny@example.dk', name: 'Ny', role: 'coordinator', activities: [], by: 'test' },
        new Date(clock.now()),
      ),
    );
    const pages: [string, RequestInit?][] = [
      ['/'],
      ['/privatliv'],
      ['/embed'],
      ['/embed/signup-form'],
      [`/afmeld/${await claim(app)}`],
      ['/leder/puls', { headers }],
      ['/leder/log-ind'],
      [`/leder/invitation/${invitation}`],
      ['/leder', { headers }],
      ['/leder/konto', { headers }],
      ['/leder/personer', { headers }],
      ['/leder/log', { headers }],
    ];
    for (const [path, init] of pages) {
      const res = await app.request(path, init);
      expect(res.status, path).toBe(200);
      const links = stylesheets(await res.text());
      expect(links[0], path).toBe('/base.css');
      if (path.startsWith('/afmeld/')) expect(links).toEqual(['/base.css']);
      // The workplace's pages: the base, then the workplace's own sheet.
      if (path.startsWith('/leder') && path !== '/leder/puls') {
        expect(links, path).toEqual(['/base.css', '/leder/leder.css']);
      }
    }
    const css = await app.request('/base.css');
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.skip-link');
    const workplace = await app.request('/leder/leder.css');
    expect(workplace.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(await workplace.text()).toContain('.wp-table');
  });
});
