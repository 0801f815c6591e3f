import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * The server's tests that hold for any engine, run again on a real PostgreSQL
 * server. Left out: what is about the SQLite file itself (WAL, the old core
 * schema, `:memory:`, the token file beside the database, online backup).
 */
const SQLITE_ONLY = [
  'test/server/database.test.ts',
  'test/server/admin-token.test.ts',
  'test/server/config.test.ts',
  'test/server/lifecycle.test.ts',
  // `npm run samskab -- backup` and `restore` are SQLite's (PostgreSQL has pg_dump).
  'test/server/backup.test.ts',
  'test/server/cli.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        // Fast tests: Node, happy-dom (per file), fake-indexeddb and WXT's fake browser.
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**'],
        },
      },
      {
        // The same server tests on PostgreSQL: a database of their own per test,
        // on the machine's server (see test/support/databases.ts). It fails,
        // never skips, when there is no server to reach.
        test: {
          name: 'server-pg',
          include: ['test/server/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          env: { SAMSKAB_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/support/postgres-setup.ts'],
          // Files share one server; a few at a time keep its connections in bounds.
          maxWorkers: 2,
          // Each test creates a database of its own (~0.75 s) and migrates every
          // feature's tables: on a busy 2-core machine that outlasts the 5 s default.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Real Chromium against the built bundle, extension and server. Files
        // share one machine of two cores, so they run one at a time.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A real browser answers in its own time; wait for it, never assert on time.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
