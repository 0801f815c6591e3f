// Reference-server figures: how many sign-ups per second the real server
// stores over loopback, beside raw better-sqlite3 doing the same durable
// writes in the same run, so the figure says what HTTP, validation and
// idempotency cost on top of the disk. Run alone: `npx tsx test/bench/server-bench.ts`.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { openActivityStore } from '../../src/server/activities/store.js';
import { openDatabase } from '../../src/server/database.js';
import { openSignupStore } from '../../src/server/signups/store.js';
import { CONCURRENCY, REQUESTS, rawWrites, serverWrites } from './loopback.js';
import { type BenchRow, printRows } from './report.js';

const body = (i: number) =>
  JSON.stringify({
    activityId: 'besoegsven',
    name: `Søren Ågård ${i}`,
    email: `soren${i}@example.dk`,
    phone: '12 34 56 78',
    help: 'Højtlæsning om tirsdagen, Æblevej 5, Ærøskøbing',
    ageBand: '18-plus',
    consent: true,
  });

/** Sign-ups per second through the server, and raw SQLite as the peer. */
export async function benchServer(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'samskab-server-bench-'));
  try {
    const server = await serverWrites(join(dir, 'server.db'), {
      path: 'signups',
      body,
      what: 'sign-up',
    });
    const raw = await rawInserts(join(dir, 'raw.db'));
    const peer = { name: 'raw better-sqlite3', value: raw };
    return [
      {
        name: `sign-ups/s, server on loopback (${CONCURRENCY} concurrent, ${REQUESTS})`,
        value: server.perSecond,
        unit: '/s',
        peer,
        better: 'higher',
      },
      {
        name: 'sign-up latency p50 (server, loopback)',
        value: server.p50,
        unit: 'ms',
        better: 'lower',
      },
      {
        name: 'sign-up latency p95 (server, loopback)',
        value: server.p95,
        unit: 'ms',
        better: 'lower',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same rows the server writes per sign-up (the sign-up and its
 * idempotency record), in the server's own schema (indexes, foreign key) and
 * with the same durability: WAL, synchronous=FULL, one transaction per sign-up.
 */
async function rawInserts(dbPath: string): Promise<number> {
  const schema = await openDatabase(dbPath);
  const activities = await openActivityStore(schema);
  await activities.seed(DEMO_ACTIVITIES, new Date());
  await openSignupStore(schema, activities);
  await schema.close();
  return rawWrites(dbPath, (db) => {
    const signup = db.prepare('INSERT INTO signups VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const key = db.prepare('INSERT INTO idempotency VALUES (?, ?, ?, ?, ?, ?)');
    const insert = db.transaction((i: number) => {
      const id = randomUUID();
      const at = new Date().toISOString();
      const fields = JSON.parse(body(i));
      signup.run(
        id,
        'besoegsven',
        fields.name,
        fields.email,
        fields.phone,
        fields.help,
        '18-plus',
        0,
        at,
      );
      key.run(randomUUID(), 'hash', 201, JSON.stringify({ id, createdAt: at }), id, at);
    });
    return (i) => insert.immediate(i);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows('Reference server (loopback)', await benchServer());
}
