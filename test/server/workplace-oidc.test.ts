/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider on
 * loopback, its own login and consent pages), through a real Samskab server,
 * with fetch as the browser.
 */
import { describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/server/audit/log.js';
import { openDatabase } from '../../src/server/database.js';
import { emailOf } from '../../src/server/workplace/oidc.js';
import { newDatabaseTarget } from '../support/databases.js';
import {
  Browser,
  formOf,
  freePort,
  type RunningProvider,
  startProvider,
} from '../support/oidc-provider.js';
import { startTempServer } from '../support/temp-server.js';
import { ADMIN_TOKEN, afterTest, signedIn, tempDir } from './support.js';

const CLIENT = { clientId: 'samskab-test', clientSecret: 'samskab-test-secret-0123456789abcdef' };
const IDA = { email: 'Ida.Holm@Kommune.dk', name: 'Ida Holm' };
const STRANGER = { email: 'ukendt@kommune.dk', name: 'Uden Konto' };

/** A Samskab server configured for single sign-on at a provider on `port`, started with `provider()`. */
async function setup({
  oidc = true,
  people = { [IDA.email]: IDA, [STRANGER.email]: STRANGER } as Record<string, typeof IDA>,
} = {}) {
  const port = await freePort();
  const { target, remove } = await newDatabaseTarget();
  afterTest(remove);
  const server = await startTempServer({
    dbPath: target,
    adminToken: ADMIN_TOKEN,
    demo: false,
    widgetsDir: tempDir(),
    ...(oidc ? { oidc: { issuer: `http://127.0.0.1:${port}`, ...CLIENT } } : {}),
  });
  afterTest(() => server.close());
  const origin = server.url.replace(/\/$/, '');
  const db = await openDatabase(target);
  afterTest(() => db.close());
  // Ida was invited (in lower case); the stranger was not.
  await signedIn(db, { email: IDA.email.toLowerCase(), name: IDA.name, role: 'coordinator' });
  const callback = `${origin}/leder/log-ind/sso/svar`;
  const provider = async (): Promise<RunningProvider> => {
    const running = await startProvider({
      port,
      ...CLIENT,
      redirectUri: callback,
      people,
    });
    afterTest(() => running.close());
    return running;
  };
  return { origin, db, callback, provider, issuer: `http://127.0.0.1:${port}` };
}

/**
 * From Samskab's SSO link through the provider's login (as `login`) and
 * consent to the callback URL the provider sends the browser to (not fetched).
 */
async function throughProvider(
  browser: Browser,
  start: string,
  callback: string,
  login: string,
): Promise<string> {
  let step = await browser.follow(start, callback);
  for (let pages = 0; step.res && pages < 4; pages++) {
    expect(step.res.status).toBe(200);
    const form = formOf(await step.res.text());
    const body = new URLSearchParams(form.fields);
    if (form.fields.prompt === 'login') {
      body.set('login', login);
      body.set('password', 'hvad-som-helst');
    }
    step = await browser.follow(new URL(form.action, step.url).href, callback, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  }
  if (step.res) throw new Error(`the provider did not send the browser back: ${step.url}`);
  return step.url;
}

describe('single sign-on by OpenID Connect', () => {
  it('signs an invited coordinator in through the provider’s login and consent', async () => {
    const { origin, db, callback, provider, issuer } = await setup();
    await provider();
    const browser = new Browser();
    const start = await browser.request(`${origin}/leder/log-ind/sso?next=/leder/konto`);
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get('Location')!);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('openid email profile');
    expect(authorize.searchParams.get('redirect_uri')).toBe(callback);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith('samskab_sso='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/leder\/log-ind\/sso(;|$)/);
    await start.body?.cancel();

    const back = await throughProvider(
      browser,
      `${origin}/leder/log-ind/sso?next=/leder/konto`,
      callback,
      IDA.email,
    );
    const answer = await browser.request(back);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('Location')).toBe('/leder/konto');
    expect(browser.jar.has('samskab_leder')).toBe(true);
    expect(browser.jar.has('samskab_sso')).toBe(false);

    const home = await browser.request(`${origin}/leder`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(IDA.name);

    const audit = await openAuditLog(db, () => new Date());
    const lines = (await audit.search()).filter((l) => l.detail === 'oidc');
    expect(lines.map((l) => [l.action, l.actorName, l.subject])).toEqual([
      ['sign-in', IDA.name, 'account'],
    ]);
  });

  it('binds the account to the provider’s subject at first sign-in, and refuses another with the same address', async () => {
    const { origin, callback, provider } = await setup({
      people: { 'ida-1': IDA, impostor: { email: IDA.email, name: 'Falsk Ida' } },
    });
    await provider();
    const first = new Browser();
    const start = `${origin}/leder/log-ind/sso`;
    const back = await throughProvider(first, start, callback, 'ida-1');
    expect((await first.request(back)).status).toBe(303);
    expect(first.jar.has('samskab_leder')).toBe(true);
    // Someone else at the provider who put Ida's address on their own profile.
    const other = new Browser();
    const theirs = await throughProvider(other, start, callback, 'impostor');
    const refused = await other.request(theirs);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('allerede knyttet til et andet login');
    expect(other.jar.has('samskab_leder')).toBe(false);
    // Ida herself comes in again, by her subject.
    const again = new Browser();
    expect(
      (await again.request(await throughProvider(again, start, callback, 'ida-1'))).status,
    ).toBe(303);
  });

  it('refuses an address without an account and says to ask for an invitation', async () => {
    const { origin, callback, provider } = await setup();
    await provider();
    const browser = new Browser();
    const back = await throughProvider(
      browser,
      `${origin}/leder/log-ind/sso`,
      callback,
      STRANGER.email,
    );
    const answer = await browser.request(back);
    expect(answer.status).toBe(403);
    const page = await answer.text();
    expect(page).toContain('ukendt@kommune.dk har ingen konto');
    expect(page).toContain('Bed en administrator om en invitation');
    expect(browser.jar.has('samskab_leder')).toBe(false);
  });

  it('refuses a callback whose state was changed', async () => {
    const { origin, callback, provider } = await setup();
    await provider();
    const browser = new Browser();
    const back = new URL(
      await throughProvider(browser, `${origin}/leder/log-ind/sso`, callback, IDA.email),
    );
    back.searchParams.set('state', `${back.searchParams.get('state')}x`);
    const answer = await browser.request(back.href, { headers: { 'Accept-Language': 'en' } });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('could not confirm who you are');
    expect(browser.jar.has('samskab_leder')).toBe(false);
  });

  it('refuses a callback replayed with the same cookie', async () => {
    const { origin, callback, provider } = await setup();
    await provider();
    const browser = new Browser();
    const back = await throughProvider(browser, `${origin}/leder/log-ind/sso`, callback, IDA.email);
    const attempt = browser.jar.get('samskab_sso')!.value;
    expect((await browser.request(back)).status).toBe(303);

    const replay = await fetch(back, {
      redirect: 'manual',
      headers: { Cookie: `samskab_sso=${attempt}`, 'Accept-Language': 'da' },
    });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('udløbet eller allerede brugt');
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('samskab_leder='))).toBe(false);
  });

  it('tells the person when they cancel at the provider', async () => {
    const { origin, callback, provider } = await setup();
    await provider();
    const browser = new Browser();
    const login = await browser.follow(`${origin}/leder/log-ind/sso`, callback);
    const abort = /href="([^"]*\/abort)"/.exec(await login.res!.text())![1]!;
    const back = await browser.follow(new URL(abort, login.url).href, callback);
    expect(new URL(back.url).searchParams.get('error')).toBe('access_denied');
    const answer = await browser.request(back.url);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('blev afbrudt eller afvist');
  });

  it('answers 503 while the provider is down, and discovers it once it is up', async () => {
    const { origin, callback, provider } = await setup();
    const browser = new Browser();
    const down = await browser.request(`${origin}/leder/log-ind/sso`);
    expect(down.status).toBe(503);
    const page = await down.text();
    expect(page).toContain('Kommunens login svarer ikke lige nu');
    expect(page).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);

    await provider();
    const back = await throughProvider(browser, `${origin}/leder/log-ind/sso`, callback, IDA.email);
    expect((await browser.request(back)).status).toBe(303);
  });

  it('slows down a client whose callbacks keep failing', async () => {
    const { callback, provider } = await setup();
    await provider();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await fetch(`${callback}?code=x&state=y`, { redirect: 'manual' });
      await res.body?.cancel();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
  });

  it('lets a client start thirty sign-ins at once, then asks it to wait', async () => {
    const { origin, provider } = await setup();
    await provider();
    const starts = [];
    for (let i = 0; i < 31; i++) {
      const res = await fetch(`${origin}/leder/log-ind/sso`, { redirect: 'manual' });
      await res.body?.cancel();
      starts.push(res.status);
    }
    expect(starts.slice(0, 30)).toEqual(Array(30).fill(303));
    expect(starts[30]).toBe(429);
  });

  it('mounts nothing without SAMSKAB_OIDC_*', async () => {
    const { origin } = await setup({ oidc: false });
    const res = await fetch(`${origin}/leder/log-ind/sso`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    const signIn = await (await fetch(`${origin}/leder/log-ind`)).text();
    expect(signIn).not.toContain('/leder/log-ind/sso');
  });
});

