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

// The widget bundle: one ES module, `samskab.js`, that registers every widget.
// Not library mode: Vite leaves whitespace in library ES output, and a widget
// bundle pasted on municipal sites must be small. WXT builds the extension with
// its own config; this one is only for widgets/.
export default defineConfig({
  plugins: [minifyTemplates()],
  publicDir: false,
  build: {
    outDir: 'dist/widgets',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    modulePreload: false,
    rolldownOptions: {
      // English is its own file, loaded only on English pages (see samskab-element.ts);
      // so is ical.js, loaded only by a calendar with an `ics` feed.
      input: {
        samskab: 'widgets/index.ts',
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
        entryFileNames: '[name].js',
        chunkFileNames: 'samskab-[name]-[hash].js',
      },
    },
  },
});
