/**
 * A token bucket per client: enough to blunt a script flooding the public
 * writes, without storing anything about anyone. In memory for one process
 * (SQLite); in the shared database when several instances serve one
 * (PostgreSQL, see shared-buckets.ts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { apiError } from './errors.js';

/** Sustained requests per minute, and how many may come at once. */
export interface RateLimitOptions {
  perMinute: number;
  burst: number;
}

/** The default for public writes: a family signing up together never meets it; a bot soon does. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perMinute: 20, burst: 10 };

/** Token buckets by client key, wherever they are kept. */
export interface Buckets {
  /** Takes one token for `key`: 0 when granted, otherwise the seconds until one is back. */
  take(key: string): number | Promise<number>;
  /** The seconds until `key` has a token, without taking one: 0 when it has one now. */
  wait(key: string): number | Promise<number>;
  /** Gives back a token taken for `key` (up to the burst). */
  give(key: string): void | Promise<void>;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A bucket table in this process's memory with its own clock, so tests can
 * move time instead of waiting for it. Buckets are forgotten as soon as they
 * are full again.
 */
export class TokenBuckets implements Buckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;
  #lastSweep = 0;

  constructor(
    readonly options: RateLimitOptions,
    readonly now: () => number = Date.now,
  ) {
    this.#perMs = options.perMinute / 60_000;
  }

  /** Takes one token for `key`: 0 when granted, otherwise the seconds until one is back. */
  take(key: string): number {
    const bucket = this.#refill(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.#secondsUntilToken(bucket);
  }

  /** The seconds until `key` has a token, without taking one: 0 when it has one now. */
  wait(key: string): number {
    const bucket = this.#refill(key);
    return bucket.tokens >= 1 ? 0 : this.#secondsUntilToken(bucket);
  }

  /** Gives back a token taken for `key` (up to the burst). */
  give(key: string): void {
    const bucket = this.#refill(key);
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + 1);
  }

  #refill(key: string): Bucket {
    const now = this.now();
    this.#sweep(now);
    const bucket = this.#buckets.get(key) ?? { tokens: this.options.burst, at: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    return bucket;
  }

  #secondsUntilToken(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000));
  }

  /** How many clients are being tracked (for tests: memory stays bounded). */
  get size() {
    return this.#buckets.size;
  }

  // Once a minute, drop buckets that would be full by now: they carry no information.
  #sweep(now: number) {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (now - b.at) * this.#perMs >= this.options.burst) this.#buckets.delete(key);
    }
  }
}

/**
 * The client to count against: the socket's address, or with `trustProxy` the
 * address the proxy appended last to `X-Forwarded-For` (earlier entries are
 * whatever the client chose to send).
 */
export function clientKey(c: Context<AppEnv>, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim()
    : undefined;
  return addressKey(forwarded || c.env?.incoming?.socket?.remoteAddress || 'local');
}

/**
 * One key per client: an IPv4 address (also written IPv4-mapped, `::ffff:…`),
 * or an IPv6 address's /64, since one home or phone is given a whole /64 and
 * could otherwise take a fresh address for every request.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** 429 `error.rateLimited` with `Retry-After` once a client's bucket is empty. */
export function rateLimit(buckets: Buckets, trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const wait = await buckets.take(clientKey(c, trustProxy));
    if (wait > 0) {
      throw apiError(429, 'error.rateLimited', '', { headers: { 'Retry-After': String(wait) } });
    }
    await next();
  };
}
