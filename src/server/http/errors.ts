/**
 * The API's one error shape, `{ errors: [{ path, code, message }] }`
 * (`ApiErrorBody`), localised after `Accept-Language`.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { fromAcceptLanguage, type Locale } from '../../i18n/index.js';
import type { ApiErrorBody, ApiIssue } from '../../schemas/common.js';
import { type AnyMessageKey, type IssueLike, localiseIssues, serverT } from '../i18n.js';

/**
 * Thrown anywhere below an /api route to answer with a 4xx; `app.onError`
 * renders it. The issues are built per locale because the language is the
 * reader's, not the thrower's. Extra headers (Retry-After, WWW-Authenticate)
 * travel with it.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly issues: (locale: Locale) => ApiIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(`API error ${status}`);
    this.name = 'ApiError';
  }
}

/** An `ApiError` with one catalog message at `path`; `params` fill its `{placeholders}`. */
export function apiError(
  status: ContentfulStatusCode,
  code: AnyMessageKey,
  path = '',
  options: { params?: Record<string, string | number>; headers?: Record<string, string> } = {},
) {
  return new ApiError(
    status,
    (locale) => [{ path, code, message: serverT(locale, code, options.params) }],
    options.headers,
  );
}

/** A 400 from zod issues; `path` replaces theirs when the value came from a header. */
export function validationError(issues: readonly IssueLike[], path?: string) {
  return new ApiError(400, (locale) =>
    localiseIssues(issues, locale).map((issue) =>
      path === undefined ? issue : { ...issue, path },
    ),
  );
}

/** The reader's locale: Danish unless `Accept-Language` prefers English. */
export function localeOf(c: Context): Locale {
  return fromAcceptLanguage(c.req.header('Accept-Language'));
}

/** The JSON answer for an `ApiError`, in the reader's language. */
export function renderApiError(c: Context, error: ApiError): Response {
  const body: ApiErrorBody = { errors: error.issues(localeOf(c)) };
  return c.json(body, error.status, error.headers);
}
