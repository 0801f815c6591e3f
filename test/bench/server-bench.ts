// Reference-server figures: how many sign-ups per second the real server
// stores over loopback, on SQLite and on PostgreSQL, each beside raw inserts of
// the same rows with the same durability in the same run, so the figure says
// what HTTP, validation and idempotency cost on top of the database; and how
// long 200 residents racing for 50 places take on each engine.
// Run alone: `npx tsx test/bench/server-bench.ts`.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { openActivityStore } from '../../src/server/activities/store.js';
import { openDatabase } from '../../src/server/database.js';
import { openSignupStore } from '../../src/server/signups/store.js';
import { newDatabaseTarget, POSTGRES_ADMIN_URL } from '../support/databases.js';
import { startTempServer } from '../support/temp-server.js';
import {
  BENCH_ADMIN_TOKEN,
  CONCURRENCY,
  REQUESTS,
  rawWrites,
  serverWrites,
  WARMUP,
} from './loopback.js';
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

/** Sign-ups per second through the server, and raw inserts as the peer, on each engine. */
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
    const race = await claimRace(join(dir, 'race.db'));
    return [
      {
        name: `sign-ups/s, server on loopback (${CONCURRENCY} concurrent, ${REQUESTS})`,
        value: server.perSecond,
        unit: '/s',
        peer,
        better: 'higher',
        // Concurrent sign-ups share one COMMIT (src/server/group-commit.ts); the
        // raw peer commits each alone, as a single writer would.
        goal: '≥ 0.5× raw better-sqlite3',
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
      { name: '200 claims on 50 places, SQLite', value: race, unit: 'ms', better: 'lower' },
      ...(await postgresRows()),
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
    const signup = db.prepare(
      'INSERT INTO signups (id, activity_id, name, email, phone, help, age_band, guardian_consent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const key = db.prepare(
      'INSERT INTO idempotency (key, request_hash, status, body, signup_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
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

/**
 * The same on PostgreSQL: the server on a fresh database beside raw `pg`
 * inserts of the same rows, one transaction each, `CONCURRENCY` at a time,
 * with the server's own durability (synchronous_commit on, its default).
 */
async function postgresRows(): Promise<BenchRow[]> {
  const reachable = await new pg.Client({ connectionString: POSTGRES_ADMIN_URL }).connect().then(
    (client) => client.end().then(() => true),
    () => false,
  );
  if (!reachable) {
    console.log(`  (PostgreSQL at ${POSTGRES_ADMIN_URL} does not answer: no PostgreSQL rows)`);
    return [];
  }
  const serverDb = await newDatabaseTarget('postgres');
  const rawDb = await newDatabaseTarget('postgres');
  const raceDb = await newDatabaseTarget('postgres');
  const limitedDb = await newDatabaseTarget('postgres');
  try {
    const server = await serverWrites(serverDb.target, { path: 'signups', body, what: 'sign-up' });
    const raw = await rawPostgresInserts(rawDb.target);
    // As deployed: every sign-up also takes a token from the bucket the
    // instances share (one client here, so one row), a limit never reached.
    const limited = await serverWrites(limitedDb.target, {
      path: 'signups',
      body,
      what: 'sign-up',
      rateLimit: { perMinute: 1e9, burst: 1e9 },
    });
    return [
      {
        name: `sign-ups/s, server on PostgreSQL (${CONCURRENCY} concurrent, ${REQUESTS})`,
        value: server.perSecond,
        unit: '/s',
        peer: { name: 'raw pg', value: raw },
        better: 'higher',
        goal: '≥ 0.5× raw pg',
      },
      {
        name: 'sign-up latency p95 (server, PostgreSQL)',
        value: server.p95,
        unit: 'ms',
        better: 'lower',
      },
      {
        name: 'sign-ups/s, the same with the shared rate limit on',
        value: limited.perSecond,
        unit: '/s',
        peer: { name: 'raw pg', value: raw },
        better: 'higher',
      },
      {
        name: '200 claims on 50 places, PostgreSQL',
        value: await claimRace(raceDb.target),
        unit: 'ms',
        better: 'lower',
      },
    ];
  } finally {
    for (const db of [serverDb, rawDb, raceDb, limitedDb]) await db.remove();
  }
}

async function rawPostgresInserts(url: string): Promise<number> {
  const schema = await openDatabase(url);
  const activities = await openActivityStore(schema);
  await activities.seed(DEMO_ACTIVITIES, new Date());
  await openSignupStore(schema, activities);
  await schema.close();
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  const insert = async (i: number) => {
    const client = await pool.connect();
    try {
      const id = randomUUID();
      const at = new Date().toISOString();
      const fields = JSON.parse(body(i));
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO signups (id, activity_id, name, email, phone, help, age_band, guardian_consent, created_at)
         VALUES ($1, 'besoegsven', $2, $3, $4, $5, '18-plus', 0, $6)`,
        [id, fields.name, fields.email, fields.phone, fields.help, at],
      );
      await client.query(
        'INSERT INTO idempotency (key, request_hash, status, body, signup_id, created_at) VALUES ($1, $2, 201, $3, $4, $5)',
        [randomUUID(), 'hash', JSON.stringify({ id, createdAt: at }), id, at],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const run = async (from: number, count: number) => {
    let next = from;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < from + count) await insert(next++);
      }),
    );
  };
  try {
    await run(0, WARMUP);
    const started = performance.now();
    await run(WARMUP, REQUESTS);
    return REQUESTS / ((performance.now() - started) / 1000);
  } finally {
    await pool.end();
  }
}

/** Milliseconds for 200 concurrent claims on a shift with 50 places, on the database at `target`. */
async function claimRace(target: string): Promise<number> {
  const server = await startTempServer({
    dbPath: target,
    adminToken: BENCH_ADMIN_TOKEN,
    rateLimit: false,
  });
  try {
    const created = await fetch(new URL('api/v1/shifts', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
      body: JSON.stringify({
        activityId: 'besoegsven',
        title: 'Eftermiddagsbesøg',
        start: '2099-06-01T10:00:00+02:00',
        end: '2099-06-01T12:00:00+02:00',
        capacity: 50,
      }),
    });
    const [{ id }] = (await created.json()) as [{ id: string }];
    const started = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        fetch(new URL(`api/v1/shifts/${id}/claims`, server.url), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({
            name: `Frivillig ${n}`,
            email: `frivillig${n}@example.dk`,
            ageBand: '18-plus',
            consent: true,
            waitlist: true,
          }),
        }).then((res) => res.status),
      ),
    );
    const ms = performance.now() - started;
    if (statuses.some((status) => status !== 201))
      throw new Error(`claim race: ${statuses.join(',')}`);
    return ms;
  } finally {
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows('Reference server (loopback)', await benchServer());
}
