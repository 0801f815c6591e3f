/**
 * The passkey routes' rules that need no authenticator: who may ask for a
 * challenge, how long one lives and that it is good once, the throttle on
 * failed sign-ins, and whose passkeys a person may see and remove. The
 * ceremonies themselves run in real Chromium (test/e2e/workplace-passkey.e2e.ts).
 */
import { describe, expect, it } from 'vitest';
import { signedIn, testApp } from './support.js';

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' };
const DANISH = { 'Accept-Language': 'da' };
/** A credential's shape, which the server library would refuse: the key is unknown here anyway. */
const assertion = (id: string) => ({
  id,
  response: {
    id: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    rawId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    type: 'public-key',
    response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
    clientExtensionResults: {},
  },
});

type App = Awaited<ReturnType<typeof testApp>>['app'];

async function signInOptions(app: App) {
  const response = await app.request('/leder/log-ind/passkey/valg', {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...DANISH },
    body: '{}',
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; options: Record<string, unknown> };
}

const signIn = (app: App, body: unknown) =>
  app.request('/leder/log-ind/passkey', {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...DANISH },
    body: JSON.stringify(body),
  });

async function addRow(
  db: Awaited<ReturnType<typeof testApp>>['db'],
  accountId: string,
  name: string,
) {
  const id = `cred-${accountId.slice(0, 8)}-${name.length}-0123456789`.replace(
    /[^A-Za-z0-9_-]/g,
    '',
  );
  await db.kysely
    .withTables<{
      passkeys: {
        id: string;
        account_id: string;
        public_key: string;
        counter: number;
        transports: string;
        name: string;
        created_at: string;
        last_used_at: string | null;
      };
    }>()
    .insertInto('passkeys')
    .values({
      id,
      account_id: accountId,
      public_key: 'AA',
      counter: 0,
      transports: '["internal"]',
      name,
      created_at: '2026-11-30T08:00:00.000Z',
      last_used_at: null,
    })
    .execute();
  return id;
}

