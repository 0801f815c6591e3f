/**
 * The outbox: nothing a resident sends is lost. Every write is stored in the
 * host page's IndexedDB *before* it is sent, and leaves only when the server
 * has answered for good. It is sent again on `online`, when the page becomes
 * visible, on the next page load and on a backoff timer; the Idempotency-Key
 * makes every resend safe, so the server stores it once.
 */
import * as z from 'zod/mini';
import type { Locale } from '../i18n/index.js';
import type { ApiIssue } from '../schemas/common.js';
import { OutboxEntry } from '../schemas/outbox.js';
import { postIdempotent } from './client.js';

/** What became of an entry; every open page hears it, through a BroadcastChannel. */
export type OutboxNotice =
  | { id: string; kind: 'delivered'; value: unknown }
  | { id: string; kind: 'rejected'; status: number; errors: ApiIssue[] }
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
  send?: (entry: OutboxEntry) => ReturnType<typeof postIdempotent<unknown>>;
  now?: () => number;
}

/** One outbox per page: queues writes, delivers them once, tells listeners what happened. */
export class Outbox {
  readonly #storage: Promise<OutboxStorage>;
  readonly #send: NonNullable<OutboxOptions['send']>;
  readonly #now: () => number;
  readonly #listeners = new Set<(notice: OutboxNotice) => void>();
  readonly #channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel('samskab-outbox') : undefined;
  #running: Promise<void> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: OutboxOptions) {
    this.#storage = options.storage;
    this.#now = options.now ?? Date.now;
    this.#send =
      options.send ??
      ((entry) =>
        postIdempotent(entry.url, entry.body, entry.id, entry.locale, z.unknown(), {
          signal: AbortSignal.timeout(REQUEST_TIMEOUT),
        }));
    this.#channel?.addEventListener('message', (event: MessageEvent<OutboxNotice>) =>
      this.#emit(event.data, false),
    );
  }

  /** Hears every notice, from this page and from other pages of the same site. */
  subscribe(listener: (notice: OutboxNotice) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Stores a write, tries it at once and resolves with its first notice:
   * `delivered`, `rejected`, or `waiting` (kept, will be sent later).
   */
  async submit(request: { id: string; url: string; body: string; locale: Locale }) {
    let stop = () => {};
    const first = new Promise<OutboxNotice>((resolve) => {
      stop = this.subscribe((notice) => {
        if (notice.id === request.id) {
          stop();
          resolve(notice);
        }
      });
    });
    const storage = await this.#storage;
    const now = this.#now();
    await storage.put({ ...request, createdAt: now, attempts: 0, nextAttemptAt: now });
    await this.flush().catch(() => {});
    // The flush has said what became of the entry, unless it failed outright or
    // another page holds it; then it is kept, and will be tried again.
    const kept: OutboxNotice = {
      id: request.id,
      kind: 'waiting',
      nextAttemptAt: now + backoff(1),
      persisted: storage.persisted,
    };
    const notice = await Promise.race([first, Promise.resolve(kept)]);
    stop();
    return notice;
  }

  /**
   * Sends every entry that is due (or every entry, with `all`: the connection
   * is back, so waiting out a backoff helps nobody), one run at a time in this
   * page and across pages.
   */
  flush(all = false): Promise<void> {
    const run = () => this.#deliverDue(all);
    const locked = async () => {
      if (typeof navigator === 'undefined' || !navigator.locks) return run();
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

  /** How many entries wait, for a page that wants to say so. */
  async pending(): Promise<number> {
    return (await (await this.#storage).all()).length;
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
      if (!all && entry.nextAttemptAt > this.#now()) continue;
      const result = await this.#send(entry);
      if (result.kind === 'ok') {
        await storage.delete(entry.id);
        this.#emit({ id: entry.id, kind: 'delivered', value: result.value });
      } else if (result.kind === 'rejected') {
        await storage.delete(entry.id);
        this.#emit({
          id: entry.id,
          kind: 'rejected',
          status: result.status,
          errors: result.errors,
        });
      } else {
        const attempts = entry.attempts + 1;
        const nextAttemptAt = this.#now() + (result.retryAfterMs ?? backoff(attempts));
        await storage.put({ ...entry, attempts, nextAttemptAt });
        this.#emit({ id: entry.id, kind: 'waiting', nextAttemptAt, persisted: storage.persisted });
      }
    }
    this.#schedule(await storage.all());
  }

  #schedule(entries: OutboxEntry[]) {
    clearTimeout(this.#timer);
    if (entries.length === 0) return;
    const next = Math.min(...entries.map((e) => e.nextAttemptAt));
    this.#timer = setTimeout(() => void this.flush(), Math.max(0, next - this.#now()));
  }

  #emit(notice: OutboxNotice, broadcast = true) {
    if (broadcast) this.#channel?.postMessage(notice);
    for (const listener of this.#listeners) listener(notice);
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
