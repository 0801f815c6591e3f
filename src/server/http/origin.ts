/**
 * The server's origins: the public one every link it writes starts with, and
 * the test for "this request comes from our own pages" that CORS and the admin
 * gate make.
 */
import type { Context } from 'hono';

/** Options for `serverOrigins`. */
export interface OriginOptions {
  /** `SAMSKAB_PUBLIC_URL`'s origin: when set, every link uses it and nothing else. */
  publicUrl?: string | undefined;
  /** The origin the server listens on, once it does (undefined before, and under `app.request()`). */
  listening?: () => string | undefined;
  /** Believe the proxy's `X-Forwarded-Proto`/`-Host` (`SAMSKAB_TRUST_PROXY=1`). */
  trustProxy: boolean;
}

/** What the app knows of its own origin. */
export interface ServerOrigins {
  /**
   * The origin for links in `.ics` files, snippets and pages: the public URL;
   * without it, behind a trusted proxy, the proxy's `X-Forwarded-Host` (or the
   * `Host` it passed on, when it sends none); otherwise the listening origin.
   * Without a trusted proxy never the request's own `Host`, which anyone can set.
   */
  public(c: Context): string;
  /**
   * True when a browser's `Origin` is this server's: the public URL, or the
   * origin the request was addressed to (a browser cannot forge `Host`, and a
   * visitor may reach the server as localhost or 127.0.0.1 alike).
   */
  isOwn(c: Context, origin: string): boolean;
}

/** Builds the server's origins from its settings. */
export function serverOrigins({ publicUrl, listening, trustProxy }: OriginOptions): ServerOrigins {
  const forwarded = (c: Context) => {
    const url = new URL(c.req.url);
    if (!trustProxy) return url.origin;
    const proto = firstValue(c.req.header('X-Forwarded-Proto'));
    const host = firstValue(c.req.header('X-Forwarded-Host'));
    const scheme = proto === 'http' || proto === 'https' ? `${proto}:` : url.protocol;
    // A new URL, not `url.host = host`: that setter keeps the socket's port when the proxy's host has none.
    try {
      return new URL(`${scheme}//${host || url.host}`).origin;
    } catch {
      return url.origin;
    }
  };
  return {
    public: (c) => {
      if (publicUrl) return publicUrl;
      if (trustProxy) return forwarded(c);
      return listening?.() ?? new URL(c.req.url).origin;
    },
    isOwn: (c, origin) => origin === publicUrl || origin === forwarded(c),
  };
}

const firstValue = (header: string | undefined) => header?.split(',')[0]?.trim().toLowerCase();
