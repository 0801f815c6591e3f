import { activitiesFeature } from './activities/feature.js';
import { demoFeature } from './demo/feature.js';
import { embedFeature } from './embed/feature.js';
import type { FeatureFactory } from './feature.js';
import { reflectionsFeature } from './reflections/feature.js';
import { shiftsFeature } from './shifts/feature.js';
import { signupsFeature } from './signups/feature.js';

/**
 * Every feature the server runs, in mounting order; each is a folder with a
 * `feature.ts`. Demo data is seeded in this order too (activities first: the
 * others refer to them).
 */
export const FEATURES: readonly FeatureFactory[] = [
  activitiesFeature,
  signupsFeature,
  shiftsFeature,
  reflectionsFeature,
  embedFeature,
  demoFeature,
];
