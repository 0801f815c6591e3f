// The Custom Elements Manifest (custom-elements.json), read from the widgets'
// JSDoc: the reference docs pages and the documentation test are built on it.
export default {
  globs: ['widgets/**/*.component.ts', 'widgets/events/*.ts'],
  exclude: ['**/*.test.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
