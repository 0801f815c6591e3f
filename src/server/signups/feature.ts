/** Sign-ups as a feature (see ../feature.ts): residents sign up, coordinators read and erase. */
import type { FeatureFactory } from '../feature.js';
import { IDEMPOTENCY_RETENTION_MS } from '../idempotency-records.js';
import { monthsBefore } from '../retention.js';
import { signupRoutes } from './routes.js';
import { openSignupStore } from './store.js';

/**
 * `POST /api/v1/signups` (public, idempotent) and the admin's list and erasure.
 * Sign-ups are erased `retentionMonths` after they were made.
 */
export const signupsFeature: FeatureFactory = async ({
  db,
  activities,
  auth,
  publicWrite,
  clock,
  retentionMonths,
  metrics,
  mail,
  site,
  audit,
}) => {
  const signups = await openSignupStore(db, activities);
  return {
    api: signupRoutes({
      signups,
      admin: auth.bearer,
      publicWrite,
      clock,
      metrics,
      mail: { ...mail, withdraw: (ref) => db.write((trx) => mail.withdraw(trx, ref)) },
      activities,
      siteName: site.name,
      retentionMonths,
      audit,
    }),
    retain: async (now) => {
      await signups.pruneIdempotency(new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
      await signups.pruneSignups(monthsBefore(now, retentionMonths));
    },
  };
};
