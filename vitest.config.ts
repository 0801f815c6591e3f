import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

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
