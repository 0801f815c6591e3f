// Notes never leave: the code that talks to the server (src/link) reaches
// nothing of the notes, directly or through anything it imports. Parses every
// file's imports (static, re-exports, type-only and dynamic) and follows the
// relative ones.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
/** The notes: their store, their database, the sidebar's notes store, their schemas. */
const NOTES = [
  'src/notes/',
  'entrypoints/sidepanel/store/',
  'src/schemas/note.ts',
  'src/schemas/follow-up.ts',
  'src/schemas/page-link.ts',
  'src/schemas/backup.ts',
  'src/schemas/settings.ts',
  'src/schemas/volunteer.ts',
];
/** The packages the link may use: IndexedDB, the browser, the schemas' validator. */
const PACKAGES = ['idb', 'wxt/browser', 'zod/mini'];

/** Every module specifier a TypeScript source names. */
function specifiersIn(code: string, lang: 'ts' | 'tsx'): string[] {
  const ast = parseAst(code, { lang }) as unknown;
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as { type?: string; source?: { type?: string; value?: unknown } };
    if (
      (n.type === 'ImportDeclaration' ||
        n.type === 'ExportNamedDeclaration' ||
        n.type === 'ExportAllDeclaration' ||
        n.type === 'ImportExpression') &&
      n.source
    ) {
      if (typeof n.source.value === 'string') found.push(n.source.value);
      else found.push('<computed import>');
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(ast);
  return found;
}

const specifiers = (file: string) =>
  specifiersIn(readFileSync(file, 'utf8'), file.endsWith('.tsx') ? 'tsx' : 'ts');

/** A relative specifier as the file it names (`./a.js` is `a.ts` or `a.tsx`). */
function resolveFile(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.js$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts')])
    if (existsSync(candidate)) return candidate;
  if (base.endsWith('.json') && existsSync(base)) return base;
  throw new Error(`${relative(ROOT, from)}: cannot resolve ${spec}`);
}

/** Every file `entries` reach, and every package they name. */
function reach(entries: string[]) {
  const files = new Map<string, string>(); // file → the file that first imported it
  const packages = new Map<string, string>();
  const queue: [string, string][] = entries.map((e) => [e, '(entry)']);
  const seen = new Set<string>();
  for (let item = queue.shift(); item; item = queue.shift()) {
    const [file, by] = item;
    if (seen.has(file)) continue;
    seen.add(file);
    files.set(relative(ROOT, file), relative(ROOT, by));
    if (file.endsWith('.json')) continue;
    for (const spec of specifiers(file)) {
      if (spec.startsWith('.')) queue.push([resolveFile(file, spec), file]);
      else packages.set(spec, relative(ROOT, file));
    }
  }
  return { files, packages };
}

const linkFiles = (dir = join(ROOT, 'src/link')): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? linkFiles(join(dir, d.name))
      : /\.tsx?$/.test(d.name)
        ? [join(dir, d.name)]
        : [],
  );

const touchesNotes = (files: Map<string, string>) =>
  [...files].filter(([f]) => NOTES.some((n) => f === n || f.startsWith(n)));

describe('the link to the server', () => {
  it('reaches nothing of the notes, however deep it looks', () => {
    const entries = linkFiles();
    expect(entries.length).toBeGreaterThanOrEqual(3);
    const { files, packages } = reach(entries);
    expect(touchesNotes(files).map(([f, by]) => `${by} → ${f}`)).toEqual([]);
    expect(files.has('src/schemas/sidepanel.ts')).toBe(true);
    expect([...packages.keys()].filter((p) => !PACKAGES.includes(p))).toEqual([]);
  });

  it('would notice: the sidebar’s store does reach the notes', () => {
    const { files } = reach([join(ROOT, 'entrypoints/sidepanel/store/index.ts')]);
    expect(touchesNotes(files).length).toBeGreaterThan(0);
    const code = `import type { A } from './a.js';
      export * from './b.js';
      export { c } from './c.js';
      const d = () => import('./d.js');
      const e = (x: string) => import(x);`;
    expect(specifiersIn(code, 'ts')).toEqual([
      './a.js',
      './b.js',
      './c.js',
      './d.js',
      '<computed import>',
    ]);
  });
});
