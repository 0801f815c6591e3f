import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WriteResult } from '../../src/api/client.js';
import {
  backoff,
  EXPIRES_AFTER,
  memoryStorage,
  newKey,
  Outbox,
  type OutboxNotice,
  openIdbStorage,
} from '../../src/api/outbox.js';
import type { OutboxEntry } from '../../src/schemas/outbox.js';
import { IDEMPOTENCY_RETENTION_MS } from '../../src/server/idempotency-records.js';

const outboxes: Outbox[] = [];
let dbCount = 0;

/** A fresh outbox over fresh IndexedDB, with a scripted server. */
function make(
  answers: Array<WriteResult<unknown>>,
  storage = openIdbStorage(`outbox-test-${++dbCount}`),
  now?: () => number,
) {
  const sent: OutboxEntry[] = [];
  const outbox = new Outbox({
    storage,
    now,
    send: async (entry) => {
      sent.push(entry);
      return answers.shift() ?? { kind: 'ok', value: { id: entry.id } };
    },
  });
  outboxes.push(outbox);
  /** How many entries still wait to be sent. */
  const pending = async () =>
    (await (await storage).all()).filter((e) => e.kind === 'waiting').length;
  return { outbox, sent, storage, pending };
}

const request = (id = newKey()) => ({
  id,
  url: 'https://samskab.example/api/v1/signups',
  body: JSON.stringify({ name: 'Søren Ågård' }),
  locale: 'da' as const,
});

afterEach(() => {
  for (const outbox of outboxes.splice(0)) outbox.dispose();
  vi.useRealTimers();
});

describe('Outbox', () => {
  it('sends a write at once and forgets it once the server has it', async () => {
    const { outbox, sent, pending } = make([]);
    const notice = await outbox.submit(request('key-aaaaaaaaaaaaaaaa'));
    expect(notice).toMatchObject({
      id: 'key-aaaaaaaaaaaaaaaa',
      kind: 'delivered',
      value: { id: 'key-aaaaaaaaaaaaaaaa' },
    });
    expect(sent).toHaveLength(1);
    expect(await pending()).toBe(0);
  });

  it('keeps the write when the server is down and says when it will try again', async () => {
    const { outbox, pending } = make([{ kind: 'retry' }]);
    const before = Date.now();
    const notice = await outbox.submit(request());
    expect(notice.kind).toBe('waiting');
    const waiting = notice as Extract<OutboxNotice, { kind: 'waiting' }>;
    expect(waiting.persisted).toBe(true);
    expect(waiting.nextAttemptAt).toBeGreaterThanOrEqual(before + 1_500);
    expect(await pending()).toBe(1);
  });

  it('honours Retry-After from a busy server', async () => {
    const { outbox } = make([{ kind: 'retry', status: 429, retryAfterMs: 30_000 }]);
    const before = Date.now();
    const notice = (await outbox.submit(request())) as Extract<OutboxNotice, { kind: 'waiting' }>;
    expect(notice.nextAttemptAt).toBeGreaterThanOrEqual(before + 30_000);
  });

  it('drops a write the server refuses for good and reports why', async () => {
    const errors = [{ path: 'email', code: 'error.email.invalid', message: 'Skriv en gyldig …' }];
    const { outbox, pending } = make([{ kind: 'rejected', status: 400, errors }]);
    const notice = await outbox.submit(request());
    expect(notice).toMatchObject({ kind: 'rejected', status: 400, errors });
    expect(await pending()).toBe(0);
  });

  it('sends what an earlier page load left, with the same key, exactly once', async () => {
    const storage = openIdbStorage(`outbox-reload-${++dbCount}`);
    const first = make([{ kind: 'retry' }], storage);
    await first.outbox.submit(request('key-bbbbbbbbbbbbbbbb'));
    first.outbox.dispose();

    // The next page load: a new outbox over the same database. Make the entry due now.
    const db = await storage;
    const [entry] = await db.all();
    await db.put({ ...entry!, nextAttemptAt: 0 });
    const second = make([], storage);
    await second.outbox.flush();
    await second.outbox.flush();
    expect(second.sent.map((e) => e.id)).toEqual(['key-bbbbbbbbbbbbbbbb']);
    expect(await second.pending()).toBe(0);
  });

  it('never sends one entry twice when flushes overlap', async () => {
    const { outbox, sent } = make([]);
    await Promise.all([outbox.submit(request()), outbox.flush(), outbox.flush(), outbox.flush()]);
    expect(sent).toHaveLength(1);
  });

  it('retries on its own after the backoff', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { outbox, sent } = make([{ kind: 'retry' }], Promise.resolve(memoryStorage()));
    const delivered = new Promise<void>((resolve) =>
      outbox.subscribe((n) => n.kind === 'delivered' && resolve()),
    );
    const first = await outbox.submit(request());
    expect(first.kind).toBe('waiting');
    await vi.advanceTimersByTimeAsync(3_000);
    await delivered;
    expect(sent).toHaveLength(2);
    expect(sent[0]?.id).toBe(sent[1]?.id);
  });

  it('still sends where the browser denies Web Locks (storage blocked in a third-party iframe)', async () => {
    vi.stubGlobal('navigator', {
      locks: {
        request: () => Promise.reject(new DOMException('The request was denied.', 'SecurityError')),
      },
    });
    try {
      const { outbox, sent } = make([], Promise.resolve(memoryStorage()));
      expect(await outbox.submit(request())).toMatchObject({ kind: 'delivered' });
      expect(sent).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says a write is kept when the send itself fails unexpectedly', async () => {
    const storage = memoryStorage();
    const outbox = new Outbox({
      storage: Promise.resolve(storage),
      send: async () => {
        throw new Error('boom');
      },
    });
    outboxes.push(outbox);
    expect(await outbox.submit(request())).toMatchObject({ kind: 'waiting', persisted: false });
    expect(await storage.all()).toHaveLength(1);
  });

  it('says a memory-only outbox is not persisted', async () => {
    const { outbox } = make([{ kind: 'retry' }], Promise.resolve(memoryStorage()));
    expect(await outbox.submit(request())).toMatchObject({ kind: 'waiting', persisted: false });
  });
});

