import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateAdminToken, tokenPathFor } from '../../src/server/admin-token.js';
import { startTempServer } from '../support/temp-server.js';
import { tempDir } from './support.js';

describe('generated admin token', () => {
  it('is made once, kept beside the database with mode 0600, and reused', () => {
    const dbPath = join(tempDir(), 'samskab.db');
    const first = loadOrCreateAdminToken(dbPath);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const path = tokenPathFor(dbPath);
    expect(path).toBe(`${dbPath}.admin-token`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.token);

    const second = loadOrCreateAdminToken(dbPath);
    expect(second).toEqual({ token: first.token, created: false });
  });

  it('tightens a token file whose mode was loosened', () => {
    const dbPath = join(tempDir(), 'samskab.db');
    const { token } = loadOrCreateAdminToken(dbPath);
    chmodSync(tokenPathFor(dbPath), 0o644);
    expect(loadOrCreateAdminToken(dbPath).token).toBe(token);
    expect(statSync(tokenPathFor(dbPath)).mode & 0o777).toBe(0o600);
  });

  it('refuses a token file that holds no usable token', () => {
    const dbPath = join(tempDir(), 'samskab.db');
    writeFileSync(tokenPathFor(dbPath), 'kort\n', { mode: 0o600 });
    expect(() => loadOrCreateAdminToken(dbPath)).toThrow(/delete it/);
  });
});

describe('a server on an SQLite file without SAMSKAB_ADMIN_TOKEN', () => {
  it('reuses the token it generated on the next start', async () => {
    const dbPath = join(tempDir(), 'samskab.db');
    const first = await startTempServer({ dbPath, widgetsDir: tempDir() });
    const token = first.adminToken;
    expect(first.adminTokenCreated).toBe(true);
    await first.close();
    const second = await startTempServer({ dbPath, widgetsDir: tempDir() });
    try {
      expect(second).toMatchObject({ adminToken: token, adminTokenCreated: false });
      const res = await fetch(new URL('api/v1/signups', second.url), {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
