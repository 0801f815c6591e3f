// The Custom Elements Manifest (custom-elements.json), read from the widgets'
// JSDoc: the reference docs pages and the documentation test are built on it.

/**
 * The analyzer reads Lit's `static properties` as attributes even for
 * internal state, and guesses events from every `new …Event(…)` argument.
 * Keep what a webmaster can use: attributes of public fields, and the
 * `samskab-*` events the JSDoc documents.
 */
function publicApiOnly() {
  return {
    name: 'samskab-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      // The glob's order follows the file system; sort so the manifest is the same everywhere.
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          const hidden = new Set(
            (declaration.members ?? [])
              .filter((m) => m.privacy === 'private' || m.privacy === 'protected')
              .map((m) => m.name),
          );
          if (declaration.attributes) {
            declaration.attributes = declaration.attributes.filter(
              (a) => !hidden.has(a.fieldName ?? a.name),
            );
          }
          if (declaration.events) {
            declaration.events = declaration.events.filter((e) => e.name?.startsWith('samskab-'));
          }
        }
      }
    },
  };
}

export default {
  globs: ['widgets/**/*.component.ts', 'widgets/internal/samskab-element.ts'],
  // The documentation test writes a fresh manifest elsewhere to compare.
  outdir: process.env.CEM_OUTDIR ?? '.',
  litelement: true,
  // package.json names the committed manifest; the test's fresh copy must not touch it.
  packagejson: false,
  plugins: [publicApiOnly()],
};
