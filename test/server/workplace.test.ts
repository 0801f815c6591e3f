// The coordinators' workplace as its people meet it, on the engine the run is
// for: signing in by a single-use e-mail link through a real SMTP server,
// accepting an invitation, sessions that end (idle, absolute, sign-out, sign
// out everywhere, revocation), forms refused from other sites, personal API
// tokens, the admin-only Personer and Log, a cookie that never leaves
// /leder, and the CLI's invitation.
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { run } from '../../src/server/cli.js';
import { openAccounts } from '../../src/server/workplace/accounts.js';
import { ENGINE } from '../support/databases.js';
import { startTempServer } from '../support/temp-server.js';
import {
  ADMIN_TOKEN,
  afterTest,
  mailingApp,
  manualClock,
  postSignup,
  signedIn,
  signupBody,
  testApp,
} from './support.js';

const PUBLIC = 'https://samskab.eksempel.dk';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Every feature over a fresh, demo-seeded database, mailing through a real SMTP server. */
async function workplaceApp({
  publicUrl = PUBLIC,
  trustProxy = false,
  listening,
}: {
  publicUrl?: string | null;
  trustProxy?: boolean;
  /** The origin the server listens on, as server.ts gives it. */
  listening?: string;
} = {}) {
  const made = await mailingApp({
    allowedOrigins: ['https://www.eksempel.dk'],
    publicUrl: publicUrl ?? undefined,
    trustProxy,
    ...(listening ? { listeningOrigin: () => listening } : {}),
  });
  const accounts = await openAccounts(made.db);
  return { ...made, accounts };
}

type App = Awaited<ReturnType<typeof workplaceApp>>['app'];

/** A form posted from a page before sign-in (no session, no form token). */
const form = (fields: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of typeof value === 'string' ? [value] : value) body.append(key, v);
  }
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: body.toString(),
  };
};

/** The session cookie's value a response set, if any. */
const sessionSet = (res: Response) =>
  /(?:^|, )samskab_leder=([A-Za-z0-9_-]{43});/.exec(res.headers.get('Set-Cookie') ?? '')?.[1];

