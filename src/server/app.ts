/**
 * The Hono app: cross-cutting middleware and the features from `features.ts`,
 * no socket. Tests drive it through `app.request()`; `server.ts` puts it on a port.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { openActivityStore } from './activities/store.js';
import { openAuditLog } from './audit/log.js';
import { DEFAULT_AUDIT_MONTHS, DEFAULT_RETENTION_MONTHS, type OidcConfig } from './config.js';
import type { Db } from './database.js';
import type { Feature, FeatureFactory, Site } from './feature.js';
import { FEATURES } from './features.js';
import { type AdminToken, adminAuth } from './http/auth.js';
import { limitBody } from './http/body.js';
import { cors } from './http/cors.js';
import type { AppEnv } from './http/env.js';
import { ApiError, apiError, localeOf, renderApiError } from './http/errors.js';
import { serverOrigins } from './http/origin.js';
import {
  type Buckets,
  DEFAULT_RATE_LIMIT,
  type RateLimitOptions,
  rateLimit,
  TokenBuckets,
} from './http/rate-limit.js';
import { securityHeaders } from './http/security-headers.js';
import { sharedBuckets } from './http/shared-buckets.js';
import { openMailer } from './mail/mailer.js';
import type { Transport } from './mail/transport.js';
import { errorEntry, type Log } from './ops/log.js';
import { createMetrics } from './ops/metrics.js';
import { createReadiness } from './ops/readiness.js';
import { requestLog } from './ops/request-log.js';
import { baseStylesheet } from './pages/layout.js';
import { openInvitations } from './reflections/invitations.js';
import { monthsBefore, retentionScheduler } from './retention.js';
import { openAccounts } from './workplace/accounts.js';
import { refusedPage } from './workplace/layout.js';
import { leaderGate } from './workplace/session.js';

/** Everything the app needs from outside; tests pass fakes for any of it. */
export interface AppDeps {
  /** The database every feature keeps its tables in. */
  db: Db;
  /** The features to run; all of them (`FEATURES`) by default. */
  features?: readonly FeatureFactory[];
  adminToken: AdminToken;
  /** Where mails go: an SMTP server, the demo's kept mails, or none (no mail is written). */
  mailTransport?: Transport;
  /** Whose server this is, for page titles and the privacy texts; unnamed by default. */
  site?: Site;
  /** Origins besides the server's own that may call the public API. */
  allowedOrigins: readonly string[];
  /** Where `samskab.js` and its map are built (`dist/widgets`). */
  widgetsDir: string;
  /** A directory beside the database that features may keep files in. */
  dataDir?: string;
  /** Personal data is erased this many months after it stops being needed. */
  retentionMonths?: number;
  /** The audit log keeps each line this many months (`SAMSKAB_AUDIT_MONTHS`, 24 by default). */
  auditMonths?: number;
  /** The workplace's single sign-on (`SAMSKAB_OIDC_*`), or none. */
  oidc?: OidcConfig;
  /** A demo server: features seed demo data into their empty tables. */
  demo?: boolean;
  /** Public-write limit per client; `false` turns it off (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /** Believe `X-Forwarded-*` headers: only behind a reverse proxy that sets them. */
  trustProxy?: boolean;
  /** The origin every link starts with (`SAMSKAB_PUBLIC_URL`). */
  publicUrl?: string;
  /** The origin the server listens on, once it does: links use it without `publicUrl`. */
  listeningOrigin?: () => string | undefined;
  /** The time, in epoch milliseconds; tests move it instead of waiting. */
  now?: () => number;
  /** Where log lines go, one JSON object each (ops/log.ts): none by default; `npm run serve`: stdout. */
  log?: Log;
  /**
   * Where uncaught errors go, with the id of the request they happened in;
   * by default an error line to `log`, or to stderr without one.
   */
  logError?: (error: unknown, requestId?: string) => void;
}

/**
 * Builds the app, its retention scheduler (which `server.ts` also runs on a
 * timer) and its readiness (which `server.ts` marks closing at shutdown), once
 * every feature has migrated its tables.
 */
