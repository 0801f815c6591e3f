/** Headers every answer carries, whatever route made it. */
import type { MiddlewareHandler } from 'hono';

/**
 * The widgets' pages and the demo page must work under this policy, the
 * strictest a municipal CMS is likely to have.
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types lit-html";

/** nosniff and no referrer on everything; set after the route so error answers get them too. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    const workplace = /^\/leder(\/|$)/.test(c.req.path);
    // The workplace's pages send their own origin with their forms (so a form
    // whose origin is hidden can be refused), and nothing to other sites.
    c.res.headers.set('Referrer-Policy', workplace ? 'same-origin' : 'no-referrer');
    // No cookie anywhere (privacy by design) but the workplace's own session
    // cookie under /leder, where coordinators sign in; make a slip impossible.
    if (!workplace) c.res.headers.delete('Set-Cookie');
  };
}
