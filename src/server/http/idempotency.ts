/**
 * The idempotent public POST (`POST /signups`, `/reflections`,
 * `/shifts/:id/claims`): the `Idempotency-Key` header checked, the validated
 * body hashed, and the answer for what the feature's store did with them.
 */
import { hash } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { IdempotencyKey } from '../../schemas/common.js';
import type { KeyReused, Replay } from '../idempotency-records.js';
import { apiError, validationError } from './errors.js';

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** The request's `Idempotency-Key`, or 400 with the schema's issues at path `Idempotency-Key`. */
export function idempotencyKey(c: Context): string {
  const check = IdempotencyKey.safeParse(c.req.header('Idempotency-Key'));
  if (!check.success) throw validationError(check.error.issues, 'Idempotency-Key');
  return check.data;
}

/**
 * The hash a key is bound to. It is of the validated data, so a retry that
 * re-serialises the same answers (other key order, stray spaces) still counts
 * as the same request.
 */
export function requestHash(data: unknown): string {
  // The one-shot `hash` (Node 20.12): the same digest as createHash's, a third of its cost.
  return hash('sha256', JSON.stringify(data), 'base64url');
}

/** The outcomes every idempotent write shares; a route answers its own others first. */
export type IdempotentOutcome = { kind: 'stored'; body: string } | Replay | KeyReused;

/**
 * 201 with the new JSON body; the first answer again, marked
 * `Idempotent-Replayed: true`; or 422 `error.idempotencyKey.reused`.
 */
export function idempotentResponse(c: Context, outcome: IdempotentOutcome): Response {
  switch (outcome.kind) {
    case 'stored':
      return c.body(outcome.body, 201, JSON_TYPE);
    case 'replay':
      return c.body(outcome.body, outcome.status as ContentfulStatusCode, {
        ...JSON_TYPE,
        'Idempotent-Replayed': 'true',
      });
    case 'key-reused':
      throw apiError(422, 'error.idempotencyKey.reused', 'Idempotency-Key');
  }
}
