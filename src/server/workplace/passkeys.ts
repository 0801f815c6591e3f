/**
 * Passkeys (WebAuthn): registering one or more per person, and signing in with one.
 *
 * The ceremonies need script (client/passkey.ts, served as /leder/passkey.js):
 * the page asks for options, the browser talks to the authenticator, and the
 * result is posted back and checked by @simplewebauthn/server. Every
 * challenge is kept here, not in the browser: single use, five minutes. The
 * relying party is the host of the public origin, so a passkey made on one
 * installation signs in nowhere else.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { join } from 'node:path';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import type { Locale } from '../../i18n/index.js';
import { formatDateTime } from '../../time/copenhagen.js';
import { migrate, portable } from '../database.js';
import type { AppEnv } from '../http/env.js';
import { localeOf } from '../http/errors.js';
import type { Principal } from '../http/principal.js';
import { clientKey } from '../http/rate-limit.js';
import { fileLoader, sendFile } from '../http/static-file.js';
import type { WorkplaceDeps } from './deps.js';
import { csrfField, workplacePage } from './layout.js';

const da = {
  title: 'Adgangsnøgler (passkeys)',
  lead: 'En adgangsnøgle logger dig ind med din telefons eller computers skærmlås eller en sikkerhedsnøgle, uden at vente på en e-mail. Du kan have flere, fx én på telefonen og én på computeren.',
  welcome: (name: string) => `Velkommen, ${name}!`,
  welcomeLead:
    'Din konto er klar. Tilføj en adgangsnøgle nu, så kan du næste gang logge ind med det samme.',
  skip: 'Spring over og gå til Oversigt',
  mine: 'Dine adgangsnøgler',
  none: 'Du har ingen adgangsnøgler endnu.',
  line: (added: string, used: string | undefined) =>
    `tilføjet ${added}, ${used ? `sidst brugt ${used}` : 'ikke brugt endnu'}`,
  remove: 'Fjern',
  addTitle: 'Tilføj adgangsnøgle',
  nameLabel: 'Navn på adgangsnøglen (fx »Min telefon«)',
  add: 'Tilføj adgangsnøgle',
  added: 'Adgangsnøglen er tilføjet.',
  removed: 'Adgangsnøglen er fjernet.',
  onward: 'Videre til Oversigt',
  onIp: 'Adgangsnøgler virker ikke, når serveren åbnes på en IP-adresse; browseren kræver et navn (SAMSKAB_PUBLIC_URL). Her virker den samme side:',
  needsScript:
    'Adgangsnøgler kræver JavaScript i browseren. Du kan altid logge ind med et link på e-mail.',
  toMailSignIn: 'Log ind med et link på e-mail',
  unsupported:
    'Denne browser kan ikke bruge adgangsnøgler. Log ind med et link på e-mail i stedet.',
  cancelled: 'Adgangsnøglen blev ikke brugt. Prøv igen, når du er klar.',
  failed: 'Det lykkedes ikke. Prøv igen, eller log ind med et link på e-mail.',
  nameInvalid: 'Giv adgangsnøglen et navn på 1 til 60 tegn.',
  expired: 'Det tog for lang tid. Prøv igen.',
  refused: 'Adgangsnøglen blev ikke godkendt.',
  exists: 'Den adgangsnøgle er allerede tilføjet.',
  throttled: 'For mange forsøg. Vent et par minutter, og prøv igen.',
  signInTitle: 'Log ind med adgangsnøgle',
  signInLead:
    'Brug den adgangsnøgle, du har tilføjet på din konto: din telefons eller computers skærmlås eller en sikkerhedsnøgle.',
  signIn: 'Log ind med adgangsnøgle',
  other: 'Andre måder at logge ind',
};
const en: typeof da = {
  title: 'Passkeys',
  lead: "A passkey signs you in with your phone's or computer's screen lock or a security key, without waiting for an e-mail. You can have several, e.g. one on your phone and one on your computer.",
  welcome: (name) => `Welcome, ${name}!`,
  welcomeLead: 'Your account is ready. Add a passkey now, and next time you can sign in at once.',
  skip: 'Skip this and go to the Overview',
  mine: 'Your passkeys',
  none: 'You have no passkeys yet.',
  line: (added, used) => `added ${added}, ${used ? `last used ${used}` : 'not used yet'}`,
  remove: 'Remove',
  addTitle: 'Add a passkey',
  nameLabel: 'Name of the passkey (e.g. “My phone”)',
  add: 'Add a passkey',
  added: 'The passkey has been added.',
  removed: 'The passkey has been removed.',
  onward: 'On to the Overview',
  onIp: 'Passkeys do not work when the server is opened on an IP address; the browser needs a name (SAMSKAB_PUBLIC_URL). The same page works here:',
  needsScript:
    'Passkeys need JavaScript in the browser. You can always sign in with a link by e-mail.',
  toMailSignIn: 'Sign in with a link by e-mail',
  unsupported: 'This browser cannot use passkeys. Sign in with a link by e-mail instead.',
  cancelled: 'The passkey was not used. Try again when you are ready.',
  failed: 'That did not work. Try again, or sign in with a link by e-mail.',
  nameInvalid: 'Give the passkey a name of 1 to 60 characters.',
  expired: 'That took too long. Try again.',
  refused: 'The passkey was not accepted.',
  exists: 'That passkey has already been added.',
  throttled: 'Too many attempts. Wait a few minutes and try again.',
  signInTitle: 'Sign in with a passkey',
  signInLead:
    "Use the passkey you added to your account: your phone's or computer's screen lock or a security key.",
  signIn: 'Sign in with a passkey',
  other: 'Other ways to sign in',
};
const textsOf = (l: Locale) => (l === 'en' ? en : da);

/** A challenge lives this long, and is good once. */
export const CHALLENGE_VALID_MS = 5 * 60_000;
/** Failed passkey sign-ins per client: ten at once, then two every three minutes. */
const FAILURE_LIMIT = { perMinute: 2 / 3, burst: 10 };
const CREDENTIAL_ID = /^[A-Za-z0-9_-]{16,1400}$/;
const JS = 'text/javascript; charset=utf-8';

