/**
 * The workplace's session cookie and the two gates every `/leder` route
 * passes: `signedIn` (a live session, else the sign-in page) and `form` (a
 * state-changing request must come from our own pages: the browser's
 * `Sec-Fetch-Site` and `Origin` say so, and the form carries the session's
 * form token). The API never takes the cookie: a cookie cannot be made to
 * call it from another site.
 *
 * The cookie is `HttpOnly`, `SameSite=Lax`, `Path=/leder`, and `Secure`
 * unless the server is reached over plain http on loopback. Residents'
 * pages and widgets never get it (other paths).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.js';
import type { Accounts } from './accounts.js';
import { SESSION_ABSOLUTE_MS } from './accounts.js';

export const SESSION_COOKIE = 'samskab_leder';

/** True when the request reached us over plain http on a loopback host (development, tests). */
function plainLoopback(origin: string): boolean {
  const url = new URL(origin);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export interface LeaderGate {
  /** A live session sets the principal; otherwise GET goes to the sign-in page and the rest get 401. */
  signedIn: MiddlewareHandler<AppEnv>;
  /** Refuses a state-changing request not made by our own page in this session (CSRF). */
  form: MiddlewareHandler<AppEnv>;
  /** Refuses a request posted from another site (for forms before sign-in). */
  sameSite: MiddlewareHandler<AppEnv>;
  /** Starts a session for the account and answers with a redirect into the workplace. */
  signIn(c: Context<AppEnv>, accountId: string, to?: string): Promise<Response>;
  /** Sets the cookie for a session token made elsewhere (an accepted invitation). */
  setCookie(c: Context<AppEnv>, token: string): void;
  /** Ends this session and clears the cookie. */
  signOut(c: Context<AppEnv>): Promise<void>;
}

/** Only our own paths, so a sign-in link cannot send a person elsewhere. */
export function safeNext(next: string | undefined): string {
  return next && /^\/leder(\/[^\s\\]*)?(\?[^\s\\]*)?$/.test(next) && !next.startsWith('//')
    ? next
    : '/leder';
}

export function leaderGate({
  accounts,
  clock,
  publicOrigin,
  refused,
}: {
  accounts: Accounts;
  clock: () => Date;
  publicOrigin: (c: Context) => string;
  /** The page that says a form was refused (localised by the workplace). */
  refused: (c: Context<AppEnv>, why: 'crossSite' | 'expired') => Response | Promise<Response>;
}): LeaderGate {
  const cookieOptions = (c: Context) => ({
    httpOnly: true,
    sameSite: 'Lax' as const,
    path: '/leder',
    // Only plain http on this machine goes without: judged by where links
    // point and where this request came, so a proxy in front cannot drop it.
    secure: !(plainLoopback(publicOrigin(c)) && plainLoopback(new URL(c.req.url).origin)),
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });

  const crossSite = (c: Context) => {
    const fetchSite = c.req.header('Sec-Fetch-Site');
    const origin = c.req.header('Origin');
    // Workplace pages have `Referrer-Policy: same-origin`, so their forms name
    // our origin; `Origin: null` (a sandboxed frame, a data: page) is refused.
    const own = new Set([publicOrigin(c), new URL(c.req.url).origin]);
    return (
      (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') ||
      (origin !== undefined && !own.has(origin))
    );
  };

  const gate: LeaderGate = {
    signedIn: async (c, next) => {
      const token = getCookie(c, SESSION_COOKIE);
      const session = token ? await accounts.session(token, clock()) : undefined;
      if (!session || !token) {
        if (token) deleteCookie(c, SESSION_COOKIE, { path: '/leder' });
        if (c.req.method === 'GET' || c.req.method === 'HEAD') {
          const next = new URL(c.req.url);
          return c.redirect(
            `/leder/log-ind?next=${encodeURIComponent(next.pathname + next.search)}`,
            303,
          );
        }
        return refused(c, 'expired');
      }
      c.set('principal', session.principal);
      c.set('session', { id: session.id, csrf: session.csrf, token });
      c.header('Cache-Control', 'no-store');
      await next();
    },
    form: async (c, next) => {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
      const session = c.get('session');
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const presented = typeof body.csrf === 'string' ? body.csrf : '';
      const ok =
        session !== undefined &&
        presented.length === session.csrf.length &&
        timingSafeEqual(Buffer.from(presented), Buffer.from(session.csrf));
      if (crossSite(c) || !ok) return refused(c, 'crossSite');
      await next();
    },
    sameSite: async (c, next) => {
      if (crossSite(c)) return refused(c, 'crossSite');
      await next();
    },
    async signIn(c, accountId, to) {
      const token = await accounts.startSession(accountId, clock());
      if (!token) return refused(c, 'expired');
      gate.setCookie(c, token);
      return c.redirect(safeNext(to), 303);
    },
    setCookie(c, token) {
      setCookie(c, SESSION_COOKIE, token, cookieOptions(c));
    },
    async signOut(c) {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await accounts.endSession(token);
      deleteCookie(c, SESSION_COOKIE, { path: '/leder', secure: cookieOptions(c).secure });
    },
  };
  return gate;
}
