// What the server benches share: the real server on loopback taking public
// POSTs from a worker thread, and the peer, raw better-sqlite3 making the same
// durable writes in the same run.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { FeatureFactory } from '../../src/server/feature.js';
import type { RateLimitOptions } from '../../src/server/http/rate-limit.js';
import { startTempServer } from '../support/temp-server.js';

export const REQUESTS = 3000;
export const WARMUP = 200;
export const CONCURRENCY = 8;
/** The admin token of every bench server. */
export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

/** Throughput and latency of one server run. */
export interface LoopbackFigures {
  perSecond: number;
  p50: number;
  p95: number;
}

// The load runs in a worker thread, so the server's event loop is its own, as
// in production; plain JS because workers do not inherit tsx's loader. It posts
// with node:http over kept-alive connections (one per concurrent client), not
// fetch: on this 2-core machine undici's fetch took ~2 ms of CPU per request,
// about as much as the server's own work, so the figure was the client's.
const LOAD_SCRIPT = `
const { parentPort, workerData: w } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: w.concurrency });
const post = (body) =>
  new Promise((resolve, reject) => {
    const req = http.request(
      w.url,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'Idempotency-Key': randomUUID(),
        },
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
(async () => {
  const latencies = [];
  let next = 0;
  const send = async (i) => {
    const started = performance.now();
    const status = await post(w.bodies[i]);
    if (status !== 201) throw new Error(w.what + ' ' + (w.from + i) + ': HTTP ' + status);
    latencies.push(performance.now() - started);
  };
  const worker = async () => { while (next < w.bodies.length) await send(next++); };
  const started = performance.now();
  await Promise.all(Array.from({ length: w.concurrency }, worker));
  agent.destroy();
  parentPort.postMessage({ ms: performance.now() - started, latencies });
})().catch((error) => { throw error; });
`;

/** What to post, and where. */
export interface LoopbackLoad {
  /** Under /api/v1, e.g. `signups`. */
  path: string;
  /** The i-th request's JSON body. */
  body: (i: number) => string;
  /** Named in the error when a request is refused, e.g. `sign-up`. */
  what: string;
  features?: readonly FeatureFactory[];
  /** The public-write limit; off by default, so the figure is the write's own. */
  rateLimit?: RateLimitOptions | false;
  /** Where the server's mail goes: an SMTP server, none at all (`false`), or kept (the demo's default). */
  mail?: { url: string; from: string } | false;
}

function load(url: URL, { body, what }: LoopbackLoad, from: number, count: number) {
  const bodies = Array.from({ length: count }, (_, i) => body(from + i));
  const worker = new Worker(LOAD_SCRIPT, {
    eval: true,
    workerData: { url: url.href, from, bodies, what, concurrency: CONCURRENCY },
  });
  return new Promise<{ ms: number; latencies: number[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

/** `REQUESTS` POSTs (after `WARMUP`) to a demo server on `dbPath` (a file or a PostgreSQL URL), rate limit off unless asked. */
export async function serverWrites(dbPath: string, what: LoopbackLoad): Promise<LoopbackFigures> {
  const server = await startTempServer({
    dbPath,
    // PostgreSQL asks for one: instances share it.
    adminToken: BENCH_ADMIN_TOKEN,
    rateLimit: what.rateLimit ?? false,
    ...(what.features ? { features: what.features } : {}),
    ...(what.mail === false ? { mail: false as const } : what.mail ? { smtp: what.mail } : {}),
  });
  const url = new URL(`api/v1/${what.path}`, server.url);
  try {
    await load(url, what, 0, WARMUP);
    const { ms, latencies } = await load(url, what, WARMUP, REQUESTS);
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
 * Writes per second of `write` (one transaction per call, made by `prepare` on
 * the database at `dbPath`, whose schema the caller has made) with the server's
 * durability: WAL, synchronous=FULL, foreign keys; after `WARMUP` calls.
 */
export function rawWrites(
  dbPath: string,
  prepare: (db: Database.Database) => (i: number) => void,
  count = REQUESTS,
): number {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const write = prepare(db);
  for (let i = 0; i < WARMUP; i++) write(i);
  const started = performance.now();
  for (let i = 0; i < count; i++) write(i);
  const perSecond = count / ((performance.now() - started) / 1000);
  db.close();
  return perSecond;
}