describe('passkey routes', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    const { app } = await testApp();
    const response = await app.request('/leder/konto/passkeys?velkommen=1');
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(
      '/leder/log-ind?next=%2Fleder%2Fkonto%2Fpasskeys%3Fvelkommen%3D1',
    );
  });

  it('gives registration options only to its own page in the session: form token in a header, same site, JSON', async () => {
    const { app, db } = await testApp();
    const me = await signedIn(db, {
      role: 'coordinator',
      name: 'Ida Holm',
      email: 'ida@kommune.dk',
    });
    const ask = (headers: Record<string, string>) =>
      app.request('/leder/konto/passkeys/valg', {
        method: 'POST',
        headers: { Cookie: me.cookie, ...headers },
        body: '{}',
      });
    expect((await ask({ ...JSON_HEADERS })).status).toBe(403);
    expect((await ask({ ...JSON_HEADERS, 'X-CSRF-Token': `${me.csrf.slice(1)}x` })).status).toBe(
      403,
    );
    expect(
      (await ask({ ...JSON_HEADERS, 'Sec-Fetch-Site': 'cross-site', 'X-CSRF-Token': me.csrf }))
        .status,
    ).toBe(403);
    expect(
      (
        await ask({
          'Content-Type': 'text/plain',
          'Sec-Fetch-Site': 'same-origin',
          'X-CSRF-Token': me.csrf,
        })
      ).status,
    ).toBe(403);
    const good = await ask({ ...JSON_HEADERS, 'X-CSRF-Token': me.csrf });
    expect(good.status).toBe(200);
    const options = await good.json();
    expect(options.rp.id).toBe('localhost');
    expect(options.user).toMatchObject({ name: 'ida@kommune.dk', displayName: 'Ida Holm' });
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'required',
    });
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('keeps a sign-in challenge five minutes, and for one attempt only', async () => {
    const { app, clock } = await testApp();
    const fresh = await signInOptions(app);
    expect(fresh.options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    expect(fresh.options.allowCredentials ?? []).toEqual([]);
    // In time: the challenge is there, and the unknown key is what is refused.
    const first = await signIn(app, assertion(fresh.id));
    expect(first.status).toBe(401);
    expect((await first.json()).error).toBe('Adgangsnøglen blev ikke godkendt.');
    expect(first.headers.get('Set-Cookie')).toBeNull();
    // Used up by that attempt.
    const again = await signIn(app, assertion(fresh.id));
    expect(again.status).toBe(400);
    expect((await again.json()).error).toBe('Det tog for lang tid. Prøv igen.');

    // Two attempts at once: one finds the challenge, the other does not.
    const raced = await signInOptions(app);
    const both = await Promise.all([
      signIn(app, assertion(raced.id)),
      signIn(app, assertion(raced.id)),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([400, 401]);

    const late = await signInOptions(app);
    clock.advance(5 * 60_000);
    const expired = await signIn(app, assertion(late.id));
    expect(expired.status).toBe(400);
    expect((await expired.json()).error).toBe('Det tog for lang tid. Prøv igen.');
  });

  it('throttles failed passkey sign-ins per client, and gives no challenge while it does', async () => {
    const { app, clock } = await testApp();
    for (let i = 0; i < 10; i++) {
      expect((await signIn(app, assertion('A'.repeat(43)))).status).toBe(400);
    }
    const throttled = await signIn(app, assertion('A'.repeat(43)));
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await throttled.json()).error).toBe(
      'For mange forsøg. Vent et par minutter, og prøv igen.',
    );
    const noOptions = await app.request('/leder/log-ind/passkey/valg', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: '{}',
    });
    expect(noOptions.status).toBe(429);
    // Two tries every three minutes come back.
    clock.advance(91_000);
    expect((await signIn(app, assertion('A'.repeat(43)))).status).toBe(400);
  });

  it('throttles failed sign-ins with one person’s passkey per account, from however many clients', async () => {
    const { app, db } = await testApp({ trustProxy: true });
    const me = await signedIn(db, { role: 'coordinator', email: 'ida@kommune.dk' });
    const credential = await addRow(db, me.accountId, 'Telefon');
    /** A forged assertion with Ida's credential, from client `n`, on a fresh challenge. */
    const attempt = async (n: number) => {
      const from = { 'X-Forwarded-For': `198.51.100.${n}` };
      const options = await app.request('/leder/log-ind/passkey/valg', {
        method: 'POST',
        headers: { ...JSON_HEADERS, ...from },
        body: '{}',
      });
      const { id } = (await options.json()) as { id: string };
      const forged = assertion(id);
      forged.response.id = credential;
      forged.response.rawId = credential;
      return app.request('/leder/log-ind/passkey', {
        method: 'POST',
        headers: { ...JSON_HEADERS, ...DANISH, ...from },
        body: JSON.stringify(forged),
      });
    };
    for (let n = 1; n <= 10; n++) expect((await attempt(n)).status).toBe(401);
    // An eleventh client, never seen before, is told to wait: the account is.
    const throttled = await attempt(11);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it('says plainly that passkeys need a name, not an IP address, and where the same page works', async () => {
    const { app } = await testApp({ publicUrl: 'http://127.0.0.1:8787' });
    const page = await (await app.request('/leder/log-ind/passkey', { headers: DANISH })).text();
    expect(page).toContain('Adgangsnøgler virker ikke, når serveren åbnes på en IP-adresse');
    expect(page).toContain('href="http://localhost:8787/leder/log-ind/passkey"');
    const named = await testApp({ publicUrl: 'https://samskab.kommune.dk' });
    const fine = await (
      await named.app.request('/leder/log-ind/passkey', { headers: DANISH })
    ).text();
    expect(fine).not.toContain('IP-adresse');
  });

  it('gives a client thirty sign-in challenges at once, then asks it to wait', async () => {
    const { app } = await testApp();
    for (let i = 0; i < 30; i++) await signInOptions(app);
    const more = await app.request('/leder/log-ind/passkey/valg', {
      method: 'POST',
      headers: { ...JSON_HEADERS, ...DANISH },
      body: '{}',
    });
    expect(more.status).toBe(429);
  });

  it('refuses sign-in options and attempts posted from another site', async () => {
    const { app } = await testApp();
    const options = await app.request('/leder/log-ind/passkey/valg', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(options.status).toBe(403);
    const attempt = await app.request('/leder/log-ind/passkey', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' },
      body: JSON.stringify(assertion('A'.repeat(43))),
    });
    expect(attempt.status).toBe(403);
  });

  it("lists a person's own passkeys, escaped, and removes only her own", async () => {
    const { app, db } = await testApp();
    const me = await signedIn(db, { role: 'coordinator' });
    const other = await signedIn(db, { role: 'coordinator' });
    const mine = await addRow(db, me.accountId, '<b>Min telefon</b>');
    const theirs = await addRow(db, other.accountId, 'Andens nøgle');

    const page = await (
      await app.request('/leder/konto/passkeys', { headers: { ...me.headers, ...DANISH } })
    ).text();
    expect(page).toContain('&lt;b&gt;Min telefon&lt;/b&gt;');
    expect(page).not.toContain('Andens nøgle');
    expect(page).toContain('<script type="module" src="/leder/passkey.js"></script>');

    const notMine = await app.request(`/leder/konto/passkeys/${theirs}/fjern`, me.form());
    expect(notMine.status).toBe(404);
    const withoutToken = await app.request(`/leder/konto/passkeys/${mine}/fjern`, {
      ...me.form(),
      body: '',
    });
    expect(withoutToken.status).toBe(403);
    const removed = await app.request(`/leder/konto/passkeys/${mine}/fjern`, me.form());
    expect(removed.status).toBe(303);
    expect(removed.headers.get('Location')).toBe('/leder/konto/passkeys?fjernet=1');
    const after = await (
      await app.request('/leder/konto/passkeys', { headers: { ...me.headers, ...DANISH } })
    ).text();
    expect(after).toContain('Du har ingen adgangsnøgler endnu.');
    const theirPage = await (
      await app.request('/leder/konto/passkeys', { headers: { ...other.headers, ...DANISH } })
    ).text();
    expect(theirPage).toContain('Andens nøgle');
  });
});
