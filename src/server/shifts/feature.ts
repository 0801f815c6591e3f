/**
 * The shift calendar's server side as a feature (see ../feature.ts): its own
 * tables, the /api/v1 shift routes and the cancel-link pages.
 */
import { seedDemoShifts } from '../demo/seed.js';
import type { FeatureFactory } from '../feature.js';
import { cancelPages } from './pages.js';
import { shiftPruner, shiftRoutes } from './routes.js';
import { openShiftStore } from './store.js';

/**
 * Shifts, claims with waitlists, cancellation by link, and .ics feeds. A demo
 * server whose demo activities have no shifts yet gets a few weeks of them.
 */
export const shiftsFeature: FeatureFactory = ({
  db,
  admin,
  publicWrite,
  clock,
  trustProxy,
  retentionMonths,
  demo,
}) => {
  const shifts = openShiftStore(db);
  const prune = shiftPruner(shifts, retentionMonths);
  prune(clock());
  if (demo) seedDemoShifts(shifts, clock());
  return {
    api: shiftRoutes({ shifts, admin, publicWrite, clock, trustProxy, prune }),
    pages: cancelPages(shifts, clock),
  };
};
