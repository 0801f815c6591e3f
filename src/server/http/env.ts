/** The Hono environment every server module shares. */
import type { HttpBindings } from '@hono/node-server';
import type { Principal } from './principal.js';

/**
 * Bindings are partial: over a socket `incoming` is Node's request; through
 * `app.request()` in tests there is none.
 */
export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    /** The origin CORS granted for this request; cleared by routes that refuse cross-origin use. */
    corsOrigin: string | undefined;
    /** This request's id, in every log line about it and in `X-Request-Id` (see ops/request-log.ts). */
    requestId: string;
    /** Set by the not-found handler: no route matched, so the log names no route. */
    unmatched: boolean;
    /** Who the request acts for, set by the gate that let it in (see principal.ts). */
    principal: Principal | undefined;
    /** A workplace session's id and form token (workplace/session.ts), when signed in. */
    session: { id: string; csrf: string; token: string } | undefined;
  };
}
