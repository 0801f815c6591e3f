/** Tilmeldinger: an inbox per activity; each sign-up moves from ny to kontaktet to aktiv or ikke aktuel. */
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { WorkplaceDeps } from './deps.js';

export function signupPages(_deps: WorkplaceDeps): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
