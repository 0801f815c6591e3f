/**
 * The shift calendar's server side as a feature (see ../feature.ts): its own
 * tables, the /api/v1 shift routes and the cancel-link pages.
 */
import { seedDemoShifts } from '../demo/seed.js';
import type { FeatureFactory } from '../feature.js';
import { cancelPages } from './pages.js';
import { shiftRoutes } from './routes.js';
import { openShiftStore } from './store.js';

/**
 * The shifts feature. With `demoShifts`, a database that holds the demo
 * activities and no shifts gets a few weeks of demo shifts (the feature seam
 * does not say whether the server runs as a demo; the demo activities do).
 */
export function createShiftsFeature(options: { demoShifts: boolean }): FeatureFactory {
  return ({ db, admin, publicWrite, clock }) => {
    const shifts = openShiftStore(db);
    // Replays only need to outlive the widget outbox's retries (as for sign-ups).
    shifts.pruneKeys(new Date(clock().getTime() - 7 * 86_400_000));
    if (options.demoShifts) seedDemoShifts(shifts, clock());
    return {
      api: shiftRoutes({ shifts, admin, publicWrite, clock }),
      pages: cancelPages(shifts, clock),
    };
  };
}

/** Shifts, claims with waitlists, cancellation by link, and .ics feeds. */
export const shiftsFeature: FeatureFactory = createShiftsFeature({ demoShifts: true });
