/**
 * The sidebar's own catalogs (the widgets' live in src/i18n/da.ts and en.ts).
 * Danish first; English when the browser's UI language is English.
 */
import { fill } from '../fill.js';
import type { Locale } from '../index.js';
import { da, type SidebarKey } from './da.js';
import { en } from './en.js';

export type { SidebarKey };

const catalogs: Record<Locale, Record<SidebarKey, string>> = { da, en };

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function st(
  locale: Locale,
  key: SidebarKey,
  params?: Record<string, string | number>,
): string {
  return fill(catalogs[locale][key], params);
}

/** True when `key` names a sidebar message (zod messages are keys; anything else is not). */
export function isSidebarKey(key: string): key is SidebarKey {
  return Object.hasOwn(da, key);
}

/** Every key, for the test that both catalogs agree. */
export const sidebarKeys = Object.keys(da) as SidebarKey[];
export { da as sidebarDa, en as sidebarEn };
