/**
 * Delivers the outbox: leases due mails, hands each to the transport, and
 * marks it sent, or due again after a back-off, or given up. It looks every
 * few seconds (another instance may have written mails) and at once when this
 * instance wrote one.
 */
import type { Outbox, OutboxMail } from './outbox.js';
import { PermanentMailError, type Transport } from './transport.js';

/** How often a worker looks for due mails it was not told about. */
export const POLL_MS = 5_000;

export interface WorkerOptions {
  outbox: Outbox;
  transport: Transport;
  clock: () => Date;
  logError: (error: unknown) => void;
  /** Counts what happened to each mail (the metrics). */
  counted?: (outcome: 'sent' | 'retry' | 'failed', mail: OutboxMail) => void;
  pollMs?: number;
}

export function mailWorker({
  outbox,
  transport,
  clock,
  logError,
  counted,
  pollMs = POLL_MS,
}: WorkerOptions) {
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  /** Once started and then stopped, runs end early; a worker never started (tests) runs to the end. */
  let started = false;

  /** Sends what is due now, batch by batch, until nothing is. */
  const drain = async () => {
    // Stopping ends the drain after the mail in hand, not after the backlog.
    while (!stopped || !started) {
      const batch = await outbox.lease(clock());
      if (batch.length === 0) return;
      // A mail is marked sent as soon as it went, while the next one goes: on
      // SQLite the marks then share the next flush to disk (outbox.ts, `mark`)
      // instead of taking one each. The batch ends when all of them are stored.
      const marks: Promise<void>[] = [];
      let markFailed: { error: unknown } | undefined;
      try {
        for (const mail of batch) {
          if (stopped && started) return;
          try {
            await transport.send(mail);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            const gaveUp = await outbox.failed(
              mail,
              message.slice(0, 500),
              error instanceof PermanentMailError,
              clock(),
            );
            counted?.(gaveUp ? 'failed' : 'retry', mail);
            continue;
          }
          // A demo keeps what it "sent" for /dev/mail; a real send keeps no text.
          marks.push(
            outbox.sent(mail, clock(), transport.kind === 'smtp').then(
              () => counted?.('sent', mail),
              (error: unknown) => {
                markFailed ??= { error };
              },
            ),
          );
        }
      } finally {
        await Promise.all(marks);
      }
      if (markFailed) throw markFailed.error;
    }
  };

  /** Runs the worker once now (or once more after the run in progress); resolves when done. */
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (again);
      } catch (error) {
        logError(error);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  return {
    run,
    /** Starts looking every `pollMs`. */
    start() {
      if (!stopped) return;
      stopped = false;
      started = true;
      timer = setInterval(() => void run(), pollMs);
      timer.unref();
      void run();
    },
    /** A mail was just written here: send it now rather than at the next look. */
    nudge() {
      if (!stopped) void run();
    },
    /** Stops looking and waits for the mail in hand. */
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

export type MailWorker = ReturnType<typeof mailWorker>;
