import { describe, expect, it } from 'vitest';
import { sidebarDa, sidebarEn } from '../../src/i18n/sidebar/index.js';

describe('sidebar catalogs', () => {
  it('have the same keys and the same placeholders in Danish and English', () => {
    expect(Object.keys(sidebarEn).sort()).toEqual(Object.keys(sidebarDa).sort());
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, da] of Object.entries(sidebarDa)) {
      expect([key, holes(sidebarEn[key as keyof typeof sidebarDa])]).toEqual([key, holes(da)]);
    }
  });
});