export async function createApp(deps: AppDeps) {
  const trustProxy = deps.trustProxy ?? false;
  const now = deps.now ?? Date.now;
  const clock = () => new Date(now());
  const log: Log = deps.log ?? (() => {});
  const logError =
    deps.logError ??
    ((error: unknown, requestId?: string) => {
      const entry = errorEntry(error, clock(), requestId);
      if (deps.log) deps.log(entry);
      else process.stderr.write(`${JSON.stringify(entry)}\n`);
    });
  const metrics = createMetrics();
  const readiness = createReadiness();
  const origins = serverOrigins({
    publicUrl: deps.publicUrl,
    listening: deps.listeningOrigin,
    trustProxy,
  });
  const isOwnOrigin = origins.isOwn;
  const activities = await openActivityStore(deps.db);
  // Issued with claims (shifts), used up by reflections: both features see the one store.
  const invitations = await openInvitations(deps.db);
  // Several PostgreSQL instances must count a client together; one SQLite process counts alone.
  const shared = deps.db.engine === 'postgres' ? await sharedBuckets(deps.db) : undefined;
  const buckets = (purpose: string, options: RateLimitOptions): Buckets =>
    shared ? shared.for(purpose, options, now) : new TokenBuckets(options, now);
  const publicWrite: MiddlewareHandler<AppEnv> =
    deps.rateLimit === false
      ? async (_, next) => next()
      : rateLimit(buckets('write', deps.rateLimit ?? DEFAULT_RATE_LIMIT), trustProxy);

  // The workplace's people: their API tokens open the admin API beside the admin token.
  const accounts = await openAccounts(deps.db);
  const audit = await openAuditLog(deps.db, clock);
  // One gate for every feature, so failed attempts count together wherever they are made.
  const auth = adminAuth({
    token: deps.adminToken,
    trustProxy,
    isOwnOrigin,
    now,
    buckets: (options) => buckets('auth', options),
    personalToken: (presented) => accounts.apiToken(presented, clock()),
  });
  // The workplace's session gate: every `/leder` page of every feature passes it.
  const leader = leaderGate({
    accounts,
    clock,
    publicOrigin: origins.public,
    refused: refusedPage,
  });
  const mail = await openMailer({
    db: deps.db,
    transport: deps.mailTransport,
    clock,
    logError,
    counted: (outcome, kind) => metrics.mailCounted(outcome, kind),
  });
  metrics.watchOutbox(() => mail.outbox.pending());
  const features: Feature[] = [];
  for (const factory of deps.features ?? FEATURES) {
    features.push(
      await factory({
        db: deps.db,
        activities,
        invitations,
        auth,
        accounts,
        audit,
        oidc: deps.oidc,
        leader,
        trustProxy,
        buckets,
        publicWrite,
        clock,
        publicOrigin: origins.public,
        mailOrigin: () => deps.publicUrl ?? deps.listeningOrigin?.() ?? 'http://localhost',
        allowedOrigins: deps.allowedOrigins,
        widgetsDir: deps.widgetsDir,
        dataDir: deps.dataDir,
        retentionMonths: deps.retentionMonths ?? DEFAULT_RETENTION_MONTHS,
        demo: deps.demo ?? false,
        site: deps.site ?? NO_SITE,
        mail,
        metrics,
        readiness,
      }),
    );
  }
  if (deps.demo) for (const feature of features) await feature.seedDemo?.(clock());
  const retention = await retentionScheduler(
    deps.db,
    [
      ...features.flatMap((feature) => (feature.retain ? [feature.retain] : [])),
      ...(shared ? [shared.prune] : []),
      (now: Date) =>
        mail.outbox.prune(now, monthsBefore(now, deps.retentionMonths ?? DEFAULT_RETENTION_MONTHS)),
      (now: Date) => accounts.prune(now),
      (now: Date) => audit.prune(monthsBefore(now, deps.auditMonths ?? DEFAULT_AUDIT_MONTHS)),
    ],
    clock,
    logError,
  );
  await retention.due();
  // Every feature has migrated its tables (each awaited its store's open).
  readiness.ready();

  const app = new Hono<AppEnv>();
  // Outermost, so it times everything and logs the status the client got.
  app.use(requestLog({ log, metrics, now }));
  app.use(securityHeaders());
  // Hourly at most, on the app's clock: a server that only ever answers requests still erases on time.
  app.use(async (c, next) => {
    // Probes answer at once: a load balancer must not wait for an hour's erasures.
    if (c.req.path !== '/healthz' && c.req.path !== '/readyz') await retention.due();
    await next();
  });
  app.route('/', baseStylesheet());
  app.use('/api/*', cors({ allowedOrigins: deps.allowedOrigins, isOwnOrigin }));
  app.use('/api/*', limitBody());
  for (const feature of features) {
    if (feature.pages) app.route('/', feature.pages);
    if (feature.api) app.route('/api/v1', feature.api);
  }

  app.notFound((c) => {
    c.set('unmatched', true);
    if (isApi(c.req.path)) return renderApiError(c, apiError(404, 'error.notFound'));
    return c.text('Siden findes ikke. / Page not found.', 404);
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      if (isApi(c.req.path)) return renderApiError(c, error);
      // A page's refusal (a rate limit on a form, say) is read by a person, not a widget.
      const text = error.issues(localeOf(c)).map((issue) => issue.message);
      return c.text(text.join('\n'), error.status, error.headers);
    }
    // Hono's own 4xx (e.g. a malformed URL): keep the status, never the details.
    const status = error instanceof HTTPException && error.status < 500 ? error.status : 500;
    if (status === 500) logError(error, c.get('requestId'));
    if (isApi(c.req.path)) {
      const code = status === 500 ? 'error.server' : 'error.invalid';
      return renderApiError(c, apiError(status, code));
    }
    return c.text(
      status === 500 ? 'Der skete en fejl på serveren. / Server error.' : 'Ugyldig forespørgsel.',
      status,
    );
  });

  return { app, retention, readiness, mail };
}

const NO_SITE: Site = { name: '', processor: '' };

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
