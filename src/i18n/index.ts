import { da, type MessageKey } from './da.js';

export type { MessageKey };
export type Locale = 'da' | 'en';
export type Catalog = Record<MessageKey, string>;

/**
 * Danish is always here. English is added by `useCatalog` — the widgets load it
 * only on an English page, so Danish pages never download it.
 */
const catalogs: Partial<Record<Locale, Catalog>> = { da };

/** Makes `catalog` the messages for `locale`. */
export function useCatalog(locale: Locale, catalog: Catalog) {
  catalogs[locale] = catalog;
}

/** True when `locale`'s messages are here. */
export function hasCatalog(locale: Locale) {
  return catalogs[locale] !== undefined;
}

/** True when `key` names a message, so a zod message can be told from free text. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(da, key);
}

/**
 * The message for `key` in `locale` (Danish while that locale's catalog is not
 * here), with `{name}` placeholders filled from `params`.
 */
export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>) {
  const text = (catalogs[locale] ?? da)[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
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