const counterStep = (step: { sqlite: string; postgres: string }) => ({
  sqlite: step.sqlite.replaceAll('COUNTER', 'INTEGER'),
  // A signature counter is an unsigned 32-bit number: more than PostgreSQL's INTEGER holds.
  postgres: step.postgres.replaceAll('COUNTER', 'BIGINT'),
});

const migrations = [
  counterStep(
    portable(`
  CREATE TABLE passkeys (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    public_key   TEXT NOT NULL,
    counter      COUNTER NOT NULL,
    transports   TEXT NOT NULL,
    name         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
  ) STRICT;
  CREATE INDEX passkeys_by_account ON passkeys (account_id);
  CREATE TABLE passkey_challenges (
    id         TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL CHECK (purpose IN ('register', 'sign-in')),
    challenge  TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX passkey_challenges_by_expiry ON passkey_challenges (expires_at);
  `),
  ),
];

type Tables = {
  passkeys: {
    id: string;
    account_id: string;
    public_key: string;
    counter: number | string;
    transports: string;
    name: string;
    created_at: string;
    last_used_at: string | null;
  };
  passkey_challenges: {
    id: string;
    purpose: 'register' | 'sign-in';
    challenge: string;
    expires_at: string;
  };
};

/** What the browser posts: @simplewebauthn/browser's JSON, checked in depth by the server library. */
const Credential = z.object({
  id: z.string().regex(CREDENTIAL_ID),
  rawId: z.string().regex(CREDENTIAL_ID),
  type: z.literal('public-key'),
  response: z.record(z.string(), z.unknown()),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});
const Registration = z.object({ name: z.string(), response: Credential });
const Assertion = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{43}$/), response: Credential });

