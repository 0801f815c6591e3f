/**
 * Paired sidebars: a coordinator's short pairing code (8 characters, 10
 * minutes, once) and the per-device token it is exchanged for. A device acts
 * for its person with less than their session: it reads their activities'
 * sign-ups, shifts, follow-ups and pulse, and moves a sign-up's status;
 * nothing else (see sidepanel.ts). Only hashes are stored. Revoking a device,
 * or the person's access, ends it at once.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { type Db, migrate, portable } from '../database.js';
import type { Accounts } from './accounts.js';

export const PAIRING_VALID_MS = 10 * 60_000;
/** The code's alphabet (as PAIRING_CODE): no 0/O or 1/I look-alikes; 32 signs, 8 of them: 40 bits. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
/** Codes a person may have waiting at once. */
const MAX_OPEN_CODES = 3;

const migrations = [
  portable(`
  CREATE TABLE workplace_devices (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX workplace_devices_by_account ON workplace_devices (account_id);
  CREATE TABLE workplace_pairing_codes (
    code_hash  TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX workplace_pairing_codes_by_account ON workplace_pairing_codes (account_id);
  `),
];

type Tables = {
  workplace_devices: {
    id: string;
    account_id: string;
    name: string;
    token_hash: string;
    created_at: string;
    last_used_at: string;
  };
  workplace_pairing_codes: { code_hash: string; account_id: string; expires_at: string };
};

export interface Device {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string;
}

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const TOKEN = /^skd_[A-Za-z0-9_-]{43}$/;

export type Devices = Awaited<ReturnType<typeof openDevices>>;

export async function openDevices(db: Db, accounts: Accounts) {
  await migrate(db, 'workplace-devices', migrations);
  const q = db.kysely.withTables<Tables>();
  // A person whose access is revoked loses their devices and waiting codes with it.
  accounts.onRevoke(async (trx, accountId) => {
    const t = trx.withTables<Tables>();
    await t.deleteFrom('workplace_devices').where('account_id', '=', accountId).execute();
    await t.deleteFrom('workplace_pairing_codes').where('account_id', '=', accountId).execute();
  });

  return {
    /** A new pairing code for `accountId`, or undefined when three are already waiting. */
    async pairingCode(accountId: string, now: Date): Promise<string | undefined> {
      return db.write(async (trx) => {
        const t = trx.withTables<Tables>();
        await t
          .deleteFrom('workplace_pairing_codes')
          .where('expires_at', '<=', now.toISOString())
          .execute();
        const { n } = await t
          .selectFrom('workplace_pairing_codes')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow();
        if (Number(n) >= MAX_OPEN_CODES) return undefined;
        const code = Array.from(
          { length: CODE_LENGTH },
          () => ALPHABET[randomInt(ALPHABET.length)],
        ).join('');
        await t
          .insertInto('workplace_pairing_codes')
          .values({
            code_hash: hashOf(code),
            account_id: accountId,
            expires_at: new Date(now.getTime() + PAIRING_VALID_MS).toISOString(),
          })
          .execute();
        return code;
      });
    },

    /**
     * Uses up `code` and makes a device for its person named `name`: the
     * device's id and token, or undefined for a code that is unknown, used or
     * expired, or whose person has lost access.
     */
    async pair(
      code: string,
      name: string,
      now: Date,
    ): Promise<{ id: string; token: string; accountId: string } | undefined> {
      return db.write(async (trx) => {
        const t = trx.withTables<Tables>();
        const [used] = await t
          .deleteFrom('workplace_pairing_codes')
          .where('code_hash', '=', hashOf(code))
          .where('expires_at', '>', now.toISOString())
          .returning('account_id')
          .execute();
        if (!used) return undefined;
        const token = `skd_${randomBytes(32).toString('base64url')}`;
        const id = randomUUID();
        await t
          .insertInto('workplace_devices')
          .values({
            id,
            account_id: used.account_id,
            name,
            token_hash: hashOf(token),
            created_at: now.toISOString(),
            last_used_at: now.toISOString(),
          })
          .execute();
        return { id, token, accountId: used.account_id };
      });
    },

    /** The device a token belongs to, noting its use (at most once a minute). */
    async byToken(
      token: string,
      now: Date,
    ): Promise<{ id: string; name: string; accountId: string } | undefined> {
      if (!TOKEN.test(token)) return undefined;
      const row = await q
        .selectFrom('workplace_devices')
        .selectAll()
        .where('token_hash', '=', hashOf(token))
        .executeTakeFirst();
      if (!row) return undefined;
      if (now.getTime() - Date.parse(row.last_used_at) >= 60_000) {
        await q
          .updateTable('workplace_devices')
          .set({ last_used_at: now.toISOString() })
          .where('id', '=', row.id)
          .execute();
      }
      return { id: row.id, name: row.name, accountId: row.account_id };
    },

    async list(accountId: string): Promise<Device[]> {
      const rows = await q
        .selectFrom('workplace_devices')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
      }));
    },

    /** Unpairs the device `id` of `accountId`; false when there was none. */
    async revoke(accountId: string, id: string): Promise<boolean> {
      const r = await q
        .deleteFrom('workplace_devices')
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
