/**
 * A typed client for Samskab's HTTP contract (`/api/v1`): every request a
 * widget makes goes through here or through the modules beside it that build
 * on it (`shifts.ts`, `reflections.ts`). Each request sends the widget's
 * language as `Accept-Language` (the server words its errors in it) and no
 * cookies; an answer is checked against the shared schemas and a refusal is
 * read as `ApiErrorBody`, so a widget never trusts a stray shape. (Calls whose
 * schema only one widget needs live in their own module: importing a schema
 * module builds every schema in it, and the sign-up form would carry the
 * calendar's.)
 */
import type { Locale } from '../i18n/index.js';
import { ActivityList } from '../schemas/activity.js';
import { ApiErrorBody, type ApiIssue } from '../schemas/common.js';
import type { SignupData } from '../schemas/signup.js';

/**
 * The server refused a request, or answered with something that is not the
 * contract. `errors` are the server's own reasons, in the request's language;
 * empty when its body was not `ApiErrorBody`, so the widget says something
 * general in its own words.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiIssue[] = [],
  ) {
    super(errors[0]?.message ?? `Samskab: HTTP ${status}, no usable answer`);
  }
}

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

/** A body as JSON, or undefined when it is none. */
const json = (response: Response): Promise<unknown> => response.json().catch(() => undefined);

/** The reasons in an error answer, or none when its body is not the shared shape. */
async function issuesOf(response: Response) {
  const body = ApiErrorBody.safeParse(await json(response));
  return body.success ? body.data.errors : [];
}

/**
 * `url` without cookies, in `locale`; the answer when it is 2xx, else
 * `ApiError`. A request that gets no answer rejects with fetch's `TypeError`.
 */
export async function request(url: string, locale: Locale, init: RequestInit = {}) {
  const response = await fetch(url, {
    ...init,
    headers: { Accept: 'application/json', 'Accept-Language': locale, ...init.headers },
    credentials: 'omit',
  });
  if (!response.ok) throw new ApiError(response.status, await issuesOf(response));
  return response;
}

/** GETs `/api/v1/<path>` and checks its answer against `schema`. */
export async function get<T>(
  endpoint: string,
  path: string,
  locale: Locale,
  schema: { safeParse(value: unknown): { success: boolean; data?: T } },
  signal?: AbortSignal,
): Promise<T> {
  const response = await request(apiUrl(endpoint, path), locale, { signal });
  const body = schema.safeParse(await json(response));
  if (!body.success) throw new ApiError(response.status);
  return body.data!;
}

/** The public activities a resident can sign up for. */
export const fetchActivities = (endpoint: string, locale: Locale, signal?: AbortSignal) =>
  get(endpoint, 'activities', locale, ActivityList, signal);

/** An iCalendar feed's text, from any server that allows it (CORS). */
export async function fetchIcs(url: string, locale: Locale, signal?: AbortSignal) {
  return (await request(url, locale, { headers: { Accept: 'text/calendar' }, signal })).text();
}

/** A public write: where the outbox POSTs it, and its body as JSON. */
export interface Write {
  url: string;
  body: string;
}

/** A write of `body` to `/api/v1/<path>`. */
export const write = (endpoint: string, path: string, body: unknown): Write => ({
  url: apiUrl(endpoint, path),
  body: JSON.stringify(body),
});

/** A sign-up for `POST /signups`; its answer is a `SignupReceipt`. */
export const signupWrite = (endpoint: string, input: SignupData) =>
  write(endpoint, 'signups', input);

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
  if (response.ok) return { kind: 'ok', value: await json(response) };
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    const seconds = Number(response.headers.get('Retry-After'));
    return {
      kind: 'retry',
      status: response.status,
      ...(seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}),
    };
  }
  return { kind: 'rejected', status: response.status, errors: await issuesOf(response) };
}
