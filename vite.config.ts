import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minifyHTMLLiterals } from 'minify-literals';
import { defineConfig, type Plugin } from 'vite';

/**
 * Minifies Lit's html`` and css`` templates, which a JS minifier leaves as
 * they are written: indentation and comments would otherwise ship to every
 * resident. minify-literals uses Lightning CSS and html-minifier-next.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'samskab:minify-templates',
    apply: 'build',
    async transform(code, id) {
      if (!/\/widgets\/.*\.ts$/.test(id)) return null;
      return (await minifyHTMLLiterals(code, { fileName: id })) ?? null;
    },
  };
}

/** `samskab.js`: the loader a webmaster pastes (widgets/loader.ts). */
const LOADER = 'widgets/loader.ts';

/** Each widget's code, a chunk of its own that the loader fetches when its tag is on the page. */
const WIDGETS = ['signup-form', 'shift-calendar', 'reflection-prompt'] as const;

/** Files a widget may import at run time by URL (see samskab-element.ts and the calendar). */
const URL_IMPORTED = ['samskab-en.js', 'samskab-ical.js'];

const isWidget = (name: string) => WIDGETS.some((w) => name === `samskab-${w}`);

const VIRTUAL = 'samskab-widget:';
const ROOT = import.meta.dirname;

/** Subresource Integrity of some bytes, as `integrity` attributes take it. */
const sri = (bytes: Uint8Array) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * Splits the kit into a loader and a chunk per widget, and writes into the
 * loader what it needs to fetch them: for each tag the files of its chunk
 * and of the chunks that chunk imports, and the SRI hash of every file the
 * loader lets the browser run. The hashes are written into the loader after
 * the other files are on disk, so they are of the very bytes served; a
 * pinned `/v/<version>/samskab.js` with `integrity` thus covers every byte it
 * makes the browser execute (the loader checks each chunk with
 * `<link rel="modulepreload" integrity>` before importing it).
 *
 * Only when `samskab` is the loader: test/support/bundle-size.ts builds one
 * widget alone as `samskab` with this config, and must get one file.
 */
function widgetChunks(): Plugin {
  let active = false;
  return {
    name: 'samskab:widget-chunks',
    apply: 'build',
    options(options) {
      active = (options.input as Record<string, string> | undefined)?.samskab === LOADER;
    },
    buildStart() {
      if (!active) return;
      for (const widget of WIDGETS) {
        this.emitFile({ type: 'chunk', id: `${VIRTUAL}${widget}`, name: `samskab-${widget}` });
      }
    },
    resolveId: (id) => (id.startsWith(VIRTUAL) ? `\0${id}` : null),
    load(id) {
      if (!id.startsWith(`\0${VIRTUAL}`)) return null;
      const widget = id.slice(VIRTUAL.length + 1);
      // zod/mini's jitless switch first: every widget chunk is a page's first Samskab code.
      return [
        `import ${JSON.stringify(join(ROOT, 'widgets/internal/jitless.ts'))};`,
        `import ${JSON.stringify(join(ROOT, `widgets/${widget}/${widget}.ts`))};`,
      ].join('\n');
    },
    async writeBundle(output, bundle) {
      if (!active) return;
      const dir = output.dir ?? 'dist/widgets';
      const chunks = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [file] : []));
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      // A chunk the loader, the English messages or the parser imported statically would run unchecked.
      for (const name of ['samskab.js', ...URL_IMPORTED]) {
        if (byName.get(name)?.imports.length) throw new Error(`samskab: ${name} imports a chunk`);
      }
      const closure = (fileName: string, seen = new Set<string>()): string[] => {
        if (seen.has(fileName)) return [];
        seen.add(fileName);
        const deps = byName.get(fileName)?.imports ?? [];
        // Dependencies first: the loader adds the widget's own preload last.
        return [...deps.flatMap((d) => closure(d, seen)), fileName];
      };
      const tags: Record<string, string[]> = {};
      for (const widget of WIDGETS) {
        const entry = chunks.find((c) => c.isEntry && c.name === `samskab-${widget}`);
        if (!entry) throw new Error(`samskab: no chunk for ${widget}`);
        tags[`samskab-${widget}`] = closure(entry.fileName);
      }
      const files: Record<string, string> = {};
      for (const name of [...new Set(Object.values(tags).flat()), ...URL_IMPORTED]) {
        files[name] = sri(await readFile(join(dir, name)));
      }
      // One line in front of the minified loader: its source map moves down one line.
      const line = `const __SAMSKAB_CHUNKS__=${JSON.stringify({ tags, files })};\n`;
      const loader = join(dir, 'samskab.js');
      await writeFile(loader, line + (await readFile(loader, 'utf8')));
      const mapPath = `${loader}.map`;
      const map = JSON.parse(await readFile(mapPath, 'utf8')) as { mappings: string };
      map.mappings = `;${map.mappings}`;
      await writeFile(mapPath, JSON.stringify(map));
    },
  };
}

// The widget bundle: `samskab.js`, a small loader, and a chunk per widget that
// it fetches only for tags on the page. Not library mode: Vite leaves
// whitespace in library ES output, and a bundle pasted on municipal sites must
// be small. WXT builds the extension with its own config; this one is only for
// widgets/ and the server pages' scripts.
export default defineConfig({
  plugins: [minifyTemplates(), widgetChunks()],
  publicDir: false,
  build: {
    outDir: 'dist/widgets',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    modulePreload: false,
    rolldownOptions: {
      // English is its own file, loaded only on English pages (see samskab-element.ts);
      // so is ical.js, loaded only by a calendar with an `ics` feed. Both keep
      // fixed names: the widgets import them by URL.
      input: {
        samskab: LOADER,
        'samskab-en': 'src/i18n/en.ts',
        'samskab-ical': 'widgets/shift-calendar/ical.ts',
        // The webmaster pages' own scripts (src/server/embed); they share nothing with samskab.js.
        'embed-configurator': 'src/server/embed/client/configurator.ts',
        'embed-frame': 'src/server/embed/client/frame.ts',
        'embed-resize': 'src/server/embed/client/resize.ts',
        // The workplace's passkey ceremonies (src/server/workplace/passkeys.ts).
        'workplace-passkey': 'src/server/workplace/client/passkey.ts',
      },
      preserveEntrySignatures: 'exports-only',
      output: {
        format: 'es',
        // Chunks are named by their content: a name is then one set of bytes
        // for ever, whichever build served it.
        entryFileNames: (chunk) => (isWidget(chunk.name) ? '[name]-[hash].js' : '[name].js'),
        chunkFileNames: (chunk) =>
          isWidget(chunk.name) ? '[name]-[hash].js' : 'samskab-shared-[hash].js',
      },
    },
  },
});
