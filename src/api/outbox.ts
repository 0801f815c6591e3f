/**
 * The outbox: nothing a resident sends is lost. Every write is stored in the
 * host page's IndexedDB *before* it is sent, and leaves only when the server
 * has answered for good. It is sent again on `online`, when the page becomes
 * visible, on the next page load and on a backoff timer; the Idempotency-Key
 * makes every resend safe, so the server stores it once. What became of it is
 * kept too, until a widget has told the resident: a write delivered on a later
 * visit, with no page listening, is shown by the next widget of its kind.
 */
import type { Locale } from '../i18n/index.js';
import type { ApiIssue } from '../schemas/common.js';
import { OutboxEntry } from '../schemas/outbox.js';
import { postIdempotent } from './client.js';

/**
 * What became of an entry, with the `context` it was sent with; every open
 * page hears it, through a BroadcastChannel.
 */
export type OutboxNotice =
  | { id: string; kind: 'delivered'; value: unknown; context?: unknown }
  | { id: string; kind: 'rejected'; status: number; errors: ApiIssue[]; context?: unknown }
  | { id: string; kind: 'waiting'; nextAttemptAt: number; persisted: boolean };

/** Where entries wait: IndexedDB, or memory where the browser gives no IndexedDB. */
export interface OutboxStorage {
  readonly persisted: boolean;
  all(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  delete(id: string): Promise<void>;
}

/** One IndexedDB request as a promise. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * IndexedDB storage, `samskab-outbox` in the host page's origin. Plain
 * IndexedDB rather than `idb` (which the extension uses): four calls do not
 * justify 1.3 KB gzip in a bundle every resident downloads.
 */
export async function openIdbStorage(name = 'samskab-outbox'): Promise<OutboxStorage> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('outbox', { keyPath: 'id' });
  const db = await done(open);
  // A newer Samskab on this page wants to upgrade: get out of its way.
  db.onversionchange = () => db.close();
  // A write counts once its transaction has committed, not when its request succeeds.
  const write = (change: (store: IDBObjectStore) => void) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction('outbox', 'readwrite');
      change(tx.objectStore('outbox'));
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  return {
    persisted: true,
    async all() {
      const rows: unknown[] = await done(
        db.transaction('outbox', 'readonly').objectStore('outbox').getAll(),
      );
      return rows.flatMap((row) => {
        const parsed = OutboxEntry.safeParse(row);
        return parsed.success ? [parsed.data] : [];
      });
    },
    put: (entry) => write((store) => store.put(entry)),
    delete: (id) => write((store) => store.delete(id)),
  };
}

/** Memory storage: keeps retrying while the page is open, and says it is not persisted. */
export function memoryStorage(): OutboxStorage {
  const entries = new Map<string, OutboxEntry>();
  return {
    persisted: false,
    all: async () => [...entries.values()],
    put: async (entry) => void entries.set(entry.id, entry),
    delete: async (id) => void entries.delete(id),
  };
}

const MIN_DELAY = 2_000;
const MAX_DELAY = 5 * 60_000;
const REQUEST_TIMEOUT = 15_000;

/**
 * How long an entry is retried before it is given back to the resident as not
 * sent. No longer than the server keeps idempotency records (7 days), so a
 * resend can never store a write twice; test/api/outbox.test.ts holds them together.
 */
export const EXPIRES_AFTER = 7 * 24 * 3_600_000;

