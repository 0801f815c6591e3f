/**
 * What a load balancer and a monitoring system ask: `GET /healthz` (the
 * process lives), `GET /readyz` (send it traffic) and `GET /metrics`
 * (Prometheus, admin only). None of them says anything about a person.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { requireAdmin } from '../http/principal.js';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';

/** What the ops routes need from the app. */
export interface OpsRouteDeps {
  readiness: Readiness;
  /** True when the database answers. */
  databaseAnswers: () => Promise<boolean>;
  metrics: Metrics;
  admin: MiddlewareHandler<AppEnv>;
}

// A cached "ok" would hide an instance that has since stopped.
const NO_STORE = { 'Cache-Control': 'no-store' };

/** The three routes, mounted at the root. */
export function opsRoutes({ readiness, databaseAnswers, metrics, admin }: OpsRouteDeps) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }, 200, NO_STORE))
    .get('/readyz', async (c) => {
      const reason =
        readiness.phase !== 'ready'
          ? readiness.phase
          : (await databaseAnswers())
            ? undefined
            : 'database';
      if (reason) return c.json({ status: 'unavailable', reason }, 503, NO_STORE);
      return c.json({ status: 'ok' }, 200, NO_STORE);
    })
    .get('/metrics', admin, async (c) => {
      requireAdmin(c);
      const { body, contentType } = await metrics.render();
      return c.body(body, 200, { 'Content-Type': contentType, ...NO_STORE });
    });
}
