/**
 * What a page downloads of the built widget bundle (`dist/widgets`), read from
 * the loader itself: the build writes into `samskab.js` which files each tag
 * needs (see vite.config.ts). Shared by the size budget test and the bench.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = resolve(import.meta.dirname, '../../dist/widgets');

/** The tags, as the loader knows them. */
export const TAGS = ['samskab-signup-form', 'samskab-shift-calendar', 'samskab-reflection-prompt'];

/**
 * Budgets in bytes of gzip -9, each file compressed alone as a browser gets
 * it. Until issue 15 every page loaded the whole kit (32.8 KB of a 33 KB
 * budget); now a page loads the loader and the chunks of the widgets on it.
 * Split files compress less well than one (each starts without the others'
 * words): every widget on one page costs ~3.7 KB more than the old kit did.
 */
export const budgets = {
  /** The SHA-384 hashes alone are 0.6 KB of it (~2.0 KB). */
  loader: 2.5 * 1024,
  /** The loader plus one widget's chunks: what a page with only that widget downloads. */
  page: {
    'samskab-signup-form': 27 * 1024,
    'samskab-shift-calendar': 35 * 1024,
    'samskab-reflection-prompt': 26 * 1024,
  } as Record<string, number>,
  /** A widget's own chunk, without what it shares with the others. */
  own: {
    'samskab-signup-form': 3 * 1024,
    'samskab-shift-calendar': 11 * 1024,
    'samskab-reflection-prompt': 5 * 1024,
  } as Record<string, number>,
  /** A page with every widget, such as the demo page. */
  all: 41 * 1024,
};

/** What the build wrote in front of the loader: each tag's files (its own last) and their hashes. */
export function builtChunks(dir = DIST): {
  tags: Record<string, string[]>;
  files: Record<string, string>;
} {
  const first = readFileSync(join(dir, 'samskab.js'), 'utf8').split('\n', 1)[0]!;
  const json = /^const __SAMSKAB_CHUNKS__=(.*);$/.exec(first)?.[1];
  if (!json) throw new Error('dist/widgets/samskab.js is not the loader: run `npm run build`');
  return JSON.parse(json);
}

const gzipSize = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;

/** Gzip size of the loader alone. */
export const loaderSize = () => gzipSize('samskab.js');

/** Gzip size of what a page holding `tags` downloads: the loader and each file they need, once. */
export function pageSize(tags: readonly string[]): number {
  const chunks = builtChunks();
  const files = new Set(tags.flatMap((tag) => chunks.tags[tag] ?? []));
  return loaderSize() + [...files].reduce((sum, file) => sum + gzipSize(file), 0);
}

/** Gzip size of a widget's own chunk. */
export function ownSize(tag: string): number {
  return gzipSize(builtChunks().tags[tag]!.at(-1)!);
}
