import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { type Locale, type MessageKey, t } from '../../src/i18n/index.js';
import { localeOf } from './locale.js';

/** What every Samskab widget shares: shadow DOM, and Danish or English from the page. */
export class SamskabElement extends LitElement {
  /** Danish unless the closest `[lang]` ancestor is English. */
  @state() protected locale: Locale = 'da';

  override connectedCallback() {
    super.connectedCallback();
    this.locale = localeOf(this);
  }

  /** A message in this widget's locale. */
  protected t(key: MessageKey, params?: Record<string, string | number>) {
    return t(this.locale, key, params);
  }
}
