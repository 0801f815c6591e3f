// Reference-server figures: how many sign-ups per second the real server
// stores over loopback, beside raw better-sqlite3 doing the same durable
// writes in the same run, so the figure says what HTTP, validation and
// idempotency cost on top of the disk. Run alone: `npx tsx test/bench/server-bench.ts`.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openStore } from '../../src/server/db.js';
import { DEMO_ACTIVITIES } from '../../src/server/demo/seed.js';
import { startServer } from '../../src/server/server.js';
import { type BenchRow, printRows } from './report.js';

const REQUESTS = 3000;
const WARMUP = 200;
const CONCURRENCY = 8;

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
    const server = await serverRun(join(dir, 'server.db'));
    const raw = rawInserts(join(dir, 'raw.db'), REQUESTS);
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

// The load runs in a worker thread, so the server's event loop is its own,
// as in production; plain JS because workers do not inherit tsx's loader.
const LOAD_SCRIPT = `
const { parentPort, workerData: w } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
(async () => {
  const latencies = [];
  let next = w.from;
  const send = async (i) => {
    const started = performance.now();
    const res = await fetch(w.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: w.bodies[i - w.from],
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error('sign-up ' + i + ': HTTP ' + res.status);
    latencies.push(performance.now() - started);
  };
  const worker = async () => { while (next < w.from + w.count) await send(next++); };
  const started = performance.now();
  await Promise.all(Array.from({ length: w.concurrency }, worker));
  parentPort.postMessage({ ms: performance.now() - started, latencies });
})().catch((error) => { throw error; });
`;

function load(url: URL, from: number, count: number) {
  const bodies = Array.from({ length: count }, (_, i) => body(from + i));
  const worker = new Worker(LOAD_SCRIPT, {
    eval: true,
    workerData: { url: url.href, from, count, bodies, concurrency: CONCURRENCY },
  });
  return new Promise<{ ms: number; latencies: number[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

async function serverRun(dbPath: string) {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dbPath,
    allowedOrigins: [],
    demo: true,
    rateLimit: false,
  });
  const url = new URL('api/v1/signups', server.url);
  try {
    await load(url, 0, WARMUP);
    const { ms, latencies } = await load(url, WARMUP, REQUESTS);
    latencies.sort((a, b) => a - b);
    return {
      perSecond: REQUESTS / (ms / 1000),
      p50: latencies[Math.floor(latencies.length * 0.5)]!,
      p95: latencies[Math.floor(latencies.length * 0.95)]!,
    };
  } finally {
    await server.close();
  }
}

/**
 * The same rows the server writes per sign-up (the sign-up and its
 * idempotency record), in the server's own schema (indexes, foreign key) and
 * with the same durability: WAL, synchronous=FULL, one transaction per sign-up.
 */
function rawInserts(dbPath: string, count: number): number {
  const schema = openStore(dbPath);
  schema.seedActivities(DEMO_ACTIVITIES, new Date());
  schema.close();
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
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
  for (let i = 0; i < WARMUP; i++) insert.immediate(i);
  const started = performance.now();
  for (let i = 0; i < count; i++) insert.immediate(i);
  const perSecond = count / ((performance.now() - started) / 1000);
  db.close();
  return perSecond;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows('Reference server (loopback)', await benchServer());
}