/** The workplace link in a mail's text: its path and query on this server. */
function linkIn(mail: ParsedMail | undefined, kind: 'log-ind' | 'invitation') {
  const url = new RegExp(
    `${PUBLIC.replaceAll('.', '\\.')}/leder/${kind}/[A-Za-z0-9_-]{43}\\S*`,
  ).exec(mail?.text ?? '')?.[0];
  if (!url) throw new Error(`no ${kind} link in ${mail?.text}`);
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/** Asks for a sign-in link as the page does; the answer's status and text. */
async function askForLink(app: App, email: string, headers: Record<string, string> = {}) {
  const res = await app.request('/leder/log-ind', form({ email }, headers));
  return { status: res.status, text: await res.text() };
}

/** Signs in by the link in `mail` (GET shows the button, POST signs in); the session token. */
async function signInBy(app: App, mail: ParsedMail | undefined) {
  const path = linkIn(mail, 'log-ind');
  const next = new URL(path, PUBLIC).searchParams.get('next') ?? '';
  const res = await app.request(new URL(path, PUBLIC).pathname, form({ next }));
  expect(res.status).toBe(303);
  const token = sessionSet(res);
  expect(token).toBeDefined();
  return { token: token!, location: res.headers.get('Location') };
}

const cookie = (token: string) => ({ Cookie: `samskab_leder=${token}` });

describe('signing in by e-mail link', () => {
  it('answers a known and an unknown address with the same page, and mails only the known one', async () => {
    const { app, db, inbox } = await workplaceApp();
    const { email } = await signedIn(db, { role: 'coordinator', activities: ['besoegsven'] });
    const links = async () =>
      Number(
        (
          await db.kysely
            .withTables<{ workplace_secrets: { purpose: string } }>()
            .selectFrom('workplace_secrets')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .where('purpose', '=', 'link')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const known = await askForLink(app, email.toUpperCase());
    expect(await links()).toBe(1);
    const unknown = await askForLink(app, 'ingen@example.dk');
    expect(known.status).toBe(200);
    expect(unknown).toEqual(known);
    // The same write either way (how long it takes says nothing); the unknown one opens nothing.
    expect(await links()).toBe(2);
    expect(known.text).toContain('Tjek din indbakke');
    const mails = await inbox();
    expect(mails.map((m) => [m.to && 'text' in m.to ? m.to.text : '', m.subject])).toEqual([
      [email, 'Log ind på Samskab'],
    ]);
    expect(mails[0]!.text).toContain('Linket virker én gang og i 15 minutter');
    expect(linkIn(mails[0], 'log-ind')).toMatch(/^\/leder\/log-ind\/[A-Za-z0-9_-]{43}$/);

    // In English when the browser asks for it; a bad address is refused, in the form.
    await askForLink(app, email, { 'Accept-Language': 'en' });
    expect((await inbox()).at(-1)?.subject).toBe('Sign in to Samskab');
    const bad = await askForLink(app, 'ikke-en-adresse');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('aria-invalid="true"');
    expect(await inbox()).toHaveLength(2);
  });

  it('shows a button for the link, signs in on POST with a Secure HttpOnly Lax cookie on /leder, once', async () => {
    const { app, db, inbox, accounts } = await workplaceApp();
    const { email, accountId } = await signedIn(db, { role: 'admin', name: 'Anne Admin' });
    await askForLink(app, email);
    const path = linkIn((await inbox())[0], 'log-ind');

    // A mail scanner opening the link signs nobody in and uses nothing up.
    for (let i = 0; i < 2; i++) {
      const shown = await app.request(path);
      expect(shown.status).toBe(200);
      expect(shown.headers.get('Set-Cookie')).toBeNull();
      expect(await shown.text()).toContain(`<form method="post" action="${path}"`);
    }

    const res = await app.request(path, form({ next: '' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/leder');
    const setCookie = res.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(/^samskab_leder=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/leder');
    expect(setCookie).toContain('Secure');
    const token = sessionSet(res)!;
    const home = await app.request('/leder', { headers: cookie(token) });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Logget ind som Anne Admin (administrator)');
    expect((await accounts.session(token, new Date(manualClock().now())))?.principal.id).toBe(
      accountId,
    );

    // Once only.
    const again = await app.request(path, form({}));
    expect(again.status).toBe(410);
    expect(again.headers.get('Set-Cookie')).toBeNull();
    expect((await app.request(path)).status).toBe(410);
  });

  it('sends the person on to the page they asked for, and never off the workplace', async () => {
    const { app, db, inbox } = await workplaceApp();
    const { email } = await signedIn(db, { role: 'admin' });
    const gate = await app.request('/leder/konto');
    expect(gate.status).toBe(303);
    expect(gate.headers.get('Location')).toBe('/leder/log-ind?next=%2Fleder%2Fkonto');
    await app.request('/leder/log-ind', form({ email, next: '/leder/konto' }));
    await app.request('/leder/log-ind', form({ email, next: 'https://ond.example/' }));
    const [first, second] = await inbox();
    expect(linkIn(first, 'log-ind')).toMatch(/\?next=%2Fleder%2Fkonto$/);
    expect((await signInBy(app, first)).location).toBe('/leder/konto');
    expect(linkIn(second, 'log-ind')).not.toContain('next');
    // A `next` slipped into the button's form is checked again.
    const path = new URL(linkIn(second, 'log-ind'), PUBLIC).pathname;
    const res = await app.request(path, form({ next: '//ond.example/leder' }));
    expect(res.headers.get('Location')).toBe('/leder');
  });

  it('lets a link work for 15 minutes', async () => {
    const { app, db, clock, inbox } = await workplaceApp();
    const { email } = await signedIn(db, { role: 'admin' });
    await askForLink(app, email);
    await askForLink(app, email);
    const [early, late] = (await inbox()).map((m) => linkIn(m, 'log-ind'));
    clock.advance(15 * MINUTE - 1000);
    expect((await app.request(early!, form({}))).status).toBe(303);
    clock.advance(1000);
    expect((await app.request(late!)).status).toBe(410);
    const gone = await app.request(late!, form({}));
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('Linket er brugt eller udløbet');
  });

  it('keeps the Secure flag when a proxy reaches a server that knows no public URL', async () => {
    const { app, db, accounts } = await workplaceApp({
      publicUrl: null,
      listening: 'http://127.0.0.1:8787',
    });
    const { email } = await signedIn(db, { role: 'admin' });
    const token = await db.write((trx) => accounts.issueLink(trx, email, new Date()));
    // The proxy passes the public host on; the server itself listens on loopback.
    const res = await app.request(
      new Request(`http://samskab.kommune.dk/leder/log-ind/${token}`, form({})),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Set-Cookie')).toMatch(/Secure/);
  });

  it('sets no Secure flag when the server is reached over plain http on this machine', async () => {
    const { app, db, inbox } = await workplaceApp({ publicUrl: null });
    const { email } = await signedIn(db, { role: 'admin' });
    await askForLink(app, email);
    const text = (await inbox())[0]!.text ?? '';
    const path = /http:\/\/localhost(\/leder\/log-ind\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
    const res = await app.request(path!, form({}));
    expect(res.status).toBe(303);
    expect(res.headers.get('Set-Cookie')).toMatch(/HttpOnly/);
    expect(res.headers.get('Set-Cookie')).not.toMatch(/Secure/);
  });

  it('throttles sign-in mail per client: 429 after the burst, while another client still gets one', async () => {
    const { app, db, inbox } = await workplaceApp({ trustProxy: true });
    const { email } = await signedIn(db, { role: 'admin' });
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    for (let i = 0; i < 10; i++) {
      expect((await askForLink(app, `ukendt${i}@example.dk`, from('203.0.113.7'))).status).toBe(
        200,
      );
    }
    const throttled = await askForLink(app, email, from('203.0.113.7'));
    expect(throttled.status).toBe(429);
    expect(throttled.text).toContain('For mange forsøg');
    expect(await inbox()).toHaveLength(0);
    expect((await askForLink(app, email, from('198.51.100.9'))).status).toBe(200);
    expect(await inbox()).toHaveLength(1);
  });

  it('throttles used, expired or made-up links and invitations per client, and a good one still works from elsewhere', async () => {
    const { app, db, inbox } = await workplaceApp({ trustProxy: true });
    const { email } = await signedIn(db, { role: 'admin' });
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    const madeUp = (n: number) => `/leder/log-ind/${String(n).padStart(43, 'x')}`;
    for (let n = 0; n < 5; n++) {
      expect((await app.request(madeUp(n), form({}, from('203.0.113.7')))).status).toBe(410);
      const invitation = `/leder/invitation/${String(n).padStart(43, 'y')}`;
      expect(
        (await app.request(invitation, form({ name: 'Bo' }, from('203.0.113.7')))).status,
      ).toBe(410);
    }
    await askForLink(app, email, from('198.51.100.9'));
    const [mail] = await inbox();
    const path = new URL(linkIn(mail, 'log-ind'), PUBLIC).pathname;
    // The eleventh try from that client waits, even with a good link.
    const throttled = await app.request(path, form({}, from('203.0.113.7')));
    expect(throttled.status).toBe(429);
    expect(await throttled.text()).toContain('For mange forsøg');
    expect(sessionSet(throttled)).toBeUndefined();
    // The link was not used up by the refused try: its owner signs in from their own machine.
    const own = await app.request(path, form({}, from('198.51.100.9')));
    expect(own.status).toBe(303);
    expect(sessionSet(own)).toBeDefined();
  });

  it('refuses a sign-in request posted from another site, and mails nothing', async () => {
    const { app, db, inbox } = await workplaceApp();
    const { email } = await signedIn(db, { role: 'admin' });
    const cross = await askForLink(app, email, { 'Sec-Fetch-Site': 'cross-site' });
    expect(cross.status).toBe(403);
    const foreign = await askForLink(app, email, { Origin: 'https://ond.example' });
    expect(foreign.status).toBe(403);
    expect(await inbox()).toHaveLength(0);
  });
});

describe('an invitation', () => {
  it('is mailed from Personer, and accepted once with a name makes a coordinator of the chosen activities', async () => {
    const { app, db, inbox, accounts } = await workplaceApp();
    const admin = await signedIn(db, { role: 'admin', name: 'Anne Admin' });
    const sent = await app.request(
      '/leder/personer/inviter',
      admin.form({
        email: 'Ny.Koordinator@Kommune.dk',
        name: 'Ny',
        role: 'coordinator',
        activities: ['besoegsven', 'lektiecafe', 'findes-ikke'],
      }),
    );
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Invitationen er sendt til ny.koordinator@kommune.dk.');
    const [mail] = await inbox();
    expect(mail?.subject).toBe('Invitation til Samskabs arbejdsplads');
    expect(mail?.text).toContain(
      'Anne Admin inviterer dig til Samskabs arbejdsplads som koordinator',
    );
    const path = linkIn(mail, 'invitation');

    const shown = await app.request(path);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('value="Ny"');

    // A name is needed, and not a novel.
    for (const name of ['   ', 'x'.repeat(121), 'Nanna\u0007\u0000']) {
      const refused = await app.request(path, form({ name }));
      expect(refused.status).toBe(400);
      const text = await refused.text();
      expect(text).toContain('Skriv dit navn (1–120 tegn).');
      expect(text).toContain('aria-invalid="true"');
      expect(sessionSet(refused)).toBeUndefined();
    }
    expect(await accounts.byEmail('ny.koordinator@kommune.dk')).toBeUndefined();

    const accepted = await app.request(path, form({ name: '  Nanna   Nygaard ' }));
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('Location')).toBe('/leder/konto/passkeys?velkommen=1');
    const token = sessionSet(accepted)!;
    expect(await accounts.byEmail('ny.koordinator@kommune.dk')).toMatchObject({
      name: 'Nanna Nygaard',
      role: 'coordinator',
      activities: ['besoegsven', 'lektiecafe'],
    });
    expect((await app.request('/leder', { headers: cookie(token) })).status).toBe(200);

    // Once only.
    expect((await app.request(path)).status).toBe(410);
    const again = await app.request(path, form({ name: 'Igen' }));
    expect(again.status).toBe(410);
    expect(sessionSet(again)).toBeUndefined();
  });

  it('lasts 72 hours', async () => {
    const { app, db, clock, accounts } = await workplaceApp();
    const now = new Date(clock.now());
    const invite = (email: string) =>
      db.write((trx) =>
        accounts.invite(trx, { email, name: '', role: 'admin', activities: [], by: 'test' }, now),
      );
    const inTime = await invite('a@example.dk');
    const tooLate = await invite('b@example.dk');
    clock.advance(72 * HOUR - 1000);
    expect((await app.request(`/leder/invitation/${inTime}`, form({ name: 'A' }))).status).toBe(
      303,
    );
    clock.advance(1000);
    expect((await app.request(`/leder/invitation/${tooLate}`)).status).toBe(410);
    expect((await app.request(`/leder/invitation/${tooLate}`, form({ name: 'B' }))).status).toBe(
      410,
    );
    expect(await accounts.byEmail('b@example.dk')).toBeUndefined();
  });
});

describe('a session', () => {
  it('ends after 30 minutes without a request', async () => {
    const { app, db, clock } = await workplaceApp();
    const { headers } = await signedIn(db, { role: 'admin' });
    for (let i = 0; i < 4; i++) {
      clock.advance(29 * MINUTE);
      expect((await app.request('/leder', { headers })).status).toBe(200);
    }
    clock.advance(30 * MINUTE);
    const ended = await app.request('/leder', { headers });
    expect(ended.status).toBe(303);
    expect(ended.headers.get('Location')).toBe('/leder/log-ind?next=%2Fleder');
    expect(ended.headers.get('Set-Cookie')).toMatch(/^samskab_leder=; .*Path=\/leder/);
    // It stays ended, though the next request comes soon.
    clock.advance(MINUTE);
    expect((await app.request('/leder', { headers })).status).toBe(303);
  });

  it('ends 12 hours after sign-in, however busy', async () => {
    const { app, db, clock } = await workplaceApp();
    const { headers } = await signedIn(db, { role: 'admin' });
    for (let t = 0; t < 12 * HOUR - 20 * MINUTE; t += 20 * MINUTE) {
      clock.advance(20 * MINUTE);
      expect((await app.request('/leder', { headers })).status, `${t}`).toBe(200);
    }
    clock.advance(20 * MINUTE);
    expect((await app.request('/leder', { headers })).status).toBe(303);
  });

  it('ends by signing out here, or everywhere', async () => {
    const { app, db, clock, accounts } = await workplaceApp();
    const here = await signedIn(db, { role: 'admin', email: 'a@example.dk' });
    const other = await accounts.startSession(here.accountId, new Date(clock.now()));
    const third = await accounts.startSession(here.accountId, new Date(clock.now()));

    const out = await app.request('/leder/log-ud', here.form());
    expect(out.status).toBe(200);
    expect(await out.text()).toContain('Du er logget ud.');
    expect(out.headers.get('Set-Cookie')).toMatch(/^samskab_leder=; .*Path=\/leder/);
    expect((await app.request('/leder', { headers: here.headers })).status).toBe(303);
    expect((await app.request('/leder', { headers: cookie(other!) })).status).toBe(200);

    // Everywhere: from the second session's Min konto.
    const second = await accounts.session(other!, new Date(clock.now()));
    const everywhere = await app.request(
      '/leder/log-ud-overalt',
      form({ csrf: second!.csrf }, { ...cookie(other!), 'Sec-Fetch-Site': 'same-origin' }),
    );
    expect(everywhere.status).toBe(200);
    expect((await app.request('/leder', { headers: cookie(other!) })).status).toBe(303);
    expect((await app.request('/leder', { headers: cookie(third!) })).status).toBe(303);
  });

  it('ends with the account: revoking it ends its sessions, links and API tokens', async () => {
    const { app, db, inbox } = await workplaceApp();
    const admin = await signedIn(db, { role: 'admin' });
    const coordinator = await signedIn(db, { role: 'coordinator', activities: ['besoegsven'] });
    const made = await app.request(
      '/leder/konto/noegler',
      coordinator.form({ name: 'Regneark', scope: 'read', days: '30' }),
    );
    const token = /skb_[A-Za-z0-9_-]{43}/.exec(await made.text())![0];
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await app.request('/api/v1/signups', { headers: bearer })).status).toBe(200);
    await askForLink(app, coordinator.email);
    const link = linkIn((await inbox())[0], 'log-ind');

    // An admin cannot take their own access away.
    const self = await app.request(`/leder/personer/${admin.accountId}/fjern`, admin.form());
    expect(self.status).toBe(400);
    expect((await app.request('/leder', { headers: admin.headers })).status).toBe(200);

    const revoked = await app.request(
      `/leder/personer/${coordinator.accountId}/fjern`,
      admin.form(),
    );
    expect(revoked.status).toBe(200);
    expect((await app.request('/leder', { headers: coordinator.headers })).status).toBe(303);
    expect((await app.request('/api/v1/signups', { headers: bearer })).status).toBe(401);
    expect((await app.request(link, form({}))).status).toBe(410);
    // A revoked address is asked for a link like any unknown one: nothing is mailed.
    expect((await askForLink(app, coordinator.email)).status).toBe(200);
    expect(await inbox()).toHaveLength(1);
  });

  it('stays revoked: an invitation sent before, and the passkeys it had, go with the access', async () => {
    const { app, db, clock, accounts } = await workplaceApp();
    const admin = await signedIn(db, { role: 'admin' });
    const now = new Date(clock.now());
    const gone = await signedIn(db, { role: 'coordinator', activities: ['besoegsven'] });
    await db.kysely
      .withTables<{ passkeys: Record<string, string | number | null> }>()
      .insertInto('passkeys')
      .values({
        id: 'cred-gone-0123456789',
        account_id: gone.accountId,
        public_key: 'AA',
        counter: 0,
        transports: '[]',
        name: 'Telefon',
        created_at: now.toISOString(),
        last_used_at: null,
      })
      .execute();
    // A second invitation to the same address, waiting when access is revoked.
    const waiting = await db.write((trx) =>
      accounts.invite(
        trx,
        {
          email: gone.email,
          name: 'Gone',
          role: 'coordinator',
          activities: ['lektiecafe'],
          by: 'test',
        },
        now,
      ),
    );
    const revoked = await app.request(`/leder/personer/${gone.accountId}/fjern`, admin.form());
    expect(revoked.status).toBe(200);
    const accept = await app.request(
      `/leder/invitation/${waiting}`,
      form({ name: 'Tilbage' }, { 'Sec-Fetch-Site': 'same-origin' }),
    );
    expect(accept.status).toBe(410);
    expect((await accounts.byId(gone.accountId))?.revokedAt).not.toBeNull();
    const keys = await db.kysely
      .withTables<{ passkeys: { account_id: string } }>()
      .selectFrom('passkeys')
      .select('account_id')
      .where('account_id', '=', gone.accountId)
      .execute();
    expect(keys).toEqual([]);
  });
});

describe('a form from another site', () => {
  it('names its origin on the workplace’s pages, and a hidden one (Origin: null) is refused before sign-in', async () => {
    const { app, inbox, db } = await workplaceApp();
    const { email } = await signedIn(db, { role: 'admin' });
    const page = await app.request('/leder/log-ind');
    expect(page.headers.get('Referrer-Policy')).toBe('same-origin');
    // A browser without Fetch Metadata, posting from a sandboxed frame: no Sec-Fetch-Site, Origin null.
    const hidden = await app.request('/leder/log-ind', form({ email }, { Origin: 'null' }));
    expect(hidden.status).toBe(403);
    expect(await inbox()).toHaveLength(0);
    // Residents' pages still send no referrer at all.
    expect((await app.request('/mine')).headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it('is refused with 403 and changes nothing', async () => {
    const { app, db, clock, accounts, inbox } = await workplaceApp();
    const admin = await signedIn(db, { role: 'admin' });
    const tokens = () => accounts.apiTokens(admin.accountId, new Date(clock.now()));
    const fields = { name: 'Ond', scope: 'write', days: '365' };
    const attempts: [string, RequestInit][] = [
      ['Sec-Fetch-Site: cross-site', admin.form(fields, { 'Sec-Fetch-Site': 'cross-site' })],
      ['Sec-Fetch-Site: same-site', admin.form(fields, { 'Sec-Fetch-Site': 'same-site' })],
      ['a foreign Origin', admin.form(fields, { Origin: 'https://ond.example' })],
      ['a wrong form token', admin.form({ ...fields, csrf: 'x'.repeat(43) })],
      [
        'no form token',
        {
          method: 'POST',
          headers: {
            ...admin.headers,
            'Content-Type': 'application/x-www-form-urlencoded',
            'Sec-Fetch-Site': 'same-origin',
          },
          body: new URLSearchParams(fields).toString(),
        },
      ],
      ['no session', form({ ...fields, csrf: admin.csrf }, { 'Sec-Fetch-Site': 'same-origin' })],
    ];
    for (const [why, init] of attempts) {
      const res = await app.request('/leder/konto/noegler', init);
      expect(res.status, why).toBe(why === 'no session' ? 401 : 403);
      expect(await res.text(), why).not.toContain('skb_');
    }
    expect(await tokens()).toEqual([]);

    // Nor an invitation, nor a sign-out.
    const invite = await app.request(
      '/leder/personer/inviter',
      admin.form({ email: 'ond@example.dk', role: 'admin' }, { 'Sec-Fetch-Site': 'cross-site' }),
    );
    expect(invite.status).toBe(403);
    expect(await accounts.pendingInvitations(new Date(clock.now()))).toEqual([]);
    const out = await app.request(
      '/leder/log-ud',
      admin.form({}, { Origin: 'https://ond.example' }),
    );
    expect(out.status).toBe(403);
    expect((await app.request('/leder', { headers: admin.headers })).status).toBe(200);
    expect(await inbox()).toHaveLength(0);

    // The same form from our own page goes through.
    const own = await app.request('/leder/konto/noegler', admin.form(fields));
    expect(own.status).toBe(200);
    expect(await tokens()).toHaveLength(1);
  });
});

describe('personal API tokens', () => {
  it('are made on Min konto, shown once, and open the admin API as the person', async () => {
    const { app, db } = await workplaceApp();
    const coordinator = await signedIn(db, { role: 'coordinator', activities: ['besoegsven'] });
    expect((await postSignup(app, signupBody())).status).toBe(201);
    expect((await postSignup(app, signupBody({ activityId: 'lektiecafe' }))).status).toBe(201);

    const made = await app.request(
      '/leder/konto/noegler',
      coordinator.form({ name: 'Regneark', scope: 'read', days: '30' }),
    );
    expect(made.status).toBe(200);
    const page = await made.text();
    const token = /<code class="wp-token">(skb_[A-Za-z0-9_-]{43})<\/code>/.exec(page)?.[1];
    expect(token).toBeDefined();
    const later = await (
      await app.request('/leder/konto', { headers: coordinator.headers })
    ).text();
    expect(later).toContain('Regneark (Kun læse)');
    expect(later).not.toContain(token!);

    const listed = await app.request('/api/v1/signups', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(listed.status).toBe(200);
    // A coordinator's token sees only their activities.
    expect(((await listed.json()) as { activityId: string }[]).map((s) => s.activityId)).toEqual([
      'besoegsven',
    ]);

    const bad = await app.request(
      '/leder/konto/noegler',
      coordinator.form({ name: '', scope: 'write', days: '400' }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain('skb_');
  });

  it('refuses a read token on a write route, takes a write token there, and 401 once revoked', async () => {
    const { app, db } = await workplaceApp();
    const admin = await signedIn(db, { role: 'admin' });
    const make = async (scope: string) =>
      /skb_[A-Za-z0-9_-]{43}/.exec(
        await (
          await app.request(
            '/leder/konto/noegler',
            admin.form({ name: `Nøgle ${scope}`, scope, days: '30' }),
          )
        ).text(),
      )![0];
    const read = await make('read');
    const write = await make('write');
    const create = (token: string) =>
      app.request('/api/v1/activities', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Accept-Language': 'en',
        },
        body: JSON.stringify({ title: 'Strikkeklub' }),
      });
    const refused = await create(read);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe(
      'error.forbidden.readOnly',
    );
    expect((await create(write)).status).toBe(201);

    // Revoked from Min konto: the button names the token's id.
    const konto = await (await app.request('/leder/konto', { headers: admin.headers })).text();
    const ids = [...konto.matchAll(/action="\/leder\/konto\/noegler\/([\w-]+)\/tilbagekald"/g)];
    expect(ids).toHaveLength(2);
    for (const [, id] of ids) {
      const res = await app.request(`/leder/konto/noegler/${id}/tilbagekald`, admin.form());
      expect(res.status).toBe(303);
    }
    for (const token of [read, write]) {
      const res = await app.request('/api/v1/signups', {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(401);
    }
    // Each revocation is a line of the log.
    const log = await (
      await app.request('/leder/log?q=revoked', { headers: admin.headers })
    ).text();
    expect(log.match(/API token [\w-]+ revoked/g)).toHaveLength(2);
  });
});

describe('Personer and the Log', () => {
  it('are for admins only: a coordinator gets 403 and changes nothing', async () => {
    const { app, db, clock, accounts, inbox } = await workplaceApp();
    const coordinator = await signedIn(db, { role: 'coordinator', activities: ['besoegsven'] });
    for (const path of ['/leder/personer', '/leder/log', '/leder/log?format=csv']) {
      const res = await app.request(path, { headers: coordinator.headers });
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).toContain('Kun administratorer ser denne side.');
    }
    const invite = await app.request(
      '/leder/personer/inviter',
      coordinator.form({ email: 'ven@example.dk', role: 'admin' }),
    );
    expect(invite.status).toBe(403);
    const promote = await app.request(
      `/leder/personer/${coordinator.accountId}`,
      coordinator.form({ role: 'admin' }),
    );
    expect(promote.status).toBe(403);
    expect(await accounts.pendingInvitations(new Date(clock.now()))).toEqual([]);
    expect((await accounts.byId(coordinator.accountId))?.role).toBe('coordinator');
    expect(await inbox()).toHaveLength(0);
    // Their navigation does not offer the admins' pages.
    const home = await (await app.request('/leder', { headers: coordinator.headers })).text();
    expect(home).not.toContain('href="/leder/personer"');
    expect(home).toContain('href="/leder/puls"');
  });

  it('shows an admin each person’s API tokens, and revokes one of them: the coordinator can’t', async () => {
    const { app, db, clock, accounts } = await workplaceApp();
    const admin = await signedIn(db, { role: 'admin' });
    const ida = await signedIn(db, { role: 'coordinator', activities: ['besoegsven'] });
    const now = new Date(clock.now());
    const token = await accounts.createApiToken(
      ida.accountId,
      { name: 'Regneark <b>', scope: 'read', days: 30 },
      now,
    );
    const id = (await accounts.apiTokens(ida.accountId, now))[0]!.id;
    const page = await (await app.request('/leder/personer', { headers: admin.headers })).text();
    expect(page).toContain('Regneark &lt;b&gt; (Kun læse)');
    const path = `/leder/personer/${ida.accountId}/noegler/${id}/tilbagekald`;
    // Not by the coordinator herself through the admins' page, and not for another's token.
    expect((await app.request(path, ida.form({}))).status).toBe(403);
    const wrong = `/leder/personer/${admin.accountId}/noegler/${id}/tilbagekald`;
    expect((await app.request(wrong, admin.form({}))).status).toBe(200);
    const api = () =>
      app.request('/api/v1/signups', { headers: { Authorization: `Bearer ${token}` } });
    expect((await api()).status).toBe(200);
    expect((await app.request(path, admin.form({}))).status).toBe(200);
    expect((await api()).status).toBe(401);
  });

  it('lists who did what in the Log, and exports it as CSV that no spreadsheet runs', async () => {
    const { app, db, clock, accounts, inbox } = await workplaceApp();
    const admin = await signedIn(db, { role: 'admin', name: 'Anne Admin' });
    // A person whose name and address a spreadsheet would take for formulas.
    await app.request(
      '/leder/personer/inviter',
      admin.form({ email: '=cmd@example.dk', name: '', role: 'coordinator' }),
    );
    const invitation = linkIn((await inbox())[0], 'invitation');
    await app.request(invitation, form({ name: '@SUM(1+1)' }));
    const [formula] = (await accounts.list()).filter((a) => a.email === '=cmd@example.dk');
    const session = await accounts.startSession(formula!.id, new Date(clock.now()));
    expect(
      (await app.request('/leder/puls?activity=besoegsven', { headers: cookie(session!) })).status,
    ).toBe(404);
    // A search that itself starts like a formula, logged with the export.
    expect(
      (await app.request('/leder/log?format=csv&q=%09%3D1', { headers: admin.headers })).status,
    ).toBe(200);

    const page = await app.request('/leder/log?q=invited', { headers: admin.headers });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain(
      '<td>Anne Admin</td><td>ændrede</td><td>account</td><td>=cmd@example.dk</td>',
    );
    expect(text).not.toContain('adgang</td>');

    const csv = await app.request('/leder/log?format=csv', { headers: admin.headers });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('Content-Disposition')).toBe('attachment; filename="samskab-log.csv"');
    const body = await csv.text();
    const rows = body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toBe('"Tidspunkt","Hvem","Handling","Hvad","Post","Aktivitet","Detaljer"');
    const cells = rows
      .slice(1)
      .flatMap((row) => [...row.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!));
    expect(cells).toContain("'=cmd@example.dk");
    expect(cells.some((cell) => cell.startsWith("'@SUM(1+1) ("))).toBe(true);
    expect(cells).toContain("'\t=1");
    // No cell begins with what a spreadsheet would run.
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    // Each export is itself a line of the log.
    const exports = await app.request('/leder/log?q=export', { headers: admin.headers });
    expect((await exports.text()).match(/<td>eksporterede<\/td>/g)).toHaveLength(2);
  });
});

describe('the session cookie', () => {
  it('is set only under /leder: residents’ pages, widgets and the API never set one', async () => {
    const { app, db } = await workplaceApp();
    const admin = await signedIn(db, { role: 'admin' });
    // Even a browser that sent the cookie everywhere gets none back elsewhere.
    const paths = [
      '/',
      '/privatliv',
      '/mine',
      '/embed',
      '/embed/signup-form',
      '/embed/shift-calendar?activity=besoegsven',
      '/api/v1/activities',
      '/docs',
    ];
    for (const path of paths) {
      const res = await app.request(path, { headers: admin.headers });
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get('Set-Cookie'), path).toBeNull();
    }
    const api = await app.request('/api/v1/signups', {
      headers: { ...admin.headers, Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(api.status).toBe(200);
    expect(api.headers.get('Set-Cookie')).toBeNull();
    // The API takes no cookie in place of a token.
    expect((await app.request('/api/v1/signups', { headers: admin.headers })).status).toBe(401);
    const signup = await postSignup(app, signupBody(), { headers: admin.headers });
    expect(signup.status).toBe(201);
    expect(signup.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('npm run samskab -- invite', () => {
  const cli = async (argv: string[], env: Record<string, string>) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(argv, env, { log: (t) => out.push(t), error: (t) => err.push(t) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  };

  it('prints a link that makes the account it names', async () => {
    // The command stamps the invitation with the real time; so does this server.
    const { app, target, db } = await testApp({ now: () => Date.now(), publicUrl: PUBLIC });
    const env: Record<string, string> = {
      ...(ENGINE === 'postgres' ? { SAMSKAB_DATABASE_URL: target } : { SAMSKAB_DB: target }),
      SAMSKAB_PUBLIC_URL: PUBLIC,
    };
    const { code, stdout, stderr } = await cli(
      [
        'invite',
        'Koordinator@Kommune.dk',
        '--role',
        'coordinator',
        '--name',
        'Kim',
        '--activity',
        'besoegsven',
        '--activity',
        'naturpleje',
      ],
      env,
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const [da, en, link] = stdout.split('\n');
    expect(da).toBe(
      'Invitation til Koordinator@Kommune.dk som koordinator; linket gælder i 72 timer og virker én gang:',
    );
    expect(en).toBe(
      'Invitation for Koordinator@Kommune.dk as coordinator; the link is valid for 72 hours and works once:',
    );
    expect(link).toMatch(/^https:\/\/samskab\.eksempel\.dk\/leder\/invitation\/[A-Za-z0-9_-]{43}$/);
    const path = new URL(link!).pathname;
    const shown = await app.request(path);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('value="Kim"');
    const accepted = await app.request(path, form({ name: 'Kim Koordinator' }));
    expect(accepted.status).toBe(303);
    expect(sessionSet(accepted)).toBeDefined();
    expect(await (await openAccounts(db)).byEmail('koordinator@kommune.dk')).toMatchObject({
      name: 'Kim Koordinator',
      role: 'coordinator',
      activities: ['besoegsven', 'naturpleje'],
    });
  });

  it('refuses bad input in Danish and English, and invites no one', async () => {
    const { target, db, clock } = await testApp();
    const env: Record<string, string> =
      ENGINE === 'postgres' ? { SAMSKAB_DATABASE_URL: target } : { SAMSKAB_DB: target };
    const cases: [string[], string, string][] = [
      [['invite'], 'Skriv én e-mailadresse', 'Give one e-mail address'],
      [['invite', 'ikke-en-adresse', '--role', 'admin'], 'Skriv én e-mailadresse', 'Give one'],
      [['invite', 'a@example.dk', 'b@example.dk', '--role', 'admin'], 'Skriv én', 'Give one'],
      [['invite', 'a@example.dk'], '--role skal være admin eller coordinator.', '--role must be'],
      [['invite', 'a@example.dk', '--role', 'chef'], '--role skal være', '--role must be'],
      [
        ['invite', 'a@example.dk', '--role', 'coordinator', '--activity', 'findes-ikke'],
        'Ingen aktivitet med id findes-ikke.',
        'No activity with id findes-ikke.',
      ],
      [
        ['invite', 'a@example.dk', '--role', 'admin', '--name', 'x'.repeat(121)],
        '--name er for langt',
        '--name is too long',
      ],
      [['invite', 'a@example.dk', '--role', 'admin', '--chef'], 'Forkert brug', 'Wrong usage'],
    ];
    for (const [argv, da, en] of cases) {
      const { code, stdout, stderr } = await cli(argv, env);
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout, argv.join(' ')).toBe('');
      const [first, second] = stderr.split('\n');
      expect(first, argv.join(' ')).toContain(da);
      expect(second, argv.join(' ')).toContain(en);
    }
    expect(await (await openAccounts(db)).pendingInvitations(new Date(clock.now()))).toEqual([]);
  });
});

describe('the demo coordinator’s invitation (npm start)', () => {
  it('is a link on localhost, which passkeys accept, and opens the invitation page', async () => {
    const server = await startTempServer();
    afterTest(() => server.close());
    const link = await server.invite({
      email: 'koordinator@eksempel.dk',
      name: 'Demo Koordinator',
      role: 'coordinator',
      activities: DEMO_ACTIVITIES.map((a) => a.id),
    });
    expect(link).toMatch(
      new RegExp(`^http://localhost:${server.port}/leder/invitation/[A-Za-z0-9_-]{43}$`),
    );
    const page = await fetch(link.replace('localhost', '127.0.0.1'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Du er inviteret som koordinator.');
  });
});