describe('Outbox: what became of a write', () => {
  it('keeps a delivery no page was listening for, hands it out once, and forgets it', async () => {
    const storage = openIdbStorage(`outbox-later-${++dbCount}`);
    const first = make([{ kind: 'retry' }], storage);
    await first.outbox.submit({ ...request('key-cccccccccccccccc'), context: { name: 'Søren' } });
    first.outbox.dispose();

    // A later visit delivers it while no widget listens.
    const second = make([{ kind: 'ok', value: { status: 'claimed' } }], storage);
    await second.outbox.flush(true);
    const signups = (url: string) => url.endsWith('/signups');
    const [kept] = await second.outbox.take(signups);
    expect(kept).toMatchObject({
      id: 'key-cccccccccccccccc',
      kind: 'delivered',
      value: { status: 'claimed' },
      context: { name: 'Søren' },
    });
    // Handed out once per page, and gone from storage.
    expect(await second.outbox.take(signups)).toEqual([]);
    expect(await (await storage).all()).toEqual([]);
  });

  it('hands a waiting entry to a widget of its kind only, to listen for', async () => {
    const { outbox } = make([{ kind: 'retry' }]);
    await outbox.submit(request('key-dddddddddddddddd'));
    // This page's own writes are not handed out again.
    expect(await outbox.take(() => true)).toEqual([]);
    const storage = openIdbStorage(`outbox-kind-${++dbCount}`);
    const other = make([{ kind: 'retry' }], storage);
    await (await storage).put({
      ...request('key-eeeeeeeeeeeeeeee'),
      kind: 'waiting',
      context: undefined,
      createdAt: 0,
      attempts: 1,
      nextAttemptAt: Date.now() + 60_000,
      value: undefined,
      status: 0,
      errors: [],
    });
    expect(await other.outbox.take((url) => url.endsWith('/claims'))).toEqual([]);
    expect((await other.outbox.take((url) => url.endsWith('/signups'))).map((e) => e.kind)).toEqual(
      ['waiting'],
    );
  });

  it('forgets a settled write at once when a listener has told the resident', async () => {
    const { outbox, storage } = make([{ kind: 'rejected', status: 409, errors: [] }]);
    outbox.subscribe((notice) => notice.kind === 'rejected');
    await outbox.submit(request());
    await vi.waitFor(async () => expect(await (await storage).all()).toEqual([]));
  });

  it('gives a write back as not sent after it has failed for longer than the server keeps idempotency records', async () => {
    let now = 1_000_000;
    const { outbox, sent, storage } = make([{ kind: 'retry' }], undefined, () => now);
    expect((await outbox.submit(request())).kind).toBe('waiting');
    now += EXPIRES_AFTER + 1;
    const notices: OutboxNotice[] = [];
    outbox.subscribe((n) => void notices.push(n));
    await outbox.flush(true);
    expect(sent).toHaveLength(1);
    expect(notices).toMatchObject([
      { kind: 'rejected', status: 0, errors: [{ code: 'error.expired' }] },
    ]);
    expect((await (await storage).all()).map((e) => e.kind)).toEqual(['rejected']);
    expect(EXPIRES_AFTER).toBeLessThanOrEqual(IDEMPOTENCY_RETENTION_MS);
  });
});

describe('backoff', () => {
  it('doubles from 2 s up to 5 minutes, with jitter of a quarter either way', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 20].map((n) => backoff(n, mid))).toEqual([
      2_000, 4_000, 8_000, 16_000, 300_000,
    ]);
    expect(backoff(1, () => 0)).toBe(1_500);
    expect(backoff(1, () => 1)).toBe(2_500);
  });
});

describe('newKey', () => {
  it('makes 32 hex characters that the server accepts as an Idempotency-Key', () => {
    const keys = new Set(Array.from({ length: 1000 }, newKey));
    expect(keys.size).toBe(1000);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
  });
});
