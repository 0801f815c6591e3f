/**
 * Databases for tests, on the engine the run is for: SQLite files by default,
 * or with `SAMSKAB_TEST_ENGINE=postgres` a fresh database per call on a real
 * PostgreSQL server (`SAMSKAB_TEST_POSTGRES_URL`, by default the machine's
 * own at 127.0.0.1:5432), dropped again when the test ends.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, type Engine, openDatabase } from '../../src/server/database.js';

/** The engine this test run uses. */
export const ENGINE: Engine =
  process.env.SAMSKAB_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** The server that test databases are made on (trust auth, as on the CI machine). */
export const POSTGRES_ADMIN_URL =
  process.env.SAMSKAB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs `statements` on the PostgreSQL server's maintenance database, in order. */
async function admin(...statements: string[]) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Drops the roles tenants made for database `name` (`<name>.<tenant>`, see
 * src/server/tenants/storage.ts): roles outlive the database they served.
 */
async function dropTenantRoles(name: string) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolname: string }>(
      'SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)',
      [`${name}.`],
    );
    for (const { rolname } of rows) {
      await client.query(`DROP ROLE IF EXISTS "${rolname.replaceAll('"', '""')}"`);
    }
  } finally {
    await client.end();
  }
}

/** A place for a new, empty database, and how to remove it once every connection is closed. */
export async function newDatabaseTarget(engine: Engine = ENGINE): Promise<{
  target: string;
  remove: () => Promise<void>;
}> {
  if (engine === 'postgres') {
    const name = `samskab_test_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      target: url.href,
      remove: async () => {
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropTenantRoles(name);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'samskab-db-'));
  return {
    target: join(dir, 'samskab.db'),
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A new, empty, open database and how to close and remove it. */
export async function newDatabase(): Promise<{
  db: Db;
  target: string;
  dispose: () => Promise<void>;
}> {
  const { target, remove } = await newDatabaseTarget();
  const db = await openDatabase(target);
  return {
    db,
    target,
    dispose: async () => {
      await db.close();
      await remove();
    },
  };
}
