// The outbox against a real SMTP server (smtp-server), read back with a real
// parser (mailparser), on the engine the run is for: a mail exists exactly
// when the transaction that wrote it committed, goes once, waits out an SMTP
// server that refuses or is down, and is shown to the admin when given up.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/database.js';
import { GIVE_UP_AFTER_MS, LEASE_MS } from '../../src/server/mail/outbox.js';
import { keptTransport, smtpTransport } from '../../src/server/mail/transport.js';
import { mailWorker } from '../../src/server/mail/worker.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { ADMIN_TOKEN, afterTest, asAdmin, freshDb, manualClock, tempDir } from './support.js';

const FROM = 'Eksempel Kommune <frivillig@eksempel.dk>';

async function smtp(): Promise<TestSmtp> {
  const server = await startSmtp();
  afterTest(() => server.close());
  return server;
}

/** An app over a fresh database whose mail goes to `server`; `db` and `target` to open it again. */
async function mailApp(server: TestSmtp | 'kept' | 'none', { demo = false } = {}) {
  const { db, target } = await freshDb();
  const clock = manualClock();
  const transport =
    server === 'kept'
      ? keptTransport
      : server === 'none'
        ? undefined
        : smtpTransport(server.url, FROM);
  if (transport) afterTest(() => transport.close());
  const built = await createApp({
    db,
    adminToken: ADMIN_TOKEN,
    allowedOrigins: [],
    widgetsDir: join(tempDir(), 'no-widgets'),
    rateLimit: false,
    now: clock.now,
    demo,
    ...(transport ? { mailTransport: transport } : {}),
  });
  return { ...built, db, target, clock, transport };
}

const letter = (n: number | string) => ({
  to: `frivillig${n}@example.dk`,
  kind: 'test',
  subject: `Besked ${n} – Æblevej`,
  text: `Hej ${n}\n\nDin vagt er tirsdag.`,
  html: `<p>Hej ${n}</p><p>Din vagt er tirsdag.</p>`,
  attachments: [
    {
      filename: 'vagt.ics',
      contentType: 'text/calendar; charset=utf-8',
      content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    },
  ],
});

