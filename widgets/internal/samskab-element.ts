import { LitElement } from 'lit';
import type { Write } from '../../src/api/client.js';
import { newKey, type OutboxNotice, pageOutbox } from '../../src/api/outbox.js';
import { addMessages, type Locale, type MessageKey, t } from '../../src/i18n/index.js';
import { importChecked } from './loader.js';
import { localeOf } from './locale.js';
import { warnOnce } from './warn.js';

let english: Promise<void> | undefined;
let englishSettled = false;

/** Loads the English catalog once per page, as its own small chunk. */
function loadEnglish() {
  // A URL import, not `import('./en.js')`: Vite would wrap that in a preload
  // helper as big as the catalog. `samskab-en.js` is built beside `samskab.js`,
  // and runs only if it matches the hash the loader was built with.
  const url = new URL('./samskab-en.js', import.meta.url).href;
  english ??= importChecked<typeof import('../../src/i18n/en.js')>(url)
    .then((m) => addMessages('en', m.en))
    .catch(() => warnOnce('English did not load; using Danish.'))
    .finally(() => {
      englishSettled = true;
    });
  return english;
}

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

  /** Writes still waiting in the outbox that this element tells about, and whether each is from an earlier visit. */
  #waiting = new Map<string, boolean>();
  #unsubscribe: (() => void) | undefined;

  override attributeChangedCallback(name: string, old: string | null, value: string | null) {
    super.attributeChangedCallback(name, old, value);
    if (name === 'theme' && value && value !== 'default' && value !== 'inherit') {
      warnOnce(`<${this.localName}> theme="${value}" is not default or inherit; using default.`);
    }
  }

  override connectedCallback() {
    super.connectedCallback();
    this.locale = localeOf(this);
    if (this.locale === 'en' && !englishSettled) {
      void loadEnglish().then(() => this.requestUpdate());
    }
    const outbox = pageOutbox();
    this.#unsubscribe = outbox.subscribe((notice) => {
      const late = this.#waiting.get(notice.id);
      return notice.kind !== 'waiting' && late !== undefined && this.#settle(notice, late);
    });
    // What an earlier visit left for a widget of this kind: shown now, or when it settles.
    outbox
      .take((url) => this.owns?.(url))
      .then((entries) => {
        for (const e of entries) {
          if (e.kind === 'waiting') this.#waiting.set(e.id, true);
          else this.#settle(e as Settled, true);
        }
      });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  /** Whether writes to `url` are this widget's to tell about (its kind, its endpoint). */
  protected owns?(url: string): boolean;

  /**
   * Queues a write (made by the API client: `signupWrite`, `claimWrite`, …) in
   * the page's outbox under a new idempotency key and resolves with the first
   * notice, so the widget can say "queued". Throws (and forgets the write) when
   * the outbox itself fails: storage full or refused. Delivery and refusal
   * reach `settled`, which hears them first; `context` (kept in IndexedDB) is
   * what it needs to show them, even on a later visit.
   */
  protected async send(write: Write, context?: unknown) {
    const id = newKey();
    this.#waiting.set(id, false);
    try {
      return await pageOutbox().submit({ ...write, id, locale: this.locale, context });
    } catch (error) {
      this.#waiting.delete(id);
      throw error;
    }
  }

  /** Hands a settled write to `settled`; true, so the outbox forgets it. */
  #settle(notice: Settled, late: boolean) {
    this.#waiting.delete(notice.id);
    void this.settled(notice, late);
    return true;
  }

  /**
   * A write was delivered or refused for good, at once or after waiting in the
   * outbox; `notice.context` is what `send` was given; `late` when it was sent
   * on an earlier visit and this page only learns its fate.
   */
  protected settled(_notice: Settled, _late: boolean): unknown {
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
