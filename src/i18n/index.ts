import { commonDa } from './da/common.js';
import type { MessageKey } from './da.js';
import { fill } from './fill.js';

export type { MessageKey };
export type Locale = 'da' | 'en';
export type Messages = Partial<Record<MessageKey, string>>;

/**
 * The messages loaded so far. Each widget adds its own Danish messages when its
 * module loads, so a page with only the sign-up form carries only those;
 * English (`samskab-en.js`) is added only on English pages. The field errors
 * every text field can give are here from the start.
 */
const catalogs: Record<Locale, Messages> = { da: { ...commonDa }, en: {} };

/** Adds `messages` to `locale`'s catalog. */
export function addMessages(locale: Locale, messages: Messages) {
  Object.assign(catalogs[locale], messages);
}

/** True when `key` names a loaded message, so a zod message can be told from free text. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalogs.da, key);
}

/**
 * The message for `key` in `locale` (Danish while that locale's messages are
 * not here), with `{name}` placeholders filled from `params`.
 */
export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>) {
  const text = catalogs[locale][key] ?? catalogs.da[key] ?? key;
  return fill(text, params);
}

/** `en` for any English tag (`en`, `en-GB`), otherwise Danish. */
export function toLocale(tag: string | null | undefined): Locale {
  return tag?.trim().toLowerCase().startsWith('en') ? 'en' : 'da';
}

/** The best of our locales for an `Accept-Language` header, by its q-values. */
export function fromAcceptLanguage(header: string | null | undefined): Locale {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('da') || tag.startsWith('nb') || tag.startsWith('nn')) return 'da';
    if (tag.startsWith('en')) return 'en';
  }
  return 'da';
}
