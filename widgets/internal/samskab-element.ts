import { LitElement } from 'lit';
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

/** What every Samskab widget shares: shadow DOM, Danish or English from the page, themes. */
export class SamskabElement extends LitElement {
  static override properties = { locale: { state: true }, theme: {} };

  /** Danish unless the closest `[lang]` ancestor is English. */
  protected locale: Locale = 'da';

  /**
   * `inherit` takes the host page's font and text colour; `default` (or no
   * value) is Samskab's own look, made to sit well on a DKFDS-style site.
   */
  theme: string | null = null;

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
  }

  /** Renders nothing until an English page's messages are here: no flash of Danish. */
  protected override shouldUpdate(changed: Map<PropertyKey, unknown>) {
    return (this.locale !== 'en' || englishSettled) && super.shouldUpdate(changed);
  }

  /** A message in this widget's locale. */
  protected t(key: MessageKey, params?: Record<string, string | number>) {
    return t(this.locale, key, params);
  }
}
