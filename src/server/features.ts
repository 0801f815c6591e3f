import { activitiesFeature } from './activities/feature.js';
import { demoFeature } from './demo/feature.js';
import { embedFeature } from './embed/feature.js';
import type { FeatureFactory } from './feature.js';
import { mailFeature } from './mail/feature.js';
import { mineFeature } from './mine/feature.js';
import { opsFeature } from './ops/feature.js';
import { reflectionsFeature } from './reflections/feature.js';
import { shiftsFeature } from './shifts/feature.js';
import { signupsFeature } from './signups/feature.js';
import { workplaceFeature } from './workplace/feature.js';

/**
 * Every feature the server runs, in mounting order; each is a folder with a
 * `feature.ts`. Demo data is seeded in this order too (activities before the
 * features that refer to them). Operations (no data) come first, so a load
 * balancer's probe never passes through another feature's handlers.
 */
export const FEATURES: readonly FeatureFactory[] = [
  opsFeature,
  activitiesFeature,
  signupsFeature,
  shiftsFeature,
  reflectionsFeature,
  embedFeature,
  mailFeature,
  mineFeature,
  workplaceFeature,
  demoFeature,
];
