/**
 * What features see of mail: `enqueue` inside their own write transaction,
 * then `afterCommit` so this instance sends at once. Without a transport (no
 * SMTP server and no demo) nothing is written: no address is kept for a mail
 * that will never go.
 */
import type { RawBuilder } from 'kysely';
import type { Db, Queries } from '../database.js';
import { type MailTiming, type Outbox, type OutgoingMail, openOutbox } from './outbox.js';
import type { Transport } from './transport.js';
import { type MailWorker, mailWorker } from './worker.js';

/**
 * A mail to write with an event, in whichever way the store writes it: in
 * its transaction (`enqueue`), or as part of its one statement (`from`).
 */
export interface PendingMail {
  enqueue(trx: Queries, timing?: MailTiming): Promise<void>;
  /** `INSERT … SELECT … FROM <cte>`; undefined when no mail is written. */
  from(cte: string): RawBuilder<unknown> | undefined;
}

export interface Mailer {
  /** False when no mail will be sent (no `SAMSKAB_SMTP_URL`, no demo). */
  readonly enabled: boolean;
  /** Writes `mail` in the caller's transaction (`db.write`'s `trx`); a no-op when not enabled. */
  enqueue(trx: Queries, mail: OutgoingMail, now: Date): Promise<void>;
  /**
   * PostgreSQL's one-statement writes: `mail` as a CTE body inserting it when
   * the CTE `from` yields a row; undefined when not enabled.
   */
  enqueueFrom(from: string, mail: OutgoingMail, now: Date): RawBuilder<unknown> | undefined;
  /** `mail` ready for a store to write with its event at `now`, about `ref` (see `withdraw`). */
  pending(mail: OutgoingMail, now: Date, ref?: string): PendingMail;
  /** Inside the caller's transaction: takes back every unsent mail about `ref` (a cancelled claim's reminder). */
  withdraw(trx: Queries, ref: string): Promise<void>;
  /** Call once the transaction has committed. */
  afterCommit(): void;
  readonly outbox: Outbox;
  readonly worker: MailWorker;
  /** `smtp`, `kept` (demo: shown at /dev/mail), or `none`. */
  readonly transport: 'smtp' | 'kept' | 'none';
}

export async function openMailer(options: {
  db: Db;
  transport: Transport | undefined;
  clock: () => Date;
  logError: (error: unknown) => void;
  counted?: (outcome: 'sent' | 'retry' | 'failed', kind: string) => void;
}): Promise<Mailer> {
  const outbox = await openOutbox(options.db);
  const transport = options.transport;
  const running = mailWorker({
    outbox,
    transport: transport ?? { kind: 'kept', send: async () => {}, close() {} },
    clock: options.clock,
    logError: options.logError,
    counted: (outcome, mail) => options.counted?.(outcome, mail.kind),
  });
  // Without a way to send, no worker runs: it must not take, and "send", the
  // mail that other instances sharing the database wrote.
  const worker: MailWorker = transport
    ? running
    : { run: async () => {}, start() {}, nudge() {}, stop: async () => {} };
  return {
    enabled: transport !== undefined,
    async enqueue(trx, mail, now) {
      if (transport) await outbox.enqueue(trx, mail, now);
    },
    enqueueFrom: (from, mail, now) => (transport ? outbox.insertFrom(from, mail, now) : undefined),
    pending: (mail, now, ref) => ({
      enqueue: async (trx, timing) => {
        if (transport) await outbox.enqueue(trx, mail, now, { ...(ref ? { ref } : {}), ...timing });
      },
      from: (cte) => (transport ? outbox.insertFrom(cte, mail, now, ref) : undefined),
    }),
    withdraw: async (trx, ref) => {
      if (transport) await outbox.withdraw(trx, ref);
    },
    afterCommit: () => worker.nudge(),
    outbox,
    worker,
    transport: transport?.kind ?? 'none',
  };
}
