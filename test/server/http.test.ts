/**
 * Over a real socket: what `app.request()` cannot show (concurrency, chunked
 * uploads, several instances on one database), on the engine the run is for.
 */
import { request } from 'node:http';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/database.js';
import type { RunningServer, StartOptions } from '../../src/server/server.js';
import { newDatabaseTarget } from '../support/databases.js';
import { startTempServer } from '../support/temp-server.js';
import { ADMIN_TOKEN, afterTest, asAdmin, newKey, signupBody, tempDir } from './support.js';

const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0).reverse()) await server.close();
});

/** A new, empty database's path or URL, removed after the test. */
async function newTarget() {
  const { target, remove } = await newDatabaseTarget();
  afterTest(remove);
  return target;
}

/**
 * A server on `dbPath` (a new database by default), closed after the test.
 * It is given the admin token, as PostgreSQL requires: instances share it.
 */
async function start(options: Partial<StartOptions> = {}) {
  const dbPath = options.dbPath ?? (await newTarget());
  const server = await startTempServer({
    widgetsDir: tempDir(),
    adminToken: ADMIN_TOKEN,
    ...options,
    dbPath,
  });
  running.push(server);
  return { server, dbPath };
}

const post = (url: string, body: unknown, key: string) =>
  fetch(new URL('api/v1/signups', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });

/** How many sign-ups the database at `target` holds, read beside the servers on it. */
async function countRows(target: string): Promise<number> {
  const db = await openDatabase(target);
  try {
    const { rows } = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM signups`.execute(db.kysely);
    // PostgreSQL's count(*) is a BIGINT, which pg gives as a string.
    return Number(rows[0]!.n);
  } finally {
    await db.close();
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
    expect(await countRows(dbPath)).toBe(100);
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
    expect(await countRows(dbPath)).toBe(1);
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
    expect(await countRows(dbPath)).toBe(0);
  });

  it('refuses a body whose Content-Length is over 16 KiB with 413 and stores nothing', async () => {
    const { server, dbPath } = await start();
    const body = JSON.stringify(signupBody({ help: 'æ'.repeat(9000) }));
    const res = await fetch(new URL('api/v1/signups', server.url), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
        'Idempotency-Key': newKey(),
      },
      body,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].code).toBe('error.bodyTooLarge');
    expect(await countRows(dbPath)).toBe(0);
  });

  it('serves the public list and reports the port and token it started with', async () => {
    const { server } = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.adminToken).toBe(ADMIN_TOKEN);
    const res = await fetch(new URL('api/v1/activities', server.url));
    expect((await res.json()).map((a: { id: string }) => a.id)).toEqual([
      'besoegsven',
      'lektiecafe',
      'naturpleje',
    ]);
  });

  it('rejects start when the port is taken', async () => {
    const { server } = await start();
    await expect(
      startTempServer({
        port: server.port,
        dbPath: await newTarget(),
        adminToken: ADMIN_TOKEN,
        demo: false,
      }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

// What a load balancer in front of two instances does. On SQLite these are
// two connections to one file; on PostgreSQL, two pools on one database.
describe('two server instances on one database', () => {
  /** Two servers on one new database, and the database's path or URL. */
  async function twoInstances() {
    const { server: first, dbPath } = await start({ rateLimit: false });
    const { server: second } = await start({ dbPath, rateLimit: false, demo: false });
    return { servers: [first, second] as const, dbPath };
  }

  it('stores one sign-up for one Idempotency-Key sent to both at once, both answering alike', async () => {
    const { servers, dbPath } = await twoInstances();
    const key = newKey();
    // Ten to each, interleaved, so the two instances' transactions meet.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(servers[i % 2]!.url, signupBody(), key)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    const bodies = new Set(await Promise.all(answers.map((r) => r.text())));
    expect(bodies.size).toBe(1);
    expect(answers.filter((r) => r.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(19);
    expect(await countRows(dbPath)).toBe(1);
  });

  it('stores exactly 100 rows for 100 concurrent sign-ups spread across both', async () => {
    const { servers, dbPath } = await twoInstances();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        post(servers[i % 2]!.url, signupBody({ name: `Frivillig ${i}` }), newKey()),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(100).fill(201));
    const ids = new Set(await Promise.all(answers.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(100);
    expect(await countRows(dbPath)).toBe(100);
    // Each instance lists what the other stored.
    for (const server of servers) {
      const listed = await fetch(new URL('api/v1/signups', server.url), { headers: asAdmin() });
      expect((await listed.json()).map((s: { id: string }) => s.id).sort()).toEqual(
        [...ids].sort(),
      );
    }
  });
});
