/**
 * The outermost middleware: gives each request an id (echoed in
 * `X-Request-Id`, so a resident's "it failed" can be found in the log), then
 * writes one log line and one metrics observation per answer.
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../http/env.js';
import type { Log } from './log.js';
import type { Metrics } from './metrics.js';

/** The header a request id travels in, both ways. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * An incoming id is kept only when it is plainly an id: a proxy's id ties
 * its log to ours, but a free-form value would put whatever a client likes
 * into our log lines.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Options for `requestLog`. */
export interface RequestLogOptions {
  log: Log;
  metrics: Metrics;
  /** The app's clock, for the line's `time`. */
  now: () => number;
}

/** Assigns the request id, then logs and counts the answer. */
export function requestLog({ log, metrics, now }: RequestLogOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const requestId =
      incoming !== undefined && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    await next();
    // On the answer itself, as securityHeaders does: c.header() would copy the whole Response.
    c.res.headers.set(REQUEST_ID_HEADER, requestId);
    const ms = performance.now() - started;
    const route = matchedRoute(c);
    const { status } = c.res;
    metrics.observeRequest(c.req.method, route, status, ms / 1000);
    log({
      time: new Date(now()).toISOString(),
      level: 'info',
      msg: 'request',
      requestId,
      method: c.req.method,
      route,
      status,
      durationMs: Math.round(ms * 100) / 100,
    });
  };
}

/**
 * The pattern of the route that answered. Never the path itself: a path
 * no route knows may still carry a cancel token from a mistyped link.
 */
function matchedRoute(c: Context<AppEnv>): string | null {
  if (c.get('unmatched')) return null;
  return routePath(c) || null;
}
