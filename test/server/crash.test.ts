/**
 * `kill -9` under load loses no acknowledged sign-up, on the engine of the
 * run: the server runs as its own process, as `npm run serve` starts it, so
 * it can be killed without warning while residents are signing up.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE, newDatabaseTarget } from '../support/databases.js';
import { ADMIN_TOKEN, afterTest, signupBody } from './support.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

/**
 * `src/server/main.ts` in a process of its own (node with tsx's loader, not
 * the tsx launcher, so the pid is the server's), on `target`; resolves with
 * its URL once it says it is listening.
 */
function serve(target: string): Promise<{ child: ChildProcess; url: string }> {
  const database =
    ENGINE === 'postgres' ? { SAMSKAB_DATABASE_URL: target } : { SAMSKAB_DB: target };
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      SAMSKAB_DEMO: '1',
      SAMSKAB_RATE_LIMIT: 'off',
      SAMSKAB_ADMIN_TOKEN: ADMIN_TOKEN,
      ...database,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const url = /Samskab is running at (\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

describe('kill -9 under load', () => {
  it('loses no sign-up the server acknowledged', { timeout: 120_000 }, async () => {
    const { target, remove } = await newDatabaseTarget();
    afterTest(remove);
    const first = await serve(target);
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

    const second = await serve(target);
    const listed = await fetch(new URL('api/v1/signups', second.url), {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const stored = new Set(((await listed.json()) as { id: string }[]).map((s) => s.id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});
