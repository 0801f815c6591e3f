import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { originPattern, parseServerOrigins } from './src/link/origins.js';

/**
 * The Samskab servers this build may talk to (`SAMSKAB_SERVER_ORIGINS`, comma
 * separated; https, or http on localhost only). A bad entry stops the build.
 * Without any, the link feature is left out and the extension makes no
 * network requests at all.
 */
const SERVER_ORIGINS = parseServerOrigins(process.env.SAMSKAB_SERVER_ORIGINS);

/**
 * The leader's sidebar. Permissions are the fewest the features use. The
 * pages' CSP lets them connect to the build's Samskab servers and nowhere
 * else — and, in a build without servers, nowhere at all (`connect-src
 * 'none'`), so not even a bug could send a note away.
 */
const CSP = [
  "default-src 'none'",
  // Argon2id (hash-wasm) compiles WebAssembly, which a page's own script-src
  // must allow: Chrome enforces it (MV3), Firefox MV2 only reports it for now.
  // It allows compiling Wasm, not eval() of strings.
  // https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/manifest.json/content_security_policy
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  `connect-src ${SERVER_ORIGINS.length > 0 ? SERVER_ORIGINS.join(' ') : "'none'"}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Keeps two string-to-code sinks out of the panel's bundle, so Mozilla's
 * add-on linter (what addons.mozilla.org runs on every upload) has nothing to
 * warn about, and no future change can quietly start using them:
 *
 * - FlexSearch's default entry is one prebuilt file that carries its Web
 *   Worker support, whose message handler runs `Function("return " + code)`.
 *   Samskab searches on the main thread, so `flexsearch` resolves to the
 *   library's own ES modules instead, with `worker.js` replaced by a stub.
 * - Preact's diff assigns `innerHTML` for `dangerouslySetInnerHTML`. The
 *   sidebar never uses it (Biome's `noDangerouslySetInnerHtml` refuses it), so
 *   that one assignment becomes a throw.
 *
 * Both fail the build loudly when an upgrade moves the code they replace.
 */
function noStringToCode(): Plugin {
  // The real path: Vite names importers by it, also where node_modules is a symlink.
  const flexsearch = `${realpathSync(fileURLToPath(new URL('node_modules/flexsearch/dist/module', import.meta.url)))}/`;
  const entry = '\0samskab:flexsearch';
  const workerStub = '\0samskab:flexsearch-worker';
  return {
    name: 'samskab:no-string-to-code',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'flexsearch') return entry;
      if (importer?.startsWith(flexsearch) && /^\.\.?\/(?:\.\.\/)?worker\.js$/.test(source))
        return workerStub;
      return null;
    },
    load(id) {
      if (id === entry)
        return `export { default as Index } from ${JSON.stringify(`${flexsearch}index.js`)};`;
      if (id === workerStub)
        return 'export default function WorkerIndex() { throw new Error("FlexSearch workers are not part of Samskab"); }';
      return null;
    },
    transform(code, id) {
      if (!/[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id)) return null;
      const sink = /\(\s*(\w+)\.innerHTML\s*=\s*(\w+)\.__html\s*\)/g;
      if ((code.match(sink) ?? []).length !== 1)
        throw new Error('Preact changed: update the innerHTML rewrite in wxt.config.ts');
      return {
        code: code.replace(
          sink,
          '(()=>{throw new Error("dangerouslySetInnerHTML is not allowed in Samskab")})()',
        ),
        map: null,
      };
    },
  };
}

/**
 * The panel's entry (entrypoints/sidepanel/main.tsx) starts reading the
 * database and then imports the interface (panel.tsx). Without a hint the
 * browser would fetch that chunk only once the entry has run; a
 * `modulepreload` link for it and its static imports lets the fetch and
 * compile go alongside the entry instead.
 */
function preloadPanel(): Plugin {
  return {
    name: 'samskab:preload-panel',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle || !ctx.filename.endsWith('sidepanel/index.html')) return [];
        const chunks = Object.values(ctx.bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const panel = chunks.find((c) =>
          c.facadeModuleId?.endsWith('/entrypoints/sidepanel/panel.tsx'),
        );
        if (!panel)
          throw new Error('The panel chunk is missing: update preloadPanel in wxt.config.ts');
        const files = new Set<string>();
        const add = (fileName: string) => {
          if (files.has(fileName) || fileName === ctx.chunk?.fileName) return;
          files.add(fileName);
          for (const i of ctx.bundle?.[fileName]?.type === 'chunk'
            ? ctx.bundle[fileName].imports
            : [])
            add(i);
        };
        add(panel.fileName);
        return [...files].map((f) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  // The repo's top level is fixed, so the public files live under src/; WXT
  // copies them as-is and does not scan them for entrypoints.
  publicDir: 'src/extension-public',
  // The sources zip (for Firefox's review) needs the code, not the widget build.
  zip: { excludeSources: ['dist/**', 'data/**'] },
  vite: () => ({
    plugins: [noStringToCode(), preloadPanel()],
    // Literals in the bundle: without servers the link code is never reached and drops out.
    define: {
      __SAMSKAB_LINK__: JSON.stringify(SERVER_ORIGINS.length > 0),
      __SAMSKAB_SERVER_ORIGINS__: JSON.stringify(SERVER_ORIGINS),
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'da',
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    permissions: [
      'storage',
      'unlimitedStorage',
      'contextMenus',
      'alarms',
      'notifications',
      'activeTab',
      // The panel follows tab switches: reading the active tab's URL when it
      // changes needs `tabs` (activeTab is lost on every switch). See README.
      'tabs',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Host access to the build's servers is asked for at pairing, not at install.
    ...(SERVER_ORIGINS.length === 0
      ? {}
      : browser === 'firefox'
        ? { optional_permissions: SERVER_ORIGINS.map((o) => originPattern(o, 'firefox')) }
        : { optional_host_permissions: SERVER_ORIGINS.map((o) => originPattern(o, 'chrome')) }),
    // What a municipality's IT may set by policy (Chrome/Edge; Firefox reads policies.json).
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    action: {
      default_title: '__MSG_extActionTitle__',
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' },
    },
    commands:
      browser === 'firefox'
        ? {
            _execute_sidebar_action: {
              suggested_key: { default: 'Alt+Shift+S' },
              description: '__MSG_extCommandOpen__',
            },
          }
        : {
            _execute_action: {
              suggested_key: { default: 'Alt+Shift+S' },
              description: '__MSG_extCommandOpen__',
            },
          },
    content_security_policy: { extension_pages: CSP },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'sidebar@samskab.dk',
              // Firefox's built-in data consent. A build without servers
              // transmits nothing (its CSP forbids every connection): "none". A
              // build with servers sends its municipality's server a pairing
              // code, then the device's token with every request (Firefox's
              // "authenticationInfo"), a device name and a sign-up's new status;
              // never a note. The leader is asked once, at install.
              // https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/
              data_collection_permissions: {
                required: SERVER_ORIGINS.length > 0 ? ['authenticationInfo'] : ['none'],
              },
              // The key arrived in Firefox 140 (the ESR since June 2025); older
              // versions would ignore the statement, so they are not offered it.
              strict_min_version: '140.0',
            },
            // Firefox for Android reads the key from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
