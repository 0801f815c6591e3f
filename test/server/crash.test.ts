/**
 * `kill -9` under load loses no acknowledged sign-up, and a mail whose sender
 * died between the commit and the send is delivered once, on the engine of the
 * run: the server runs as its own process, so it can be killed without warning.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/database.js';
import { LEASE_MS, openOutbox } from '../../src/server/mail/outbox.js';
import { newDatabaseTarget } from '../support/databases.js';
import { startSmtp } from '../support/smtp.js';
import { listening, ROOT, type ServerProcess, serveProcess } from './processes.js';
import { ADMIN_TOKEN, afterTest, signupBody } from './support.js';

/**
 * `test/support/server-process.ts` on `target`, sending through `smtpUrl`,
 * its clock `clockAheadMs` ahead (a restart that long after).
 */
function serveMailing(target: string, smtpUrl: string, clockAheadMs = 0): Promise<ServerProcess> {
  const options = {
    dbPath: target,
    adminToken: ADMIN_TOKEN,
    smtp: { url: smtpUrl, from: 'Eksempel Kommune <frivillig@eksempel.dk>' },
    clockAheadMs,
  };
  return listening(
    spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/support/server-process.ts'), JSON.stringify(options)],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
}

describe('kill -9 under load', () => {
  it('loses no sign-up the server acknowledged', { timeout: 120_000 }, async () => {
    const { target, remove } = await newDatabaseTarget();
    afterTest(remove);
    const first = await serveProcess(target);
    const acknowledged: string[] = [];
    let killed = false;
    const resident = async () => {
      // Bounded: each loop stops at the kill, or after 400 sign-ups at most.
      for (let i = 0; i < 400 && !killed; i++) {
        try {
          const res = await fetch(new URL('api/v1/signups', first.url), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
            body: JSON.stringify(signupBody({ email: `beboer${randomUUID()}@example.dk` })),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          // The connection died with the server: not acknowledged, so not promised.
        }
        if (acknowledged.length >= 150 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, resident));
    expect(killed).toBe(true);
    if (first.child.exitCode === null && first.child.signalCode === null) {
      await new Promise((resolve) => first.child.once('exit', resolve));
    }

    const second = await serveProcess(target);
    const listed = await fetch(new URL('api/v1/signups', second.url), {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const stored = new Set(((await listed.json()) as { id: string }[]).map((s) => s.id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});

/** Resolves once `check()` holds, polling; rejects after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function signUp(url: string, email: string): Promise<Response> {
  return fetch(new URL('api/v1/signups', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify(signupBody({ email })),
  });
}

const recipient = (mail: ParsedMail) => (Array.isArray(mail.to) ? '' : mail.to?.text);

async function killed(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

describe('kill -9 between the commit and the send', () => {
  it('delivers the mail once, after the restart', { timeout: 120_000 }, async () => {
    const { target, remove } = await newDatabaseTarget();
    afterTest(remove);
    const smtp = await startSmtp();
    afterTest(() => smtp.close());
    // The SMTP server never answers MAIL FROM: the worker has leased the mail
    // and is mid-send when the server dies.
    smtp.mode = 'hold';
    const first = await serveMailing(target, smtp.url);
    expect((await signUp(first.url, 'ane@example.dk')).status).toBe(201);
    await until(() => smtp.held === 1);
    await killed(first.child);
    await until(() => smtp.held === 0);
    expect(smtp.received).toHaveLength(0);

    const db = await openDatabase(target);
    afterTest(() => db.close());
    const store = await openOutbox(db);
    const outbox = async () =>
      (await store.all())
        .map(({ to, status, attempts }) => ({ to, status, attempts }))
        .sort((a, b) => a.to.localeCompare(b.to));
    expect(await outbox()).toMatchObject([
      { to: 'ane@example.dk', status: 'pending', attempts: 1 },
    ]);

    // Restarted before the dead worker's lease ran out, the mail waits for it
    // (the dead worker might have been an instance still sending): the new
    // worker drains what it is nudged to and leaves Ane's alone.
    smtp.mode = 'accept';
    const early = await serveMailing(target, smtp.url);
    expect((await signUp(early.url, 'bo@example.dk')).status).toBe(201);
    await until(() => smtp.received.length === 1);
    // Marked sent only after the SMTP server has it (at least once, never
    // before): a kill in between would send Bo's mail again after the lease.
    await until(async () =>
      (await outbox()).some((m) => m.to === 'bo@example.dk' && m.status === 'sent'),
    );
    await killed(early.child);
    expect(smtp.received.map(recipient)).toEqual(['bo@example.dk']);

    // Restarted after it ran out: sent, once, and marked so.
    await serveMailing(target, smtp.url, LEASE_MS + 1000);
    await until(async () => (await outbox()).every((m) => m.status === 'sent'));
    expect(smtp.received.map(recipient)).toEqual(['bo@example.dk', 'ane@example.dk']);
    expect(await outbox()).toMatchObject([
      { to: 'ane@example.dk', status: 'sent', attempts: 2 },
      { to: 'bo@example.dk', status: 'sent', attempts: 1 },
    ]);
  });
});
