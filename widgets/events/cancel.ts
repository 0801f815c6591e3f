/** Fired when a resident gives up a shift (or leaves its waitlist) from the widget. */
export class SamskabCancelEvent extends Event {
  readonly shiftId: string;

  constructor(shiftId: string) {
    super('samskab-cancel', { bubbles: true, composed: true });
    this.shiftId = shiftId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'samskab-cancel': SamskabCancelEvent;
  }
}
