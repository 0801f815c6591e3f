/**
 * Where a tenant's data lives, kept apart by the database itself: on SQLite
 * a file of its own (`<SAMSKAB_DB's folder>/tenants/<id>/samskab.db`); on
 * PostgreSQL a schema of its own (`tenant_<id>`) owned by a role of its own
 * (`<database>.<id>`), which the server switches to for every connection, so
 * a query that forgets its tenant finds only that tenant's tables and has no
 * right to read another's.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import {
  type Db,
  openDatabase,
  openPostgresScope,
  type PostgresScope,
  type Queries,
  quoteIdent,
} from '../database.js';

/** A tenant's open database and its folder for files (none on PostgreSQL). */
export interface TenantDatabase {
  db: Db;
  dataDir: string | undefined;
}

/** A tenant's storage beside the server's own database (`home`, at `homeTarget`). */
export function tenantStorage(home: Db, homeTarget: string) {
  const folder = (id: string) => join(dirname(homeTarget), 'tenants', id);
  let database: Promise<string> | undefined;
  const scope = async (id: string): Promise<PostgresScope> => {
    database ??= sql<{ name: string }>`SELECT current_database() AS name`
      .execute(home.kysely)
      .then(({ rows }) => rows[0]!.name);
    // Roles belong to the whole PostgreSQL server: the database's name keeps
    // two deployments on one server from sharing a tenant's role.
    const role = `${await database}.${id}`;
    if (Buffer.byteLength(role) > 63) {
      throw new Error(
        `The role name ${role} is longer than PostgreSQL's 63 bytes; choose a shorter tenant id.`,
      );
    }
    return { id, schema: `tenant_${id.replaceAll('-', '_')}`, role };
  };

  return {
    /** Where the data is, for `tenant list`. */
    async location(id: string): Promise<string> {
      if (home.engine === 'sqlite') return join(folder(id), 'samskab.db');
      const { schema, role } = await scope(id);
      return `schema ${schema}, rolle/role ${role}`;
    },

    /**
     * Inside `tenant add`'s transaction: makes the role and schema on
     * PostgreSQL (kept if they exist, so a tenant removed without `--erase`
     * comes back with its data). SQLite makes the file at first open.
     */
    async prepare(trx: Queries, id: string): Promise<void> {
      if (home.engine !== 'postgres') return;
      const { schema, role } = await scope(id);
      const exists = await sql`SELECT 1 FROM pg_roles WHERE rolname = ${role}`.execute(trx);
      if (exists.rows.length === 0) {
        await sql.raw(`CREATE ROLE ${quoteIdent(role)} NOLOGIN`).execute(trx);
      }
      // The server's own role must be able to become the tenant's (a superuser always can).
      await sql.raw(`GRANT ${quoteIdent(role)} TO CURRENT_USER`).execute(trx);
      await sql
        .raw(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)} AUTHORIZATION ${quoteIdent(role)}`)
        .execute(trx);
    },

    /**
     * Opens the tenant's database (migrations are the features' own, as for
     * the server's). `generation` tells one addition of an id from the next
     * (its registry `createdAt`): a tenant erased and added again gets a role
     * of the same name, and connections switched to the old one must switch anew.
     */
    async open(id: string, generation = ''): Promise<TenantDatabase> {
      if (home.engine === 'postgres') {
        const tenantScope = { ...(await scope(id)), generation };
        return { db: await openPostgresScope(home, tenantScope), dataDir: undefined };
      }
      return { db: await openDatabase(join(folder(id), 'samskab.db')), dataDir: folder(id) };
    },

    /** Erases everything the tenant kept: its schema and role, or its folder. */
    async erase(id: string): Promise<void> {
      if (home.engine === 'sqlite') {
        rmSync(folder(id), { recursive: true, force: true });
        return;
      }
      const { schema, role } = await scope(id);
      await home.write(async (trx) => {
        await sql.raw(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`).execute(trx);
        await sql.raw(`DROP ROLE IF EXISTS ${quoteIdent(role)}`).execute(trx);
      });
    },
  };
}

export type TenantStorage = ReturnType<typeof tenantStorage>;
