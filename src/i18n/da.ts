import { calendarDa } from './da/calendar.js';
import { commonDa } from './da/common.js';
import { reflectionDa } from './da/reflection.js';
import { signupDa } from './da/signup.js';

/**
 * Danish: the product's first language, one file per widget. Every key here
 * must exist in `en.ts` (the types and a test see to it). `{name}` marks a
 * value filled in at runtime.
 */
export const da = { ...commonDa, ...signupDa, ...calendarDa, ...reflectionDa } as const;

export type MessageKey = keyof typeof da;
