import * as z from 'zod/mini';

/**
 * A write waiting in the host page's IndexedDB until the server has it. The
 * `id` doubles as the request's Idempotency-Key, so resending is always safe.
 */
export const OutboxEntry = z.object({
  id: z.string(),
  url: z.string(),
  /** The request body, already JSON. */
  body: z.string(),
  locale: z.enum(['da', 'en']),
  createdAt: z.number(),
  attempts: z.number(),
  nextAttemptAt: z.number(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;
