import type { ServerMessageKey } from './da.js';

/** English messages only the server says. */
export const serverEn: Record<ServerMessageKey, string> = {
  'error.title.required': 'Enter a title.',
  'error.title.tooLong': 'The title is too long.',
  'error.description.required': 'Enter a description.',
  'error.description.tooLong': 'The description is too long.',
  'error.coreIdea.required': 'Enter the core idea.',
  'error.coreIdea.tooLong': 'The core idea is too long.',
  'error.id': 'Invalid id.',
  'error.instant': 'Give the time as ISO 8601 with a time zone.',
  'error.idempotencyKey':
    'The Idempotency-Key header is missing or invalid (16–100 characters: A–Z, a–z, 0–9, - and _).',
  'error.idempotencyKey.reused': 'This Idempotency-Key was already used for a different request.',
  'error.json': 'The request is not valid JSON.',
  'error.bodyTooLarge': 'The request is too large (at most {limit} bytes).',
  'error.unauthorized': 'Access denied: give a valid admin token (Authorization: Bearer …).',
  'error.origin': 'This website may not use the Samskab server.',
  'error.rateLimited': 'Too many requests. Try again shortly.',
  'error.notFound': 'Not found.',
};
