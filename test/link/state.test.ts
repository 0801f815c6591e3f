// The panel's view of the link, over the real client and cache with a fetch
// that answers as the contract says, then goes away, then says "revoked".
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLinkState } from '../../entrypoints/sidepanel/link/state.js';
import { idbSnapshotCache } from '../../src/link/cache.js';
import { createLinkClient } from '../../src/link/client.js';

const SERVER = 'https://samskab.kommune.dk';
const snapshot = {
  fetchedAt: '2026-12-04T09:30:00.000Z',
  person: 'Mette',
  inbox: [],
  today: [],
  followUps: [],
  pulse: [],
};
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

let mode: 'up' | 'down' | 'revoked' = 'up';
const fetch = (async (input: RequestInfo | URL) => {
  if (mode === 'down') throw new TypeError('Failed to fetch');
  if (String(input).endsWith('/forbind'))
    return json(201, { token: 't', server: '', person: 'Mette', role: 'coordinator' });
  if (mode === 'revoked') return json(401, { errors: [{ code: 'error.device.revoked' }] });
  return json(200, snapshot);
}) as typeof globalThis.fetch;

let n = 0;
const fresh = () =>
  createLinkState(
    createLinkClient({ fetch, cache: idbSnapshotCache(`state-${++n}`), origins: [SERVER] }),
    { serverUrl: SERVER },
  );

beforeEach(() => {
  fakeBrowser.reset();
  mode = 'up';
});

describe('the link as the panel shows it', () => {
  it('starts unpaired, pairs, and shows the snapshot', async () => {
    const link = fresh();
    await link.start();
    expect(link.phase.value).toBe('unpaired');
    expect(await link.pair(SERVER, 'ABCD2345', 'Min pc')).toBe(true);
    expect(link.phase.value).toBe('paired');
    expect(link.data.value?.snapshot.person).toBe('Mette');
    expect(link.managed.serverUrl).toBe(SERVER);
  });

  it('keeps showing the cached lists offline, and says it is offline', async () => {
    const link = fresh();
    await link.start();
    await link.pair(SERVER, 'ABCD2345', 'Min pc');
    mode = 'down';
    expect(await link.refresh()).toBe(false);
    expect(link.offline.value).toBe(true);
    expect(link.problem.value).toBeNull();
    expect(link.data.value?.snapshot.fetchedAt).toBe(snapshot.fetchedAt);
    // A panel opened while offline reads the same from the cache.
    const other = createLinkState(
      createLinkClient({ fetch, cache: idbSnapshotCache(`state-${n}`), origins: [SERVER] }),
    );
    await other.start();
    expect(other.phase.value).toBe('paired');
    expect(other.offline.value).toBe(true);
    expect(other.data.value?.snapshot.fetchedAt).toBe(snapshot.fetchedAt);
  });

  it('forgets everything and says so when the workplace revoked the device', async () => {
    const link = fresh();
    await link.start();
    await link.pair(SERVER, 'ABCD2345', 'Min pc');
    mode = 'revoked';
    await link.refresh();
    expect(link.revoked.value).toBe(true);
    expect(link.phase.value).toBe('unpaired');
    expect(link.data.value).toBeNull();
    // Pairing again clears the notice.
    mode = 'up';
    await link.pair(SERVER, 'ABCD2345', 'Min pc');
    expect(link.revoked.value).toBe(false);
  });

  it('"Afbryd forbindelse" forgets without calling it a revocation', async () => {
    const link = fresh();
    await link.start();
    await link.pair(SERVER, 'ABCD2345', 'Min pc');
    await link.unpair();
    expect(link.phase.value).toBe('unpaired');
    expect(link.revoked.value).toBe(false);
    expect(link.data.value).toBeNull();
  });
});
