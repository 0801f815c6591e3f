/** Municipal single sign-on by OpenID Connect (SAMSKAB_OIDC_*), matching accounts by e-mail. */
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { WorkplaceDeps } from './deps.js';

export function oidcPages(_deps: WorkplaceDeps): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
