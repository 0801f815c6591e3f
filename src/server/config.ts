/**
 * The server's settings, read from the environment once at start. Every
 * problem is collected so an operator sees all of them in one go.
 */
import { isAbsolute, resolve } from 'node:path';
import { IN_MEMORY, isPostgresUrl } from './database.js';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './http/rate-limit.js';

/** What `main.ts` needs to start the server, parsed from the environment. */
export interface ServerConfig {
  port: number;
  host: string;
  /** An absolute file path, `:memory:`, or the `postgres://` URL of `SAMSKAB_DATABASE_URL`. */
  dbPath: string;
  /** `undefined`: generate one at first start and keep it beside the database. */
  adminToken: string | undefined;
  allowedOrigins: string[];
  demo: boolean;
  trustProxy: boolean;
  /** The origin every link starts with; `undefined`: the listening origin. */
  publicUrl: string | undefined;
  /** The public-write limit per client, or `false` for none. */
  rateLimit: RateLimitOptions | false;
  /** Personal data is erased this many months after it stops being needed. */
  retentionMonths: number;
  /** `SAMSKAB_SMTP_URL` and `SAMSKAB_MAIL_FROM`, or undefined: no SMTP server. */
  smtp: { url: string; from: string } | undefined;
  /** The audit log keeps each line this many months (`SAMSKAB_AUDIT_MONTHS`). */
  auditMonths: number;
  /** Municipal single sign-on (`SAMSKAB_OIDC_ISSUER`, `_CLIENT_ID`, `_CLIENT_SECRET`), or none. */
  oidc: OidcConfig | undefined;
}

/** An OpenID Connect provider the workplace signs people in with. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The outcome of reading the environment: settings, or the reasons it cannot start. */
export type ConfigResult =
  | { ok: true; config: ServerConfig; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

/** The shortest admin token we accept from the environment: guessable tokens guard nothing. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

/**
 * Reads `PORT`, `HOST`, `SAMSKAB_*` from `env`; `cwd` resolves a relative
 * database path. An operator's command (`forServer: false`) needs no admin token.
 */
export function parseConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
  { forServer = true }: { forServer?: boolean } = {},
): ConfigResult {
  const errors: string[] = [];
  const warnings: string[] = [];

  const port = parsePort(env.PORT, errors);
  const host = (env.HOST ?? '').trim() || '127.0.0.1';
  if (/[\s/]/.test(host)) errors.push(`HOST must be a host name or IP address, got "${host}".`);

  const rawDb = (env.SAMSKAB_DB ?? '').trim() || 'data/samskab.db';
  const databaseUrl = (env.SAMSKAB_DATABASE_URL ?? '').trim();
  if (databaseUrl !== '' && !isPostgresUrl(databaseUrl)) {
    errors.push(
      `SAMSKAB_DATABASE_URL must be a PostgreSQL URL such as postgres://samskab@db.eksempel.dk/samskab, got "${redactUrl(databaseUrl)}".`,
    );
  }
  const dbPath = isPostgresUrl(databaseUrl)
    ? databaseUrl
    : rawDb === IN_MEMORY || isAbsolute(rawDb)
      ? rawDb
      : resolve(cwd, rawDb);

  let adminToken: string | undefined;
  if (env.SAMSKAB_ADMIN_TOKEN !== undefined && env.SAMSKAB_ADMIN_TOKEN !== '') {
    adminToken = env.SAMSKAB_ADMIN_TOKEN.trim();
    if (adminToken.length < MIN_ADMIN_TOKEN_LENGTH || /\s/.test(adminToken)) {
      errors.push(
        `SAMSKAB_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters without spaces; unset it to have one generated.`,
      );
    }
  }
  if (forServer && adminToken === undefined && isPostgresUrl(dbPath)) {
    // Several instances share one database, so they must share one token.
    errors.push(
      'SAMSKAB_ADMIN_TOKEN must be set with SAMSKAB_DATABASE_URL: every instance must know the same token.',
    );
  }

  const allowedOrigins = parseOrigins(env.SAMSKAB_ALLOWED_ORIGINS, warnings);
  const demo = parseFlag('SAMSKAB_DEMO', env.SAMSKAB_DEMO, errors);
  const trustProxy = parseFlag('SAMSKAB_TRUST_PROXY', env.SAMSKAB_TRUST_PROXY, errors);
  const retentionMonths = parseMonths(
    'SAMSKAB_RETENTION_MONTHS',
    env.SAMSKAB_RETENTION_MONTHS,
    DEFAULT_RETENTION_MONTHS,
    errors,
  );
  const auditMonths = parseMonths(
    'SAMSKAB_AUDIT_MONTHS',
    env.SAMSKAB_AUDIT_MONTHS,
    DEFAULT_AUDIT_MONTHS,
    errors,
  );
  const oidc = parseOidc(env, errors);
  const publicUrl = parsePublicUrl(env.SAMSKAB_PUBLIC_URL, errors);
  const rateLimit = parseRateLimit(env.SAMSKAB_RATE_LIMIT, errors);
  const smtp = parseSmtp(env.SAMSKAB_SMTP_URL, env.SAMSKAB_MAIL_FROM, errors);
  if (smtp && !publicUrl) {
    // A mail caused by one request may go to someone else: its links must not
    // come from that request's Host or X-Forwarded-Host.
    errors.push(
      'SAMSKAB_SMTP_URL needs SAMSKAB_PUBLIC_URL: the links in mail (cancel links, invitations) start with it.',
    );
  }

  if (errors.length > 0) return { ok: false, errors, warnings };
  return {
    ok: true,
    config: {
      port,
      host,
      dbPath,
      adminToken,
      allowedOrigins,
      demo,
      trustProxy,
      publicUrl,
      rateLimit,
      retentionMonths,
      smtp,
      auditMonths,
      oidc,
    },
    warnings,
  };
}

