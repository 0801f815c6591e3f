import type { SubmitStatus } from './submit.js';

/**
 * Fired when a reflection is sent or queued. A queued reflection fires again
 * with `status: 'sent'` and the same `id` once the outbox has delivered it.
 */
export class SamskabReflectionEvent extends Event {
  /** The reflection's id, which is also its Idempotency-Key. */
  readonly id: string;
  readonly status: SubmitStatus;

  constructor(id: string, status: SubmitStatus) {
    super('samskab-reflection', { bubbles: true, composed: true });
    this.id = id;
    this.status = status;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'samskab-reflection': SamskabReflectionEvent;
  }
}
