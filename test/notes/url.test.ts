import { describe, expect, it } from 'vitest';
import { normaliseUrl, queryParamNames } from '../../src/notes/url.js';

describe('normaliseUrl', () => {
  it('lower-cases the host, drops the fragment, tracking parameters and trailing slash', () => {
    expect(
      normaliseUrl(
        'https://WWW.Intra.Kommune.dk/Sager/?id=42&utm_source=mail&gclid=x&fbclid=y#top',
      ),
    ).toEqual({ key: 'intra.kommune.dk/Sager?id=42', site: 'intra.kommune.dk' });
  });

  it('treats http and https, and parameter order, as the same page', () => {
    const a = normaliseUrl('http://sag.dk/vis?b=2&a=1');
    const b = normaliseUrl('https://sag.dk/vis/?a=1&b=2');
    expect(a?.key).toBe(b?.key);
    expect(a?.key).toBe('sag.dk/vis?a=1&b=2');
  });

  it('keeps only the parameters the leader chose as identifying for that site', () => {
    const params = { 'sag.dk': ['sagsnr'] };
    expect(normaliseUrl('https://sag.dk/vis?sagsnr=7&tab=noter&sort=asc', params)?.key).toBe(
      'sag.dk/vis?sagsnr=7',
    );
    // Another site is unaffected by that choice.
    expect(normaliseUrl('https://andet.dk/vis?tab=noter', params)?.key).toBe(
      'andet.dk/vis?tab=noter',
    );
  });

  it('keeps the port and maps the bare root to the host', () => {
    expect(normaliseUrl('http://localhost:8080/')).toEqual({
      key: 'localhost:8080',
      site: 'localhost:8080',
    });
  });

  it('refuses pages that are not documents', () => {
    for (const raw of [
      'chrome://settings',
      'about:blank',
      'javascript:alert(1)',
      'data:text/html,x',
      'nonsense',
    ]) {
      expect(normaliseUrl(raw)).toBeNull();
    }
  });

  it('lists the non-tracking parameter names for the per-site choice', () => {
    expect(queryParamNames('https://a.dk/?ID=1&utm_medium=x&tab=2&id=3')).toEqual(['id', 'tab']);
  });
});
