import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/server/config.js';

describe('parseConfig', () => {
  it('defaults to 127.0.0.1:8787 and data/samskab.db under the working directory', () => {
    expect(parseConfig({}, '/srv/samskab')).toEqual({
      ok: true,
      warnings: [],
      config: {
        port: 8787,
        host: '127.0.0.1',
        dbPath: '/srv/samskab/data/samskab.db',
        adminToken: undefined,
        allowedOrigins: [],
        demo: false,
        trustProxy: false,
        retentionMonths: 12,
      },
    });
  });

  it('reads every variable', () => {
    const result = parseConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      SAMSKAB_DB: '/var/lib/samskab/s.db',
      SAMSKAB_ADMIN_TOKEN: 'a-long-enough-admin-token-123',
      SAMSKAB_ALLOWED_ORIGINS: 'https://www.eksempel.dk, https://intra.eksempel.dk/',
      SAMSKAB_DEMO: '1',
      SAMSKAB_TRUST_PROXY: '1',
      SAMSKAB_RETENTION_MONTHS: '6',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        port: 0,
        host: '0.0.0.0',
        dbPath: '/var/lib/samskab/s.db',
        adminToken: 'a-long-enough-admin-token-123',
        allowedOrigins: ['https://www.eksempel.dk', 'https://intra.eksempel.dk'],
        demo: true,
        trustProxy: true,
        retentionMonths: 6,
      },
    });
  });

  it('keeps sign-ups 12 months by default and refuses a retention that is not 1–120 months', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, config: { retentionMonths: 12 } });
    for (const bad of ['0', '121', 'tolv', '1.5']) {
      expect(parseConfig({ SAMSKAB_RETENTION_MONTHS: bad }), bad).toMatchObject({
        ok: false,
        errors: [expect.stringContaining('SAMSKAB_RETENTION_MONTHS')],
      });
    }
  });

  it('warns about and ignores origins that could never match', () => {
    const result = parseConfig({
      SAMSKAB_ALLOWED_ORIGINS:
        'https://ok.dk,www.uden-skema.dk,https://sti.dk/frivillig,ftp://x.dk',
    });
    expect(result.ok && result.config.allowedOrigins).toEqual(['https://ok.dk']);
    expect(result.warnings).toHaveLength(3);
    expect(result.warnings[0]).toContain('www.uden-skema.dk');
  });

  it('collects every bad value into clear messages', () => {
    const result = parseConfig({
      PORT: '80a',
      SAMSKAB_ADMIN_TOKEN: 'kort',
      SAMSKAB_DEMO: 'ja',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toMatchInlineSnapshot(`
      [
        "PORT must be a whole number from 0 to 65535, got "80a".",
        "SAMSKAB_ADMIN_TOKEN must be at least 24 characters without spaces; unset it to have one generated.",
        "SAMSKAB_DEMO must be 1 or 0, got "ja".",
      ]
    `);
  });

  it('refuses a port above 65535', () => {
    expect(parseConfig({ PORT: '70000' }).ok).toBe(false);
  });
});