describe('the address an ID token vouches for', () => {
  it('takes a verified email, else Entra ID’s upn, in lower case, and never preferred_username', () => {
    expect(
      emailOf({ email: 'Ida@Kommune.dk', email_verified: true, preferred_username: 'x@y.dk' }),
    ).toBe('ida@kommune.dk');
    expect(emailOf({ email: 'Ida@Kommune.dk', email_verified: 'true' })).toBe('ida@kommune.dk');
    // Entra ID: the domain's owner verified the address.
    expect(emailOf({ email: 'Ida@Kommune.dk', xms_edov: true })).toBe('ida@kommune.dk');
    expect(emailOf({ preferred_username: 'ida', upn: 'Ida@Kommune.dk' })).toBe('ida@kommune.dk');
    expect(emailOf({ preferred_username: 'Ida@Kommune.dk' })).toBeUndefined();
    expect(emailOf({ preferred_username: 'IDA-HOLM', name: 'Ida' })).toBeUndefined();
  });

  it('refuses an address the provider has not said it verified', () => {
    expect(emailOf({ email: 'ida@kommune.dk', email_verified: false })).toBeUndefined();
    expect(emailOf({ email: 'ida@kommune.dk', email_verified: 'false' })).toBeUndefined();
    expect(emailOf({ email: 'ida@kommune.dk' })).toBeUndefined();
  });
});