/**
 * `SAMSKAB_SMTP_URL` (`smtp://` or `smtps://`, credentials in the URL) and
 * `SAMSKAB_MAIL_FROM` (`Eksempel Kommune <frivillig@eksempel.dk>`): both or neither.
 */
function parseSmtp(
  rawUrl: string | undefined,
  rawFrom: string | undefined,
  errors: string[],
): { url: string; from: string } | undefined {
  const url = (rawUrl ?? '').trim();
  const from = (rawFrom ?? '').trim();
  if (url === '') {
    if (from !== '')
      errors.push('SAMSKAB_MAIL_FROM needs SAMSKAB_SMTP_URL: there is no server to send from.');
    return undefined;
  }
  let ok = false;
  try {
    const parsed = new URL(url);
    ok = (parsed.protocol === 'smtp:' || parsed.protocol === 'smtps:') && parsed.hostname !== '';
  } catch {}
  if (!ok) {
    errors.push(
      `SAMSKAB_SMTP_URL must look like smtp://user:password@mail.eksempel.dk:587 or smtps://…:465, got "${redactUrl(url)}".`,
    );
  }
  const address = /<([^<>\s]+)>\s*$/.exec(from)?.[1] ?? from;
  if (!/^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/.test(address) || /[\r\n]/.test(from)) {
    errors.push(
      `SAMSKAB_MAIL_FROM must be an address, optionally with a name, such as "Eksempel Kommune <frivillig@eksempel.dk>", got "${from}".`,
    );
  }
  return ok ? { url, from } : undefined;
}

/** The default the privacy notice promises: a sign-up is kept for a year. */
export const DEFAULT_RETENTION_MONTHS = 12;

/** The audit log is kept two years by default: long enough to answer a complaint about access. */
export const DEFAULT_AUDIT_MONTHS = 24;

function parseMonths(
  name: string,
  raw: string | undefined,
  fallback: number,
  errors: string[],
): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const months = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || months < 1 || months > 120) {
    errors.push(`${name} must be a whole number of months from 1 to 120, got "${raw}".`);
    return fallback;
  }
  return months;
}

