/**
 * The reflections feature: volunteers reflect after a shift, coordinators set
 * the questions and read an anonymous weekly pulse. Plugs into the server
 * through the feature seam (see ../feature.ts).
 */
import type { FeatureFactory } from '../feature.js';
import { leaderPageRoutes } from './leader-page.js';
import { reflectionRoutes } from './routes.js';
import { openReflectionStore } from './store.js';

/** Migrates the feature's tables and returns its API and the leader page. */
export const reflectionsFeature: FeatureFactory = ({
  db,
  admin,
  isAdminToken,
  publicWrite,
  clock,
  retentionMonths,
}) => {
  const store = openReflectionStore(db);
  return {
    api: reflectionRoutes({ store, admin, publicWrite, clock, retentionMonths }),
    pages: leaderPageRoutes({ store, isAdminToken, clock }),
  };
};
