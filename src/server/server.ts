/** Puts the app on a port with its database: what the CLI, the e2e tests and the bench start. */
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HttpBindings, serve } from '@hono/node-server';
import { loadOrCreateAdminToken, newAdminToken } from './admin-token.js';
import type { OidcConfig } from './config.js';
import { IN_MEMORY, isPostgresUrl, openDatabase } from './database.js';
import type { FeatureFactory } from './feature.js';
import type { Role } from './http/principal.js';
import type { RateLimitOptions } from './http/rate-limit.js';
import { keptTransport, smtpTransport } from './mail/transport.js';
import type { Log } from './ops/log.js';
import { RETAIN_EVERY_MS } from './retention.js';
import { type Deployment, openDeployment } from './tenants/deployment.js';
import { openAccounts } from './workplace/accounts.js';

/** How to start; see the README's server section for the matching environment variables. */
export interface StartOptions {
  /** 0 picks any free port (tests). */
  port: number;
  host: string;
  /** A file path, `:memory:` for a database that lives only as long as the process, or a `postgres://` URL. */
  dbPath: string;
  /** Omitted: generated once and kept in `<dbPath>.admin-token` (or per start in memory). */
  adminToken?: string;
  allowedOrigins: string[];
  /** Seed demo data into empty tables. */
  demo: boolean;
  /** Defaults to `<repo>/dist/widgets`. */
  widgetsDir?: string;
  /** Public-write limit per client; `false` turns it off (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /** Believe `X-Forwarded-*`: only behind a reverse proxy that sets them. */
  trustProxy?: boolean;
  /** The origin every link starts with; the listening origin when omitted. */
  publicUrl?: string;
  /** Personal data is erased this many months after it stops being needed (default 12). */
  retentionMonths?: number;
  /** Features to run instead of all of them (tests of one feature). */
  features?: readonly FeatureFactory[];
  /** The time in epoch milliseconds; real-browser tests move it (a week on, say) instead of waiting. */
  now?: () => number;
  /** How long `close()` lets requests in flight finish before it cuts them off. */
  shutdownGraceMs?: number;
  /** Where request and error log lines go (JSON objects); none by default. */
  log?: Log;
  /** `SAMSKAB_SMTP_URL` and `SAMSKAB_MAIL_FROM`; without them a demo keeps mails for /dev/mail, others send none. */
  smtp?: { url: string; from: string } | undefined;
  /** `false`: no mail at all, even on a demo server (the bench's baseline). */
  mail?: false;
  /** How often the tenant registry is read (tests shorten it). */
  tenantRefreshMs?: number;
  /** `SAMSKAB_AUDIT_MONTHS`: how long the audit log keeps a line (24 by default). */
  auditMonths?: number;
  /** `SAMSKAB_OIDC_*`: the workplace's single sign-on, or none. */
  oidc?: OidcConfig | undefined;
}

/** A running server. `close()` stops accepting, ends open connections and closes the database. */
export interface RunningServer {
  url: string;
  port: number;
  adminToken: string;
  /** True when this start generated the admin token (so the CLI can say so). */
  adminTokenCreated: boolean;
  /** Where mail goes: an SMTP server, kept for /dev/mail (demo), or nowhere. */
  mail: 'smtp' | 'kept' | 'none';
  /**
   * An invitation to the workplace of the server's own database (not a
   * tenant's), as `npm run samskab -- invite` makes: its link.
   */
  invite(input: {
    email: string;
    name: string;
    role: Role;
    activities: readonly string[];
  }): Promise<string>;
  close(): Promise<void>;
}

/** The default bundle location, relative to this file so it holds from any working directory. */
export const DEFAULT_WIDGETS_DIR = fileURLToPath(new URL('../../dist/widgets', import.meta.url));

/**
 * Long enough for any honest request to finish; short enough to close the
 * database before a service manager's stop timeout (Docker's is 10 s).
 */
export const DEFAULT_SHUTDOWN_GRACE_MS = 8_000;

