// The link client against a fetch that answers as the server's contract says,
// with its real cache on fake-indexeddb and the token in WXT's fake browser storage.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { idbSnapshotCache } from '../../src/link/cache.js';
import { createLinkClient, LINK_KEY, LinkError } from '../../src/link/client.js';
import type { SidepanelSignup, SidepanelSnapshot } from '../../src/schemas/sidepanel.js';

const SERVER = 'http://127.0.0.1:8787';

const signup: SidepanelSignup = {
  id: '0b6f1f1e-4f5c-4d0e-9a64-1c2d3e4f5a6b',
  activityId: 'lektiecafe',
  activityTitle: 'Lektiecafé',
  name: 'Amina Hansen',
  email: 'amina@example.dk',
  phone: '12345678',
  help: 'Matematik',
  ageBand: '18-plus',
  status: 'ny',
  createdAt: '2026-12-03T10:00:00.000Z',
};
const snapshot: SidepanelSnapshot = {
  fetchedAt: '2026-12-04T09:30:00.000Z',
  person: 'Mette Koordinator',
  inbox: [signup],
  today: [],
  followUps: [],
  pulse: [],
};

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: string | undefined;
}

/** A fetch that records every request and answers from `route`. */
function fakeServer(route: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: (init.headers ?? {}) as Record<string, string>,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      credentials: init.credentials,
    };
    calls.push(call);
    return route(call);
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const errors = (status: number, code: string) =>
  json(status, { errors: [{ code, message: code, path: [] }] });

/** The server of the contract, with one device token. */
function contractServer() {
  let token: string | null = null;
  let status: SidepanelSignup['status'] = 'ny';
  return fakeServer(({ url, method, headers, body }) => {
    const path = url.slice(SERVER.length);
    if (method === 'POST' && path === '/api/v1/sidepanel/forbind') {
      const { code } = body as { code: string };
      if (!/^[A-Z2-9]{8}$/.test(code)) return errors(400, 'error.pairing.code');
      if (code !== 'ABCD2345') return errors(400, 'error.pairing.unknown');
      token = 'tok-1';
      return json(201, { token, server: 'Aarhus Kommune', person: 'Mette', role: 'coordinator' });
    }
    if (headers.authorization !== `Bearer ${token}` || !token)
      return errors(401, 'error.device.revoked');
    if (method === 'GET' && path === '/api/v1/sidepanel/oversigt')
      return json(200, { ...snapshot, inbox: [{ ...signup, status }] });
    if (method === 'POST' && path === `/api/v1/sidepanel/tilmeldinger/${signup.id}/status`) {
      const next = (body as { status: typeof status }).status;
      if (status !== 'ny' && next === 'ny') return errors(409, 'error.signup.move');
      status = next;
      return json(200, { ...signup, status });
    }
    if (method === 'POST' && path.startsWith('/api/v1/sidepanel/tilmeldinger/'))
      return errors(404, 'error.signup.notFound');
    if (method === 'DELETE' && path === '/api/v1/sidepanel/forbindelse') {
      token = null;
      return new Response(null, { status: 204 });
    }
    return new Response('not found', { status: 404 });
  });
}

let n = 0;
function client(fetch: typeof globalThis.fetch) {
  const cache = idbSnapshotCache(`link-test-${++n}`);
  return { cache, link: createLinkClient({ fetch, cache, origins: [SERVER] }) };
}

async function expectCode(p: Promise<unknown>, code: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LinkError);
  expect((e as LinkError).code).toBe(code);
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => fakeBrowser.reset());

