/**
 * The transactional outbox: a mail is written in the same transaction as the
 * event that causes it (a sign-up, a claim), so it exists exactly when the
 * event does. The worker (worker.ts) leases due mails, sends them, and marks
 * them sent; a lease keeps any other instance from sending the same mail while
 * one is at it, and a lease that runs out (the instance died) makes the mail
 * due again.
 */
import { randomUUID } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import {
  type Db,
  fixedStatement,
  type MigrationStep,
  migrate,
  portable,
  type Queries,
} from '../database.js';

/** A file sent with a mail (a shift's `.ics`). */
export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

/** A mail as a feature hands it to the outbox, fully written. */
export interface OutgoingMail {
  to: string;
  /** What it is (`signup.received`, `claim.confirmed`, …), for the admin's list and the metrics. */
  kind: string;
  subject: string;
  text: string;
  html: string;
  attachments?: Attachment[];
}

/** A mail in the outbox, as a worker leased it. */
export interface OutboxMail extends OutgoingMail {
  id: string;
  attempts: number;
  createdAt: number;
  /** The lease it was taken under: marking it sent or failed holds only while the lease is this one. */
  lease: number;
}

/** A mail the worker gave up on, as the admin sees it. */
export interface FailedMail {
  id: string;
  to: string;
  kind: string;
  subject: string;
  attempts: number;
  error: string;
  createdAt: string;
  failedAt: string;
}

/**
 * A step written once: `EPOCH_MS` is a time in epoch milliseconds, INTEGER
 * on SQLite (64 bits already) and BIGINT on PostgreSQL.
 */
function epochMs(sqlite: string): MigrationStep {
  const step = portable(sqlite);
  return {
    sqlite: step.sqlite.replaceAll('EPOCH_MS', 'INTEGER'),
    postgres: step.postgres.replaceAll('EPOCH_MS', 'BIGINT'),
  };
}

const steps: readonly MigrationStep[] = [
  epochMs(`CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      to_address TEXT NOT NULL,
      kind TEXT NOT NULL,
      subject TEXT NOT NULL,
      text_body TEXT NOT NULL,
      html_body TEXT NOT NULL,
      attachments TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      due_at EPOCH_MS NOT NULL,
      lease_until EPOCH_MS,
      last_error TEXT,
      created_at EPOCH_MS NOT NULL,
      done_at EPOCH_MS
    ) STRICT;
    CREATE INDEX outbox_due ON outbox (status, due_at);`),
  // A mail written ahead (a reminder) names what it is about, so cancelling
  // that withdraws it, and says when it is no use any more (the shift began).
  epochMs(`ALTER TABLE outbox ADD COLUMN ref TEXT;
    ALTER TABLE outbox ADD COLUMN expires_at EPOCH_MS;
    CREATE INDEX outbox_by_ref ON outbox (ref);`),
];

type Tables = {
  outbox: {
    id: string;
    to_address: string;
    kind: string;
    subject: string;
    text_body: string;
    html_body: string;
    attachments: string;
    status: 'pending' | 'sent' | 'failed';
    attempts: number;
    due_at: number;
    lease_until: number | null;
    last_error: string | null;
    created_at: number;
    done_at: number | null;
    ref: string | null;
    expires_at: number | null;
  };
};

/** When a mail goes, what it is about, and until when it is of use. */
export interface MailTiming {
  /** Not before this (a reminder); at once by default. */
  dueAt?: Date;
  /** What it belongs to (`claim:<id>`): `withdraw` takes back every unsent mail with it. */
  ref?: string;
  /** Not after this (the shift began): then it is dropped unsent. */
  expiresAt?: Date;
}

/** How long a worker may hold a batch before another may take it. */
export const LEASE_MS = 5 * 60 * 1000;
/**
 * Mails leased at once: with the transport's 30-second socket timeout
 * (transport.ts), a batch ends well inside its lease even if every one stalls.
 */
export const LEASE_BATCH = 5;
/** A mail still undelivered this long after it was written is given up and shown to the admin. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
/** Sent mails hold addresses: they go after a week; failed ones after the retention period. */
export const KEEP_SENT_MS = 7 * 24 * 60 * 60 * 1000;

/** The wait before attempt n + 1: 1 min, 2, 4 … then hourly. */
export const backoffMs = (attempts: number) =>
  Math.min(60 * 60 * 1000, 60 * 1000 * 2 ** Math.max(0, attempts - 1));

