// Reflection figures: what <samskab-reflection-prompt> costs in gzip bytes, and
// how many reflections per second the real server stores over loopback,
// beside raw better-sqlite3 doing the same durable writes in the same run.
// Run alone: `npx tsx test/bench/reflection-bench.ts` (after `npm run build:widgets`).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { activitiesFeature } from '../../src/server/activities/feature.js';
import { openActivityStore } from '../../src/server/activities/store.js';
import { openDatabase } from '../../src/server/database.js';
import { reflectionsFeature } from '../../src/server/reflections/feature.js';
import { openInvitations } from '../../src/server/reflections/invitations.js';
import { openReflectionStore } from '../../src/server/reflections/store.js';
import { budgets, bundleSize, widgetSize } from '../support/bundle-size.js';
import { budgets as pageBudgets, pageSize, TAGS } from '../support/page-sizes.js';
import { CONCURRENCY, REQUESTS, rawWrites, serverWrites } from './loopback.js';
import { type BenchRow, printRows } from './report.js';

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

/** Sizes, and reflections per second through the server with raw SQLite as the peer. */
export async function benchReflections(): Promise<BenchRow[]> {
  const signup = 'signup-form/signup-form.ts';
  const reflection = 'reflection-prompt/reflection-prompt.ts';
  const alone = await widgetSize(reflection);
  // What the reflection prompt adds to a page that already has the sign-up form.
  const added = (await bundleSize([signup, reflection])) - (await bundleSize([signup]));
  const rows: BenchRow[] = [
    {
      name: 'reflection prompt alone (gzip -9)',
      value: alone / 1024,
      unit: 'KB',
      better: 'lower',
      goal: `≤ ${budgets.widget / 1024} KB`,
    },
    {
      name: 'reflection prompt added beside the sign-up form (gzip -9)',
      value: added / 1024,
      unit: 'KB',
      better: 'lower',
      goal: '≤ 3.5 KB',
    },
    {
      name: 'a page with every widget: loader and chunks (gzip -9)',
      value: pageSize(TAGS) / 1024,
      unit: 'KB',
      better: 'lower',
      goal: `≤ ${pageBudgets.all / 1024} KB`,
    },
  ];

  const dir = mkdtempSync(join(tmpdir(), 'samskab-reflection-bench-'));
  try {
    const server = await serverWrites(join(dir, 'server.db'), {
      path: 'reflections',
      body,
      what: 'reflection',
      features: [activitiesFeature, reflectionsFeature],
    });
    const raw = await rawInserts(join(dir, 'raw.db'));
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

/**
 * The rows the server writes per reflection (the reflection and its
 * idempotency record), in the feature's own schema and with the same
 * durability: WAL, synchronous=FULL, one transaction each.
 */
async function rawInserts(dbPath: string): Promise<number> {
  const schema = await openDatabase(dbPath);
  const activities = await openActivityStore(schema);
  await activities.seed(DEMO_ACTIVITIES, new Date());
  await openReflectionStore(schema, activities, await openInvitations(schema));
  await schema.close();
  return rawWrites(dbPath, (db) => {
    const reflection = db.prepare(
      'INSERT INTO reflections VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
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
        // The bench posts without invitations to a demo activity, which takes open ones.
        'open',
      );
      key.run(randomUUID(), 'hash', 201, JSON.stringify({ id, createdAt: at }), id, at);
    });
    return (i) => insert.immediate(i);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows('Reflections', await benchReflections());
}
