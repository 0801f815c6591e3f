/**
 * The servers a build of the sidebar may talk to, decided when it is built
 * (`SAMSKAB_SERVER_ORIGINS`, comma separated). wxt.config.ts reads and checks
 * them with {@link parseServerOrigins}; the code reads them as the constants
 * the build wrote in. With none, the link feature is absent from the bundle
 * and the CSP stays `connect-src 'none'`.
 */

declare const __SAMSKAB_LINK__: boolean | undefined;
declare const __SAMSKAB_SERVER_ORIGINS__: readonly string[] | undefined;

/** Whether this build can link to a server (a literal after the build, so dead code goes). */
export const LINK_ENABLED: boolean = typeof __SAMSKAB_LINK__ === 'boolean' && __SAMSKAB_LINK__;

/** The origins this build may connect to, exactly as its CSP lists them. */
export const LINK_ORIGINS: readonly string[] =
  typeof __SAMSKAB_SERVER_ORIGINS__ === 'object' && __SAMSKAB_SERVER_ORIGINS__
    ? __SAMSKAB_SERVER_ORIGINS__
    : [];

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The origin `raw` names, or a reason it may not be a Samskab server: https,
 * or plain http only on this machine (localhost, 127.0.0.1), with no path,
 * query, credentials or wildcard.
 */
export function checkOrigin(
  raw: string,
): { ok: true; origin: string } | { ok: false; why: string } {
  const text = raw.trim();
  if (text.includes('*')) return { ok: false, why: 'a wildcard is not an origin' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, why: 'not a URL' };
  }
  if (url.username || url.password) return { ok: false, why: 'credentials are not allowed' };
  if (url.pathname !== '/' || url.search || url.hash)
    return { ok: false, why: 'an origin has no path, query or fragment' };
  if (url.protocol === 'https:') return { ok: true, origin: url.origin };
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname))
    return { ok: true, origin: url.origin };
  return {
    ok: false,
    why:
      url.protocol === 'http:'
        ? 'plain http is allowed only for localhost and 127.0.0.1'
        : 'only https (or http on localhost) is allowed',
  };
}

/**
 * `SAMSKAB_SERVER_ORIGINS` as a list of origins, without duplicates; throws
 * an Error that names the bad entry, so the build stops with a clear message.
 */
export function parseServerOrigins(raw: string | undefined): string[] {
  if (!raw?.trim()) return [];
  const origins: string[] = [];
  for (const part of raw.split(',')) {
    if (!part.trim()) continue;
    const checked = checkOrigin(part);
    if (!checked.ok)
      throw new Error(
        `SAMSKAB_SERVER_ORIGINS: "${part.trim()}" is not allowed (${checked.why}). ` +
          'Give comma-separated origins such as https://samskab.kommune.dk, or http://127.0.0.1:8080 for a server on this machine.',
      );
    if (!origins.includes(checked.origin)) origins.push(checked.origin);
  }
  return origins;
}

/**
 * The host-permission match pattern for an origin. Chrome's patterns may name
 * a port; Firefox's may not (a pattern without one covers every port there).
 */
export function originPattern(origin: string, browser: 'chrome' | 'firefox' = 'chrome'): string {
  const url = new URL(origin);
  const host = browser === 'firefox' ? url.hostname : url.host;
  return `${url.protocol}//${host}/*`;
}

/**
 * The origin of a server address the leader typed, when this build may reach
 * it; `null` when it is not a URL or not one of the build's origins.
 */
export function allowedOrigin(
  address: string,
  allowed: readonly string[] = LINK_ORIGINS,
): string | null {
  const text = address.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  return allowed.includes(url.origin) ? url.origin : null;
}
