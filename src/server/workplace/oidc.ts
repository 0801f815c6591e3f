/**
 * Municipal single sign-on by OpenID Connect (SAMSKAB_OIDC_*), matching
 * accounts by e-mail. The authorization code flow with PKCE (S256), `state`
 * and `nonce` through openid-client, which checks the response, the ID token's
 * signature and claims. Works with Entra ID and with a broker in front of the
 * municipality's SAML context handler (Keycloak and the like).
 *
 * What the callback must check is kept server-side, in a row that lives ten
 * minutes and is used once, found by a random key in a short-lived cookie on
 * `/leder/log-ind/sso` only. Single sign-on never creates an account: a
 * person is invited first, and their address is then matched.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import * as client from 'openid-client';
import type { Locale } from '../../i18n/index.js';
import { type Db, migrate, portable } from '../database.js';
import type { AppEnv } from '../http/env.js';
import { localeOf } from '../http/errors.js';
import { clientKey } from '../http/rate-limit.js';
import type { WorkplaceDeps } from './deps.js';
import { workplacePage } from './layout.js';
import { safeNext } from './session.js';

const da = {
  title: 'Log ind med kommunens login',
  down: 'Kommunens login svarer ikke lige nu. Prøv igen om lidt, eller log ind med et link på e-mail.',
  expired: 'Login-forsøget er udløbet eller allerede brugt. Start forfra.',
  refused: 'Kommunens login kunne ikke bekræfte, hvem du er. Start forfra.',
  cancelled: 'Kommunens login blev afbrudt eller afvist, så du er ikke logget ind.',
  noAddress:
    'Kommunens login oplyste ingen bekræftet e-mailadresse, så vi kan ikke finde din konto. Bed kommunens IT om at sende e-mailadressen med.',
  noAccount: (email: string) =>
    `Adressen ${email} har ingen konto i Samskab. Bed en administrator om en invitation.`,
  otherSubject:
    'Din konto i Samskab er allerede knyttet til et andet login hos kommunen. Log ind med et link på e-mail, eller bed en administrator om hjælp.',
  throttled: 'For mange mislykkede forsøg. Vent et par minutter, og prøv igen.',
  again: 'Prøv igen',
  toSignIn: 'Til Log ind',
};
const en: typeof da = {
  title: 'Sign in with the municipality’s login',
  down: 'The municipality’s login is not answering right now. Try again shortly, or sign in with a link by e-mail.',
  expired: 'This sign-in attempt has expired or was already used. Start again.',
  refused: 'The municipality’s login could not confirm who you are. Start again.',
  cancelled: 'The municipality’s login was cancelled or refused, so you are not signed in.',
  noAddress:
    'The municipality’s login gave no confirmed e-mail address, so we cannot find your account. Ask the municipality’s IT to include the e-mail address.',
  noAccount: (email: string) =>
    `The address ${email} has no account in Samskab. Ask an administrator for an invitation.`,
  otherSubject:
    'Your Samskab account is already linked to another login at the municipality. Sign in with a link by e-mail, or ask an administrator for help.',
  throttled: 'Too many failed attempts. Wait a few minutes and try again.',
  again: 'Try again',
  toSignIn: 'To Sign in',
};
const texts = (l: Locale) => (l === 'en' ? en : da);

const START = '/leder/log-ind/sso';
const CALLBACK = '/leder/log-ind/sso/svar';
const COOKIE = 'samskab_sso';
/** How long a person has at the provider before the attempt is void. */
export const ATTEMPT_MS = 10 * 60_000;
/** Failed callbacks per client: ten at once, then one every 90 seconds. */
const FAILURE_LIMIT = { perMinute: 2 / 3, burst: 10 };
const KEY = /^[A-Za-z0-9_-]{43}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const migrations = [
  portable(`
  CREATE TABLE workplace_oidc_attempts (
    key_hash      TEXT PRIMARY KEY,
    state         TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    next          TEXT NOT NULL,
    expires_at    TEXT NOT NULL
  ) STRICT;
  CREATE INDEX workplace_oidc_attempts_by_expiry ON workplace_oidc_attempts (expires_at);
  `),
  // Who the provider says a person is (`sub`), bound to their account at their
  // first sign-in: later sign-ins go by it, and another subject with the same
  // address is refused.
  portable(`
  CREATE TABLE workplace_oidc_subjects (
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    account_id TEXT NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
    bound_at   TEXT NOT NULL,
    PRIMARY KEY (issuer, subject)
  ) STRICT;
  `),
];

type Tables = {
  workplace_oidc_subjects: {
    issuer: string;
    subject: string;
    account_id: string;
    bound_at: string;
  };
  workplace_oidc_attempts: {
    key_hash: string;
    state: string;
    nonce: string;
    code_verifier: string;
    next: string;
    expires_at: string;
  };
};

