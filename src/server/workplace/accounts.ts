/**
 * The people of the coordinators' workplace and their secrets: accounts
 * (name, e-mail, role, the activities a coordinator runs), invitations,
 * single-use sign-in links, sessions and personal API tokens.
 *
 * Every secret is 32 random bytes, base64url (API tokens carry a `skb_`
 * prefix so a leaked one is recognisable); only its SHA-256 is stored, so a
 * copy of the database opens nothing. A session lasts 12 hours at most and
 * ends after 30 minutes without a request.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type Db, migrate, portable, type Queries } from '../database.js';
import type { Principal, Role } from '../http/principal.js';

export const INVITATION_VALID_MS = 72 * 3_600_000;
export const LINK_VALID_MS = 15 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** Sign-in links an account may have waiting at once: more requests mail nothing. */
export const MAX_OPEN_LINKS = 3;
/** A personal API token lives at most this long. */
export const API_TOKEN_MAX_DAYS = 365;

const migrations = [
  portable(`
  CREATE TABLE accounts (
    id         TEXT PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'coordinator')),
    created_at TEXT NOT NULL,
    revoked_at TEXT
  ) STRICT;
  CREATE TABLE account_activities (
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    activity_id TEXT NOT NULL,
    PRIMARY KEY (account_id, activity_id)
  ) STRICT;
  CREATE TABLE workplace_secrets (
    token_hash TEXT PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('invitation', 'link', 'session', 'api')),
    account_id TEXT REFERENCES accounts (id) ON DELETE CASCADE,
    email      TEXT,
    name       TEXT,
    role       TEXT,
    scope      TEXT,
    activities TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL,
    seen_at    TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX workplace_secrets_by_account ON workplace_secrets (account_id, purpose);
  CREATE INDEX workplace_secrets_by_expiry ON workplace_secrets (expires_at);
  `),
];

type Tables = {
  accounts: {
    id: string;
    email: string;
    name: string;
    role: Role;
    created_at: string;
    revoked_at: string | null;
  };
  account_activities: { account_id: string; activity_id: string };
  workplace_secrets: {
    token_hash: string;
    id: string;
    purpose: 'invitation' | 'link' | 'session' | 'api';
    account_id: string | null;
    email: string | null;
    name: string | null;
    role: Role | null;
    scope: 'read' | 'write' | null;
    activities: string | null;
    created_by: string | null;
    created_at: string;
    seen_at: string;
    expires_at: string;
  };
};

export interface Account {
  id: string;
  email: string;
  name: string;
  role: Role;
  activities: string[];
  createdAt: string;
  revokedAt: string | null;
}

export interface PendingInvitation {
  id: string;
  email: string;
  name: string;
  role: Role;
  activities: string[];
  createdBy: string;
  expiresAt: string;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  scope: 'read' | 'write';
  createdAt: string;
  lastUsed: string;
  expiresAt: string;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  seenAt: string;
}

