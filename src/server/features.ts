import type { FeatureFactory } from './feature.js';
import { reflectionsFeature } from './reflections/index.js';

/** The features every server runs, in mounting order. */
export const FEATURES: readonly FeatureFactory[] = [reflectionsFeature];
