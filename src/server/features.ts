import { embedFeature } from './embed/feature.js';
import type { FeatureFactory } from './feature.js';
import { reflectionsFeature } from './reflections/index.js';
import { shiftsFeature } from './shifts/feature.js';

/** The features every server runs, in mounting order. */
export const FEATURES: readonly FeatureFactory[] = [
  shiftsFeature,
  reflectionsFeature,
  embedFeature,
];
