import { describe, expect, it } from 'vitest';
import { da } from '../../src/i18n/da.js';
import { en } from '../../src/i18n/en.js';
import { fromAcceptLanguage, t, toLocale } from '../../src/i18n/index.js';

describe('message catalogs', () => {
  it('have the same keys in Danish and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
  });

  it('have no empty message and the same placeholders in both languages', () => {
    for (const key of Object.keys(da) as (keyof typeof da)[]) {
      expect(da[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      const placeholders = (text: string) =>
        [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(en[key]), key).toEqual(placeholders(da[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
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
