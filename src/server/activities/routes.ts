/** Activities: anyone may list them (the widget's picker); only admins create them. */
import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { type Activity, NewActivity } from '../../schemas/activity.js';
import { parseWith, readJson } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import type { ActivityStore } from './store.js';

/** What the activity routes need. */
export interface ActivityRouteDeps {
  activities: ActivityStore;
  admin: MiddlewareHandler<AppEnv>;
  clock: () => Date;
}

/** `GET /activities` (public) and `POST /activities` (admin), mounted under /api/v1. */
export function activityRoutes({ activities, admin, clock }: ActivityRouteDeps) {
  return new Hono<AppEnv>()
    .get('/activities', async (c) => c.json<Activity[]>(await activities.list()))
    .post('/activities', admin, async (c) => {
      const input = parseWith(NewActivity, await readJson(c));
      return c.json(await activities.create({ id: randomUUID(), ...input }, clock()), 201);
    });
}
