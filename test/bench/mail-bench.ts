// The outbox's figures: mails per second written to the outbox and delivered
// by its worker to a local SMTP server (smtp-server), beside nodemailer
// sending the same mails to the same server directly, in the same run; and a
// sign-up's latency through the server with its mail written in the same
// transaction, beside the same server writing no mail.
// Run alone: `npx tsx test/bench/mail-bench.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import nodemailer from 'nodemailer';
import { openDatabase } from '../../src/server/database.js';
import { openMailer } from '../../src/server/mail/mailer.js';
import { signupReceivedMail } from '../../src/server/mail/messages.js';
import { smtpTransport } from '../../src/server/mail/transport.js';
import { startSmtp } from '../support/smtp.js';
import { CONCURRENCY, REQUESTS, serverWrites } from './loopback.js';
import { type BenchRow, printRows } from './report.js';

const MAILS = 300;
const FROM = 'Eksempel Kommune <frivillig@eksempel.dk>';

const letter = (i: number) =>
  signupReceivedMail({
    to: `frivillig${i}@example.dk`,
    locale: 'da',
    name: `Søren Ågård ${i}`,
    activityTitle: 'Besøgsven på Plejecenter Solgården',
    site: 'Eksempel Kommune',
    retentionMonths: 12,
  });

const signup = (i: number) =>
  JSON.stringify({
    activityId: 'besoegsven',
    name: `Søren Ågård ${i}`,
    email: `soren${i}@example.dk`,
    help: 'Højtlæsning om tirsdagen',
    ageBand: '18-plus',
    consent: true,
  });

export async function benchMail(): Promise<BenchRow[]> {
  const smtp = await startSmtp();
  const dir = mkdtempSync(join(tmpdir(), 'samskab-mail-bench-'));
  try {
    // Peer: nodemailer straight to the server over one pooled connection, one
    // mail after another, as the worker sends.
    const direct = nodemailer.createTransport(`${smtp.url}?pool=true`, { from: FROM });
    for (let i = 0; i < 20; i++) await direct.sendMail(letter(i));
    let started = performance.now();
    for (let i = 0; i < MAILS; i++) await direct.sendMail(letter(i));
    const directPerSecond = MAILS / ((performance.now() - started) / 1000);
    direct.close();

    // The outbox: each mail written in its own transaction, then delivered by the worker.
    const db = await openDatabase(join(dir, 'outbox.db'));
    const transport = smtpTransport(smtp.url, FROM);
    const mailer = await openMailer({
      db,
      transport,
      clock: () => new Date(),
      logError: (error) => console.error(error),
    });
    started = performance.now();
    for (let i = 0; i < MAILS; i++) {
      await db.write((trx) => mailer.pending(letter(i), new Date()).enqueue(trx));
    }
    await mailer.worker.run();
    const outboxPerSecond = MAILS / ((performance.now() - started) / 1000);
    transport.close();
    await db.close();
    const delivered = smtp.received.length;
    if (delivered !== 20 + 2 * MAILS) throw new Error(`${delivered} mails arrived`);

    // A sign-up's latency with its mail written in the transaction, and with no mail at all.
    const load = { path: 'signups', body: signup, what: 'sign-up' } as const;
    const without = await serverWrites(join(dir, 'without.db'), { ...load, mail: false });
    const withMail = await serverWrites(join(dir, 'with.db'), {
      ...load,
      mail: { url: smtp.url, from: FROM },
    });
    return [
      {
        name: `mails/s through the outbox to local SMTP (${MAILS})`,
        value: outboxPerSecond,
        unit: '/s',
        peer: { name: 'nodemailer direct', value: directPerSecond },
        better: 'higher',
      },
      {
        name: `sign-up latency p50 with its mail (${CONCURRENCY} concurrent, ${REQUESTS})`,
        value: withMail.p50,
        unit: 'ms',
        peer: { name: 'no mail', value: without.p50 },
        better: 'lower',
      },
      {
        name: 'sign-up latency p95 with its mail',
        value: withMail.p95,
        unit: 'ms',
        peer: { name: 'no mail', value: without.p95 },
        better: 'lower',
      },
      {
        name: 'sign-ups/s with their mail',
        value: withMail.perSecond,
        unit: '/s',
        peer: { name: 'no mail', value: without.perSecond },
        better: 'higher',
      },
    ];
  } finally {
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printRows('Mail (loopback)', await benchMail());
}