describe('the outbox', () => {
  it('sends a mail once its transaction commits, and never one rolled back', async () => {
    const server = await smtp();
    const { db, mail, clock } = await mailApp(server);
    await expect(
      db.write(async (trx) => {
        await mail.enqueue(trx, letter('rullet-tilbage'), new Date(clock.now()));
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    await db.write((trx) => mail.enqueue(trx, letter(1), new Date(clock.now())));
    await mail.worker.run();
    await mail.worker.run();
    expect(server.received).toHaveLength(1);
    const [message] = server.received;
    expect(message!.subject).toBe('Besked 1 – Æblevej');
    expect(message!.from?.value).toEqual([
      { name: 'Eksempel Kommune', address: 'frivillig@eksempel.dk' },
    ]);
    expect(server.envelopes[0]).toEqual(['frivillig1@example.dk']);
    expect(message!.text).toContain('Din vagt er tirsdag.');
    expect(message!.html).toContain('<p>Hej 1</p>');
    expect(message!.messageId).toMatch(/^<[0-9a-f-]{36}@eksempel\.dk>$/);
    expect(message!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(message!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['vagt.ics', 'text/calendar'],
    ]);
    expect(await mail.outbox.pending()).toBe(0);
    // Sent, it keeps who, what kind and when, not what it said.
    const [kept] = await mail.outbox.all();
    expect(kept).toMatchObject({
      status: 'sent',
      to: 'frivillig1@example.dk',
      text: '',
      html: '',
      attachments: [],
    });
  });

  it('waits out a server that refuses for a while, backing off, and delivers once', async () => {
    const server = await smtp();
    const { db, mail, clock } = await mailApp(server);
    await db.write((trx) => mail.enqueue(trx, letter(2), new Date(clock.now())));
    server.mode = 'temporary';
    await mail.worker.run();
    expect(server.received).toHaveLength(0);
    expect(await mail.outbox.pending()).toBe(1);
    // Not due again before its minute is up.
    clock.advance(30_000);
    await mail.worker.run();
    server.mode = 'accept';
    await mail.worker.run();
    expect(server.received).toHaveLength(0);
    clock.advance(31_000);
    await mail.worker.run();
    await mail.worker.run();
    expect(server.received.map((m) => m.subject)).toEqual(['Besked 2 – Æblevej']);
  });

  it('delivers once after the server was down, and gives up after a day, for the admin to see and retry', async () => {
    const server = await smtp();
    const { app, db, mail, clock } = await mailApp(server);
    await db.write((trx) => mail.enqueue(trx, letter(3), new Date(clock.now())));
    await server.down();
    for (let hour = 0; hour < 25; hour++) {
      await mail.worker.run();
      clock.advance(60 * 60 * 1000);
    }
    expect(await mail.outbox.pending()).toBe(0);
    const failed = await app.request('/api/v1/mail/failed', { headers: asAdmin() });
    expect(failed.status).toBe(200);
    const [given] = await failed.json();
    expect(given).toMatchObject({
      to: 'frivillig3@example.dk',
      kind: 'test',
      subject: 'Besked 3 – Æblevej',
    });
    expect(given.attempts).toBeGreaterThan(5);
    expect(given.error).toMatch(/ECONNREFUSED/);
    expect(Date.parse(given.failedAt) - Date.parse(given.createdAt)).toBeGreaterThanOrEqual(
      GIVE_UP_AFTER_MS,
    );
    expect((await app.request('/api/v1/mail/failed')).status).toBe(401);

    await server.up();
    const retry = await app.request(`/api/v1/mail/failed/${given.id}/retry`, {
      method: 'POST',
      headers: asAdmin(),
    });
    expect(retry.status).toBe(204);
    await mail.worker.run();
    expect(server.received.map((m) => m.subject)).toEqual(['Besked 3 – Æblevej']);
    const again = await app.request(`/api/v1/mail/failed/${given.id}/retry`, {
      method: 'POST',
      headers: asAdmin(),
    });
    expect(again.status).toBe(404);
  });

  it('gives up at once on a permanent refusal (550)', async () => {
    const server = await smtp();
    const { app, db, mail, clock } = await mailApp(server);
    server.mode = 'permanent';
    await db.write((trx) => mail.enqueue(trx, letter(4), new Date(clock.now())));
    await mail.worker.run();
    const failed = await (await app.request('/api/v1/mail/failed', { headers: asAdmin() })).json();
    expect(failed).toHaveLength(1);
    expect(failed[0].attempts).toBe(1);
    expect(failed[0].error).toMatch(/No such user/);
  });

  it('sends each of 60 mails exactly once with two instances’ workers draining at once', async () => {
    const server = await smtp();
    const first = await mailApp(server);
    // A second instance: its own connection to the same database, its own worker.
    const db2 = await openDatabase(first.target);
    afterTest(() => db2.close());
    const secondTransport = smtpTransport(server.url, FROM);
    afterTest(() => secondTransport.close());
    const second = await createApp({
      db: db2,
      adminToken: ADMIN_TOKEN,
      allowedOrigins: [],
      widgetsDir: join(tempDir(), 'no-widgets'),
      rateLimit: false,
      now: first.clock.now,
      mailTransport: secondTransport,
    });
    for (let i = 0; i < 60; i++) {
      await first.db.write((trx) =>
        first.mail.enqueue(trx, letter(i), new Date(first.clock.now())),
      );
    }
    await Promise.all([first.mail.worker.run(), second.mail.worker.run(), first.mail.worker.run()]);
    const subjects = server.received.map((m) => m.subject).sort();
    expect(subjects).toHaveLength(60);
    expect(new Set(subjects).size).toBe(60);
  });

  it('sends a mail whose worker died holding it, once its lease has run out', async () => {
    const server = await smtp();
    const { db, mail, clock } = await mailApp(server);
    await db.write((trx) => mail.enqueue(trx, letter(5), new Date(clock.now())));
    // An instance leases it and dies before sending (kill -9).
    expect(await mail.outbox.lease(new Date(clock.now()))).toHaveLength(1);
    await mail.worker.run();
    expect(server.received).toHaveLength(0);
    clock.advance(LEASE_MS + 1);
    await mail.worker.run();
    expect(server.received.map((m) => m.subject)).toEqual(['Besked 5 – Æblevej']);
  });

  it('marks the others sent when storing one mark fails, and reports that failure', async () => {
    const { db, mail, clock } = await mailApp('kept');
    await db.write(async (trx) => {
      for (const n of [1, 2, 3])
        await mail.enqueue(trx, letter(`mærket-${n}`), new Date(clock.now()));
    });
    const went: string[] = [];
    const errors: unknown[] = [];
    let failing: string | undefined;
    const worker = mailWorker({
      outbox: {
        ...mail.outbox,
        // The first mail's mark is refused (a full disk, say); the rest are stored.
        sent: (m, now, forget) => {
          failing ??= m.id;
          return m.id === failing
            ? Promise.reject(new Error('disk full'))
            : mail.outbox.sent(m, now, forget);
        },
      },
      transport: {
        kind: 'kept',
        send: async (m) => {
          went.push(m.subject);
        },
        close() {},
      },
      clock: () => new Date(clock.now()),
      logError: (error) => errors.push(error),
    });
    await worker.run();
    expect(went).toHaveLength(3);
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk full']);
    const statuses = (await mail.outbox.all()).map((m) => [m.id === failing, m.status]);
    expect(statuses.sort()).toEqual([
      [false, 'sent'],
      [false, 'sent'],
      [true, 'pending'],
    ]);
  });

  it('writes nothing without a way to send it', async () => {
    const { db, mail, clock } = await mailApp('none');
    expect(mail.enabled).toBe(false);
    await db.write((trx) => mail.enqueue(trx, letter(6), new Date(clock.now())));
    expect(await mail.outbox.all()).toEqual([]);
  });

  it('shows a demo server’s kept mail at /dev/mail, to the admin only', async () => {
    const { app, db, mail, clock } = await mailApp('kept', { demo: true });
    await db.write((trx) => mail.enqueue(trx, letter('<b>7</b>'), new Date(clock.now())));
    await mail.worker.run();
    expect((await app.request('/dev/mail')).status).toBe(401);
    const basic = `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`;
    const page = await app.request('/dev/mail', { headers: { Authorization: basic } });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Besked &lt;b&gt;7&lt;/b&gt; – Æblevej');
    expect(text).toContain('vagt.ics');
    expect(page.headers.get('Cache-Control')).toBe('no-store');
  });

  it('has no /dev/mail outside a demo or with an SMTP server', async () => {
    const server = await smtp();
    const { app } = await mailApp(server, { demo: true });
    expect((await app.request('/dev/mail')).status).toBe(404);
  });
});

describe('the outbox, shared by instances', () => {
  it('leaves the mail to an instance that can send it: one without SMTP takes none', async () => {
    const server = await smtp();
    const sender = await mailApp(server);
    const db2 = await openDatabase(sender.target);
    afterTest(() => db2.close());
    const mute = await createApp({
      db: db2,
      adminToken: ADMIN_TOKEN,
      allowedOrigins: [],
      widgetsDir: join(tempDir(), 'no-widgets'),
      rateLimit: false,
      now: sender.clock.now,
    });
    await sender.db.write((trx) =>
      sender.mail.enqueue(trx, letter(8), new Date(sender.clock.now())),
    );
    mute.mail.worker.start();
    await mute.mail.worker.run();
    await mute.mail.worker.stop();
    expect(await sender.mail.outbox.pending()).toBe(1);
    await sender.mail.worker.run();
    expect(server.received.map((m) => m.subject)).toEqual(['Besked 8 – Æblevej']);
  });

  it('marks a mail only under its own lease: a worker whose lease ran out cannot undo another’s send', async () => {
    const server = await smtp();
    const { db, mail, clock } = await mailApp(server);
    await db.write((trx) => mail.enqueue(trx, letter(9), new Date(clock.now())));
    const [stale] = await mail.outbox.lease(new Date(clock.now()));
    clock.advance(LEASE_MS + 1);
    await mail.worker.run();
    expect(server.received).toHaveLength(1);
    // The first worker wakes up and reports its (long) failure: nothing changes.
    expect(await mail.outbox.failed(stale!, 'timeout', true, new Date(clock.now()))).toBe(true);
    const [row] = await mail.outbox.all();
    expect(row!.status).toBe('sent');
  });
});
