/**
 * The Hono app: every route and middleware, no socket. Tests drive it through
 * `app.request()`; `server.ts` puts it on a port.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DEFAULT_RETENTION_MONTHS } from './config.js';
import type { Db } from './database.js';
import type { Store } from './db.js';
import type { FeatureFactory } from './feature.js';
import { adminOnly, adminTokenCheck } from './http/admin-auth.js';
import { limitBody } from './http/body.js';
import { cors } from './http/cors.js';
import type { AppEnv } from './http/env.js';
import { ApiError, apiError, renderApiError } from './http/errors.js';
import {
  DEFAULT_RATE_LIMIT,
  type RateLimitOptions,
  rateLimit,
  TokenBuckets,
} from './http/rate-limit.js';
import { securityHeaders } from './http/security-headers.js';
import { activityRoutes } from './routes/activities.js';
import { demoRoutes } from './routes/demo.js';
import { signupRoutes } from './routes/signups.js';
import { widgetRoutes } from './routes/widget.js';

/** Everything the app needs from outside; tests pass fakes for any of it. */
export interface AppDeps {
  store: Store;
  /** The database the store is on, for features' own tables; needed only with `features`. */
  db?: Db;
  /** Sign-ups are erased this many months after they were made (for the papers the server writes). */
  retentionMonths?: number;
  /** A demo server: features may seed demo data. */
  demo?: boolean;
  /** A directory beside the database that features may keep files in. */
  dataDir?: string;
  /** Features beyond activities and sign-ups (see feature.ts). */
  features?: readonly FeatureFactory[];
  adminToken: string;
  /** Origins besides the server's own that may call the public API. */
  allowedOrigins: readonly string[];
  /** Where `samskab.js` and its map are built (`dist/widgets`). */
  widgetsDir: string;
  /** Public-write limit per client; `false` turns it off (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /** Believe `X-Forwarded-*` headers: only behind a reverse proxy that sets them. */
  trustProxy?: boolean;
  /** The time, in epoch milliseconds; tests move it instead of waiting. */
  now?: () => number;
  /** Where uncaught errors go; stderr by default. */
  logError?: (error: unknown) => void;
}

/** Builds the app; see `AppDeps`. */
export function createApp(deps: AppDeps) {
  const trustProxy = deps.trustProxy ?? false;
  const now = deps.now ?? Date.now;
  const clock = () => new Date(now());
  const logError = deps.logError ?? ((error: unknown) => console.error(error));
  const admin = adminOnly(deps.adminToken, trustProxy);
  const isAdminToken = adminTokenCheck(deps.adminToken);
  const retentionMonths = deps.retentionMonths ?? DEFAULT_RETENTION_MONTHS;
  const app = new Hono<AppEnv>();

  app.use(securityHeaders());
  app.route('/', demoRoutes(trustProxy, retentionMonths));
  app.route('/', widgetRoutes(deps.widgetsDir));

  app.use('/api/*', cors({ allowedOrigins: deps.allowedOrigins, trustProxy }));
  // Before the body limit, so a flood is turned away before its bodies are read.
  const publicWrite: MiddlewareHandler<AppEnv> =
    deps.rateLimit === false
      ? async (_, next) => next()
      : rateLimit(new TokenBuckets(deps.rateLimit ?? DEFAULT_RATE_LIMIT, now), trustProxy);
  app.post('/api/v1/signups', publicWrite);
  app.use('/api/*', limitBody());
  app.route('/api/v1', activityRoutes({ store: deps.store, admin, clock }));
  app.route('/api/v1', signupRoutes({ store: deps.store, admin, clock }));
  for (const factory of deps.features ?? []) {
    if (!deps.db) throw new Error('createApp: features need `db`.');
    const feature = factory({
      db: deps.db,
      store: deps.store,
      admin,
      isAdminToken,
      publicWrite,
      clock,
      trustProxy,
      allowedOrigins: deps.allowedOrigins,
      widgetsDir: deps.widgetsDir,
      dataDir: deps.dataDir,
      retentionMonths,
      demo: deps.demo ?? false,
    });
    if (feature.pages) app.route('/', feature.pages);
    if (feature.api) app.route('/api/v1', feature.api);
  }

  app.notFound((c) => {
    if (isApi(c.req.path)) return renderApiError(c, apiError(404, 'error.notFound'));
    return c.text('Siden findes ikke. / Page not found.', 404);
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) return renderApiError(c, error);
    // Hono's own 4xx (e.g. a malformed URL): keep the status, never the details.
    const status = error instanceof HTTPException && error.status < 500 ? error.status : 500;
    if (status === 500) logError(error);
    if (isApi(c.req.path)) {
      const code = status === 500 ? 'error.server' : 'error.invalid';
      return renderApiError(c, apiError(status, code));
    }
    return c.text(
      status === 500 ? 'Der skete en fejl på serveren. / Server error.' : 'Ugyldig forespørgsel.',
      status,
    );
  });

  return app;
}

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
