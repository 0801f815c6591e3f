/**
 * A typed client for Samskab's HTTP contract (`/api/v1`). Every answer is
 * checked against the shared schemas, so a widget never trusts a stray shape.
 */
import type * as z from 'zod/mini';
import type { Locale } from '../i18n/index.js';
import { ActivityList } from '../schemas/activity.js';
import { ApiErrorBody, type ApiIssue } from '../schemas/common.js';

/** The outcome of a write, sorted by what the caller should do next. */
export type WriteResult<T> =
  /** Stored (or an earlier identical request was): done. */
  | { kind: 'ok'; value: T }
  /** Refused for good (400–499 but 408 and 429): show the errors, do not retry. */
  | { kind: 'rejected'; status: number; errors: ApiIssue[] }
  /** No answer, or one that says "later" (408, 429, 5xx): keep and retry. */
  | { kind: 'retry'; status?: number; retryAfterMs?: number };

/** The origin-relative API root for a server origin such as `https://samskab.kommune.dk`. */
export function apiUrl(endpoint: string, path: string): string {
  return new URL(`/api/v1/${path.replace(/^\//, '')}`, endpoint).href;
}

/** The public activities a resident can sign up for. */
export async function fetchActivities(endpoint: string, locale: Locale, signal?: AbortSignal) {
  const response = await fetch(apiUrl(endpoint, 'activities'), {
    headers: { Accept: 'application/json', 'Accept-Language': locale },
    credentials: 'omit',
    signal,
  });
  if (!response.ok) throw new Error(`GET activities: ${response.status}`);
  return ActivityList.parse(await response.json());
}

/**
 * POSTs `body` (already JSON) with an `Idempotency-Key`, so the same request
 * can be repeated after a lost answer without being stored twice.
 */
export async function postIdempotent<T>(
  url: string,
  body: string,
  key: string,
  locale: Locale,
  answer: z.ZodMiniType<T>,
  options: { signal?: AbortSignal } = {},
): Promise<WriteResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Accept-Language': locale,
        'Idempotency-Key': key,
      },
      credentials: 'omit',
      body,
      signal: options.signal,
    });
  } catch {
    return { kind: 'retry' };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = answer.safeParse(json);
    return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'retry' };
  }
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    const seconds = Number(response.headers.get('Retry-After'));
    return {
      kind: 'retry',
      status: response.status,
      ...(seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}),
    };
  }
  const errors = ApiErrorBody.safeParse(json);
  return {
    kind: 'rejected',
    status: response.status,
    errors: errors.success ? errors.data.errors : [],
  };
}