/** Every event's mail goes in by this one statement: compiled once (see `fixedStatement`). */
const insertMail = fixedStatement(
  `INSERT INTO outbox (id, to_address, kind, subject, text_body, html_body, attachments,
     status, attempts, due_at, lease_until, last_error, created_at, done_at, ref, expires_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, NULL, NULL, ?, NULL, ?, ?)`,
);
/** A mail sent, under its own lease; the second also forgets what it said. */
const markSent = fixedStatement(
  `UPDATE outbox SET status = 'sent', done_at = ?, lease_until = NULL, last_error = NULL
   WHERE id = ? AND lease_until = ?`,
);
const markSentForgetting = fixedStatement(
  `UPDATE outbox SET status = 'sent', done_at = ?, lease_until = NULL, last_error = NULL,
     text_body = '', html_body = '', attachments = '[]'
   WHERE id = ? AND lease_until = ?`,
);

export async function openOutbox(db: Db) {
  await migrate(db, 'outbox', steps);
  const q = db.kysely.withTables<Tables>();
  const n = (value: number | string | null) => (value === null ? null : Number(value));
  /**
   * One statement that marks a leased mail. On SQLite it joins the next
   * shared transaction (group-commit.ts) rather than commit alone: alone, it
   * was a flush to disk of its own for every mail sent, as many as the
   * sign-ups' grouped flushes took together. PostgreSQL commits it alone, as
   * a transaction around it would only add round trips.
   */
  const mark = (statement: (queries: Queries) => Promise<unknown>) =>
    db.engine === 'sqlite' ? db.write(statement) : statement(db.kysely);

  return {
    /** Writes `mail` inside the caller's transaction, due at once or when `timing` says; returns its id. */
    async enqueue(
      trx: Queries,
      mail: OutgoingMail,
      now: Date,
      timing: MailTiming = {},
    ): Promise<string> {
      const id = randomUUID();
      const due = (timing.dueAt ?? now).getTime();
      await trx.executeQuery(
        insertMail(db, [
          id,
          mail.to,
          mail.kind,
          mail.subject,
          mail.text,
          mail.html,
          JSON.stringify(mail.attachments ?? []),
          due,
          // A mail's day of retries starts when it is due, not when it was written.
          due,
          timing.ref ?? null,
          timing.expiresAt?.getTime() ?? null,
        ]),
      );
      return id;
    },

    /**
     * Inside the caller's transaction: takes back every mail about `ref` not
     * sent yet, waiting or given up (which keeps its text for a retry): a
     * place given up or an erased sign-up leaves nothing to send or keep.
     */
    async withdraw(trx: Queries, ref: string): Promise<number> {
      const result = await trx
        .withTables<Tables>()
        .deleteFrom('outbox')
        .where('ref', '=', ref)
        .where('status', 'in', ['pending', 'failed'])
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /**
     * PostgreSQL: `mail`'s row as `INSERT … SELECT … FROM <cte>`, for a
     * statement that writes its event in one go (see idempotency-records'
     * `claim`): the mail goes in exactly when the CTE `from` yields a row.
     */
    insertFrom(from: string, mail: OutgoingMail, now: Date, ref?: string): RawBuilder<unknown> {
      const at = now.getTime();
      // Parameters in a SELECT list are text to PostgreSQL: the numbers say what they are.
      return sql`INSERT INTO outbox (id, to_address, kind, subject, text_body, html_body, attachments,
          status, attempts, due_at, created_at, ref)
        SELECT ${randomUUID()}, ${mail.to}, ${mail.kind}, ${mail.subject}, ${mail.text}, ${mail.html},
          ${JSON.stringify(mail.attachments ?? [])}, 'pending', 0, CAST(${at} AS BIGINT), CAST(${at} AS BIGINT),
          ${ref ?? null}
        FROM ${sql.table(from)}`;
    },

    /**
     * Leases up to `limit` due mails to this worker until `now + LEASE_MS` and
     * counts the attempt. Another instance's lease is skipped (PostgreSQL:
     * `FOR UPDATE SKIP LOCKED`; SQLite: one writer at a time).
     */
    async lease(now: Date, limit = LEASE_BATCH): Promise<OutboxMail[]> {
      const at = now.getTime();
      return db.write(async (trx) => {
        const t = trx.withTables<Tables>();
        // Of no use any more (a reminder for a shift that has begun): dropped, not sent late.
        await t
          .deleteFrom('outbox')
          .where('status', '=', 'pending')
          .where('expires_at', '<=', at)
          .execute();
        let pick = t
          .selectFrom('outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('due_at', '<=', at)
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
          .orderBy('due_at')
          .limit(limit);
        if (db.engine === 'postgres') pick = pick.forUpdate().skipLocked();
        const ids = (await pick.execute()).map((row) => row.id);
        if (ids.length === 0) return [];
        const rows = await t
          .updateTable('outbox')
          .set((eb) => ({ lease_until: at + LEASE_MS, attempts: eb('attempts', '+', 1) }))
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        return rows
          .sort((a, b) => Number(a.due_at) - Number(b.due_at))
          .map((row) => ({
            id: row.id,
            to: row.to_address,
            kind: row.kind,
            subject: row.subject,
            text: row.text_body,
            html: row.html_body,
            attachments: JSON.parse(row.attachments) as Attachment[],
            attempts: Number(row.attempts),
            createdAt: Number(row.created_at),
            lease: at + LEASE_MS,
          }));
      });
    },

    /**
     * The SMTP server took it. With `forget`, its text goes at once: only who,
     * what kind and when stay, for the week sent mail is kept, and nothing of
     * what it said (an invitation's token, a cancel link) stays beside the address.
     */
    async sent(mail: Pick<OutboxMail, 'id' | 'lease'>, now: Date, forget = false) {
      // Only under its own lease: one that ran out may have been taken by another worker.
      const statement = (forget ? markSentForgetting : markSent)(db, [
        now.getTime(),
        mail.id,
        mail.lease,
      ]);
      await mark((queries) => queries.executeQuery(statement));
    },

    /** It did not go: due again after the back-off, or given up (`permanent`, or a day old). */
    async failed(mail: OutboxMail, error: string, permanent: boolean, now: Date) {
      const at = now.getTime();
      const giveUp = permanent || at - mail.createdAt >= GIVE_UP_AFTER_MS;
      await mark((queries) =>
        queries
          .withTables<Tables>()
          .updateTable('outbox')
          .set(
            giveUp
              ? { status: 'failed', done_at: at, lease_until: null, last_error: error }
              : { due_at: at + backoffMs(mail.attempts), lease_until: null, last_error: error },
          )
          .where('id', '=', mail.id)
          .where('lease_until', '=', mail.lease)
          .execute(),
      );
      return giveUp;
    },

    /** Mails waiting to go (the backlog metric). */
    async pending(): Promise<number> {
      const row = await q
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** When the next pending mail is due, or undefined: the worker sleeps until then. */
    async nextDue(): Promise<number | undefined> {
      const row = await q
        .selectFrom('outbox')
        .select((eb) => eb.fn.min('due_at').as('at'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return n(row?.at ?? null) ?? undefined;
    },

    /** The mails given up on, newest first, for the admin. */
    async failedMails(): Promise<FailedMail[]> {
      const rows = await q
        .selectFrom('outbox')
        .selectAll()
        .where('status', '=', 'failed')
        .orderBy('done_at', 'desc')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        to: row.to_address,
        kind: row.kind,
        subject: row.subject,
        attempts: Number(row.attempts),
        error: row.last_error ?? '',
        createdAt: new Date(Number(row.created_at)).toISOString(),
        failedAt: new Date(Number(row.done_at)).toISOString(),
      }));
    },

    /** Puts a failed mail back in line, due at once; false if there is no such failed mail. */
    async retry(id: string, now: Date): Promise<boolean> {
      const result = await q
        .updateTable('outbox')
        .set({ status: 'pending', due_at: now.getTime(), done_at: null, created_at: now.getTime() })
        .where('id', '=', id)
        .where('status', '=', 'failed')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Every mail, oldest first: the demo's `/dev/mail` shows what would have been sent. */
    async all(limit = 200): Promise<(OutboxMail & { status: string })[]> {
      const rows = await q
        .selectFrom('outbox')
        .selectAll()
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        to: row.to_address,
        kind: row.kind,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        attachments: JSON.parse(row.attachments) as Attachment[],
        attempts: Number(row.attempts),
        createdAt: Number(row.created_at),
        lease: Number(row.lease_until ?? 0),
        status: row.status,
      }));
    },

    /** Erases sent mails after a week and failed ones after `retentionMonths`' cut-off. */
    async prune(now: Date, failedBefore: Date) {
      await q
        .deleteFrom('outbox')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'sent'), eb('done_at', '<', now.getTime() - KEEP_SENT_MS)]),
            eb.and([eb('status', '=', 'failed'), eb('done_at', '<', failedBefore.getTime())]),
          ]),
        )
        .execute();
    },
  };
}

export type Outbox = Awaited<ReturnType<typeof openOutbox>>;
