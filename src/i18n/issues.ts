import type { ApiIssue } from '../schemas/common.js';
import { isMessageKey, type Locale, type MessageKey, t } from './index.js';

/** The part of a zod issue that localising needs. */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * Turns zod issues into `{ path, code, message }` for one locale. Schema
 * messages are catalog keys; anything else (a wrong type deep inside an
 * unknown shape) falls back to a generic "invalid value".
 */
export function localiseIssues(issues: readonly IssueLike[], locale: Locale): ApiIssue[] {
  return issues.map((issue) => {
    const code: MessageKey = isMessageKey(issue.message) ? issue.message : 'error.invalid';
    return { path: issue.path.map(String).join('.'), code, message: t(locale, code) };
  });
}
