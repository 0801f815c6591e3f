// `npm run samskab -- backup` and `restore` against a real server on a real
// file: a backup taken while residents keep signing up holds every sign-up
// acknowledged before it began, and a restore puts exactly that back.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { samskab } from '../support/cli.js';
import { startTempServer, tempDbPath } from '../support/temp-server.js';
import { ADMIN_TOKEN, newKey, signupBody, tempDir } from './support.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(dbPath: string) {
  const server = await startTempServer({
    dbPath,
    adminToken: ADMIN_TOKEN,
    rateLimit: false,
    widgetsDir: tempDir(),
  });
  servers.push(server);
  return server;
}

async function signUp(server: RunningServer, name: string) {
  const res = await fetch(`${server.url}api/v1/signups`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
    body: JSON.stringify(signupBody({ name })),
  });
  if (res.status !== 201) throw new Error(`sign-up answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Every sign-up the server at `dbPath` lists, by id. */
async function listed(server: RunningServer) {
  const res = await fetch(`${server.url}api/v1/signups`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  const all = (await res.json()) as { id: string; name: string; email: string }[];
  return new Map(all.map((s) => [s.id, s]));
}

function integrity(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}

describe('backup while the server takes sign-ups', () => {
  it('holds every sign-up acknowledged before it began, and restores them uncorrupted', async () => {
    const dbPath = tempDbPath();
    const server = await start(dbPath);
    // A reader holding a snapshot (a long report, say) keeps the server from
    // checkpointing, so every sign-up below lives only in the WAL: a copy of
    // the database file alone would hold none of them.
    const reader = new Database(dbPath, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM schema_versions').get();

    // Residents keep signing up, over loopback, in a bounded loop per client.
    const CLIENTS = 4;
    const MAX_PER_CLIENT = 5_000;
    const acknowledged: { id: string; name: string }[] = [];
    let stop = false;
    let seq = 0;
    const clients = Array.from({ length: CLIENTS }, async () => {
      for (let i = 0; i < MAX_PER_CLIENT && !stop; i++) {
        const name = `Frivillig ${++seq}`;
        acknowledged.push({ id: await signUp(server, name), name });
      }
    });
    const loadBegan = performance.now();
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 10));
    const perSecond = acknowledged.length / ((performance.now() - loadBegan) / 1000);

    const file = join(tempDir(), 'samskab-backup.db');
    // What the residents have been told is stored, as the backup begins.
    const before = acknowledged.slice();
    const started = performance.now();
    const backup = await samskab(['backup', file], { SAMSKAB_DB: dbPath });
    const backupMs = performance.now() - started;
    const duringBackup = acknowledged.length - before.length;
    stop = true;
    await Promise.all(clients);
    reader.exec('COMMIT');
    reader.close();

    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('Sikkerhedskopi gemt');
    expect(backup.stdout).toContain('Backup saved');
    // The writes really ran while the backup did.
    expect(duringBackup).toBeGreaterThan(0);
    expect(integrity(file)).toBe('ok');
    // One self-contained file: no log beside it that a copy could leave behind.
    expect(readdirSync(dirname(file))).toEqual([basename(file)]);

    const restoredPath = join(tempDir(), 'restored', 'samskab.db');
    const restore = await samskab(['restore', file], { SAMSKAB_DB: restoredPath });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(integrity(restoredPath)).toBe('ok');

    const restored = await listed(await start(restoredPath));
    const missing = before.filter((s) => restored.get(s.id)?.name !== s.name);
    expect(missing).toEqual([]);
    // Nothing in it that no resident was told, and nothing garbled.
    const told = new Map(acknowledged.map((s) => [s.id, s.name]));
    for (const s of restored.values()) {
      expect(told.get(s.id)).toBe(s.name);
      expect(s.email).toBe('soren@example.dk');
    }

    const seconds = backupMs / 1000;
    console.info(
      `backup: ${before.length} sign-ups acknowledged before it began (${perSecond.toFixed(0)}/s), ${duringBackup} more during its ` +
        `${backupMs.toFixed(0)} ms (${(duringBackup / seconds).toFixed(0)}/s, CLI start included); ` +
        `${restored.size} in the backup; ${acknowledged.length} in all`,
    );
  }, 60_000);
});

describe('restore', () => {
  it('refuses while a server has the database open, then replaces it and keeps the old file', async () => {
    const dbPath = tempDbPath();
    const server = await start(dbPath);
    const kept = await signUp(server, 'Før kopien');
    const file = join(tempDir(), 'samskab-backup.db');
    expect((await samskab(['backup', file], { SAMSKAB_DB: dbPath })).code).toBe(0);
    const later = await signUp(server, 'Efter kopien');

    const refused = await samskab(['restore', file], { SAMSKAB_DB: dbPath });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('er i brug');
    expect(refused.stderr).toContain('is in use');
    expect(refused.stdout).toBe('');
    // Nothing changed: the server still has both and goes on writing.
    expect([...(await listed(server)).keys()]).toEqual(expect.arrayContaining([kept, later]));
    await signUp(server, 'Stadig i gang');
    expect(readdirSync(dirname(dbPath)).filter((f) => f.includes('before-restore'))).toEqual([]);

    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const restore = await samskab(['restore', file], { SAMSKAB_DB: dbPath });
    expect(restore.code).toBe(0);
    const old = readdirSync(dirname(dbPath)).filter((f) => f.includes('.before-restore-'));
    expect(old).toHaveLength(1);
    expect(old[0]).toMatch(/^samskab\.db\.before-restore-\d{8}T\d{6}Z$/);
    expect(restore.stdout).toContain(join(dirname(dbPath), old[0]!));

    const back = await listed(await start(dbPath));
    expect(back.has(kept)).toBe(true);
    expect(back.has(later)).toBe(false);
    // The replaced database is whole, with what came after the backup.
    const previous = join(dirname(dbPath), old[0]!);
    expect(integrity(previous)).toBe('ok');
    expect(existsSync(`${previous}-wal`)).toBe(false);
    const names = [...(await listed(await start(previous))).values()].map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Før kopien', 'Efter kopien', 'Stadig i gang']));
  }, 60_000);
});
