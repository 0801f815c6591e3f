/**
 * The reflections feature: volunteers reflect after a shift, coordinators set
 * the questions and read an anonymous weekly pulse. Plugs into the server
 * through the feature seam (see ../feature.ts).
 */
import { seedDemoReflections } from '../demo/seed.js';
import type { FeatureFactory } from '../feature.js';
import { leaderPageRoutes } from './leader-page.js';
import { reflectionRoutes } from './routes.js';
import { openReflectionStore } from './store.js';

/** Migrates the feature's tables, seeds a demo's history, and returns its API and the leader page. */
export const reflectionsFeature: FeatureFactory = ({
  db,
  admin,
  isAdminToken,
  publicWrite,
  clock,
  retentionMonths,
  demo,
}) => {
  const store = openReflectionStore(db);
  // One transaction: a demo start stores its whole history or none of it.
  if (demo) db.transaction(seedDemoReflections)(store, clock());
  return {
    api: reflectionRoutes({ store, admin, publicWrite, clock, retentionMonths }),
    pages: leaderPageRoutes({ store, isAdminToken, clock }),
  };
};
