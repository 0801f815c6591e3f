/**
 * Sign-ups: residents post them from the widget (public, idempotent); the
 * coordinator lists and erases them (admin).
 */
import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { Id } from '../../schemas/common.js';
import { SignupInput, type SignupReceipt } from '../../schemas/signup.js';
import { toIsoCopenhagen } from '../../time/copenhagen.js';
import type { ActivityStore } from '../activities/store.js';
import type { AuditLog } from '../audit/log.js';
import { parseWith, readJson } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { apiError, localeOf, validationError } from '../http/errors.js';
import { idempotencyKey, idempotentResponse, requestHash } from '../http/idempotency.js';
import { activityScope, principalOf, requireWrite } from '../http/principal.js';
import type { Mailer } from '../mail/mailer.js';
import { signupReceivedMail } from '../mail/messages.js';
import type { Metrics } from '../ops/metrics.js';
import type { SignupStore } from './store.js';

/** What the sign-up routes need from the app. */
export interface SignupRouteDeps {
  signups: SignupStore;
  admin: MiddlewareHandler<AppEnv>;
  /** The per-client limit for public writes. */
  publicWrite: MiddlewareHandler<AppEnv>;
  clock: () => Date;
  metrics: Pick<Metrics, 'signupStored'>;
  /** The resident's mail (see ../mail/). */
  mail: Pick<Mailer, 'enabled' | 'pending' | 'afterCommit'> & {
    /** Takes back the unsent mail about `ref`, in a transaction of its own. */
    withdraw(ref: string): Promise<void>;
  };
  /** Activity titles for the mail. */
  activities: Pick<ActivityStore, 'get'>;
  /** The municipality's name, for the mail's signature; '' for none. */
  siteName: string;
  retentionMonths: number;
  /** Who read or erased sign-ups (personal data). */
  audit: Pick<AuditLog, 'record'>;
}

/** `POST /signups` (public), `GET /signups` and `DELETE /signups/:id` (admin), under /api/v1. */
export function signupRoutes({
  signups,
  admin,
  publicWrite,
  clock,
  metrics,
  mail,
  activities,
  siteName,
  retentionMonths,
  audit,
}: SignupRouteDeps) {
  return new Hono<AppEnv>()
    .post('/signups', publicWrite, async (c) => {
      const key = idempotencyKey(c);
      const raw = await readJson(c);

      // A bot filled the field people cannot see: look successful, keep nothing.
      if (honeypotFilled(raw)) return c.json(receipt(randomUUID(), clock()), 201);

      const data = parseWith(SignupInput, raw);
      const id = randomUUID();
      const createdAt = clock();
      const body = JSON.stringify(receipt(id, createdAt));
      // An unknown activity has no title: the store refuses it before any mail goes.
      const title = mail.enabled ? (await activities.get(data.activityId))?.title : undefined;
      const receivedMail =
        title === undefined
          ? undefined
          : mail.pending(
              signupReceivedMail({
                to: data.email,
                locale: localeOf(c),
                name: data.name,
                activityTitle: title,
                site: siteName,
                retentionMonths,
              }),
              createdAt,
              signupRef(id),
            );
      const outcome = await signups.record(
        key,
        requestHash(data),
        { ...data, id, createdAt },
        { status: 201, body },
        receivedMail,
      );
      if (outcome.kind === 'stored' && receivedMail) mail.afterCommit();
      if (outcome.kind === 'unknown-activity') {
        throw apiError(400, 'error.activity.unknown', 'activityId');
      }
      if (outcome.kind === 'stored') metrics.signupStored();
      return idempotentResponse(c, outcome);
    })
    .get('/signups', admin, async (c) => {
      const activity = c.req.query('activity');
      if (activity !== undefined) {
        const check = Id.safeParse(activity);
        if (!check.success) throw validationError(check.error.issues, 'activity');
      }
      const scope = activityScope(principalOf(c));
      // A coordinator lists only their own activities; another's reads as empty.
      const listed = !scope
        ? await signups.list(activity)
        : activity !== undefined
          ? scope.has(activity)
            ? await signups.list(activity)
            : []
          : (await Promise.all([...scope].map((a) => signups.list(a))))
              .flat()
              .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      if (listed.length > 0) {
        await audit.record(c, {
          action: 'view',
          subject: 'signup',
          subjectId: listed.map((x) => x.id).join(' '),
          activityId: activity,
          detail: 'API',
        });
      }
      return c.json(listed);
    })
    .delete('/signups/:id', admin, async (c) => {
      requireWrite(c);
      const id = c.req.param('id');
      if (!Id.safeParse(id).success) throw apiError(404, 'error.notFound', 'id');
      const scope = activityScope(principalOf(c));
      let activityId: string | undefined;
      if (scope) {
        // Only a sign-up of one of the coordinator's activities; any other is "not found".
        for (const a of scope) {
          if ((await signups.list(a)).some((s) => s.id === id)) activityId = a;
        }
        if (activityId === undefined) throw apiError(404, 'error.notFound', 'id');
      }
      if (!(await signups.erase(id))) throw apiError(404, 'error.notFound', 'id');
      await audit.record(c, {
        action: 'erase',
        subject: 'signup',
        subjectId: id,
        activityId,
        detail: 'API',
      });
      // Its mail, if not sent yet, goes with it.
      await mail.withdraw(signupRef(id));
      return c.body(null, 204);
    });
}

/** What a sign-up's mail is about (see Mailer.withdraw). */
export const signupRef = (id: string) => `signup:${id}`;

function receipt(id: string, at: Date): SignupReceipt {
  return { id, createdAt: toIsoCopenhagen(at) };
}

function honeypotFilled(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || !('website' in raw)) return false;
  return typeof raw.website === 'string' && raw.website.trim() !== '';
}
