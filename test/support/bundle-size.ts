import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');

/**
 * Budgets in bytes of gzip -9. One widget alone was 20 KB and the kit 32 KB
 * until issue 9 added what residents need: field errors for ill-formed,
 * control, bidi and invisible-only text (in Danish and English, ~450 B), the
 * reflection prompt's own activity chooser (~400 B) and a typed client that
 * checks every answer (~130 B); the kit came to 32,781 B. Since issue 15 a
 * page loads a loader and its widgets' chunks: see ./page-sizes.ts.
 */
export const budgets = { widget: 21 * 1024 };

/**
 * Gzip size of a bundle made from one widget module alone (with the bundle's
 * shared set-up), built with the project's own Vite config.
 */
export function widgetSize(module: string): Promise<number> {
  return bundleSize([module]);
}

/**
 * Gzip size of a bundle of some widget modules (paths under `widgets/`) with
 * the bundle's shared set-up, built with the project's own Vite config.
 */
export async function bundleSize(modules: readonly string[]): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'samskab-size-'));
  const entry = ['internal/jitless.ts', ...modules]
    .map((m) => `import '${root}/widgets/${m}';`)
    .join('');
  // Vitest sets NODE_ENV=test, which would make Vite (and Lit) build for
  // development; measure what `npm run build` ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root,
      logLevel: 'silent',
      build: {
        outDir: dir,
        emptyOutDir: true,
        sourcemap: false,
        rolldownOptions: {
          input: { samskab: `virtual:samskab-only` },
        },
      },
      plugins: [
        {
          name: 'samskab:only-these-widgets',
          resolveId: (id) => (id === 'virtual:samskab-only' ? `\0${id}` : null),
          load: (id) => (id === '\0virtual:samskab-only' ? entry : null),
        },
      ],
    });
    return gzipSize(await readFile(join(dir, 'samskab.js')));
  } finally {
    process.env.NODE_ENV = nodeEnv;
    await rm(dir, { recursive: true, force: true });
  }
}

function gzipSize(bytes: Buffer) {
  return gzipSync(bytes, { level: 9 }).length;
}
