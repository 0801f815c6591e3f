/**
 * The seam a server feature (shifts, reflections) plugs into: it gets the
 * database and the shared middleware, and gives back routes. `createApp`
 * mounts `api` under `/api/v1` (behind CORS and the body limit) and `pages`
 * at the root.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import type { Db } from './database.js';
import type { Store } from './db.js';
import type { AppEnv } from './http/env.js';

export interface FeatureContext {
  /** The shared database; a feature migrates its own tables (`migrate(db, name, steps)`). */
  db: Db;
  /** Activities and sign-ups. */
  store: Store;
  /** Lets only `Authorization: Bearer <admin token>` through (401 otherwise). */
  admin: MiddlewareHandler<AppEnv>;
  /** True when a secret presented some other way (HTTP Basic, say) is the admin token. */
  isAdminToken: (presented: string) => boolean;
  /** The per-client limit for public writes (a no-op when turned off). */
  publicWrite: MiddlewareHandler<AppEnv>;
  /** The time; tests move it instead of waiting. */
  clock: () => Date;
  /** Believe `X-Forwarded-*` headers. */
  trustProxy: boolean;
  /** Origins besides the server's own that may call the public API and frame its pages. */
  allowedOrigins: readonly string[];
  /** Where the widget bundle is built (`dist/widgets`). */
  widgetsDir: string;
  /** A directory beside the database for files the server keeps, or none (in-memory database). */
  dataDir: string | undefined;
  /** Sign-ups are erased this many months after they were made. */
  retentionMonths: number;
  /** A demo server (`SAMSKAB_DEMO=1`): a feature may seed demo data into its empty tables. */
  demo: boolean;
}

export interface Feature {
  api?: Hono<AppEnv>;
  pages?: Hono<AppEnv>;
}

/** Builds a feature's routes once the app's shared parts exist. */
export type FeatureFactory = (context: FeatureContext) => Feature;
