/** Puts the app on a port with its database: what the CLI, the e2e tests and the bench start. */
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { loadOrCreateAdminToken } from './admin-token.js';
import { createApp } from './app.js';
import { DEFAULT_RETENTION_MONTHS } from './config.js';
import { openDatabase } from './database.js';
import { openStore } from './db.js';
import { seedDemo } from './demo/seed.js';
import type { FeatureFactory } from './feature.js';
import { FEATURES } from './features.js';
import type { RateLimitOptions } from './http/rate-limit.js';
import { IDEMPOTENCY_RETENTION_MS } from './idempotency-records.js';

/** How to start; see the README's server section for the matching environment variables. */
export interface StartOptions {
  /** 0 picks any free port (tests). */
  port: number;
  host: string;
  dbPath: string;
  /** Omitted: generated once and kept in `<dbPath>.admin-token`. */
  adminToken?: string;
  allowedOrigins: string[];
  /** Seed demo activities into an empty database. */
  demo: boolean;
  /** Defaults to `<repo>/dist/widgets`. */
  widgetsDir?: string;
  /** Public-write limit per client; `false` turns it off (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /** Believe `X-Forwarded-*`: only behind a reverse proxy that sets them. */
  trustProxy?: boolean;
  /** Sign-ups are erased this many months after they were made (default 12). */
  retentionMonths?: number;
  /** Features to run instead of all of them (tests of one feature). */
  features?: readonly FeatureFactory[];
  /** The time in epoch milliseconds; real-browser tests move it (a week on, say) instead of waiting. */
  now?: () => number;
}

/** A running server. `close()` stops accepting, ends open connections and closes the database. */
export interface RunningServer {
  url: string;
  port: number;
  adminToken: string;
  /** True when this start generated the admin token (so the CLI can say so). */
  adminTokenCreated: boolean;
  close(): Promise<void>;
}

/** The default bundle location, relative to this file so it holds from any working directory. */
export const DEFAULT_WIDGETS_DIR = fileURLToPath(new URL('../../dist/widgets', import.meta.url));

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Opens the database, seeds if asked, and listens; rejects if the port is taken. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const db = openDatabase(options.dbPath);
  const store = openStore(db);
  try {
    const token = options.adminToken
      ? { token: options.adminToken, created: false }
      : loadOrCreateAdminToken(options.dbPath);
    if (options.demo) seedDemo(store, new Date());

    const retentionMonths = options.retentionMonths ?? DEFAULT_RETENTION_MONTHS;
    const prune = () => {
      const now = new Date();
      store.pruneIdempotency(new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
      const cutoff = new Date(now);
      cutoff.setUTCMonth(cutoff.getUTCMonth() - retentionMonths);
      store.pruneSignups(cutoff);
    };
    prune();
    const pruner = setInterval(prune, PRUNE_EVERY_MS);
    pruner.unref();

    const app = createApp({
      store,
      db,
      dataDir: options.dbPath === ':memory:' ? undefined : dirname(options.dbPath),
      retentionMonths,
      demo: options.demo,
      features: options.features ?? FEATURES,
      adminToken: token.token,
      allowedOrigins: options.allowedOrigins,
      widgetsDir: options.widgetsDir ?? DEFAULT_WIDGETS_DIR,
      rateLimit: options.rateLimit,
      trustProxy: options.trustProxy ?? false,
      ...(options.now ? { now: options.now } : {}),
    });

    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () =>
        resolve(s),
      );
      s.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;

    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${port}/`,
      port,
      adminToken: token.token,
      adminTokenCreated: token.created,
      close: () => {
        closing ??= new Promise<void>((resolve, reject) => {
          clearInterval(pruner);
          server.close((error) => {
            // After the last request: a sign-up in flight is answered, then the WAL is closed.
            store.close();
            if (error) reject(error);
            else resolve();
          });
          // Idle keep-alive sockets would hold close() open for seconds.
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        return closing;
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
