/**
 * Activities: anyone may list them (the widget's picker); admins and
 * coordinators create them (a coordinator then runs the new one).
 */
import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { type Activity, NewActivity } from '../../schemas/activity.js';
import type { AuditLog } from '../audit/log.js';
import { parseWith, readJson } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { principalOf, requireWrite } from '../http/principal.js';
import type { ActivityStore } from './store.js';

/** What the activity routes need. */
export interface ActivityRouteDeps {
  activities: ActivityStore;
  admin: MiddlewareHandler<AppEnv>;
  clock: () => Date;
  /** A coordinator who creates an activity runs it: it is assigned to them. */
  assign: (accountId: string, activityId: string) => Promise<void>;
  audit: Pick<AuditLog, 'record'>;
}

/** `GET /activities` (public) and `POST /activities` (admin), mounted under /api/v1. */
export function activityRoutes({ activities, admin, clock, assign, audit }: ActivityRouteDeps) {
  return new Hono<AppEnv>()
    .get('/activities', async (c) => c.json<Activity[]>(await activities.list()))
    .post('/activities', admin, async (c) => {
      requireWrite(c);
      const input = parseWith(NewActivity, await readJson(c));
      const created = await activities.create({ id: randomUUID(), ...input }, clock());
      const p = principalOf(c);
      if (p.kind === 'account' && p.role === 'coordinator') await assign(p.id, created.id);
      await audit.record(c, {
        action: 'change',
        subject: 'activity',
        subjectId: created.id,
        activityId: created.id,
        detail: 'API: created',
      });
      return c.json(created, 201);
    });
}
