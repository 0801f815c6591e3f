/** Over a real socket: what `app.request()` cannot show (concurrency, chunked uploads, shutdown). */
import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { startTempServer } from '../support/temp-server.js';
import { newKey, signupBody, tempDir } from './support.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: { rateLimit?: false; dbPath?: string } = {}) {
  const dbPath = options.dbPath ?? join(tempDir(), 'samskab.db');
  server = await startTempServer({ widgetsDir: tempDir(), ...options, dbPath });
  return { server, dbPath };
}

const post = (url: string, body: unknown, key: string) =>
  fetch(new URL('api/v1/signups', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });

function countRows(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM signups').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('server over HTTP', () => {
  it('stores exactly 100 rows for 100 concurrent sign-ups with distinct keys', async () => {
    const { server, dbPath } = await start({ rateLimit: false });
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        post(server.url, signupBody({ name: `Frivillig ${i}` }), newKey()),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(100).fill(201));
    const ids = new Set(await Promise.all(answers.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(100);
    expect(countRows(dbPath)).toBe(100);
  });

  it('stores one row for 20 concurrent replays of one key, all with the same answer', async () => {
    const { server, dbPath } = await start({ rateLimit: false });
    const key = newKey();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(server.url, signupBody(), key)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    const bodies = new Set(await Promise.all(answers.map((r) => r.text())));
    expect(bodies.size).toBe(1);
    expect(answers.filter((r) => r.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(19);
    expect(countRows(dbPath)).toBe(1);
  });

  it('refuses an oversize chunked upload with 413 and stores nothing', async () => {
    const { server, dbPath } = await start();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(new URL('api/v1/signups', server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      // The server may stop reading once it has refused; that is the point.
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
      });
      const chunk = JSON.stringify(signupBody({ help: 'æ'.repeat(1000) }));
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect(countRows(dbPath)).toBe(0);
  });

  it('serves the public list and reports the port and token it started with', async () => {
    const { server } = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.adminToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const res = await fetch(new URL('api/v1/activities', server.url));
    expect((await res.json()).map((a: { id: string }) => a.id)).toEqual([
      'besoegsven',
      'lektiecafe',
      'naturpleje',
    ]);
  });

  it('reuses the generated admin token on the next start', async () => {
    const { server: first, dbPath } = await start();
    const token = first.adminToken;
    await first.close();
    const { server: second } = await start({ dbPath });
    expect(second.adminToken).toBe(token);
    const res = await fetch(new URL('api/v1/signups', second.url), {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  it('rejects start when the port is taken', async () => {
    const { server } = await start();
    await expect(
      startTempServer({ port: server.port, dbPath: join(tempDir(), 'other.db'), demo: false }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
