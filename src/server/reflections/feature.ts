/**
 * The reflections feature (see ../feature.ts): volunteers reflect after a
 * shift, coordinators set the questions and read an anonymous weekly pulse.
 */

import type { FeatureFactory } from '../feature.js';
import { IDEMPOTENCY_RETENTION_MS } from '../idempotency-records.js';
import { monthsBefore } from '../retention.js';
import { seedDemoReflections } from './demo.js';
import { leaderPageRoutes } from './pages.js';
import { reflectionRoutes } from './routes.js';
import { openReflectionStore } from './store.js';

/**
 * Migrates the feature's tables and returns its API and the leader page.
 * Contact details are forgotten `retentionMonths` after they were given; the
 * anonymous answers stay, for the pulse. Expired invitations go.
 */
export const reflectionsFeature: FeatureFactory = async ({
  db,
  activities,
  auth,
  leader,
  audit,
  publicWrite,
  clock,
  retentionMonths,
  invitations,
}) => {
  const store = await openReflectionStore(db, activities, invitations);
  return {
    api: reflectionRoutes({ store, invitations, admin: auth.bearer, publicWrite, clock, audit }),
    pages: leaderPageRoutes({ store, signedIn: leader.signedIn, audit, clock }),
    retain: async (now) => {
      await store.pruneIdempotency(new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
      await store.forgetContactsBefore(monthsBefore(now, retentionMonths));
      await invitations.prune(now);
    },
    // One transaction (the store's `seedDemo`): a demo start stores its whole history or none of it.
    seedDemo: async (now) => {
      await seedDemoReflections(store, now);
    },
  };
};