const hash = (key: string) => createHash('sha256').update(key).digest('base64url');

const loopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** Attempts kept in the database: a new one, and taking one back (once). */
function openAttempts(db: Db) {
  const q = db.kysely.withTables<Tables>();
  return {
    async start(
      row: { state: string; nonce: string; codeVerifier: string; next: string },
      now: Date,
    ): Promise<string> {
      const key = randomBytes(32).toString('base64url');
      await db.write(async (trx) => {
        const t = trx.withTables<Tables>();
        await t
          .deleteFrom('workplace_oidc_attempts')
          .where('expires_at', '<=', now.toISOString())
          .execute();
        await t
          .insertInto('workplace_oidc_attempts')
          .values({
            key_hash: hash(key),
            state: row.state,
            nonce: row.nonce,
            code_verifier: row.codeVerifier,
            next: row.next,
            expires_at: new Date(now.getTime() + ATTEMPT_MS).toISOString(),
          })
          .execute();
      });
      return key;
    },
    /** The live attempt for `key`, deleted as it is read, so a second callback finds nothing. */
    async take(key: string, now: Date) {
      const row = await q
        .deleteFrom('workplace_oidc_attempts')
        .where('key_hash', '=', hash(key))
        .returningAll()
        .executeTakeFirst();
      return row && row.expires_at > now.toISOString() ? row : undefined;
    },
  };
}

/**
 * The address the provider vouches for, or undefined:
 * - `email` when the provider says it verified it (`email_verified`, true or
 *   "true": Keycloak and the brokers in front of the municipal SAML context
 *   handler send it), or Entra ID's `xms_edov` (the domain's owner verified it);
 * - else Entra ID's `upn`, which only the municipality's directory admins set.
 * `preferred_username`, which Entra ID and Keycloak let people change, is
 * never trusted.
 */
export function emailOf(claims: Record<string, unknown>): string | undefined {
  const yes = (v: unknown) => v === true || v === 'true';
  const tidy = (v: unknown) =>
    typeof v === 'string' && v.trim().length <= 254 && EMAIL.test(v.trim())
      ? v.trim().toLowerCase()
      : undefined;
  const email = tidy(claims.email);
  if (email && (yes(claims.email_verified) || yes(claims.xms_edov))) return email;
  return tidy(claims.upn);
}

function warn(msg: string, error: unknown) {
  console.error(
    JSON.stringify({
      level: 'warn',
      msg,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    }),
  );
}

