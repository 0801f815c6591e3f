/** The server's own origin as the browser sees it, for CORS and for the demo page's snippets. */
import type { Context } from 'hono';

/**
 * `scheme://host[:port]` of this request. Behind a reverse proxy that
 * terminates TLS the socket sees plain http, so with `trustProxy` the
 * proxy's `X-Forwarded-Proto`/`-Host` win.
 */
export function ownOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (trustProxy) {
    const proto = firstValue(c.req.header('X-Forwarded-Proto'));
    const host = firstValue(c.req.header('X-Forwarded-Host'));
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}

const firstValue = (header: string | undefined) => header?.split(',')[0]?.trim().toLowerCase();
