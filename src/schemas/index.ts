export * from './activity.js';
export * from './common.js';
export * from './signup.js';