export function oidcPages(deps: WorkplaceDeps): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();
  const oidc = deps.oidc;
  if (!oidc) return pages;

  const ready = migrate(deps.db, 'workplace-oidc', migrations);
  // Awaited by every request; caught here so a failure is not also "unhandled".
  ready.catch(() => {});
  const attempts = openAttempts(deps.db);
  const subjects = deps.db.kysely.withTables<Tables>();
  // Revoked access forgets who the provider said the person was: a new invitation binds anew.
  deps.accounts.onRevoke(async (trx, accountId) => {
    await ready;
    await trx
      .withTables<Tables>()
      .deleteFrom('workplace_oidc_subjects')
      .where('account_id', '=', accountId)
      .execute();
  });
  const failures = deps.buckets('sso', FAILURE_LIMIT);
  /** Sign-in starts per client: thirty at once, then thirty a minute. */
  const startLimit = deps.buckets('sso-start', { perMinute: 30, burst: 30 });
  const issuer = new URL(oidc.issuer);
  // Plain http only to a provider on this machine (tests, development).
  const insecure = issuer.protocol === 'http:' && loopback(issuer);

  let configuration: Promise<client.Configuration> | undefined;
  /** The provider's metadata, discovered once; a failed discovery is tried again next time. */
  const discover = () => {
    configuration ??= (async () => {
      const execute = insecure ? [client.allowInsecureRequests] : [];
      const found = await client.discovery(
        issuer,
        oidc.clientId,
        oidc.clientSecret,
        client.ClientSecretBasic(oidc.clientSecret),
        { execute, timeout: 10 },
      );
      // Basic by default; Post where the provider offers only that.
      const methods = found.serverMetadata().token_endpoint_auth_methods_supported;
      if (
        methods &&
        !methods.includes('client_secret_basic') &&
        methods.includes('client_secret_post')
      ) {
        const post = new client.Configuration(
          found.serverMetadata(),
          oidc.clientId,
          oidc.clientSecret,
          client.ClientSecretPost(oidc.clientSecret),
        );
        for (const run of execute) run(post);
        return post;
      }
      return found;
    })();
    configuration.catch(() => {
      configuration = undefined;
    });
    return configuration;
  };

  const message = (
    c: Context<AppEnv>,
    status: number,
    text: string,
    again = true,
    retryAfter?: number,
  ) => {
    const t = texts(localeOf(c));
    if (retryAfter) c.header('Retry-After', String(retryAfter));
    return workplacePage(c, {
      title: t.title,
      section: 'none',
      status,
      body: html`<p role="alert">${text}</p>
<ul class="wp-list">${again ? html`<li><a href="${START}">${t.again}</a></li>` : ''}<li><a href="/leder/log-ind">${t.toSignIn}</a></li></ul>`,
    });
  };

  // As the session cookie: only plain http on this machine, by both measures, goes without.
  const secure = (c: Context<AppEnv>) => {
    const plain = (url: URL) => url.protocol === 'http:' && loopback(url);
    return !(plain(new URL(deps.publicOrigin(c))) && plain(new URL(c.req.url)));
  };

  pages.get(START, async (c) => {
    const t = texts(localeOf(c));
    // Each start keeps a row for ten minutes: a client may not make them at request speed.
    const wait = await startLimit.take(clientKey(c, deps.trustProxy));
    if (wait > 0) return message(c, 429, t.throttled, false, wait);
    let config: client.Configuration;
    try {
      await ready;
      config = await discover();
    } catch (error) {
      warn('Single sign-on: the provider could not be reached', error);
      return message(c, 503, t.down, true, 30);
    }
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const key = await attempts.start(
      { state, nonce, codeVerifier, next: safeNext(c.req.query('next')) },
      new Date(deps.clock()),
    );
    setCookie(c, COOKIE, key, {
      httpOnly: true,
      sameSite: 'Lax',
      path: START,
      secure: secure(c),
      maxAge: ATTEMPT_MS / 1000,
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${deps.publicOrigin(c)}${CALLBACK}`,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect(url.href, 303);
  });

  pages.get(CALLBACK, async (c) => {
    const t = texts(localeOf(c));
    const who = clientKey(c, deps.trustProxy);
    const wait = await failures.wait(who);
    if (wait > 0) return message(c, 429, t.throttled, false, wait);
    const failed = async (status: number, text: string, again = true) => {
      await failures.take(who);
      return message(c, status, text, again);
    };

    const key = getCookie(c, COOKIE) ?? '';
    deleteCookie(c, COOKIE, { path: START, secure: secure(c) });
    let config: client.Configuration;
    try {
      await ready;
      config = await discover();
    } catch (error) {
      warn('Single sign-on: the provider could not be reached', error);
      return message(c, 503, t.down, true, 30);
    }
    const attempt = KEY.test(key) ? await attempts.take(key, new Date(deps.clock())) : undefined;
    if (!attempt) return failed(400, t.expired);

    // The URL the provider sent the browser to, as registered (not as a proxy passed it on).
    const current = new URL(`${deps.publicOrigin(c)}${CALLBACK}`);
    current.search = new URL(c.req.url).search;
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: attempt.code_verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      // Some providers (a plain Keycloak client scope, say) put the address only in userinfo.
      if (claims && !emailOf(claims) && config.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
        claims = { ...claims, ...pickEmail(info) };
      }
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) {
        return failed(400, t.cancelled);
      }
      warn('Single sign-on: the provider’s answer was refused', error);
      return failed(400, t.refused);
    }
    const subject = typeof claims?.sub === 'string' ? claims.sub : '';
    const bound = subject
      ? await subjects
          .selectFrom('workplace_oidc_subjects')
          .select('account_id')
          .where('issuer', '=', oidc.issuer)
          .where('subject', '=', subject)
          .executeTakeFirst()
      : undefined;
    let account = bound ? await deps.accounts.byId(bound.account_id) : undefined;
    if (account?.revokedAt) account = undefined;
    if (!bound) {
      const email = claims ? emailOf(claims) : undefined;
      if (!email || !subject) return failed(403, t.noAddress, false);
      account = await deps.accounts.byEmail(email);
      if (!account) return failed(403, t.noAccount(email), false);
      // The account already answers to another person at this provider: not this one.
      const other = await subjects
        .selectFrom('workplace_oidc_subjects')
        .select('subject')
        .where('account_id', '=', account.id)
        .executeTakeFirst();
      if (other) return failed(403, t.otherSubject, false);
      await subjects
        .insertInto('workplace_oidc_subjects')
        .values({
          issuer: oidc.issuer,
          subject,
          account_id: account.id,
          bound_at: deps.clock().toISOString(),
        })
        .execute();
    }
    if (!account) return failed(403, t.noAddress, false);
    const answer = await deps.leader.signIn(c, account.id, attempt.next);
    if (answer.status === 303) {
      await deps.audit.write(account, [
        { action: 'sign-in', subject: 'account', subjectId: account.id, detail: 'oidc' },
      ]);
    }
    return answer;
  });

  return pages;
}

/** Userinfo's address claims, which then count as if the ID token had them. */
function pickEmail(info: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of ['email', 'email_verified', 'preferred_username', 'upn']) {
    if (name in info) picked[name] = info[name];
  }
  return picked;
}
