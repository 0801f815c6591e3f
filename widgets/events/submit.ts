/** How a submission ended: stored by the server, or kept in the outbox to send later. */
export type SubmitStatus = 'sent' | 'queued';

/**
 * Fired when a sign-up is sent or queued. A queued sign-up fires again with
 * `status: 'sent'` and the same `id` once the outbox has delivered it.
 */
export class SamskabSubmitEvent extends Event {
  /** The submission's id, which is also its Idempotency-Key. */
  readonly id: string;
  readonly status: SubmitStatus;

  constructor(id: string, status: SubmitStatus) {
    super('samskab-submit', { bubbles: true, composed: true });
    this.id = id;
    this.status = status;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'samskab-submit': SamskabSubmitEvent;
  }
}
