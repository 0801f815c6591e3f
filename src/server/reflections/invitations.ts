/**
 * Invitations to reflect: single-use tokens, one per claim, that make a
 * reflection count in the pulse. Anyone may post a reflection, so without
 * them two padding answers in a week would lift it over the rule of 3 and
 * show the one real answer.
 *
 * A reflection stays anonymous: an invitation row holds the token's SHA-256,
 * its activity and the day it expires, nothing that names a person or a
 * claim, and using it deletes the row, so nothing is left to link the answer
 * to the claim it came from. The expiry is rounded up to a whole UTC day and
 * the SQLite table has no `rowid`, so neither an instant nor an insertion
 * order ties the rows still waiting to the claims they were issued with.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Db, migrate, portable, type Queries } from '../database.js';

/** How long an invitation can be used: at least this long, to the end of that UTC day. */
export const INVITATION_VALID_MS = 30 * 86_400_000;

const DAY = 86_400_000;

/** SQLite's step without a `rowid` (see the file header); PostgreSQL's tables have none to show. */
const created = portable(`
  CREATE TABLE reflection_invitations (
    token_hash  TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    expires_at  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX reflection_invitations_by_expiry ON reflection_invitations (expires_at);
  CREATE INDEX reflection_invitations_by_activity ON reflection_invitations (activity_id);
  `);
const migrations = [
  { ...created, sqlite: created.sqlite.replace(') STRICT;', ') STRICT, WITHOUT ROWID;') },
  // Where an activity's invitations point: the municipality's own reflection page.
  portable(`
  CREATE TABLE reflection_pages (
    activity_id TEXT PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    url         TEXT NOT NULL
  ) STRICT;
  `),
];

type Tables = {
  reflection_invitations: { token_hash: string; activity_id: string; expires_at: string };
  reflection_pages: { activity_id: string; url: string };
};

/** The invitations store; callers write inside their own transactions (`db.write`). */
export interface Invitations {
  /**
   * A new single-use invitation to reflect on `activityId`, stored with `trx`
   * (the claim's own transaction); returns the token for the link. Only its
   * hash is kept.
   */
  issue(trx: Queries, activityId: string, now: Date): Promise<string>;
  /**
   * Uses `token` for a reflection on `activityId`, with `trx` (the
   * reflection's transaction): true and the invitation gone when it was
   * valid; false when unknown, used, for another activity or expired. Of two
   * transactions using one token at once, only one gets true.
   */
  consume(trx: Queries, token: string, activityId: string, now: Date): Promise<boolean>;
  /** Deletes the invitations expired at `now`; returns how many. */
  prune(now: Date): Promise<number>;
  /**
   * With `trx` (or the database): the municipality's own page with the
   * reflection widget that an activity's invitations link to, or undefined
   * for the server's hosted one.
   */
  pageFor(trx: Queries | undefined, activityId: string): Promise<string | undefined>;
  /** Sets (or, with null, clears) that page. */
  setPage(activityId: string, url: string | null): Promise<void>;
}

/** What is stored for `token`: its SHA-256, so a copy of the database holds no usable token. */
const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The invitations on `db`, their table brought up to date. */
export async function openInvitations(db: Db): Promise<Invitations> {
  await migrate(db, 'invitations', migrations);
  return {
    issue: async (trx, activityId, now) => {
      const token = randomBytes(32).toString('base64url');
      await trx
        .withTables<Tables>()
        .insertInto('reflection_invitations')
        .values({
          token_hash: hashOf(token),
          activity_id: activityId,
          expires_at: new Date(
            Math.ceil((now.getTime() + INVITATION_VALID_MS) / DAY) * DAY,
          ).toISOString(),
        })
        .execute();
      return token;
    },
    consume: async (trx, token, activityId, now) => {
      // One statement: PostgreSQL makes a second transaction deleting the
      // same row wait for the first, then finds it gone; on SQLite the write
      // transaction already excludes every other.
      const deleted = await trx
        .withTables<Tables>()
        .deleteFrom('reflection_invitations')
        .where('token_hash', '=', hashOf(token))
        .where('activity_id', '=', activityId)
        .where('expires_at', '>', now.toISOString())
        .returning('token_hash')
        .execute();
      return deleted.length > 0;
    },
    pageFor: async (trx, activityId) =>
      (
        await (trx ?? db.kysely)
          .withTables<Tables>()
          .selectFrom('reflection_pages')
          .select('url')
          .where('activity_id', '=', activityId)
          .executeTakeFirst()
      )?.url,
    setPage: async (activityId, url) => {
      const q = db.kysely.withTables<Tables>();
      if (url === null) {
        await q.deleteFrom('reflection_pages').where('activity_id', '=', activityId).execute();
        return;
      }
      await q
        .insertInto('reflection_pages')
        .values({ activity_id: activityId, url })
        .onConflict((oc) => oc.column('activity_id').doUpdateSet({ url }))
        .execute();
    },
    prune: async (now) => {
      const result = await db.kysely
        .withTables<Tables>()
        .deleteFrom('reflection_invitations')
        .where('expires_at', '<=', now.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
