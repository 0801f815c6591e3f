/**
 * The shift calendar's server side as a feature (see ../feature.ts): its own
 * tables, the /api/v1 shift routes and the cancel-link pages.
 */

import type { FeatureFactory } from '../feature.js';
import { IDEMPOTENCY_RETENTION_MS } from '../idempotency-records.js';
import { monthsBefore } from '../retention.js';
import { seedDemoShifts } from './demo.js';
import { shiftMails } from './mails.js';
import { cancelPages } from './pages.js';
import { shiftRoutes } from './routes.js';
import { openShiftStore } from './store.js';

/**
 * Shifts, claims with waitlists, cancellation by link, and .ics feeds. Claims
 * (name, e-mail, phone, age band) are erased `retentionMonths` after their
 * shift ended, as the privacy notice promises.
 */
export const shiftsFeature: FeatureFactory = async ({
  db,
  activities,
  auth,
  publicWrite,
  clock,
  publicOrigin,
  retentionMonths,
  metrics,
  site,
  mail,
  invitations,
  mailOrigin,
  audit,
}) => {
  const shifts = await openShiftStore(db);
  const mails = shiftMails({ mail, invitations, mailOrigin, clock, siteName: site.name });
  return {
    api: shiftRoutes({
      shifts,
      activities,
      admin: auth.bearer,
      publicWrite,
      clock,
      publicOrigin,
      metrics,
      mails,
      audit,
    }),
    pages: cancelPages(shifts, clock, publicWrite, mails, site.name),
    retain: async (now) => {
      await shifts.pruneKeys(new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
      await shifts.pruneClaims(monthsBefore(now, retentionMonths));
    },
    seedDemo: async (now) => {
      await seedDemoShifts(shifts, activities, now);
    },
  };
};
