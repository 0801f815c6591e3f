import { afterEach, describe, expect, it } from 'vitest';
import { sharedBuckets } from '../../src/server/http/shared-buckets.js';
import { newDatabase } from '../support/databases.js';

// Only the database: the buckets need no app.
const disposals: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposals.splice(0)) await dispose();
});
async function freshDb() {
  const fresh = await newDatabase();
  disposals.push(fresh.dispose);
  return fresh;
}
function manualClock(t = Date.parse('2026-11-30T09:00:00Z')) {
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('token buckets in the shared database', () => {
  it('grants the burst, refuses with the seconds to wait, and refills on the clock', async () => {
    const { db } = await freshDb();
    const clock = manualClock();
    const buckets = (await sharedBuckets(db)).for('write', { perMinute: 6, burst: 2 }, clock.now);
    expect(await buckets.take('192.0.2.1')).toBe(0);
    expect(await buckets.take('192.0.2.1')).toBe(0);
    expect(await buckets.wait('192.0.2.1')).toBe(10);
    expect(await buckets.take('192.0.2.1')).toBe(10);
    // Another client, and the same client for another purpose, have buckets of their own.
    expect(await buckets.take('192.0.2.2')).toBe(0);
    const auth = (await sharedBuckets(db)).for('auth', { perMinute: 6, burst: 1 }, clock.now);
    expect(await auth.take('192.0.2.1')).toBe(0);
    clock.advance(10_000);
    expect(await buckets.wait('192.0.2.1')).toBe(0);
    expect(await buckets.take('192.0.2.1')).toBe(0);
    expect(await buckets.take('192.0.2.1')).toBe(10);
  });

  it('never grants more than the burst to racing requests', async () => {
    const { db } = await freshDb();
    const clock = manualClock();
    const buckets = (await sharedBuckets(db)).for('write', { perMinute: 1, burst: 5 }, clock.now);
    const answers = await Promise.all(Array.from({ length: 40 }, () => buckets.take('192.0.2.9')));
    expect(answers.filter((wait) => wait === 0)).toHaveLength(5);
  });

  it('forgets buckets untouched for a day', async () => {
    const { db } = await freshDb();
    const clock = manualClock();
    const shared = await sharedBuckets(db);
    const buckets = shared.for('write', { perMinute: 1, burst: 1 }, clock.now);
    await buckets.take('192.0.2.1');
    expect(await buckets.wait('192.0.2.1')).toBeGreaterThan(0);
    clock.advance(86_400_001);
    await shared.prune(new Date(clock.now()));
    clock.advance(-86_400_001);
    expect(await buckets.wait('192.0.2.1')).toBe(0);
  });
});
