/** Fired when a widget cannot do its job: activities did not load, or the server refused. */
export class SamskabErrorEvent extends Event {
  /** A catalog key such as `error.activity.unknown` or `error.network`. */
  readonly code: string;
  /** The message shown to the resident, in the widget's language. */
  readonly message: string;

  constructor(code: string, message: string) {
    super('samskab-error', { bubbles: true, composed: true });
    this.code = code;
    this.message = message;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'samskab-error': SamskabErrorEvent;
  }
}
