import { describe, expect, it } from 'vitest';
import { budgets, loaderSize, ownSize, pageSize, TAGS } from '../support/page-sizes.js';

describe('size budget', () => {
  it('keeps the loader, samskab.js, within 2.5 KB gzip', () => {
    expect(loaderSize()).toBeLessThanOrEqual(budgets.loader);
  });

  it.each(TAGS)('keeps a page with only <%s> within its budget', (tag) => {
    expect(pageSize([tag])).toBeLessThanOrEqual(budgets.page[tag]!);
  });

  it.each(TAGS)('keeps the own chunk of <%s> within its budget', (tag) => {
    expect(ownSize(tag)).toBeLessThanOrEqual(budgets.own[tag]!);
  });

  it('keeps a page with every widget within 41 KB gzip', () => {
    expect(pageSize(TAGS)).toBeLessThanOrEqual(budgets.all);
  });

  it('gives a page with one widget less than a page with all of them', () => {
    // The point of the loader; fails if a widget's chunks came to hold the others'.
    for (const tag of TAGS) expect(pageSize([tag])).toBeLessThan(pageSize(TAGS));
  });
});
