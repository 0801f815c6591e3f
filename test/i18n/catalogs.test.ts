import { describe, expect, it } from 'vitest';
import { da } from '../../src/i18n/da.js';
import { en } from '../../src/i18n/en.js';
import { addMessages, fromAcceptLanguage, t, toLocale } from '../../src/i18n/index.js';
import { serverDa } from '../../src/i18n/server/da.js';
import { embedDa } from '../../src/i18n/server/embed-da.js';
import { embedEn } from '../../src/i18n/server/embed-en.js';
import { serverEn } from '../../src/i18n/server/en.js';

const pairs = [
  ['widgets', da, en],
  ['server', serverDa, serverEn],
  ['embed', embedDa, embedEn],
] as const;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it.each(pairs)('have the same keys in Danish and English (%s)', (_, danish, english) => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(danish).sort());
  });

  it.each(pairs)('have no empty message and the same placeholders (%s)', (_, danish, english) => {
    const d: Record<string, string> = danish;
    const e: Record<string, string> = english;
    for (const key of Object.keys(d)) {
      expect(d[key]?.trim(), key).not.toBe('');
      expect(e[key]?.trim(), key).not.toBe('');
      expect(placeholders(e[key] ?? ''), key).toEqual(placeholders(d[key] ?? ''));
    }
  });

  it('never says the same key in both the widget and the server catalog', () => {
    expect(Object.keys(serverDa).filter((key) => key in da)).toEqual([]);
  });

  it('falls back to Danish until the English catalog is loaded', () => {
    addMessages('da', da);
    expect(t('en', 'signup.submit')).toBe('Tilmeld');
    addMessages('en', en);
    expect(t('en', 'signup.submit')).toBe('Sign up');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    addMessages('da', da);
    addMessages('en', en);
    expect(t('da', 'signup.summary', { count: 2 })).toBe('Der er 2 fejl i formularen:');
    expect(t('en', 'signup.summary')).toBe('There are {count} problems with the form:');
  });
});

describe('locale negotiation', () => {
  it('follows Accept-Language by q-value, Danish by default', () => {
    expect(fromAcceptLanguage('en-GB,en;q=0.9,da;q=0.8')).toBe('en');
    expect(fromAcceptLanguage('de-DE, en;q=0.5, da;q=0.7')).toBe('da');
    expect(fromAcceptLanguage('nb-NO')).toBe('da');
    expect(fromAcceptLanguage('fr')).toBe('da');
    expect(fromAcceptLanguage('en;q=0')).toBe('da');
    expect(fromAcceptLanguage(undefined)).toBe('da');
  });

  it('maps a lang attribute to a locale', () => {
    expect(toLocale('en-US')).toBe('en');
    expect(toLocale(' EN ')).toBe('en');
    expect(toLocale('da-DK')).toBe('da');
    expect(toLocale('')).toBe('da');
    expect(toLocale(null)).toBe('da');
  });
});
