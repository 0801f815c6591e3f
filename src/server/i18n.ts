/**
 * The server's one translator. Its catalogue is the widgets' (field errors the
 * form shows too) plus each feature's own server catalogue in
 * `src/i18n/server/`, in Danish and English.
 */
import { da, type MessageKey } from '../i18n/da.js';
import { en } from '../i18n/en.js';
import { fill } from '../i18n/fill.js';
import type { Locale } from '../i18n/index.js';
import { type ServerMessageKey, serverDa } from '../i18n/server/da.js';
import { embedDa } from '../i18n/server/embed-da.js';
import { embedEn } from '../i18n/server/embed-en.js';
import { serverEn } from '../i18n/server/en.js';
import { type ReflectionServerKey, reflectionServerDa } from '../i18n/server/reflection-da.js';
import { reflectionServerEn } from '../i18n/server/reflection-en.js';
import type { ApiIssue } from '../schemas/common.js';

export type AnyMessageKey =
  | MessageKey
  | ServerMessageKey
  | keyof typeof embedDa
  | ReflectionServerKey;

const catalogs: Record<Locale, Record<AnyMessageKey, string>> = {
  da: { ...da, ...serverDa, ...embedDa, ...reflectionServerDa },
  en: { ...en, ...serverEn, ...embedEn, ...reflectionServerEn },
};

/** True when `key` names a message, so a zod message can be told from free text. */
export function isAnyMessageKey(key: string): key is AnyMessageKey {
  return Object.hasOwn(catalogs.da, key);
}

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function serverT(
  locale: Locale,
  key: AnyMessageKey,
  params?: Record<string, string | number>,
): string {
  return fill(catalogs[locale][key], params);
}

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
    const code: AnyMessageKey = isAnyMessageKey(issue.message) ? issue.message : 'error.invalid';
    return { path: issue.path.map(String).join('.'), code, message: serverT(locale, code) };
  });
}
