/**
 * The admin's gates, in one place: a bearer token for the API (the server's
 * admin token, or a person's API token from the workplace) and HTTP Basic with
 * the admin token as password for the few pages a browser opens without a
 * workplace session (`/dev/mail`). Each sets the request's principal. Failed attempts are
 * throttled per client, so the token cannot be guessed at request speed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { serverT } from '../i18n.js';
import type { AppEnv } from './env.js';
import { apiError, localeOf } from './errors.js';
import { ADMIN_TOKEN_PRINCIPAL, type Principal } from './principal.js';
import { type Buckets, clientKey, type RateLimitOptions, TokenBuckets } from './rate-limit.js';

/** Ten wrong tokens in a row, then one more try every 90 seconds. */
export const AUTH_FAILURE_LIMIT: RateLimitOptions = { perMinute: 2 / 3, burst: 10 };

// Hashing first gives equal lengths, so timingSafeEqual never leaks the token's length.
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * The admin token, or only its SHA-256 in hex (a tenant's, as the registry
 * keeps it): a leaked registry then opens nothing.
 */
export type AdminToken = string | { sha256: string };

/** A constant-time check that a presented secret is the admin token. */
export function adminTokenCheck(token: AdminToken): (presented: string) => boolean {
  const expected = typeof token === 'string' ? digest(token) : Buffer.from(token.sha256, 'hex');
  if (expected.length !== 32) throw new Error('An admin token hash must be 32 bytes of SHA-256.');
  return (presented) => timingSafeEqual(digest(presented), expected);
}

/** The two gates `adminAuth` makes. */
export interface AdminAuth {
  /**
   * `Authorization: Bearer <token>` for /api admin routes: 401 with
   * `WWW-Authenticate: Bearer` otherwise. A foreign `Origin` is refused (403)
   * even when CORS lists it: admin is never for a page on another site.
   */
  bearer: MiddlewareHandler<AppEnv>;
  /** HTTP Basic with the token as password (any user name), for server-rendered pages. */
  basic: MiddlewareHandler<AppEnv>;
}

/** Options for `adminAuth`. */
export interface AdminAuthOptions {
  token: AdminToken;
  /** Count failures against the proxy's `X-Forwarded-For` client. */
  trustProxy: boolean;
  /** True for the server's own origin (see `ServerOrigins.isOwn`). */
  isOwnOrigin: (c: Context, origin: string) => boolean;
  /** The clock the failure throttle runs on (epoch ms). */
  now: () => number;
  /** Failed attempts allowed per client; default `AUTH_FAILURE_LIMIT`. */
  failureLimit?: RateLimitOptions;
  /** Where failures are counted; in this process's memory by default. */
  buckets?: (options: RateLimitOptions) => Buckets;
  /** A person's API token (`skb_…`): who it acts for, while it is good. */
  personalToken?: (presented: string) => Promise<Principal | undefined>;
}

/** Builds both gates over one failure throttle. */
export function adminAuth({
  token,
  trustProxy,
  isOwnOrigin,
  now,
  failureLimit = AUTH_FAILURE_LIMIT,
  buckets = (options) => new TokenBuckets(options, now),
  personalToken = async () => undefined,
}: AdminAuthOptions): AdminAuth {
  const isAdmin = adminTokenCheck(token);
  const failures = buckets(failureLimit);

  /**
   * True when `presented` is the token. Every attempt takes a try first, in
   * one step, so guesses sent at once (to one instance or several) cannot all
   * pass before any is counted; a right secret gives its try back. A client
   * out of tries gets 429 before anything is compared, so a right guess then
   * tells it nothing. No secret at all is how every browser's Basic sign-in
   * begins, and takes nothing.
   */
  const verify = async (
    c: Context<AppEnv>,
    presented: string | undefined,
    people = false,
  ): Promise<Principal | undefined> => {
    if (presented === undefined || presented === '') return undefined;
    const client = clientKey(c, trustProxy);
    const wait = await failures.take(client);
    if (wait > 0) {
      throw apiError(429, 'error.auth.throttled', '', {
        headers: { 'Retry-After': String(wait) },
      });
    }
    const principal = isAdmin(presented)
      ? ADMIN_TOKEN_PRINCIPAL
      : people
        ? await personalToken(presented)
        : undefined;
    if (!principal) return undefined;
    await failures.give(client);
    return principal;
  };

  return {
    bearer: async (c, next) => {
      const origin = c.req.header('Origin');
      if (origin !== undefined && !isOwnOrigin(c, origin)) {
        c.set('corsOrigin', undefined);
        throw apiError(403, 'error.origin');
      }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '');
      const principal = await verify(c, match?.[1], true);
      if (!principal) {
        throw apiError(401, 'error.unauthorized', '', {
          headers: { 'WWW-Authenticate': 'Bearer' },
        });
      }
      c.set('principal', principal);
      await next();
    },
    basic: async (c, next) => {
      const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(c.req.header('Authorization') ?? '');
      const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
      const password = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : undefined;
      let ok: Principal | undefined;
      try {
        ok = await verify(c, password);
      } catch {
        return c.text(serverT(localeOf(c), 'error.auth.throttled'), 429, {
          'Retry-After': String(await failures.wait(clientKey(c, trustProxy))),
          'Cache-Control': 'no-store',
        });
      }
      if (!ok) {
        return c.text(serverT(localeOf(c), 'auth.basic.unauthorized'), 401, {
          'WWW-Authenticate': 'Basic realm="Samskab", charset="UTF-8"',
          'Cache-Control': 'no-store',
        });
      }
      c.set('principal', ok);
      await next();
    },
  };
}
