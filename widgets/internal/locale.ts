import { type Locale, toLocale } from '../../src/i18n/index.js';

/**
 * The locale of the closest `[lang]` ancestor, looking through shadow roots so
 * a widget inside another component still follows the page; Danish otherwise.
 */
export function localeOf(element: Element): Locale {
  let node: Element | null = element;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    if (found) return toLocale(found.getAttribute('lang'));
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return 'da';
}