describe('the link client', () => {
  it('pairs, keeps the token in extension storage, and caches the snapshot apart', async () => {
    const server = contractServer();
    const { link, cache } = client(server.fetch);
    expect(await link.state()).toBeNull();

    const state = await link.pair(`${SERVER}/leder`, ' abcd2345 ', ' Min bærbare ');
    expect(state).toMatchObject({ server: SERVER, token: 'tok-1', person: 'Mette' });
    expect(server.calls[0]).toMatchObject({
      url: `${SERVER}/api/v1/sidepanel/forbind`,
      method: 'POST',
      body: { code: 'ABCD2345', device: 'Min bærbare' },
      credentials: 'omit',
    });
    expect((await fakeBrowser.storage.local.get(LINK_KEY))[LINK_KEY]).toMatchObject({
      token: 'tok-1',
    });

    const fetched = await link.refresh();
    expect(fetched.snapshot.inbox[0]?.name).toBe('Amina Hansen');
    expect(server.calls[1]?.headers.authorization).toBe('Bearer tok-1');
    expect((await cache.read())?.snapshot.fetchedAt).toBe(snapshot.fetchedAt);
    expect((await link.cached())?.snapshot.person).toBe('Mette Koordinator');
  });

  it('says why a code is refused, and keeps nothing', async () => {
    const { link } = client(contractServer().fetch);
    await expectCode(link.pair(SERVER, 'ABCD2346', 'x'), 'error.pairing.unknown');
    await expectCode(link.pair(SERVER, 'abc', 'x'), 'error.pairing.code');
    await expectCode(link.pair('https://evil.example', 'ABCD2345', 'x'), 'error.link.origin');
    expect(await link.state()).toBeNull();
  });

  it('reads the cache offline, and says there is no connection', async () => {
    const server = contractServer();
    const { link } = client(server.fetch);
    await link.pair(SERVER, 'ABCD2345', 'x');
    await link.refresh();
    const offline = createLinkClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      cache: idbSnapshotCache(`link-test-${n}`),
      origins: [SERVER],
    });
    await expectCode(offline.refresh(), 'error.link.network');
    expect((await offline.cached())?.snapshot.inbox.map((s) => s.name)).toEqual(['Amina Hansen']);
  });

  it('erases the token and the cache when the workplace revoked the device', async () => {
    const server = contractServer();
    const { link, cache } = client(server.fetch);
    await link.pair(SERVER, 'ABCD2345', 'x');
    await link.refresh();
    // The workplace unpairs the device: the server no longer knows the token.
    await fakeBrowser.storage.local.set({
      [LINK_KEY]: { ...(await link.state()), token: 'revoked' },
    });
    await expectCode(link.refresh(), 'error.device.revoked');
    expect(await link.state()).toBeNull();
    expect(await cache.read()).toBeNull();
    expect(await link.cached()).toBeNull();
  });

  it('moves a sign-up to kontaktet, and the cache follows', async () => {
    const server = contractServer();
    const { link } = client(server.fetch);
    await link.pair(SERVER, 'ABCD2345', 'x');
    await link.refresh();
    const moved = await link.setStatus(signup.id, 'kontaktet');
    expect(moved.status).toBe('kontaktet');
    expect(server.calls.at(-1)).toMatchObject({
      method: 'POST',
      url: `${SERVER}/api/v1/sidepanel/tilmeldinger/${signup.id}/status`,
      body: { status: 'kontaktet' },
    });
    expect((await link.cached())?.snapshot.inbox[0]?.status).toBe('kontaktet');
    await expectCode(link.setStatus(signup.id, 'ny'), 'error.signup.move');
    await expectCode(link.setStatus('unknown-id', 'kontaktet'), 'error.link.notFound');
  });

  it('"Afbryd forbindelse" tells the server and forgets everything, even offline', async () => {
    const server = contractServer();
    const { link, cache } = client(server.fetch);
    await link.pair(SERVER, 'ABCD2345', 'x');
    await link.refresh();
    await link.unpair();
    expect(server.calls.at(-1)).toMatchObject({
      method: 'DELETE',
      url: `${SERVER}/api/v1/sidepanel/forbindelse`,
      headers: { authorization: 'Bearer tok-1' },
    });
    expect(await link.state()).toBeNull();
    expect(await cache.read()).toBeNull();

    await link.pair(SERVER, 'ABCD2345', 'x');
    await link.refresh();
    const offline = createLinkClient({
      fetch: async () => {
        throw new TypeError('offline');
      },
      cache,
      origins: [SERVER],
    });
    await offline.unpair();
    expect(await link.state()).toBeNull();
    expect(await cache.read()).toBeNull();
  });

  it('refuses an answer that does not match the contract', async () => {
    const { link } = client(
      fakeServer(({ method }) =>
        method === 'POST'
          ? json(201, { token: 't', server: '', person: 'P', role: 'coordinator' })
          : json(200, { ...snapshot, inbox: [{ ...signup, ageBand: 'old' }] }),
      ).fetch,
    );
    await link.pair(SERVER, 'ABCD2345', 'x');
    await expectCode(link.refresh(), 'error.link.server');
    expect(await link.cached()).toBeNull();
  });

  it('sends only the contract’s fields: a code and a device name, then the token', async () => {
    const server = contractServer();
    const { link } = client(server.fetch);
    await link.pair(SERVER, 'ABCD2345', 'Min bærbare');
    await link.refresh();
    await link.setStatus(signup.id, 'kontaktet');
    await link.unpair();
    const sent = server.calls.map((c) => ({
      method: c.method,
      keys: c.body === undefined ? [] : Object.keys(c.body as object).sort(),
      headers: Object.keys(c.headers).sort(),
    }));
    expect(sent).toEqual([
      { method: 'POST', keys: ['code', 'device'], headers: ['accept', 'content-type'] },
      { method: 'GET', keys: [], headers: ['accept', 'authorization'] },
      { method: 'POST', keys: ['status'], headers: ['accept', 'authorization', 'content-type'] },
      { method: 'DELETE', keys: [], headers: ['accept', 'authorization'] },
    ]);
  });
});

describe('a request that never finishes', () => {
  it('counts as no connection after the timeout, whatever the fetch does', async () => {
    const cache = idbSnapshotCache(`link-test-${++n}`);
    const never = (() => new Promise<Response>(() => {})) as typeof globalThis.fetch;
    const link = createLinkClient({ fetch: never, cache, origins: [SERVER], timeoutMs: 30 });
    await expectCode(link.pair(SERVER, 'ABCD2345', 'x'), 'error.link.network');
  });
});
