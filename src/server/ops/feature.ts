/** Operations as a feature (see ../feature.ts): health, readiness and metrics for the operator's tools. */
import type { FeatureFactory } from '../feature.js';
import { databaseAnswers } from './readiness.js';
import { opsRoutes } from './routes.js';

/** `/healthz`, `/readyz` and `/metrics` (behind the admin token). No tables of its own. */
export const opsFeature: FeatureFactory = ({ db, auth, metrics, readiness }) => ({
  pages: opsRoutes({
    readiness,
    databaseAnswers: () => databaseAnswers(db),
    metrics,
    admin: auth.bearer,
  }),
});
