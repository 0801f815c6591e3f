/** Passkeys (WebAuthn): registering one or more per person, and signing in with one. */
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { WorkplaceDeps } from './deps.js';

export function passkeyPages(_deps: WorkplaceDeps): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
