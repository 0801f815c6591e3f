import type { FeatureFactory } from './feature.js';

/** The features every server runs, in mounting order. */
export const FEATURES: readonly FeatureFactory[] = [];