/** Opens the database, seeds if asked, and listens; rejects if the port is taken. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const postgres = isPostgresUrl(options.dbPath);
  if (postgres && !options.adminToken) {
    // Several instances share the database, so they must share the token too.
    throw new Error(
      'PostgreSQL needs SAMSKAB_ADMIN_TOKEN: every instance must know the same token.',
    );
  }
  // No file of its own: nothing beside it to keep a token or built bundles in.
  const fileless = postgres || options.dbPath === IN_MEMORY;
  const db = await openDatabase(options.dbPath);
  const transport =
    options.mail === false
      ? undefined
      : options.smtp
        ? smtpTransport(options.smtp.url, options.smtp.from)
        : options.demo
          ? keptTransport
          : undefined;
  let deployment: Deployment | undefined;
  try {
    const token = options.adminToken
      ? { token: options.adminToken, created: false }
      : fileless
        ? { token: newAdminToken(), created: true }
        : loadOrCreateAdminToken(options.dbPath);

    let listening: string | undefined;
    const opened = await openDeployment({
      home: db,
      homeTarget: options.dbPath,
      trustProxy: options.trustProxy ?? false,
      ...(options.tenantRefreshMs ? { refreshEveryMs: options.tenantRefreshMs } : {}),
      base: {
        db,
        dataDir: fileless ? undefined : dirname(options.dbPath),
        demo: options.demo,
        adminToken: token.token,
        allowedOrigins: options.allowedOrigins,
        ...(transport ? { mailTransport: transport } : {}),
        widgetsDir: options.widgetsDir ?? DEFAULT_WIDGETS_DIR,
        trustProxy: options.trustProxy ?? false,
        listeningOrigin: () => listening,
        ...(options.features ? { features: options.features } : {}),
        ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
        ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
        ...(options.retentionMonths ? { retentionMonths: options.retentionMonths } : {}),
        ...(options.auditMonths ? { auditMonths: options.auditMonths } : {}),
        ...(options.oidc ? { oidc: options.oidc } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.log ? { log: options.log } : {}),
      },
    });
    deployment = opened;
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve(
        {
          fetch: (request, env) => opened.fetch(request, env as HttpBindings),
          port: options.port,
          hostname: options.host,
        },
        () => resolve(s),
      );
      s.once('error', reject);
    });
    // Requests run retention when it is due; the timer covers a server nobody calls.
    const retainer = setInterval(() => void opened.retentionDue(), RETAIN_EVERY_MS);
    retainer.unref();
    const { port } = server.address() as AddressInfo;
    // A wildcard address is no place to send a browser: links name the loopback address.
    const shown =
      options.host === '0.0.0.0' ? '127.0.0.1' : options.host === '::' ? '::1' : options.host;
    const host = shown.includes(':') ? `[${shown}]` : shown;
    listening = `http://${host}:${port}`;

    let closing: Promise<void> | undefined;
    return {
      url: `${listening}/`,
      port,
      adminToken: token.token,
      adminTokenCreated: token.created,
      mail: transport?.kind ?? 'none',
      invite: async (input) => {
        const accounts = await openAccounts(db);
        const token = await db.write((trx) =>
          accounts.invite(trx, { ...input, by: 'samskab' }, new Date((options.now ?? Date.now)())),
        );
        // Passkeys need a host name: a loopback address is offered as localhost.
        const local = listening?.replace(/^http:\/\/(127\.0\.0\.1|\[::1\]):/, 'http://localhost:');
        return new URL(`/leder/invitation/${token}`, options.publicUrl ?? local).href;
      },
      close: () => {
        closing ??= new Promise<void>((resolve, reject) => {
          // A load balancer's next probe on a kept-alive connection is told to go elsewhere.
          opened.closing();
          clearInterval(retainer);
          // A request still running after the grace period (a stalled upload,
          // say) is cut off, so a service manager's stop always finishes.
          const cutOff = setTimeout(() => {
            if ('closeAllConnections' in server) server.closeAllConnections();
          }, options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
          server.close((error) => {
            clearTimeout(cutOff);
            // After the last request: a sign-up in flight is answered, then the database is closed.
            opened
              .close()
              .then(() => db.close())
              .then(() => transport?.close())
              .then(() => (error ? reject(error) : resolve()), reject);
          });
        });
        return closing;
      },
    };
  } catch (error) {
    await deployment?.close();
    await db.close();
    transport?.close();
    throw error;
  }
}
