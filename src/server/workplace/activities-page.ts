/** Aktiviteter: create and edit activities, their policies and question sets. */
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { WorkplaceDeps } from './deps.js';

export function activityPages(_deps: WorkplaceDeps): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
