/** How a claim ended: a place, a place on the waitlist, or kept in the outbox to send later. */
export type ClaimEventStatus = 'claimed' | 'waitlisted' | 'queued';

/**
 * Fired when a resident claims a shift. A queued claim fires again with
 * `claimed` or `waitlisted` once the outbox has delivered it.
 */
export class SamskabClaimEvent extends Event {
  readonly shiftId: string;
  readonly status: ClaimEventStatus;

  constructor(shiftId: string, status: ClaimEventStatus) {
    super('samskab-claim', { bubbles: true, composed: true });
    this.shiftId = shiftId;
    this.status = status;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'samskab-claim': SamskabClaimEvent;
  }
}
