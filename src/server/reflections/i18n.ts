/**
 * The reflections feature's messages: its own server catalog first, then the
 * shared server catalog (which holds the widget's `error.reflection.*` keys).
 * Its own file, so the shared catalogs stay another feature's to edit.
 */
import type { Locale } from '../../i18n/index.js';
import { type ReflectionServerKey, reflectionServerDa } from '../../i18n/server/reflection-da.js';
import { reflectionServerEn } from '../../i18n/server/reflection-en.js';
import type { ApiIssue } from '../../schemas/common.js';
import { ApiError } from '../http/errors.js';
import { type AnyMessageKey, type IssueLike, isAnyMessageKey, serverT } from '../i18n.js';

/** Every key this feature may say. */
export type ReflectionKey = ReflectionServerKey | AnyMessageKey;

const own: Record<Locale, Record<ReflectionServerKey, string>> = {
  da: reflectionServerDa,
  en: reflectionServerEn,
};

const isOwn = (key: string): key is ReflectionServerKey => Object.hasOwn(reflectionServerDa, key);

/** The message for `key` in `locale`, `{name}` placeholders filled from `params`. */
export function rt(locale: Locale, key: ReflectionKey, params?: Record<string, string | number>) {
  if (!isOwn(key)) return serverT(locale, key, params);
  const text = own[locale][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

function localise(issues: readonly IssueLike[], locale: Locale): ApiIssue[] {
  return issues.map((issue) => {
    const code: ReflectionKey =
      isOwn(issue.message) || isAnyMessageKey(issue.message) ? issue.message : 'error.invalid';
    return { path: issue.path.map(String).join('.'), code, message: rt(locale, code) };
  });
}

/** A 400 from zod-like issues whose messages may be this feature's keys. */
export function reflectionValidationError(issues: readonly IssueLike[], path?: string) {
  return new ApiError(400, (locale) =>
    localise(issues, locale).map((issue) => (path === undefined ? issue : { ...issue, path })),
  );
}

/** An `ApiError` with one of this feature's messages at `path`. */
export function reflectionError(status: 400 | 404 | 422, code: ReflectionKey, path = '') {
  return new ApiError(status, (locale) => [{ path, code, message: rt(locale, code) }]);
}
