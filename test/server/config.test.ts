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
        publicUrl: undefined,
        rateLimit: { perMinute: 20, burst: 10 },
        retentionMonths: 12,
        auditMonths: 24,
        oidc: undefined,
      },
    });
  });

  it('takes SAMSKAB_DATABASE_URL over SAMSKAB_DB, with an admin token, and never prints its password', () => {
    const url = 'postgres://samskab:hemmelig@db.eksempel.dk:5432/samskab';
    expect(
      parseConfig({
        SAMSKAB_DATABASE_URL: url,
        SAMSKAB_DB: 'ignored.db',
        SAMSKAB_ADMIN_TOKEN: 'a-long-enough-admin-token-123',
      }),
    ).toMatchObject({ ok: true, config: { dbPath: url } });
    const noToken = parseConfig({ SAMSKAB_DATABASE_URL: url });
    expect(noToken.ok === false && noToken.errors).toEqual([
      'SAMSKAB_ADMIN_TOKEN must be set with SAMSKAB_DATABASE_URL: every instance must know the same token.',
    ]);
    const notPostgres = parseConfig({ SAMSKAB_DATABASE_URL: 'mysql://samskab:hemmelig@db/x' });
    expect(notPostgres.ok === false && notPostgres.errors[0]).toMatch(
      /^SAMSKAB_DATABASE_URL must be a PostgreSQL URL .*mysql:\/\/samskab:\*\*\*\*\*@db\/x/,
    );
    expect(JSON.stringify(notPostgres)).not.toContain('hemmelig');
  });

  it('keeps SAMSKAB_DB=:memory: as an in-memory database, not a file of that name', () => {
    expect(parseConfig({ SAMSKAB_DB: ':memory:' }, '/srv/samskab')).toMatchObject({
      ok: true,
      config: { dbPath: ':memory:' },
    });
  });

  it('reads SAMSKAB_PUBLIC_URL as an origin, and refuses one with a path', () => {
    expect(
      parseConfig({ SAMSKAB_PUBLIC_URL: 'https://samskab.eksempel.dk/' }, '/srv'),
    ).toMatchObject({ ok: true, config: { publicUrl: 'https://samskab.eksempel.dk' } });
    const bad = parseConfig({ SAMSKAB_PUBLIC_URL: 'https://eksempel.dk/samskab' }, '/srv');
    expect(bad).toMatchObject({ ok: false });
    expect(bad.ok === false && bad.errors[0]).toMatch(/SAMSKAB_PUBLIC_URL .* no path/);
  });

  it('reads SAMSKAB_RATE_LIMIT per second, minute or hour, with or without a burst, or off', () => {
    const limit = (raw: string) => {
      const result = parseConfig({ SAMSKAB_RATE_LIMIT: raw }, '/srv');
      return result.ok ? result.config.rateLimit : result.errors;
    };
    expect(limit('60/min,burst=20')).toEqual({ perMinute: 60, burst: 20 });
    expect(limit(' 120 / min ')).toEqual({ perMinute: 120, burst: 60 });
    expect(limit('2/s')).toEqual({ perMinute: 120, burst: 60 });
    expect(limit('600/h,burst=5')).toEqual({ perMinute: 10, burst: 5 });
    expect(limit('off')).toBe(false);
    for (const bad of ['lots', '60', '60/day', '0/min', '60/min,burst=0', '-5/min']) {
      expect(limit(bad)).toEqual([expect.stringMatching(/^SAMSKAB_RATE_LIMIT must look like/)]);
    }
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

  it('reads SAMSKAB_SMTP_URL with SAMSKAB_MAIL_FROM, both or neither, and never prints the password', () => {
    const smtp = (env: Record<string, string>) => {
      const result = parseConfig(env, '/srv');
      return result.ok ? result.config.smtp : result.errors;
    };
    expect(smtp({})).toBeUndefined();
    const url = 'smtps://samskab:hemmelig@mail.eksempel.dk:465';
    const from = 'Eksempel Kommune <frivillig@eksempel.dk>';
    const site = { SAMSKAB_PUBLIC_URL: 'https://samskab.eksempel.dk' };
    expect(smtp({ ...site, SAMSKAB_SMTP_URL: url, SAMSKAB_MAIL_FROM: from })).toEqual({
      url,
      from,
    });
    expect(smtp({ SAMSKAB_SMTP_URL: url, SAMSKAB_MAIL_FROM: from })).toEqual([
      'SAMSKAB_SMTP_URL needs SAMSKAB_PUBLIC_URL: the links in mail (cancel links, invitations) start with it.',
    ]);
    expect(
      smtp({ ...site, SAMSKAB_SMTP_URL: 'smtp://mail.eksempel.dk', SAMSKAB_MAIL_FROM: 'a@b.dk' }),
    ).toEqual({
      url: 'smtp://mail.eksempel.dk',
      from: 'a@b.dk',
    });
    expect(smtp({ SAMSKAB_MAIL_FROM: from })).toEqual([
      'SAMSKAB_MAIL_FROM needs SAMSKAB_SMTP_URL: there is no server to send from.',
    ]);
    const bad = smtp({
      ...site,
      SAMSKAB_SMTP_URL: 'https://user:hemmelig@mail.eksempel.dk',
      SAMSKAB_MAIL_FROM: 'Kommunen',
    });
    expect(bad).toEqual([
      expect.stringMatching(
        /^SAMSKAB_SMTP_URL must look like smtp:\/\/.*got "https:\/\/user:\*\*\*\*\*@mail/,
      ),
      expect.stringMatching(/^SAMSKAB_MAIL_FROM must be an address/),
    ]);
    expect(JSON.stringify(bad)).not.toContain('hemmelig');
  });

  it('refuses a port above 65535', () => {
    expect(parseConfig({ PORT: '70000' }).ok).toBe(false);
  });
});
