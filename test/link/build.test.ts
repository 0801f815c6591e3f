// The least privilege is decided when the extension is built: real builds into
// temporary directories, each in a child process with its own
// SAMSKAB_SERVER_ORIGINS, and their manifests and bundles read back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Built {
  manifest: Record<string, unknown>;
  /** Every JavaScript file of the build, joined. */
  code: string;
}

function buildWith(origins: string | undefined, browser: 'chrome' | 'firefox') {
  const dir = mkdtempSync(join(tmpdir(), 'samskab-ext-'));
  dirs.push(dir);
  const env = { ...process.env };
  delete env.SAMSKAB_SERVER_ORIGINS;
  if (origins !== undefined) env.SAMSKAB_SERVER_ORIGINS = origins;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'test/link/build-extension.ts', dir, browser],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  const out = join(dir, browser === 'chrome' ? 'chrome-mv3' : 'firefox-mv2');
  const read = (): Built => {
    const code: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true }))
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.js')) code.push(readFileSync(join(d, e.name), 'utf8'));
    };
    walk(out);
    return {
      manifest: JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')),
      code: code.join('\n'),
    };
  };
  return { status: run.status, output: `${run.stdout}${run.stderr}`, read };
}

const cspOf = (m: Record<string, unknown>) => {
  const csp = m.content_security_policy as string | { extension_pages: string };
  return typeof csp === 'string' ? csp : csp.extension_pages;
};
const connectSrc = (m: Record<string, unknown>) =>
  /(?:^|;\s*)connect-src ([^;]*)/.exec(cspOf(m))?.[1]?.trim().split(/\s+/);

describe('a build of the sidebar', { timeout: 180_000 }, () => {
  it('without SAMSKAB_SERVER_ORIGINS connects nowhere and has no link feature', () => {
    const build = buildWith(undefined, 'chrome');
    expect(build.status, build.output).toBe(0);
    const { manifest, code } = build.read();
    expect(connectSrc(manifest)).toEqual(["'none'"]);
    expect(manifest.optional_host_permissions).toBeUndefined();
    expect(manifest.host_permissions).toBeUndefined();
    // The client's requests are not in the bundle at all.
    expect(code).not.toContain('/api/v1/sidepanel/');
    expect(code).not.toContain('Bearer ');
    expect(code).not.toContain('permissions.request');
    // The organisation's settings are still read.
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
  });

  it('with one origin may connect to exactly it, and asks for it only as optional', () => {
    const build = buildWith('http://127.0.0.1:8787', 'chrome');
    expect(build.status, build.output).toBe(0);
    const { manifest, code } = build.read();
    expect(connectSrc(manifest)).toEqual(['http://127.0.0.1:8787']);
    expect(manifest.optional_host_permissions).toEqual(['http://127.0.0.1:8787/*']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.permissions).not.toContain('http://127.0.0.1:8787/*');
    expect(code).toContain('/api/v1/sidepanel/');
  });

  it('for Firefox lists the origins as optional permissions', () => {
    const build = buildWith('https://samskab.kommune.dk,http://127.0.0.1:8787', 'firefox');
    expect(build.status, build.output).toBe(0);
    const { manifest } = build.read();
    expect(connectSrc(manifest)).toEqual(['https://samskab.kommune.dk', 'http://127.0.0.1:8787']);
    expect(manifest.optional_permissions).toEqual([
      'https://samskab.kommune.dk/*',
      'http://127.0.0.1/*',
    ]);
    expect(manifest.permissions).not.toContain('http://127.0.0.1/*');
    expect(manifest.storage).toBeUndefined();
    // The token it sends with every request is declared to Firefox's data consent.
    const gecko = (manifest.browser_specific_settings as { gecko: Record<string, unknown> }).gecko;
    expect(gecko.data_collection_permissions).toEqual({
      required: ['authenticationInfo'],
    });
  });

  it('stops with a clear message when an origin is not allowed', () => {
    const build = buildWith('http://samskab.kommune.dk', 'chrome');
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(
      'SAMSKAB_SERVER_ORIGINS: "http://samskab.kommune.dk" is not allowed (plain http is allowed only for localhost and 127.0.0.1)',
    );
  });
});