/** `SAMSKAB_OIDC_ISSUER` (https, or http on loopback), `_CLIENT_ID` and `_CLIENT_SECRET`: all three or none. */
function parseOidc(
  env: Record<string, string | undefined>,
  errors: string[],
): OidcConfig | undefined {
  const issuer = (env.SAMSKAB_OIDC_ISSUER ?? '').trim();
  const clientId = (env.SAMSKAB_OIDC_CLIENT_ID ?? '').trim();
  const clientSecret = (env.SAMSKAB_OIDC_CLIENT_SECRET ?? '').trim();
  if (issuer === '' && clientId === '' && clientSecret === '') return undefined;
  if (issuer === '' || clientId === '' || clientSecret === '') {
    errors.push(
      'SAMSKAB_OIDC_ISSUER, SAMSKAB_OIDC_CLIENT_ID and SAMSKAB_OIDC_CLIENT_SECRET go together: set all three or none.',
    );
    return undefined;
  }
  let ok = false;
  try {
    const url = new URL(issuer);
    ok =
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  } catch {}
  if (!ok) {
    errors.push(
      `SAMSKAB_OIDC_ISSUER must be the provider's https:// issuer URL, such as https://login.microsoftonline.com/<tenant>/v2.0, got "${issuer}".`,
    );
    return undefined;
  }
  return { issuer, clientId, clientSecret };
}

/** `url` without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '*****';
    return parsed.href;
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:*****@');
  }
}

function parsePublicUrl(raw: string | undefined, errors: string[]): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const origin = toOrigin(raw.trim());
  if (!origin) {
    errors.push(
      `SAMSKAB_PUBLIC_URL must be the server's public origin, such as https://samskab.eksempel.dk (http or https, no path), got "${raw}".`,
    );
  }
  return origin;
}

const PER_MINUTE: Record<string, number> = { s: 60, sec: 60, min: 1, h: 1 / 60, hour: 1 / 60 };

/**
 * `SAMSKAB_RATE_LIMIT`: `<n>/<s|min|h>[,burst=<m>]` (e.g. `60/min,burst=20`),
 * or `off`. Without `burst`, half a minute's worth may come at once.
 */
export function parseRateLimit(
  raw: string | undefined,
  errors: string[],
): RateLimitOptions | false {
  const value = (raw ?? '').trim().toLowerCase().replace(/\s+/g, '');
  if (value === '') return DEFAULT_RATE_LIMIT;
  if (value === 'off') return false;
  const m = /^(\d+)\/(s|sec|min|h|hour)(?:,burst=(\d+))?$/.exec(value);
  const perMinute = m ? Number(m[1]) * PER_MINUTE[m[2]!]! : 0;
  const burst = m?.[3] !== undefined ? Number(m[3]) : Math.ceil(perMinute / 2);
  if (!m || perMinute <= 0 || burst < 1 || burst > 100_000 || perMinute > 1_000_000) {
    errors.push(
      `SAMSKAB_RATE_LIMIT must look like 60/min,burst=20 (per s, min or h; burst optional) or be off, got "${raw}".`,
    );
    return DEFAULT_RATE_LIMIT;
  }
  return { perMinute, burst };
}

function parsePort(raw: string | undefined, errors: string[]): number {
  if (raw === undefined || raw.trim() === '') return 8787;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65535) {
    errors.push(`PORT must be a whole number from 0 to 65535, got "${raw}".`);
    return 0;
  }
  return port;
}

function parseFlag(name: string, raw: string | undefined, errors: string[]): boolean {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  errors.push(`${name} must be 1 or 0, got "${raw}".`);
  return false;
}

/**
 * An origin is scheme, host and port only. Entries with a path, or that are not
 * http(s), would never match a browser's `Origin` header, so they are dropped
 * with a warning rather than stopping the server.
 */
function parseOrigins(raw: string | undefined, warnings: string[]): string[] {
  const origins = new Set<string>();
  for (const entry of (raw ?? '').split(',').map((s) => s.trim())) {
    if (entry === '') continue;
    const origin = toOrigin(entry);
    if (origin) origins.add(origin);
    else {
      warnings.push(
        `SAMSKAB_ALLOWED_ORIGINS: ignoring "${entry}" (write an origin such as https://www.eksempel.dk, without a path).`,
      );
    }
  }
  return [...origins];
}

function toOrigin(entry: string): string | undefined {
  try {
    const url = new URL(entry);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    // A trailing slash is tolerated (people write it); a real path is not.
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username;
    return bare ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
