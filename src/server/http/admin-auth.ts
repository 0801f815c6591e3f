/** The gate in front of admin routes: a bearer token, and no cross-origin callers. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { apiError } from './errors.js';
import { ownOrigin } from './origin.js';

// Hashing first gives equal lengths, so timingSafeEqual never leaks the token's length.
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** A constant-time check that a presented secret is the admin token. */
export function adminTokenCheck(token: string): (presented: string) => boolean {
  const expected = digest(token);
  return (presented) => timingSafeEqual(digest(presented), expected);
}

/**
 * Admin is for the coordinator's own tools and curl, never for a web page on
 * another site: a foreign Origin is refused (403) even when CORS lists it, and
 * a missing or wrong token gets 401 with `WWW-Authenticate: Bearer`.
 */
export function adminOnly(token: string, trustProxy: boolean): MiddlewareHandler<AppEnv> {
  const isAdmin = adminTokenCheck(token);
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin !== undefined && origin !== ownOrigin(c, trustProxy)) {
      c.set('corsOrigin', undefined);
      throw apiError(403, 'error.origin');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '');
    if (!match || !isAdmin(match[1]!)) {
      throw apiError(401, 'error.unauthorized', '', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }
    await next();
  };
}
