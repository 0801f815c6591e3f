/**
 * Activities as a feature (see ../feature.ts). The store itself is opened by
 * the app and handed to every feature as `context.activities`, because every
 * other feature refers to activities; this folder owns its table and routes.
 */

import type { FeatureFactory } from '../feature.js';
import { DEMO_ACTIVITIES } from './demo.js';
import { activityRoutes } from './routes.js';

/** `GET`/`POST /api/v1/activities`; a demo server gets three example activities. */
export const activitiesFeature: FeatureFactory = ({
  activities,
  auth,
  accounts,
  audit,
  clock,
}) => ({
  api: activityRoutes({ activities, admin: auth.bearer, clock, assign: accounts.assign, audit }),
  seedDemo: async (now) => {
    await activities.seed(DEMO_ACTIVITIES, now);
  },
});