/** A signed-in session: who, and the secret its forms must carry. */
export interface Session {
  principal: Principal & { kind: 'account' };
  /** The session's public id (to end it). */
  id: string;
  /** The form token (CSRF) that every state-changing form of this session carries. */
  csrf: string;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
const newSecret = () => randomBytes(32).toString('base64url');
/** An address as it is stored and compared: trimmed, lower-cased. */
export const addressOf = (email: string) => email.trim().toLowerCase();
const SECRET = /^(skb_)?[A-Za-z0-9_-]{43}$/;
const iso = (ms: number) => new Date(ms).toISOString();

const toInvitation = (s: Tables['workplace_secrets']): PendingInvitation => ({
  id: s.id,
  email: s.email ?? '',
  name: s.name ?? '',
  role: s.role ?? 'coordinator',
  activities: JSON.parse(s.activities ?? '[]') as string[],
  createdBy: s.created_by ?? '',
  expiresAt: s.expires_at,
});

export type Accounts = Awaited<ReturnType<typeof openAccounts>>;

/** The workplace's accounts on `db`, their tables brought up to date. */
export async function openAccounts(db: Db) {
  await migrate(db, 'workplace', migrations);
  const q = db.kysely.withTables<Tables>();
  const revocationHooks: ((trx: Queries, accountId: string) => Promise<void>)[] = [];

  const activitiesOf = async (accountId: string) =>
    (
      await q
        .selectFrom('account_activities')
        .select('activity_id')
        .where('account_id', '=', accountId)
        .orderBy('activity_id')
        .execute()
    ).map((r) => r.activity_id);

  const toAccount = async (row: Tables['accounts']): Promise<Account> => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    activities: await activitiesOf(row.id),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  });

  const principalOf = async (
    row: Tables['accounts'],
    via: 'session' | 'token',
    scope: 'read' | 'write',
  ): Promise<Principal & { kind: 'account' }> => ({
    kind: 'account',
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    activities: new Set(row.role === 'admin' ? [] : await activitiesOf(row.id)),
    via,
    scope,
  });

  /** The live secret `token` of `purpose`, with its account when it has one (and it is not revoked). */
  const find = async (
    token: string,
    purpose: Tables['workplace_secrets']['purpose'],
    now: Date,
  ) => {
    if (!SECRET.test(token)) return undefined;
    const secret = await q
      .selectFrom('workplace_secrets')
      .selectAll()
      .where('token_hash', '=', hashOf(token))
      .where('purpose', '=', purpose)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    if (!secret) return undefined;
    if (secret.account_id === null) return { secret, account: undefined };
    const account = await q
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', secret.account_id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return account ? { secret, account } : undefined;
  };

  const insertSecret = async (
    t: Queries,
    purpose: Tables['workplace_secrets']['purpose'],
    fields: Partial<Tables['workplace_secrets']>,
    now: Date,
    validMs: number,
  ) => {
    const token = purpose === 'api' ? `skb_${newSecret()}` : newSecret();
    const id = randomUUID();
    await t
      .withTables<Tables>()
      .insertInto('workplace_secrets')
      .values({
        token_hash: hashOf(token),
        id,
        purpose,
        account_id: null,
        email: null,
        name: null,
        role: null,
        scope: null,
        activities: null,
        created_by: null,
        ...fields,
        created_at: now.toISOString(),
        seen_at: now.toISOString(),
        expires_at: iso(now.getTime() + validMs),
      })
      .execute();
    return { token, id };
  };

  const setActivities = async (t: Queries, accountId: string, activities: readonly string[]) => {
    const tt = t.withTables<Tables>();
    await tt.deleteFrom('account_activities').where('account_id', '=', accountId).execute();
    if (activities.length > 0) {
      await tt
        .insertInto('account_activities')
        .values(
          [...new Set(activities)].map((activity_id) => ({ account_id: accountId, activity_id })),
        )
        .execute();
    }
  };

  return {
    /** How many accounts there are, revoked ones included. */
    async count(): Promise<number> {
      const { n } = await q
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    async list(): Promise<Account[]> {
      const rows = await q.selectFrom('accounts').selectAll().orderBy('name').execute();
      return Promise.all(rows.map(toAccount));
    },

    async byId(id: string): Promise<Account | undefined> {
      const row = await q
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toAccount(row) : undefined;
    },

    /** The live (not revoked) account with this address. */
    async byEmail(email: string): Promise<Account | undefined> {
      const row = await q
        .selectFrom('accounts')
        .selectAll()
        .where('email', '=', addressOf(email))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? toAccount(row) : undefined;
    },

    /** A principal for the live account `id` acting in a session (passkey or single sign-on). */
    async principal(id: string): Promise<(Principal & { kind: 'account' }) | undefined> {
      const row = await q
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? principalOf(row, 'session', 'write') : undefined;
    },

    /**
     * An invitation (72 hours, single use) for `email` to join as `role`,
     * written in `trx` (with the mail that carries it). Returns the token.
     */
    async invite(
      trx: Queries,
      input: { email: string; name: string; role: Role; activities: readonly string[]; by: string },
      now: Date,
    ): Promise<string> {
      const { token } = await insertSecret(
        trx,
        'invitation',
        {
          email: addressOf(input.email),
          name: input.name,
          role: input.role,
          activities: JSON.stringify([...new Set(input.activities)]),
          created_by: input.by,
        },
        now,
        INVITATION_VALID_MS,
      );
      return token;
    },

    /** The invitation `token` while it is good, without using it. */
    async peekInvitation(token: string, now: Date): Promise<PendingInvitation | undefined> {
      const found = await find(token, 'invitation', now);
      if (!found) return undefined;
      return toInvitation(found.secret);
    },

    /** Invitations not yet accepted, for the admin's list. */
    async pendingInvitations(now: Date): Promise<PendingInvitation[]> {
      const rows = await q
        .selectFrom('workplace_secrets')
        .selectAll()
        .where('purpose', '=', 'invitation')
        .where('expires_at', '>', now.toISOString())
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toInvitation);
    },

    async withdrawInvitation(id: string): Promise<boolean> {
      const r = await q
        .deleteFrom('workplace_secrets')
        .where('id', '=', id)
        .where('purpose', '=', 'invitation')
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /**
     * Uses up the invitation: makes the account (or, for an address that
     * already has one, gives it the invited role and activities and lifts a
     * revocation) with the name the person gave, and signs them in. Of two
     * acceptances at once, only one succeeds.
     */
    async acceptInvitation(
      token: string,
      name: string,
      now: Date,
    ): Promise<{ account: Account; session: string } | undefined> {
      if (!SECRET.test(token)) return undefined;
      const accepted = await db.write(async (trx) => {
        const t = trx.withTables<Tables>();
        const [used] = await t
          .deleteFrom('workplace_secrets')
          .where('token_hash', '=', hashOf(token))
          .where('purpose', '=', 'invitation')
          .where('expires_at', '>', now.toISOString())
          .returningAll()
          .execute();
        if (!used) return undefined;
        const email = used.email ?? '';
        const existing = await t
          .selectFrom('accounts')
          .select('id')
          .where('email', '=', email)
          .executeTakeFirst();
        const id = existing?.id ?? randomUUID();
        if (existing) {
          await t
            .updateTable('accounts')
            .set({ name, role: used.role ?? 'coordinator', revoked_at: null })
            .where('id', '=', id)
            .execute();
        } else {
          await t
            .insertInto('accounts')
            .values({
              id,
              email,
              name,
              role: used.role ?? 'coordinator',
              created_at: now.toISOString(),
              revoked_at: null,
            })
            .execute();
        }
        await setActivities(trx, id, JSON.parse(used.activities ?? '[]') as string[]);
        const session = await insertSecret(
          trx,
          'session',
          { account_id: id },
          now,
          SESSION_ABSOLUTE_MS,
        );
        return { id, session: session.token };
      });
      if (!accepted) return undefined;
      const account = await this.byId(accepted.id);
      return account ? { account, session: accepted.session } : undefined;
    },

    /**
     * A sign-in link (15 minutes, single use) for the live account with this
     * address, written in `trx` with its mail; undefined when there is no
     * such account or it already has `MAX_OPEN_LINKS` waiting.
     */
    async issueLink(trx: Queries, email: string, now: Date): Promise<string | undefined> {
      const t = trx.withTables<Tables>();
      const account = await t
        .selectFrom('accounts')
        .select('id')
        .where('email', '=', addressOf(email))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      const { n } = await t
        .selectFrom('workplace_secrets')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('account_id', '=', account?.id ?? '')
        .where('purpose', '=', 'link')
        .where('expires_at', '>', now.toISOString())
        .executeTakeFirst()
        .then((row) => row ?? { n: 0 });
      const usable = account !== undefined && Number(n) < MAX_OPEN_LINKS;
      // The same reads and one write either way, so how long the answer takes
      // says nothing of whether the address has an account. A link for no
      // account opens nothing and goes when it expires.
      const { token } = await insertSecret(
        trx,
        'link',
        { account_id: usable ? account.id : null },
        now,
        LINK_VALID_MS,
      );
      return usable ? token : undefined;
    },

    /** Whether the link `token` is still good (the page it opens, before the button). */
    async peekLink(token: string, now: Date): Promise<boolean> {
      return (await find(token, 'link', now))?.account !== undefined;
    },

    /** Uses up the link and starts a session: the session's token, or undefined. */
    async exchangeLink(token: string, now: Date): Promise<string | undefined> {
      if (!SECRET.test(token)) return undefined;
      return db.write(async (trx) => {
        const t = trx.withTables<Tables>();
        const [used] = await t
          .deleteFrom('workplace_secrets')
          .where('token_hash', '=', hashOf(token))
          .where('purpose', '=', 'link')
          .where('expires_at', '>', now.toISOString())
          .returning('account_id')
          .execute();
        if (!used?.account_id) return undefined;
        const live = await t
          .selectFrom('accounts')
          .select('id')
          .where('id', '=', used.account_id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (!live) return undefined;
        return (
          await insertSecret(trx, 'session', { account_id: live.id }, now, SESSION_ABSOLUTE_MS)
        ).token;
      });
    },

    /** A new session for the live account `id` (a passkey or single sign-on proved who it is). */
    async startSession(id: string, now: Date): Promise<string | undefined> {
      return db.write(async (trx) => {
        const live = await trx
          .withTables<Tables>()
          .selectFrom('accounts')
          .select('id')
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (!live) return undefined;
        return (await insertSecret(trx, 'session', { account_id: id }, now, SESSION_ABSOLUTE_MS))
          .token;
      });
    },

    /**
     * The session `token` while it is good: within 12 hours of its start and
     * 30 minutes of its last request, which this one renews (at most once a
     * minute, so reading pages does not write on every request).
     */
    async session(token: string, now: Date): Promise<Session | undefined> {
      const found = await find(token, 'session', now);
      if (!found?.account) return undefined;
      const { secret, account } = found;
      const seen = Date.parse(secret.seen_at);
      if (now.getTime() - seen >= SESSION_IDLE_MS) {
        await q.deleteFrom('workplace_secrets').where('id', '=', secret.id).execute();
        return undefined;
      }
      if (now.getTime() - seen >= 60_000) {
        await q
          .updateTable('workplace_secrets')
          .set({ seen_at: now.toISOString() })
          .where('id', '=', secret.id)
          .execute();
      }
      return {
        principal: await principalOf(account, 'session', 'write'),
        id: secret.id,
        csrf: createHash('sha256').update(`csrf:${token}`).digest('base64url'),
      };
    },

    async endSession(token: string): Promise<void> {
      if (!SECRET.test(token)) return;
      await q
        .deleteFrom('workplace_secrets')
        .where('token_hash', '=', hashOf(token))
        .where('purpose', '=', 'session')
        .execute();
    },

    /** Signs the account out everywhere: every session and waiting sign-in link. */
    async endAllSessions(accountId: string): Promise<void> {
      await q
        .deleteFrom('workplace_secrets')
        .where('account_id', '=', accountId)
        .where('purpose', 'in', ['session', 'link'])
        .execute();
    },

    async sessions(accountId: string, now: Date): Promise<SessionInfo[]> {
      const rows = await q
        .selectFrom('workplace_secrets')
        .select(['id', 'created_at', 'seen_at'])
        .where('account_id', '=', accountId)
        .where('purpose', '=', 'session')
        .where('expires_at', '>', now.toISOString())
        .where('seen_at', '>', iso(now.getTime() - SESSION_IDLE_MS))
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({ id: r.id, createdAt: r.created_at, seenAt: r.seen_at }));
    },

    /** A personal API token; returns it once. */
    async createApiToken(
      accountId: string,
      input: { name: string; scope: 'read' | 'write'; days: number },
      now: Date,
    ): Promise<string> {
      const days = Math.min(Math.max(Math.trunc(input.days), 1), API_TOKEN_MAX_DAYS);
      return db.write(
        async (trx) =>
          (
            await insertSecret(
              trx,
              'api',
              { account_id: accountId, name: input.name, scope: input.scope },
              now,
              days * 86_400_000,
            )
          ).token,
      );
    },

    async apiTokens(accountId: string, now: Date): Promise<ApiTokenInfo[]> {
      const rows = await q
        .selectFrom('workplace_secrets')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('purpose', '=', 'api')
        .where('expires_at', '>', now.toISOString())
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name ?? '',
        scope: r.scope ?? 'read',
        createdAt: r.created_at,
        lastUsed: r.seen_at,
        expiresAt: r.expires_at,
      }));
    },

    /** Revokes the API token `id` of `accountId` (an admin may pass any account). */
    async revokeApiToken(accountId: string | undefined, id: string): Promise<boolean> {
      let del = q.deleteFrom('workplace_secrets').where('id', '=', id).where('purpose', '=', 'api');
      if (accountId !== undefined) del = del.where('account_id', '=', accountId);
      return Number((await del.executeTakeFirst()).numDeletedRows) > 0;
    },

    /** The principal a personal API token acts for, while it is good; notes its use. */
    async apiToken(
      token: string,
      now: Date,
    ): Promise<(Principal & { kind: 'account' }) | undefined> {
      if (!token.startsWith('skb_')) return undefined;
      const found = await find(token, 'api', now);
      if (!found?.account) return undefined;
      if (now.getTime() - Date.parse(found.secret.seen_at) >= 60_000) {
        await q
          .updateTable('workplace_secrets')
          .set({ seen_at: now.toISOString() })
          .where('id', '=', found.secret.id)
          .execute();
      }
      return principalOf(found.account, 'token', found.secret.scope ?? 'read');
    },

    /**
     * Changes an account's role and activities. It holds at once: each
     * request of a session or token reads the account's principal afresh.
     */
    async update(id: string, input: { role: Role; activities: readonly string[] }): Promise<void> {
      await db.write(async (trx) => {
        await trx
          .withTables<Tables>()
          .updateTable('accounts')
          .set({ role: input.role })
          .where('id', '=', id)
          .execute();
        await setActivities(trx, id, input.role === 'admin' ? [] : input.activities);
      });
    },

    /** Gives a coordinator one more activity (one they created). */
    async assign(id: string, activityId: string): Promise<void> {
      await q
        .insertInto('account_activities')
        .values({ account_id: id, activity_id: activityId })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    /** Takes all access away: no session, link or token of it works any more. */
    async revoke(id: string, now: Date): Promise<void> {
      await db.write(async (trx) => {
        const t = trx.withTables<Tables>();
        const [revoked] = await t
          .updateTable('accounts')
          .set({ revoked_at: now.toISOString() })
          .where('id', '=', id)
          .returning('email')
          .execute();
        await t.deleteFrom('workplace_secrets').where('account_id', '=', id).execute();
        // An invitation waiting for the address would give the access back.
        if (revoked) {
          await t
            .deleteFrom('workplace_secrets')
            .where('purpose', '=', 'invitation')
            .where('email', '=', revoked.email)
            .execute();
        }
        // What other parts keep for signing in (passkeys) goes with the access.
        for (const forget of revocationHooks) await forget(trx, id);
      });
    },

    /**
     * Runs `forget` in every revocation's transaction: a part that keeps its
     * own way of signing in (passkeys) drops the account's there.
     */
    onRevoke(forget: (trx: Queries, accountId: string) => Promise<void>): void {
      revocationHooks.push(forget);
    },

    /** Deletes what has expired. */
    async prune(now: Date): Promise<void> {
      await q
        .deleteFrom('workplace_secrets')
        .where('expires_at', '<=', now.toISOString())
        .execute();
      await q
        .deleteFrom('workplace_secrets')
        .where('purpose', '=', 'session')
        .where('seen_at', '<=', iso(now.getTime() - SESSION_IDLE_MS))
        .execute();
    },
  };
}
