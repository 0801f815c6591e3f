// @vitest-environment happy-dom
// custom-elements.json is the widgets' public contract with webmasters. These
// tests fail when a widget grows an attribute, event, part or custom property
// that the manifest (and so the docs) does not list, or when the committed
// manifest is stale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const manifest: Manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const widgets = manifest.modules.flatMap((mod) =>
  (mod.declarations ?? [])
    .filter((d): d is Declaration & { tagName: string } => Boolean(d.tagName))
    .map((declaration) => ({ path: mod.path, declaration })),
);
const names = (list?: { name: string }[]) => (list ?? []).map((x) => x.name).sort();

/** The source of a widget file and every widgets/ module it imports, transitively. */
function sourcesOf(path: string, seen = new Set<string>()): string[] {
  const file = resolve(root, path);
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const imports = [...text.matchAll(/from '(\.[^']+)\.js'/g)]
    .map((m) => resolve(dirname(file), `${m[1]}.ts`))
    .filter((p) => p.startsWith(join(root, 'widgets')));
  return [text, ...imports.flatMap((p) => sourcesOf(p.slice(root.length + 1), seen))];
}

/** Event class name → event type, from widgets/events/*.ts. */
function eventTypes(sources: string[]) {
  const classes = new Set(
    sources.flatMap((s) => [...s.matchAll(/new (Samskab\w+Event)\(/g)].map((m) => m[1])),
  );
  return [...classes]
    .map((name) => {
      const file = sources.find((s) => s.includes(`export class ${name} extends Event`));
      return file?.match(/super\('(samskab-[\w-]+)'/)?.[1] ?? `unknown event class ${name}`;
    })
    .sort();
}

beforeAll(async () => {
  await import('../../widgets/index.js');
});

describe('custom-elements.json', () => {
  it('is up to date with the widgets’ JSDoc', () => {
    const out = mkdtempSync(join(tmpdir(), 'samskab-cem-'));
    execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze'], {
      cwd: root,
      // The analyzer joins its outdir to the working directory.
      env: { ...process.env, CEM_OUTDIR: relative(root, out) },
      stdio: 'ignore',
    });
    const fresh = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
    expect(fresh, 'run `npm run docs` and commit custom-elements.json').toEqual(manifest);
  });

  it('describes every widget the bundle registers', () => {
    const entry = readFileSync(join(root, 'widgets/index.ts'), 'utf8');
    // A widget lives in widgets/<name>/<name>.ts and registers samskab-<name>.
    const registered = [...entry.matchAll(/from '\.\/([\w-]+)\/\1\.js'/g)].map(
      (m) => `samskab-${m[1]}`,
    );
    expect(widgets.map((w) => w.declaration.tagName).sort()).toEqual(registered.sort());
  });

  describe.each(widgets)('$declaration.tagName', ({ path, declaration }) => {
    const sources = sourcesOf(path);

    it('lists exactly the attributes the element observes', () => {
      const element = customElements.get(declaration.tagName) as unknown as {
        observedAttributes: string[];
      };
      expect(names(declaration.attributes)).toEqual([...element.observedAttributes].sort());
    });

    it('lists exactly the events it dispatches', () => {
      expect(names(declaration.events)).toEqual(eventTypes(sources));
    });

    it('lists exactly the parts it renders', () => {
      const parts = new Set(
        sources.flatMap((s) =>
          [...s.matchAll(/\bpart="([^"$]+)"/g)].flatMap((m) => m[1]!.split(/\s+/)),
        ),
      );
      expect(names(declaration.cssParts)).toEqual([...parts].sort());
    });

    it('lists exactly the custom properties its styles read', () => {
      const properties = new Set(sources.flatMap((s) => s.match(/--samskab-[\w-]+/g) ?? []));
      expect(names(declaration.cssProperties)).toEqual([...properties].sort());
    });

    it('gives every attribute, event, part and custom property a description', () => {
      const all = [
        ...(declaration.attributes ?? []),
        ...(declaration.events ?? []),
        ...(declaration.cssParts ?? []),
        ...(declaration.cssProperties ?? []),
      ] as { name: string; description?: string }[];
      expect(all.filter((x) => !x.description?.trim()).map((x) => x.name)).toEqual([]);
    });
  });
});
