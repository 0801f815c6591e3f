/**
 * Writes that come in together, on the engine of the run: each stays its own
 * unit of work, and none is acknowledged before it is committed, which a
 * server killed with `kill -9` under load shows. On SQLite they share one
 * COMMIT (see src/server/group-commit.ts; the sharing itself is in
 * database.test.ts, since it is SQLite's alone).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/database.js';
import { newDatabaseTarget } from '../support/databases.js';
import { serveProcess } from './processes.js';
import { afterTest, freshDb, signupBody } from './support.js';

describe('concurrent writes', () => {
  it('take back only the writes of the one that throws', async () => {
    const { db } = await freshDb();
    await db.write((trx) => sql`CREATE TABLE notes (id TEXT PRIMARY KEY)`.execute(trx));
    const insert = (id: string, fail = false) =>
      db.write(async (trx) => {
        await sql`INSERT INTO notes (id) VALUES (${id})`.execute(trx);
        if (fail) throw new Error(`${id} failed`);
        return id;
      });
    const outcomes = await Promise.allSettled([
      insert('a'),
      insert('b', true),
      insert('c'),
      // The same key twice: the second's unique violation undoes only its own.
      insert('a'),
      insert('d'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const { rows } = await sql<{ id: string }>`SELECT id FROM notes ORDER BY id`.execute(db.kysely);
    expect(rows.map((r) => r.id)).toEqual(['a', 'c', 'd']);
  });

  it('resolve only when another connection can read what they wrote', async () => {
    const { db, target } = await freshDb();
    await db.write((trx) => sql`CREATE TABLE notes (id TEXT PRIMARY KEY)`.execute(trx));
    const reader = await openDatabase(target);
    afterTest(() => reader.close());
    const seen = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const id = `note-${i}`;
        await db.write((trx) => sql`INSERT INTO notes (id) VALUES (${id})`.execute(trx));
        const { rows } = await sql`SELECT id FROM notes WHERE id = ${id}`.execute(reader.kysely);
        return rows.length;
      }),
    );
    expect(seen).toEqual(Array(30).fill(1));
  });
});

describe('grouped commits under kill -9', () => {
  it('lose no sign-up, nor its idempotency record, that the server acknowledged', {
    timeout: 120_000,
  }, async () => {
    const { target, remove } = await newDatabaseTarget();
    afterTest(remove);
    const server = await serveProcess(target);
    // Key → the id the 201 gave it.
    const acknowledged = new Map<string, string>();
    let killed = false;
    const kill = () => {
      killed = true;
      server.child.kill('SIGKILL');
    };
    const resident = async (n: number) => {
      // Bounded: each stops at the kill, or after 300 sign-ups at most.
      for (let i = 0; i < 300 && !killed; i++) {
        const key = randomUUID();
        try {
          const res = await fetch(new URL('api/v1/signups', server.url), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
            body: JSON.stringify(signupBody({ email: `beboer${n}.${i}@example.dk` })),
          });
          if (res.status === 201) acknowledged.set(key, ((await res.json()) as { id: string }).id);
        } catch {
          // The connection died with the server: not acknowledged, so not promised.
        }
        // Killed while the others' sign-ups are in flight, mid-batch.
        if (acknowledged.size >= 200 && !killed) kill();
      }
    };
    // More residents than one batch of the last turn holds, so batches overlap the kill.
    await Promise.all(Array.from({ length: 16 }, (_, n) => resident(n)));
    expect(killed).toBe(true);
    if (server.child.exitCode === null && server.child.signalCode === null) {
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(200);

    const db = await openDatabase(target);
    afterTest(() => db.close());
    const { rows } = await sql<{ key: string; signup_id: string | null }>`
      SELECT i.key, i.signup_id FROM idempotency i JOIN signups s ON s.id = i.signup_id`.execute(
      db.kysely,
    );
    const stored = new Map(rows.map((r) => [r.key, r.signup_id]));
    const lost = [...acknowledged].filter(([key, id]) => stored.get(key) !== id);
    expect(lost).toEqual([]);
  });
});
