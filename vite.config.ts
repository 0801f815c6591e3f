import { defineConfig } from 'vite';

// The widget bundle: one ES module, `samskab.js`, that registers every widget.
// WXT builds the extension with its own config; this one is only for widgets/.
export default defineConfig({
  build: {
    outDir: 'dist/widgets',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: 'widgets/index.ts',
      formats: ['es'],
      fileName: () => 'samskab.js',
    },
  },
});
