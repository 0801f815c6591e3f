/**
 * The seam every server feature plugs into (`activities/`, `signups/`,
 * `shifts/`, `reflections/`, `embed/`, `demo/`, `ops/`, each with a `feature.ts`
 * listed in `features.ts`). A feature gets the database and the shared parts,
 * migrates its own tables, and gives back routes and hooks. `createApp` mounts
 * `api` under `/api/v1` (behind CORS and the body limit) and `pages` at the root.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { ActivityStore } from './activities/store.js';
import type { AuditLog } from './audit/log.js';
import type { OidcConfig } from './config.js';
import type { Db } from './database.js';
import type { AdminAuth } from './http/auth.js';
import type { AppEnv } from './http/env.js';
import type { Buckets, RateLimitOptions } from './http/rate-limit.js';
import type { Mailer } from './mail/mailer.js';
import type { Metrics } from './ops/metrics.js';
import type { Readiness } from './ops/readiness.js';
import type { Invitations } from './reflections/invitations.js';
import type { Accounts } from './workplace/accounts.js';
import type { LeaderGate } from './workplace/session.js';

export interface FeatureContext {
  /** The shared database; a feature migrates its own tables (`await migrate(db, name, steps)`). */
  db: Db;
  /**
   * The activities every feature refers to. Features read and check
   * activities through these functions, never through the table.
   */
  activities: ActivityStore;
  /**
   * Single-use invitations to reflect: the shifts feature issues one with each
   * place, the reflections feature uses them up (see reflections/invitations.ts).
   */
  invitations: Invitations;
  /** The admin's gates: bearer token for the API, HTTP Basic for pages. */
  auth: AdminAuth;
  /** The workplace's people, sessions and tokens (workplace/accounts.ts). */
  accounts: Accounts;
  /** Who viewed, exported, changed or erased personal data (audit/log.ts). */
  audit: AuditLog;
  /** The workplace's single sign-on (`SAMSKAB_OIDC_*`), or none. */
  oidc: OidcConfig | undefined;
  /** The workplace's session gates for `/leder` pages (workplace/session.ts). */
  leader: LeaderGate;
  /** Whether `X-Forwarded-*` is believed (behind a reverse proxy). */
  trustProxy: boolean;
  /** A failure or request throttle named `purpose`, shared by instances on PostgreSQL. */
  buckets: (purpose: string, options: RateLimitOptions) => Buckets;
  /** The per-client limit for public writes (a no-op when turned off). */
  publicWrite: MiddlewareHandler<AppEnv>;
  /** The time; tests move it instead of waiting. */
  clock: () => Date;
  /** The origin every link the server writes starts with (`SAMSKAB_PUBLIC_URL`). */
  publicOrigin: (c: Context) => string;
  /**
   * The origin links in mail start with: `SAMSKAB_PUBLIC_URL` (or the
   * tenant's URL), else the listening origin; never anything from a request,
   * since a mail caused by one request may go to someone else.
   */
  mailOrigin: () => string;
  /** Origins besides the server's own that may call the public API and frame its pages. */
  allowedOrigins: readonly string[];
  /** Where the widget bundle is built (`dist/widgets`). */
  widgetsDir: string;
  /** A directory beside the database for files the server keeps, or none (in-memory database). */
  dataDir: string | undefined;
  /** Personal data is erased this many months after it stops being needed. */
  retentionMonths: number;
  /** A demo server (`SAMSKAB_DEMO=1`). */
  demo: boolean;
  /** Whose server this is: the tenant's texts, or none for the default tenant. */
  site: Site;
  /** Mail to residents: written in the feature's own transaction, sent by the outbox's worker. */
  mail: Mailer;
  /**
   * The app's Prometheus metrics: a route counts what it stored (a sign-up,
   * a claim) here, where it knows a replay or a honeypot from a new record.
   */
  metrics: Metrics;
  /** Whether the app is starting, ready or closing (`/readyz`). */
  readiness: Readiness;
}

/** A municipality's own texts (`tenant add --name … --processor …`); '' where unsaid. */
export interface Site {
  /** The municipality, e.g. "Aarhus Kommune": page titles end with it instead of "Samskab". */
  name: string;
  /** Who runs the server for it, for the privacy text the configurator writes. */
  processor: string;
}

/** What a feature gives the app; every part is optional. */
export interface Feature {
  api?: Hono<AppEnv>;
  pages?: Hono<AppEnv>;
  /**
   * Erases what is past its time. The one retention scheduler calls it at
   * start and then hourly, on the app's clock (see retention.ts).
   */
  retain?: (now: Date) => Promise<void>;
  /** Fills the feature's own empty tables with demo data; only on a demo server. */
  seedDemo?: (now: Date) => Promise<void>;
}

/** Builds a feature once the app's shared parts exist (migrating its tables first). */
export type FeatureFactory = (context: FeatureContext) => Feature | Promise<Feature>;
