/** The Hono environment every server module shares. */
import type { HttpBindings } from '@hono/node-server';

/**
 * Bindings are partial: over a socket `incoming` is Node's request; through
 * `app.request()` in tests there is none.
 */
export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    /** The origin CORS granted for this request; cleared by routes that refuse cross-origin use. */
    corsOrigin: string | undefined;
  };
}
