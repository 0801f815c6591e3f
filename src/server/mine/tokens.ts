/**
 * The two secrets of "Mine vagter", neither of them a cookie:
 *
 * - a **link** token, mailed to the address: valid 15 minutes, used up by the
 *   button on the page it opens (never by the GET, which mail scanners make
 *   on their own);
 * - a **session** token, given in exchange: valid 30 minutes from the
 *   exchange, carried as a hidden field in the list page's forms, and good
 *   for any number of that page's actions until then (or until the resident
 *   erases themselves, which forgets it).
 *
 * Each is 32 random bytes, base64url; only its SHA-256 is stored, with the
 * address (trimmed, lower-cased) and the expiry, so a copy of the database
 * holds no usable token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Db, migrate, portable, type Queries } from '../database.js';

/** How long a mailed link can be opened. */
export const LINK_VALID_MS = 15 * 60_000;
/** How long the page a link opened can act for its address. */
export const SESSION_VALID_MS = 30 * 60_000;
/** Links an address may have waiting at once: more requests write no more mail (no mail bombing). */
export const MAX_OPEN_LINKS = 3;

const migrations = [
  portable(`
  CREATE TABLE mine_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL CHECK (purpose IN ('link', 'session')),
    email      TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX mine_tokens_by_email ON mine_tokens (email, purpose, expires_at);
  CREATE INDEX mine_tokens_by_expiry ON mine_tokens (expires_at);
  `),
];

type Tables = {
  mine_tokens: {
    token_hash: string;
    purpose: 'link' | 'session';
    email: string;
    expires_at: string;
  };
};

/** A token's shape: 32 bytes, base64url, no padding. */
export const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** An address as it is stored and compared: trimmed, lower-cased. */
export const addressOf = (email: string) => email.trim().toLowerCase();

/** The tokens store; writes go in the caller's transaction where an event needs them together. */
export interface MineTokens {
  /** A new link token for `email`, stored with `trx`; returns the token and how many were already open. */
  issueLink(trx: Queries, email: string, now: Date): Promise<{ token: string; open: number }>;
  /** The address of a link that is still good, without using it up (the page it opens). */
  peekLink(token: string, now: Date): Promise<string | undefined>;
  /**
   * Uses up the link `token` and gives a session token for its address in
   * its place; undefined when the link is unknown, used or expired. Of two
   * exchanges of one link at once, only one succeeds.
   */
  exchange(token: string, now: Date): Promise<{ email: string; session: string } | undefined>;
  /** The address a session token acts for, while it is good. */
  sessionEmail(token: string, now: Date): Promise<string | undefined>;
  /** Forgets every token of `email` (after erasure: nothing of the address is kept). */
  forget(email: string): Promise<void>;
  /** Deletes the tokens expired at `now`; returns how many. */
  prune(now: Date): Promise<number>;
}

/** The tokens on `db`, their table brought up to date. */
export async function openMineTokens(db: Db): Promise<MineTokens> {
  await migrate(db, 'mine', migrations);
  const q = db.kysely.withTables<Tables>();
  const newToken = () => randomBytes(32).toString('base64url');

  const find = async (token: string, purpose: 'link' | 'session', now: Date) => {
    if (!TOKEN.test(token)) return undefined;
    const row = await q
      .selectFrom('mine_tokens')
      .select('email')
      .where('token_hash', '=', hashOf(token))
      .where('purpose', '=', purpose)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return row?.email;
  };

  return {
    issueLink: async (trx, email, now) => {
      const t = trx.withTables<Tables>();
      const address = addressOf(email);
      const { n } = await t
        .selectFrom('mine_tokens')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('email', '=', address)
        .where('purpose', '=', 'link')
        .where('expires_at', '>', now.toISOString())
        .executeTakeFirstOrThrow();
      const token = newToken();
      await t
        .insertInto('mine_tokens')
        .values({
          token_hash: hashOf(token),
          purpose: 'link',
          email: address,
          expires_at: new Date(now.getTime() + LINK_VALID_MS).toISOString(),
        })
        .execute();
      return { token, open: Number(n) };
    },
    peekLink: (token, now) => find(token, 'link', now),
    exchange: async (token, now) => {
      if (!TOKEN.test(token)) return undefined;
      return db.write(async (trx) => {
        const t = trx.withTables<Tables>();
        // One statement: PostgreSQL makes a second transaction deleting the
        // same row wait for the first, then finds it gone; on SQLite the write
        // transaction already excludes every other.
        const [used] = await t
          .deleteFrom('mine_tokens')
          .where('token_hash', '=', hashOf(token))
          .where('purpose', '=', 'link')
          .where('expires_at', '>', now.toISOString())
          .returning('email')
          .execute();
        if (!used) return undefined;
        const session = newToken();
        await t
          .insertInto('mine_tokens')
          .values({
            token_hash: hashOf(session),
            purpose: 'session',
            email: used.email,
            expires_at: new Date(now.getTime() + SESSION_VALID_MS).toISOString(),
          })
          .execute();
        return { email: used.email, session };
      });
    },
    sessionEmail: (token, now) => find(token, 'session', now),
    forget: async (email) => {
      await q.deleteFrom('mine_tokens').where('email', '=', addressOf(email)).execute();
    },
    prune: async (now) => {
      const result = await q
        .deleteFrom('mine_tokens')
        .where('expires_at', '<=', now.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
