/**
 * CORS for /api: the widgets run on municipal sites and call this server, so
 * those sites' origins (and the server's own) may; nobody else may, and they
 * get a clear 403 rather than a silent browser failure.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { apiError } from './errors.js';

/** A browser extension's page: Chrome's, Edge's (the same scheme) and Firefox's. */
const EXTENSION = /^(chrome|moz)-extension:\/\/[A-Za-z0-9-]+$/;

/** Options for `cors`. */
export interface CorsOptions {
  allowedOrigins: readonly string[];
  /** True for the server's own origin (see `ServerOrigins.isOwn`). */
  isOwnOrigin: (c: Context, origin: string) => boolean;
}

/**
 * Refuses a foreign `Origin` with 403 `error.origin`, answers preflights, and
 * grants `Access-Control-Allow-Origin` to the caller's origin after the route
 * ran (unless the route cleared `corsOrigin`). No `Origin` (curl, servers) passes.
 */
export function cors({ allowedOrigins, isOwnOrigin }: CorsOptions): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    // Every /api answer depends on Origin, the refusals included, so caches must key on it.
    c.header('Vary', 'Origin', { append: true });
    const origin = c.req.header('Origin');
    if (origin === undefined) return next();
    // The leader's sidebar, an extension page, calls its own routes with a
    // device token (never a cookie); the browser's host permission, not CORS,
    // lets it. No other route takes an extension's origin.
    if (c.req.path.startsWith('/api/v1/sidepanel/') && EXTENSION.test(origin)) return next();
    if (!isOwnOrigin(c, origin) && !allowed.has(origin)) {
      throw apiError(403, 'error.origin');
    }
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key, Accept-Language',
        'Access-Control-Max-Age': '600',
      });
    }
    c.set('corsOrigin', origin);
    await next();
    const granted = c.get('corsOrigin');
    if (granted) c.res.headers.set('Access-Control-Allow-Origin', granted);
  };
}
