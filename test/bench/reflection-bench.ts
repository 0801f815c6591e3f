// Reflection figures: what <samskab-reflection-prompt> costs in gzip bytes, and
// how many reflections per second the real server stores over loopback,
// beside raw better-sqlite3 doing the same durable writes in the same run.
// Run alone: `npx tsx test/bench/reflection-bench.ts` (after `npm run build:widgets`).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { build } from 'vite';
import { openDatabase } from '../../src/server/database.js';
import { openStore } from '../../src/server/db.js';
import { DEMO_ACTIVITIES } from '../../src/server/demo/seed.js';
import { reflectionsFeature } from '../../src/server/reflections/index.js';
import { openReflectionStore } from '../../src/server/reflections/store.js';
import { startServer } from '../../src/server/server.js';
import { budgets, kitSize, widgetSize } from '../support/bundle-size.js';
import { type BenchRow, printRows } from './report.js';

const REQUESTS = 3000;
const WARMUP = 200;
const CONCURRENCY = 8;
const root = resolve(import.meta.dirname, '../..');

const body = (i: number) =>
  JSON.stringify({
    activityId: 'besoegsven',
    shiftId: `vagt-${i % 40}`,
    questionSetVersion: 0,
    answers: {
      meaning: ['yes', 'partly', 'no'][i % 3],
      energy: (i % 5) + 1,
      load: ['too-little', 'right', 'too-much'][i % 3],
      ownership: 'yes',
      belonging: 'partly',
      note: i % 4 === 0 ? 'Det var en god dag, men vi manglede kaffe.' : '',
    },
    ...(i % 10 === 0 ? { contact: '12 34 56 78' } : {}),
  });

/**
 * Gzip size of a bundle of several widgets, built like `widgetSize` builds one:
 * the difference with and without the reflection prompt is what it adds to a
 * page that already has the sign-up form.
 */
async function bundleOf(modules: string[]): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'samskab-reflection-size-'));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const entry = ['internal/jitless.ts', ...modules]
      .map((m) => `import '${root}/widgets/${m}';`)
      .join('');
    await build({
      root,
      logLevel: 'silent',
      build: {
        outDir: dir,
        emptyOutDir: true,
        sourcemap: false,
        rolldownOptions: { input: { samskab: 'virtual:samskab-some' } },
      },
      plugins: [
        {
          name: 'samskab:some-widgets',
          resolveId: (id) => (id === 'virtual:samskab-some' ? `\0${id}` : null),
          load: (id) => (id === '\0virtual:samskab-some' ? entry : null),
        },
      ],
    });
    return gzipSync(await readFile(join(dir, 'samskab.js')), { level: 9 }).length;
  } finally {
    process.env.NODE_ENV = nodeEnv;
    await rm(dir, { recursive: true, force: true });
  }
}

/** Sizes, and reflections per second through the server with raw SQLite as the peer. */
export async function benchReflections(): Promise<BenchRow[]> {
  const signup = 'signup-form/signup-form.ts';
  const reflection = 'reflection-prompt/reflection-prompt.ts';
  const alone = await widgetSize(reflection);
  const added = (await bundleOf([signup, reflection])) - (await bundleOf([signup]));
  const rows: BenchRow[] = [
    {
      name: 'reflection prompt alone (gzip -9)',
      value: alone / 1024,
      unit: 'KB',
      better: 'lower',
      goal: '≤ 20 KB',
    },
    {
      name: 'reflection prompt added beside the sign-up form (gzip -9)',
      value: added / 1024,
      unit: 'KB',
      better: 'lower',
      goal: '≤ 3.5 KB',
    },
    {
      name: 'samskab.js, whole kit with the reflection prompt (gzip -9)',
      value: kitSize() / 1024,
      unit: 'KB',
      better: 'lower',
      goal: `≤ ${budgets.kit / 1024} KB`,
    },
  ];

  const dir = mkdtempSync(join(tmpdir(), 'samskab-reflection-bench-'));
  try {
    const server = await serverRun(join(dir, 'server.db'));
    const raw = rawInserts(join(dir, 'raw.db'), REQUESTS);
    rows.push(
      {
        name: `reflections/s, server on loopback (${CONCURRENCY} concurrent, ${REQUESTS})`,
        value: server.perSecond,
        unit: '/s',
        peer: { name: 'raw better-sqlite3', value: raw },
        better: 'higher',
      },
      {
        name: 'reflection latency p50 (server, loopback)',
        value: server.p50,
        unit: 'ms',
        better: 'lower',
      },
      {
        name: 'reflection latency p95 (server, loopback)',
        value: server.p95,
        unit: 'ms',
        better: 'lower',
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

// The load runs in a worker thread, so the server's event loop is its own, as
// in production; plain JS because workers do not inherit tsx's loader.
const LOAD_SCRIPT = `
const { parentPort, workerData: w } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
(async () => {
  const latencies = [];
  let next = 0;
  const send = async (i) => {
    const started = performance.now();
    const res = await fetch(w.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: w.bodies[i],
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error('reflection ' + i + ': HTTP ' + res.status);
    latencies.push(performance.now() - started);
  };
  const worker = async () => { while (next < w.bodies.length) await send(next++); };
  const started = performance.now();
  await Promise.all(Array.from({ length: w.concurrency }, worker));
  parentPort.postMessage({ ms: performance.now() - started, latencies });
})().catch((error) => { throw error; });
`;

function load(url: URL, from: number, count: number) {
  const bodies = Array.from({ length: count }, (_, i) => body(from + i));
  const worker = new Worker(LOAD_SCRIPT, {
    eval: true,
    workerData: { url: url.href, bodies, concurrency: CONCURRENCY },
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
    features: [reflectionsFeature],
  });
  const url = new URL('api/v1/reflections', server.url);
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
 * The rows the server writes per reflection (the reflection and its
 * idempotency record), in the feature's own schema and with the same
 * durability: WAL, synchronous=FULL, one transaction each.
 */
function rawInserts(dbPath: string, count: number): number {
  const schema = openDatabase(dbPath);
  openStore(schema).seedActivities(DEMO_ACTIVITIES, new Date());
  openReflectionStore(schema);
  schema.close();
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const reflection = db.prepare(
    'INSERT INTO reflections VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const key = db.prepare('INSERT INTO reflection_idempotency VALUES (?, ?, ?, ?, ?, ?)');
  const insert = db.transaction((i: number) => {
    const id = randomUUID();
    const at = new Date().toISOString();
    const fields = JSON.parse(body(i));
    const { note, ...ratings } = fields.answers;
    reflection.run(
      id,
      'besoegsven',
      fields.shiftId,
      JSON.stringify(ratings),
      ratings.energy,
      ratings.load,
      ratings.meaning === 'yes' ? 1 : 0,
      note,
      note ? 'note' : null,
      fields.contact ?? null,
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
  printRows('Reflections', await benchReflections());
}
