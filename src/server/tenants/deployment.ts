/**
 * One deployment, many municipalities: each tenant in the registry gets its
 * own app (its own database, token, origins, retention and texts), chosen by
 * the host name a request was sent to, which is the widget script's origin.
 * Without tenants the default app, on the server's own database and settings,
 * answers every request exactly as a single-municipality server does. Every
 * instance reads the registry every few seconds, so `tenant add` and `remove`
 * reach running servers without a restart.
 */
import { Hono } from 'hono';
import { type AppDeps, createApp } from '../app.js';
import type { Db } from '../database.js';
import type { AppEnv } from '../http/env.js';
import { apiError, renderApiError } from '../http/errors.js';
import { securityHeaders } from '../http/security-headers.js';
import { errorEntry } from '../ops/log.js';
import { openTenantRegistry, type Tenant } from './registry.js';
import { type TenantDatabase, tenantStorage } from './storage.js';

/** How often each instance reads the registry. */
export const REFRESH_EVERY_MS = 3_000;

type App = Awaited<ReturnType<typeof createApp>>;

/** A tenant being served, with the requests it is answering now. */
interface Runtime {
  tenant: Tenant;
  /** The tenant as last built, to see whether the registry changed it. */
  fingerprint: string;
  storage: TenantDatabase;
  app: App;
  inFlight: number;
  /** Taken off the registry: close its database after the last request. */
  retired: boolean;
}

/** What `openDeployment` needs. */
export interface DeploymentOptions {
  /** The server's own database: the registry, and the default tenant's data. */
  home: Db;
  /** Where it is (a file path or URL); tenants' SQLite files go in a folder beside it. */
  homeTarget: string;
  /** The default tenant's app; tenants start from it and override what is theirs. */
  base: AppDeps;
  /** Read X-Forwarded-Host for the tenant (`SAMSKAB_TRUST_PROXY`). */
  trustProxy: boolean;
  refreshEveryMs?: number;
}

