import * as z from 'zod/mini';
import { ApiIssue } from './common.js';

// `z._default(z.unknown(), null)`, not `z.unknown()`: that alone makes the key required.

/**
 * A write waiting in the host page's IndexedDB until the server has it, and
 * then, with what became of it, until a widget has told the resident. The `id`
 * doubles as the request's Idempotency-Key, so resending is always safe.
 *
 * Flat, with defaults, rather than an optional union of outcomes: `z.optional`
 * and `z.union` are otherwise not in the sign-up form's bundle, and would add
 * 300 bytes of gzip to every widget.
 */
export const OutboxEntry = z.object({
  id: z.string(),
  url: z.string(),
  /** The request body, already JSON. */
  body: z.string(),
  locale: z.enum(['da', 'en']),
  /** What the widget needs to show the outcome on a later visit (the answers as typed, the shift). */
  context: z._default(z.unknown(), null),
  createdAt: z.number(),
  attempts: z.number(),
  nextAttemptAt: z.number(),
  /**
   * `waiting` to be sent; then `delivered` or `rejected`, kept until a widget
   * has shown it. A settled entry is its own notice (`OutboxNotice`).
   */
  kind: z._default(z.enum(['waiting', 'delivered', 'rejected']), 'waiting'),
  /** The server's answer, once delivered. */
  value: z._default(z.unknown(), null),
  /** The HTTP status and the reasons, once rejected. */
  status: z._default(z.number(), 0),
  errors: z._default(z.array(ApiIssue), []),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;
