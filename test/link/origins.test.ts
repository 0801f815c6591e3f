import { describe, expect, it } from 'vitest';
import {
  allowedOrigin,
  checkOrigin,
  originPattern,
  parseServerOrigins,
} from '../../src/link/origins.js';

describe('SAMSKAB_SERVER_ORIGINS', () => {
  it('reads comma-separated origins, normalised and without duplicates', () => {
    expect(parseServerOrigins(undefined)).toEqual([]);
    expect(parseServerOrigins('  ')).toEqual([]);
    expect(
      parseServerOrigins(
        'https://Samskab.Kommune.dk, http://127.0.0.1:8787 ,https://samskab.kommune.dk:443,http://localhost:3000/',
      ),
    ).toEqual(['https://samskab.kommune.dk', 'http://127.0.0.1:8787', 'http://localhost:3000']);
  });

  it.each([
    ['http://samskab.kommune.dk', /plain http is allowed only for localhost/],
    ['ftp://samskab.kommune.dk', /only https/],
    ['https://*.kommune.dk', /wildcard/],
    ['https://samskab.kommune.dk/api', /no path/],
    ['https://samskab.kommune.dk?x=1', /no path, query/],
    ['https://user:pw@samskab.kommune.dk', /credentials/],
    ['samskab.kommune.dk', /not a URL/],
    ['http://192.168.1.2:8080', /plain http/],
  ])('refuses %s with a clear message', (raw, why) => {
    expect(() => parseServerOrigins(`https://ok.dk,${raw}`)).toThrow(why);
    expect(() => parseServerOrigins(raw)).toThrow(/SAMSKAB_SERVER_ORIGINS: ".+" is not allowed/);
    expect(checkOrigin(raw).ok).toBe(false);
  });

  it('makes match patterns: with the port for Chrome, without for Firefox', () => {
    expect(originPattern('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/*');
    expect(originPattern('http://127.0.0.1:8787', 'firefox')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://samskab.kommune.dk', 'firefox')).toBe(
      'https://samskab.kommune.dk/*',
    );
  });

  it('accepts a typed server address only when the build may reach its origin', () => {
    const allowed = ['https://samskab.kommune.dk', 'http://127.0.0.1:8787'];
    expect(allowedOrigin('samskab.kommune.dk', allowed)).toBe('https://samskab.kommune.dk');
    expect(allowedOrigin(' https://samskab.kommune.dk/leder ', allowed)).toBe(
      'https://samskab.kommune.dk',
    );
    expect(allowedOrigin('http://127.0.0.1:8787', allowed)).toBe('http://127.0.0.1:8787');
    expect(allowedOrigin('http://samskab.kommune.dk', allowed)).toBeNull();
    expect(allowedOrigin('https://evil.example', allowed)).toBeNull();
    expect(allowedOrigin('https://samskab.kommune.dk', [])).toBeNull();
    expect(allowedOrigin('::', allowed)).toBeNull();
  });
});
