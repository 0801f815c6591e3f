import { LitElement } from 'lit';
import { newKey, type OutboxNotice, pageOutbox } from '../../src/api/outbox.js';
import { addMessages, type Locale, type MessageKey, t } from '../../src/i18n/index.js';
import { localeOf } from './locale.js';
import { warnOnce } from './warn.js';

let english: Promise<void> | undefined;
let englishSettled = false;

/** Loads the English catalog once per page, as its own small chunk. */
function loadEnglish() {
  // A URL import, not `import('./en.js')`: Vite would wrap that in a preload
  // helper as big as the catalog. `samskab-en.js` is built beside `samskab.js`.
  const url = new URL('./samskab-en.js', import.meta.url).href;
  english ??= (import(/* @vite-ignore */ url) as Promise<typeof import('../../src/i18n/en.js')>)
    .then((m) => addMessages('en', m.en))
    .catch(() => console.warn('[samskab] The English messages did not load; showing Danish.'))
    .finally(() => {
      englishSettled = true;
    });
  return english;
}

const THEMES = ['default', 'inherit'];

/** What became of a write for good: sent, or refused by the server. */
export type Settled = Exclude<OutboxNotice, { kind: 'waiting' }>;

/**
 * What every Samskab widget shares: shadow DOM, Danish or English from the
 * page, themes, and writes through the page's outbox.
 */
export class SamskabElement extends LitElement {
  static override properties = { locale: { state: true }, theme: {} };

  /** Danish unless the closest `[lang]` ancestor is English. */
  protected locale: Locale = 'da';

  /**
   * `inherit` takes the host page's font and text colour; `default` (or no
   * value) is Samskab's own look, made to sit well on a DKFDS-style site.
   */
  theme: string | null = null;

  /** Writes from this element still waiting in the outbox, with what each was about. */
  private waiting = new Map<string, unknown>();
  private unsubscribe: (() => void) | undefined;

  override attributeChangedCallback(name: string, old: string | null, value: string | null) {
    super.attributeChangedCallback(name, old, value);
    if (name === 'theme' && value && !THEMES.includes(value)) {
      warnOnce(
        `<${this.localName}> theme="${value}" is not one of ${THEMES.join(', ')}; using default.`,
      );
    }
  }

  override connectedCallback() {
    super.connectedCallback();
    this.locale = localeOf(this);
    if (this.locale === 'en' && !englishSettled) {
      void loadEnglish().then(() => this.requestUpdate());
    }
    this.unsubscribe = pageOutbox().subscribe((notice) => {
      if (notice.kind === 'waiting' || !this.waiting.has(notice.id)) return;
      const context = this.waiting.get(notice.id);
      this.waiting.delete(notice.id);
      void this.settled(notice, context);
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  /**
   * Queues `body` for `url` in the page's outbox under a new idempotency key
   * and resolves with the first notice, so the widget can say "queued". Throws
   * (and forgets the write) when the outbox itself fails: storage full or
   * refused. Delivery and refusal reach `settled`, which hears them first.
   */
  protected async send(url: string, body: unknown, context?: unknown) {
    const id = newKey();
    this.waiting.set(id, context);
    try {
      return await pageOutbox().submit({
        id,
        url,
        body: JSON.stringify(body),
        locale: this.locale,
      });
    } catch (error) {
      this.waiting.delete(id);
      throw error;
    }
  }

  /**
   * A write from `send` was delivered or refused for good, at once or after
   * waiting in the outbox; `context` is what `send` was given.
   */
  protected settled(_notice: Settled, _context: unknown): unknown {
    return undefined;
  }

  /** Renders nothing until an English page's messages are here: no flash of Danish. */
  protected override shouldUpdate(changed: Map<PropertyKey, unknown>) {
    return (this.locale !== 'en' || englishSettled) && super.shouldUpdate(changed);
  }

  /** After the next render, focuses what `selector` matches, if anything. */
  protected async focusOn(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** A message in this widget's locale. */
  protected t(key: MessageKey, params?: Record<string, string | number>) {
    return t(this.locale, key, params);
  }
}