/** Opens the registry, every tenant's database and app, and the dispatcher over them. */
export async function openDeployment(options: DeploymentOptions) {
  const { home, base, trustProxy } = options;
  const registry = await openTenantRegistry(home);
  const storage = tenantStorage(home, options.homeTarget);
  const fallback = await createApp(base);
  fallback.mail.worker.start();
  const logError = (error: unknown, tenant?: string) => {
    const entry = { ...errorEntry(error, new Date()), ...(tenant ? { tenant } : {}) };
    if (base.log) base.log(entry);
    else process.stderr.write(`${JSON.stringify(entry)}\n`);
  };

  const byId = new Map<string, Runtime>();
  let byHost = new Map<string, Runtime>();
  let closing = false;
  /** The registry lists tenants: only their hosts are served. */
  let hasTenants = false;

  const closeWhenIdle = async (runtime: Runtime) => {
    if (runtime.retired && runtime.inFlight === 0) {
      await runtime.app.mail.worker.stop();
      await runtime.storage.db.close();
    }
  };

  const build = async (tenant: Tenant, kept: TenantDatabase | undefined): Promise<Runtime> => {
    const opened = kept ?? (await storage.open(tenant.id, tenant.createdAt));
    try {
      const app = await createApp({
        ...base,
        db: opened.db,
        adminToken: { sha256: tenant.tokenSha256 },
        allowedOrigins: tenant.origins,
        publicUrl: tenant.publicUrl,
        retentionMonths: tenant.retentionMonths ?? base.retentionMonths,
        site: { name: tenant.name, processor: tenant.processor },
        ...(opened.dataDir ? { dataDir: opened.dataDir } : { dataDir: undefined }),
        // Every line says whose it is; errors go the same way (createApp's default).
        ...(base.log && {
          log: (entry) => base.log?.({ ...entry, tenant: tenant.id }),
        }),
      });
      return {
        tenant,
        fingerprint: fingerprintOf(tenant),
        storage: opened,
        app,
        inFlight: 0,
        retired: false,
      };
    } catch (error) {
      if (!kept) await opened.db.close();
      throw error;
    }
  };

  let refreshing: Promise<void> | undefined;
  let lastRefresh = 0;
  /** Brings the served tenants in line with the registry. */
  const refresh = () => {
    refreshing ??= (async () => {
      try {
        const tenants = await registry.list();
        // From now on the default tenant is not served, even while these are opening.
        hasTenants = tenants.length > 0;
        const seen = new Set<string>();
        /** Runtimes no longer answering: stopped and closed once the new map is in place. */
        const replaced: Runtime[] = [];
        const retired: Runtime[] = [];
        for (const tenant of tenants) {
          seen.add(tenant.id);
          const current = byId.get(tenant.id);
          if (current?.fingerprint === fingerprintOf(tenant)) continue;
          // Added again after a removal (perhaps with --erase): new storage, never the old handle.
          const same = current?.tenant.createdAt === tenant.createdAt;
          try {
            const next = await build(tenant, same ? current?.storage : undefined);
            if (closing && !current) await next.storage.db.close();
            else {
              byId.set(tenant.id, next);
              if (current) (same ? replaced : retired).push(current);
            }
          } catch (error) {
            // One tenant that cannot open (its schema dropped by hand, say) must not stop the rest.
            logError(error, tenant.id);
          }
        }
        for (const [id, runtime] of byId) {
          if (seen.has(id)) continue;
          byId.delete(id);
          retired.push(runtime);
        }
        const hosts = new Map<string, Runtime>();
        for (const runtime of byId.values()) {
          for (const host of runtime.tenant.hosts) hosts.set(host, runtime);
        }
        // Requests go to the new apps first; the old ones then stop sending and close.
        byHost = hosts;
        for (const runtime of byId.values()) runtime.app.mail.worker.start();
        for (const runtime of replaced) await runtime.app.mail.worker.stop();
        for (const runtime of retired) {
          runtime.retired = true;
          await closeWhenIdle(runtime);
        }
        lastRefresh = Date.now();
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };
  await refresh();
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => logError(error));
  }, options.refreshEveryMs ?? REFRESH_EVERY_MS);
  timer.unref();

  const unknownHost = new Hono<AppEnv>();
  unknownHost.use(securityHeaders());
  unknownHost.all('*', (c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
      return renderApiError(c, apiError(404, 'error.tenant.unknown'));
    }
    return c.text(
      'Denne adresse hører ikke til en kommune på serveren. / This address belongs to no municipality on this server.',
      404,
    );
  });

  const hostOf = (request: Request) => {
    const forwarded = trustProxy
      ? request.headers.get('X-Forwarded-Host')?.split(',')[0]?.trim()
      : undefined;
    try {
      return new URL(forwarded ? `http://${forwarded}` : request.url).hostname
        .toLowerCase()
        .replace(/\.$/, '');
    } catch {
      return '';
    }
  };

  return {
    registry,
    storage,
    /** The default tenant's app (the only one without tenants), and the probes. */
    fallback,
    /** Re-reads the registry now, rather than within `refreshEveryMs`. */
    refresh,
    /** The tenant a request to `host` reaches; undefined without tenants or for an unknown host. */
    tenantFor: (host: string) => byHost.get(host)?.tenant,

    /** Answers a request: probes and a server without tenants by the default app, the rest by host. */
    async fetch(request: Request, env?: AppEnv['Bindings']): Promise<Response> {
      const path = new URL(request.url).pathname;
      // A load balancer probes the instance, by whatever address it knows it.
      if (path === '/healthz' || path === '/readyz' || !hasTenants) {
        return fallback.app.fetch(request, env);
      }
      const host = hostOf(request);
      let runtime = byHost.get(host);
      // A tenant added a moment ago on another instance: look once, at most every second.
      if (!runtime && Date.now() - lastRefresh > 1_000) {
        await refresh();
        runtime = byHost.get(host);
      }
      if (!runtime) return unknownHost.fetch(request, env);
      runtime.inFlight += 1;
      try {
        return await runtime.app.app.fetch(request, env);
      } finally {
        runtime.inFlight -= 1;
        await closeWhenIdle(runtime);
      }
    },

    /** Runs retention where it is due, for the default tenant and each tenant. */
    async retentionDue(): Promise<void> {
      await fallback.retention.due();
      for (const runtime of byId.values()) await runtime.app.retention.due();
    },

    /** Tells the load balancer to go elsewhere (`/readyz` 503). */
    closing(): void {
      closing = true;
      clearInterval(timer);
      fallback.readiness.closing();
      for (const runtime of byId.values()) runtime.app.readiness.closing();
    },

    /** Closes every tenant's database (the server's own is the caller's). */
    async close(): Promise<void> {
      closing = true;
      clearInterval(timer);
      await refreshing?.catch(() => {});
      await fallback.mail.worker.stop();
      for (const runtime of byId.values()) {
        await runtime.app.mail.worker.stop();
        await runtime.storage.db.close();
      }
      byId.clear();
      byHost = new Map();
    },
  };
}

export type Deployment = Awaited<ReturnType<typeof openDeployment>>;

const fingerprintOf = (tenant: Tenant) => JSON.stringify(tenant);
