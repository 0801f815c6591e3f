/**
 * The audit log: who viewed, exported, changed or erased personal data, and
 * when, and which record. Append-only: nothing here updates or deletes a line
 * except the retention rule (`SAMSKAB_AUDIT_MONTHS`, 24 by default), and on
 * PostgreSQL the table's owner is the only role that could.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { sql } from 'kysely';
import { type Db, migrate, portable, type Queries } from '../database.js';
import type { AppEnv } from '../http/env.js';
import type { Principal } from '../http/principal.js';

export type AuditAction = 'view' | 'export' | 'change' | 'erase' | 'sign-in' | 'access';

const migrations = [
  portable(
    `
  CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    subject_id  TEXT NOT NULL,
    activity_id TEXT,
    detail      TEXT NOT NULL
  ) STRICT;
  CREATE INDEX audit_log_by_time ON audit_log (at);
  `,
    ['audit_log'],
  ),
  // The key that turns a resident's address into the reference the log keeps.
  portable(`
  CREATE TABLE audit_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key TEXT NOT NULL
  ) STRICT;
  `),
];

type Tables = {
  audit_key: { id: number; key: string };
  audit_log: {
    id: string;
    at: string;
    actor_id: string;
    actor_name: string;
    action: AuditAction;
    subject: string;
    subject_id: string;
    activity_id: string | null;
    detail: string;
  };
};

export interface AuditEntry {
  action: AuditAction;
  /** What kind of record: `signup`, `claim`, `reflection`, `account`, `email`, `activity`, `shift`. */
  subject: string;
  /** Which one (an id, or for `email` the address). */
  subjectId: string;
  activityId?: string | undefined;
  /** A few words on what was done ("status → kontaktet"); never the personal data itself. */
  detail?: string;
}

export interface AuditLine extends Required<Omit<AuditEntry, 'activityId'>> {
  id: string;
  at: string;
  actorId: string;
  actorName: string;
  activityId: string | null;
}

export interface AuditSearch {
  /** Words matched against actor, subject, record, activity and detail. */
  text?: string;
  from?: Date;
  to?: Date;
  limit?: number;
}

const SEARCHED = [
  'actor_name',
  'actor_id',
  'subject',
  'subject_id',
  'activity_id',
  'detail',
  'action',
] as const;

export type AuditLog = Awaited<ReturnType<typeof openAuditLog>>;

export async function openAuditLog(db: Db, clock: () => Date) {
  await migrate(db, 'audit', migrations);
  const q = db.kysely.withTables<Tables>();
  // Made once, by whichever instance comes first.
  await q
    .insertInto('audit_key')
    .values({ id: 1, key: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const { key } = await q.selectFrom('audit_key').select('key').executeTakeFirstOrThrow();
  /**
   * A resident's address as the log keeps it: `email:` and a keyed hash. The
   * log then says who looked at an address without holding it, and keeps
   * nothing readable of a person after their erasure; searching the log for
   * the address finds the lines.
   */
  const emailRef = (email: string) =>
    `email:${createHmac('sha256', key).update(email.trim().toLowerCase()).digest('base64url').slice(0, 22)}`;

  const row = (actor: Pick<Principal, 'id' | 'name'>, entry: AuditEntry) => ({
    id: randomUUID(),
    at: clock().toISOString(),
    actor_id: actor.id,
    actor_name: actor.name,
    action: entry.action,
    subject: entry.subject,
    subject_id: entry.subjectId,
    activity_id: entry.activityId ?? null,
    detail: entry.detail ?? '',
  });

  return {
    /** Writes a line as `actor`, in `trx` when given (with the change it records). */
    async write(actor: Pick<Principal, 'id' | 'name'>, entries: AuditEntry[], trx?: Queries) {
      if (entries.length === 0) return;
      const target = trx ? trx.withTables<Tables>() : q;
      await target
        .insertInto('audit_log')
        .values(entries.map((e) => row(actor, e)))
        .execute();
    },

    /** Writes lines as the request's principal. */
    async record(c: Context<AppEnv>, ...entries: AuditEntry[]) {
      const actor = c.get('principal');
      if (!actor) throw new Error('An audit line needs a principal');
      await this.write(actor, entries);
    },

    emailRef,

    async search({ text, from, to, limit = 500 }: AuditSearch = {}): Promise<AuditLine[]> {
      let query = q.selectFrom('audit_log').selectAll();
      if (from) query = query.where('at', '>=', from.toISOString());
      if (to) query = query.where('at', '<', to.toISOString());
      const words = (text ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
      // An address is searched as the reference the log holds for it.
      for (const word of words.map((w) => (w.includes('@') ? emailRef(w) : w).toLowerCase())) {
        const like = `%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        query = query.where((eb) =>
          eb.or(
            SEARCHED.map(
              (column) => sql<boolean>`lower(${sql.ref(column)}) LIKE ${like} ESCAPE '\\'`,
            ),
          ),
        );
      }
      const rows = await query.orderBy('at', 'desc').orderBy('id').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        subject: r.subject,
        subjectId: r.subject_id,
        activityId: r.activity_id,
        detail: r.detail,
      }));
    },

    /** Erases lines older than `before` (the retention rule). */
    async prune(before: Date) {
      await q.deleteFrom('audit_log').where('at', '<', before.toISOString()).execute();
    },
  };
}
