/**
 * Before the PostgreSQL run: the server must answer, or the run fails with
 * what to do. Never a skip that still reports green.
 */
import pg from 'pg';
import { POSTGRES_ADMIN_URL } from './databases.js';

export default async function checkPostgres() {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `The PostgreSQL tests need a server at ${POSTGRES_ADMIN_URL} (set SAMSKAB_TEST_POSTGRES_URL), ` +
        `which may create databases. On Debian: apt-get install postgresql, then ` +
        `pg_ctlcluster --skip-systemctl-redirect 15 main start. (${(error as Error).message})`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
