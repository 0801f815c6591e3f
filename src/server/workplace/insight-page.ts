/** Indsigt og sletning (admin): everything held about one e-mail address, exported or erased. */
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { WorkplaceDeps } from './deps.js';

export function insightPages(_deps: WorkplaceDeps): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
