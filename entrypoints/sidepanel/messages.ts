/**
 * The runtime messages between the panel and the service worker. They cross
 * a boundary, so they are checked with a schema on arrival.
 */
import * as z from 'zod/mini';

/** Something in the database changed; `what` says whether alarms must be re-synced. */
export const ChangedMessage = z.object({
  type: z.literal('samskab:changed'),
  what: z.enum(['records', 'follow-ups']),
});
export type ChangedMessage = z.infer<typeof ChangedMessage>;

/** The notes were locked (or unlocked for good): every panel forgets what it shows. */
export const LockedMessage = z.object({ type: z.literal('samskab:locked') });
export type LockedMessage = z.infer<typeof LockedMessage>;
