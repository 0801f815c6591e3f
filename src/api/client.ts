/**
 * A typed client for Samskab's HTTP contract (`/api/v1`). Every answer is
 * checked against the shared schemas, so a widget never trusts a stray shape.
 */
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

/** `/api/v1/<path>` (no leading slash) on a server origin such as `https://samskab.kommune.dk`. */
export function apiUrl(endpoint: string, path: string): string {
  return new URL(`/api/v1/${path}`, endpoint).href;
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
 * POSTs `body` (already JSON) to `url` with `id` as its `Idempotency-Key`, so
 * the same request can be repeated after a lost answer without being stored
 * twice. The answer is the caller's to check: the outbox hands it, unknown, to
 * the widget that sent it, which parses it with its own schema.
 */
export async function postIdempotent(
  { url, body, id, locale }: { url: string; body: string; id: string; locale: Locale },
  signal?: AbortSignal,
): Promise<WriteResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Accept-Language': locale,
        'Idempotency-Key': id,
      },
      credentials: 'omit',
      body,
      signal,
    });
  } catch {
    return { kind: 'retry' };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { kind: 'ok', value: json };
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
