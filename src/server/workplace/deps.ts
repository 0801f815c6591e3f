/**
 * What each part of the workplace gets: the feature context and the other
 * features' stores, opened once by feature.ts.
 */
import type { FeatureContext } from '../feature.js';
import type { ReflectionStore } from '../reflections/store.js';
import type { ShiftStore } from '../shifts/store.js';
import type { SignupStore } from '../signups/store.js';

export interface WorkplaceDeps extends FeatureContext {
  signups: SignupStore;
  shifts: ShiftStore;
  reflections: ReflectionStore;
}