/** The wait before attempt `attempts + 1`: exponential with jitter, 2 s up to 5 min. */
export function backoff(attempts: number, random = Math.random): number {
  const base = Math.min(MAX_DELAY, MIN_DELAY * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** A fresh Idempotency-Key: 128 random bits as hex, without needing a secure context. */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface OutboxOptions {
  storage: Promise<OutboxStorage>;
  /** Sends one entry; defaults to an idempotent POST. */
  send?: (entry: OutboxEntry) => ReturnType<typeof postIdempotent>;
  now?: () => number;
}

/** One outbox per page: queues writes, delivers them once, tells listeners what happened. */
export class Outbox {
  readonly #storage: Promise<OutboxStorage>;
  readonly #send: NonNullable<OutboxOptions['send']>;
  readonly #now: () => number;
  readonly #listeners = new Set<(notice: OutboxNotice) => unknown>();
  readonly #channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel('samskab-outbox') : undefined;
  #running: Promise<void> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Entries a widget in this page has sent or taken: each is handed out once. */
  readonly #taken = new Set<string>();

  constructor(options: OutboxOptions) {
    this.#storage = options.storage;
    this.#now = options.now ?? Date.now;
    this.#send =
      options.send ?? ((entry) => postIdempotent(entry, AbortSignal.timeout(REQUEST_TIMEOUT)));
    this.#channel?.addEventListener('message', (event: MessageEvent<OutboxNotice>) =>
      this.#emit(event.data, false),
    );
  }

  /**
   * Hears every notice, from this page and from other pages of the same site.
   * A listener returns true when it has told the resident what became of a
   * write; then the outbox forgets it, and no later visit shows it again.
   */
  subscribe(listener: (notice: OutboxNotice) => unknown): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Stores a write, tries it at once and resolves with its first notice:
   * `delivered`, `rejected`, or `waiting` (kept, will be sent later).
   */
  async submit(request: {
    id: string;
    url: string;
    body: string;
    locale: Locale;
    context?: unknown;
  }) {
    this.#taken.add(request.id);
    let first: OutboxNotice | undefined;
    const stop = this.subscribe((notice) => {
      if (notice.id === request.id) first ??= notice;
      return false;
    });
    const storage = await this.#storage;
    const now = this.#now();
    try {
      await storage.put({
        ...request,
        kind: 'waiting',
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
      } as OutboxEntry);
      await this.flush().catch(() => {});
    } finally {
      stop();
    }
    // The flush has said what became of the entry, unless it failed outright or
    // another page holds it; then it is kept, and will be tried again.
    return (
      first ?? {
        id: request.id,
        kind: 'waiting',
        nextAttemptAt: now + backoff(1),
        persisted: storage.persisted,
      }
    );
  }

  /**
   * Sends every entry that is due (or every entry, with `all`: the connection
   * is back, so waiting out a backoff helps nobody), one run at a time in this
   * page and across pages.
   */
  flush(all = false): Promise<void> {
    const run = () => this.#deliverDue(all);
    const locked = async () => {
      if (!globalThis.navigator?.locks) return run();
      let started = false;
      try {
        return await navigator.locks.request('samskab-outbox', () => {
          started = true;
          return run();
        });
      } catch (error) {
        // Locks are storage: where the browser blocks storage (a third-party
        // iframe with third-party storage off) the request is denied. Run alone.
        if (!started) return run();
        throw error;
      }
    };
    this.#running = this.#running.then(locked, locked);
    return this.#running;
  }

  /**
   * The entries for the URLs `match` accepts that no widget in this page has
   * had yet: waiting ones to listen for, and settled ones to show, which are
   * forgotten as they are handed out.
   */
  async take(match: (url: string) => unknown) {
    const storage = await this.#storage;
    const entries = (await storage.all()).filter((e) => match(e.url) && !this.#taken.has(e.id));
    for (const e of entries) {
      this.#taken.add(e.id);
      if (e.kind !== 'waiting') await storage.delete(e.id);
    }
    return entries;
  }

  /** Stops timers and the channel; for tests and pages that tear Samskab down. */
  dispose() {
    clearTimeout(this.#timer);
    this.#channel?.close();
    this.#listeners.clear();
  }

  async #deliverDue(all: boolean) {
    const storage = await this.#storage;
    for (const entry of await storage.all()) {
      if (entry.kind !== 'waiting' || (!all && entry.nextAttemptAt > this.#now())) continue;
      const result =
        this.#now() - entry.createdAt > EXPIRES_AFTER
          ? // Given back as not sent rather than tried for ever; widgets say it in their own words.
            {
              kind: 'rejected' as const,
              status: 0,
              errors: [{ path: '', code: 'error.expired', message: '' }],
            }
          : await this.#send(entry);
      const attempts = entry.attempts + 1;
      const next: OutboxEntry =
        result.kind === 'retry'
          ? {
              ...entry,
              attempts,
              nextAttemptAt: this.#now() + (result.retryAfterMs ?? backoff(attempts)),
            }
          : { ...entry, ...result, kind: result.kind === 'ok' ? 'delivered' : 'rejected' };
      // A settled entry is kept until a widget has shown it: perhaps no page is listening.
      await storage.put(next);
      // The entry is its own notice (a waiting one says whether it is persisted).
      this.#emit({ ...next, persisted: storage.persisted } as OutboxNotice);
    }
    this.#schedule((await storage.all()).filter((e) => e.kind === 'waiting'));
  }

  #schedule(entries: OutboxEntry[]) {
    clearTimeout(this.#timer);
    if (entries.length === 0) return;
    const next = Math.min(...entries.map((e) => e.nextAttemptAt));
    this.#timer = setTimeout(() => void this.flush(), Math.max(0, next - this.#now()));
  }

  #emit(notice: OutboxNotice, broadcast = true) {
    if (broadcast) this.#channel?.postMessage(notice);
    let told: unknown;
    for (const listener of this.#listeners) told = listener(notice) || told;
    // Only a settled notice can be told (widgets do not tell about waiting).
    if (told) void this.#storage.then((s) => s.delete(notice.id));
  }
}

let shared: Outbox | undefined;

/**
 * The page's outbox, made on first use: it opens IndexedDB (memory if that
 * fails), sends what an earlier visit left, and listens for `online` and for the
 * page becoming visible.
 */
export function pageOutbox(): Outbox {
  if (shared) return shared;
  const storage = openIdbStorage().catch(() => memoryStorage());
  const outbox = new Outbox({ storage });
  shared = outbox;
  addEventListener('online', () => void outbox.flush(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void outbox.flush(true);
  });
  void outbox.flush(true);
  return outbox;
}