const account = (c: Context<AppEnv>) => c.get('principal') as Principal & { kind: 'account' };
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export async function passkeyPages(deps: WorkplaceDeps): Promise<Hono<AppEnv>> {
  const { db, accounts, audit, leader, clock } = deps;
  await migrate(db, 'workplace-passkeys', migrations);
  const q = db.kysely.withTables<Tables>();
  // Revoking a person's access takes their passkeys too: a later invitation starts afresh.
  accounts.onRevoke(async (trx, accountId) => {
    await trx
      .withTables<Tables>()
      .deleteFrom('passkeys')
      .where('account_id', '=', accountId)
      .execute();
  });
  const failures = deps.buckets('passkey', FAILURE_LIMIT);
  // Per account too: many clients trying one person's passkey are slowed down together.
  const accountFailures = deps.buckets('passkey-account', FAILURE_LIMIT);
  /** Sign-in challenges per client: thirty at once, then thirty a minute. */
  const challengeLimit = deps.buckets('passkey-challenge', { perMinute: 30, burst: 30 });
  const script = fileLoader(join(deps.widgetsDir, 'workplace-passkey.js'));
  const relyingParty = (c: Context) => {
    const origin = deps.publicOrigin(c);
    return { origin, id: new URL(origin).hostname };
  };

  /** Keeps `challenge` under `id` for five minutes, replacing any earlier one. */
  const keep = async (id: string, purpose: 'register' | 'sign-in', challenge: string) => {
    const now = clock();
    await db.write(async (trx) => {
      const t = trx.withTables<Tables>();
      await t
        .deleteFrom('passkey_challenges')
        .where((w) => w.or([w('id', '=', id), w('expires_at', '<=', now.toISOString())]))
        .execute();
      await t
        .insertInto('passkey_challenges')
        .values({
          id,
          purpose,
          challenge,
          expires_at: new Date(now.getTime() + CHALLENGE_VALID_MS).toISOString(),
        })
        .execute();
    });
  };

  /** The challenge kept under `id`, used up by this call; undefined when none or expired. */
  const takeChallenge = async (id: string, purpose: 'register' | 'sign-in') => {
    // One statement, so two attempts at once cannot both have it.
    const row = await q
      .deleteFrom('passkey_challenges')
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .returning(['challenge', 'expires_at'])
      .executeTakeFirst();
    return row && row.expires_at > clock().toISOString() ? row.challenge : undefined;
  };

  const listOf = (accountId: string) =>
    q
      .selectFrom('passkeys')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .execute();

  /** A JSON call from our own page in this session: same site, JSON, and the form token in a header. */
  const jsonForm: MiddlewareHandler<AppEnv> = async (c, next) => {
    const session = c.get('session');
    const presented = c.req.header('X-CSRF-Token') ?? '';
    const ok =
      session !== undefined &&
      presented.length === session.csrf.length &&
      timingSafeEqual(Buffer.from(presented), Buffer.from(session.csrf));
    if (!ok || !isJson(c)) return c.json({ error: textsOf(localeOf(c)).failed }, 403);
    await next();
  };
  const isJson = (c: Context) =>
    (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
  const bodyOf = (c: Context) => c.req.json().catch(() => undefined);
  const fail = (c: Context, status: 400 | 401 | 403 | 409 | 429, text: string) =>
    c.json({ error: text }, status, { 'Cache-Control': 'no-store' });

  const when = (iso: string, l: Locale) => formatDateTime(new Date(iso), l);

  /** The error line the script fills, and its texts for what only the browser knows. */
  const alertLine = (t: typeof da) =>
    html`<p id="passkey-error" class="wp-error" role="alert" tabindex="-1" hidden></p>
<p id="passkey-texts" hidden data-cancelled="${t.cancelled}" data-failed="${t.failed}" data-unsupported="${t.unsupported}"></p>`;

  const noScript = (t: typeof da) =>
    html`<noscript><p>${t.needsScript} <a href="/leder/log-ind">${t.toMailSignIn}</a></p></noscript>`;

  /** Browsers refuse passkeys for an IP address: say so, and where the same page works. */
  const onAnIp = (c: Context, t: typeof da) => {
    const origin = new URL(relyingParty(c).origin);
    if (isIP(origin.hostname.replace(/^\[|\]$/g, '')) === 0) return '';
    const loopback = ['127.0.0.1', '[::1]'].includes(origin.hostname);
    const better = loopback
      ? `${origin.protocol}//localhost${origin.port ? `:${origin.port}` : ''}${new URL(c.req.url).pathname}`
      : undefined;
    return html`<p class="wp-error">${t.onIp}${better ? html` <a href="${better}">${better}</a>` : ''}</p>`;
  };

  async function listPage(c: Context<AppEnv>) {
    const l = localeOf(c);
    const t = textsOf(l);
    const me = account(c);
    const keys = await listOf(me.id);
    const welcome = c.req.query('velkommen') === '1';
    const notice =
      c.req.query('tilfoejet') === '1'
        ? html`<div role="status" class="wp-status"><p>${t.added}</p><p><a href="/leder">${t.onward}</a></p></div>`
        : c.req.query('fjernet') === '1'
          ? html`<p role="status" class="wp-status">${t.removed}</p>`
          : '';
    return workplacePage(c, {
      title: t.title,
      section: 'account',
      scripts: ['/leder/passkey.js'],
      body: html`${
        welcome
          ? html`<section aria-labelledby="passkey-welcome"><h2 id="passkey-welcome">${t.welcome(me.name)}</h2>
<p>${t.welcomeLead}</p><p><a href="/leder">${t.skip}</a></p></section>`
          : ''
      }${notice}
<p>${t.lead}</p>
<h2>${t.mine}</h2>
${
  keys.length === 0
    ? html`<p>${t.none}</p>`
    : html`<ul class="wp-list">${keys.map(
        (k) =>
          html`<li><strong>${k.name}</strong>: ${t.line(when(k.created_at, l), k.last_used_at ? when(k.last_used_at, l) : undefined)}
<form method="post" action="/leder/konto/passkeys/${k.id}/fjern" class="wp-inline">${csrfField(c)}<button type="submit" class="button-secondary">${t.remove}<span class="visually-hidden"> ${k.name}</span></button></form></li>`,
      )}</ul>`
}
<h2>${t.addTitle}</h2>
${onAnIp(c, t)}
${noScript(t)}
${alertLine(t)}
<div id="passkey-add-wrap" hidden>
<form id="passkey-add" method="post" action="/leder/konto/passkeys" class="wp-form">${csrfField(c)}
<label for="passkey-name">${t.nameLabel}</label>
<input id="passkey-name" name="name" required maxlength="60" autocomplete="off">
<button type="submit" class="button">${t.add}</button>
</form>
</div>`,
    });
  }

  const pages = new Hono<AppEnv>()
    .get('/leder/passkey.js', async (c) => {
      const file = await script();
      if (!file)
        return c.text('Ikke bygget: kør `npm run build`. / Not built: run `npm run build`.', 503);
      return sendFile(c, file, JS);
    })
    .get('/leder/konto/passkeys', leader.signedIn, (c) => listPage(c))
    .post('/leder/konto/passkeys/valg', leader.signedIn, leader.sameSite, jsonForm, async (c) => {
      const me = account(c);
      const rp = relyingParty(c);
      const keys = await listOf(me.id);
      const options = await generateRegistrationOptions({
        rpName: deps.site.name || 'Samskab',
        rpID: rp.id,
        userName: me.email,
        userDisplayName: me.name,
        userID: new Uint8Array(Buffer.from(me.id, 'utf8')),
        attestationType: 'none',
        excludeCredentials: keys.map((k) => ({ id: k.id, transports: JSON.parse(k.transports) })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        timeout: CHALLENGE_VALID_MS,
      });
      await keep(`register:${c.get('session')!.id}`, 'register', options.challenge);
      return c.json(options, 200, { 'Cache-Control': 'no-store' });
    })
    .post('/leder/konto/passkeys', leader.signedIn, leader.sameSite, jsonForm, async (c) => {
      const t = textsOf(localeOf(c));
      const me = account(c);
      const body = Registration.safeParse(await bodyOf(c));
      if (!body.success) return fail(c, 400, t.failed);
      const name = body.data.name.trim().replace(/\s+/g, ' ');
      if (name.length < 1 || name.length > 60) return fail(c, 400, t.nameInvalid);
      const challenge = await takeChallenge(`register:${c.get('session')!.id}`, 'register');
      if (!challenge) return fail(c, 400, t.expired);
      const rp = relyingParty(c);
      const verified = await verifyRegistrationResponse({
        response: body.data.response as unknown as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: true,
      }).catch(() => undefined);
      if (!verified?.verified) return fail(c, 400, t.refused);
      const { credential } = verified.registrationInfo;
      const known = await q
        .selectFrom('passkeys')
        .select('id')
        .where('id', '=', credential.id)
        .executeTakeFirst();
      if (known || !CREDENTIAL_ID.test(credential.id)) return fail(c, 409, t.exists);
      await db.write(async (trx) => {
        await trx
          .withTables<Tables>()
          .insertInto('passkeys')
          .values({
            id: credential.id,
            account_id: me.id,
            public_key: b64(credential.publicKey),
            counter: credential.counter,
            transports: JSON.stringify(credential.transports ?? []),
            name,
            created_at: clock().toISOString(),
            last_used_at: null,
          })
          .execute();
        await audit.write(
          me,
          [
            {
              action: 'access',
              subject: 'account',
              subjectId: me.id,
              detail: 'passkey added',
            },
          ],
          trx,
        );
      });
      return c.json({ redirect: '/leder/konto/passkeys?tilfoejet=1' }, 201);
    })
    .post('/leder/konto/passkeys/:id/fjern', leader.signedIn, leader.form, async (c) => {
      const me = account(c);
      const id = c.req.param('id');
      if (!CREDENTIAL_ID.test(id)) return c.notFound();
      const removed = await db.write(async (trx) => {
        const t = trx.withTables<Tables>();
        const row = await t
          .selectFrom('passkeys')
          .select('name')
          .where('id', '=', id)
          .where('account_id', '=', me.id)
          .executeTakeFirst();
        if (!row) return false;
        await t
          .deleteFrom('passkeys')
          .where('id', '=', id)
          .where('account_id', '=', me.id)
          .execute();
        await audit.write(
          me,
          [
            {
              action: 'access',
              subject: 'account',
              subjectId: me.id,
              detail: `passkey ${id} removed`,
            },
          ],
          trx,
        );
        return true;
      });
      if (!removed) return c.notFound();
      return c.redirect('/leder/konto/passkeys?fjernet=1', 303);
    })
    .get('/leder/log-ind/passkey', (c) => {
      const t = textsOf(localeOf(c));
      return workplacePage(c, {
        title: t.signInTitle,
        section: 'none',
        scripts: ['/leder/passkey.js'],
        body: html`<p>${t.signInLead}</p>
${onAnIp(c, t)}
${noScript(t)}
${alertLine(t)}
<div id="passkey-sign-in-wrap" hidden>
<form id="passkey-sign-in" method="post" action="/leder/log-ind/passkey" class="wp-form">
<button type="submit" class="button">${t.signIn}</button>
</form>
</div>
<p><a href="/leder/log-ind">${t.other}</a></p>`,
      });
    })
    .post('/leder/log-ind/passkey/valg', leader.sameSite, async (c) => {
      const t = textsOf(localeOf(c));
      if (!isJson(c)) return fail(c, 400, t.failed);
      // A client out of tries gets no challenge either (and so stores nothing).
      const client = clientKey(c, deps.trustProxy);
      const wait = await failures.wait(client);
      if (wait > 0) return throttled(c, wait);
      // Each challenge is a row: a client may not make them at request speed.
      const asked = await challengeLimit.take(client);
      if (asked > 0) return throttled(c, asked);
      const options = await generateAuthenticationOptions({
        rpID: relyingParty(c).id,
        userVerification: 'required',
        timeout: CHALLENGE_VALID_MS,
      });
      const id = randomBytes(32).toString('base64url');
      await keep(id, 'sign-in', options.challenge);
      return c.json({ id, options }, 200, { 'Cache-Control': 'no-store' });
    })
    .post('/leder/log-ind/passkey', leader.sameSite, async (c) => {
      const t = textsOf(localeOf(c));
      const client = clientKey(c, deps.trustProxy);
      // Every attempt takes a try first, so attempts sent at once cannot all pass
      // before any is counted; a passkey that signs in gives its try back.
      const wait = await failures.take(client);
      if (wait > 0) return throttled(c, wait);
      if (!isJson(c)) return fail(c, 400, t.failed);
      const body = Assertion.safeParse(await bodyOf(c));
      if (!body.success) return fail(c, 400, t.failed);
      const challenge = await takeChallenge(body.data.id, 'sign-in');
      if (!challenge) return fail(c, 400, t.expired);
      const response = body.data.response as unknown as AuthenticationResponseJSON;
      const key = await q
        .selectFrom('passkeys')
        .selectAll()
        .where('id', '=', response.id)
        .executeTakeFirst();
      if (!key) return fail(c, 401, t.refused);
      const accountWait = await accountFailures.take(key.account_id);
      if (accountWait > 0) return throttled(c, accountWait);
      // The user handle, when the authenticator gives one, must be the key's own account.
      const handle = response.response.userHandle;
      if (handle !== undefined && handle !== b64(Buffer.from(key.account_id, 'utf8'))) {
        return fail(c, 401, t.refused);
      }
      const rp = relyingParty(c);
      const verified = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        credential: {
          id: key.id,
          publicKey: new Uint8Array(Buffer.from(key.public_key, 'base64url')),
          counter: Number(key.counter),
          transports: JSON.parse(key.transports),
        },
        requireUserVerification: true,
      }).catch(() => undefined);
      if (!verified?.verified) return fail(c, 401, t.refused);
      const now = clock();
      const token = await accounts.startSession(key.account_id, now);
      const who = token ? await accounts.principal(key.account_id) : undefined;
      if (!token || !who) return fail(c, 401, t.refused);
      await db.write(async (trx) => {
        await trx
          .withTables<Tables>()
          .updateTable('passkeys')
          .set({ counter: verified.authenticationInfo.newCounter, last_used_at: now.toISOString() })
          .where('id', '=', key.id)
          .execute();
        await audit.write(
          who,
          [{ action: 'sign-in', subject: 'account', subjectId: who.id, detail: 'passkey' }],
          trx,
        );
      });
      await failures.give(client);
      await accountFailures.give(key.account_id);
      leader.setCookie(c, token);
      return c.json({ redirect: '/leder' }, 200, { 'Cache-Control': 'no-store' });
    });

  function throttled(c: Context, wait: number) {
    c.header('Retry-After', String(Math.ceil(wait)));
    return fail(c, 429, textsOf(localeOf(c)).throttled);
  }

  return pages;
}
