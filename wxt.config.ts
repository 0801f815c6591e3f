import { defineConfig } from 'wxt';

/**
 * The leader's sidebar. Permissions are the fewest the features use, and the
 * extension makes no network requests: its pages' CSP forbids every
 * connection (`connect-src 'none'`), so not even a bug could send a note away.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export default defineConfig({
  // The repo's top level is fixed, so the public files live under src/; WXT
  // copies them as-is and does not scan them for entrypoints.
  publicDir: 'src/extension-public',
  // The sources zip (for Firefox's review) needs the code, not the widget build.
  zip: { excludeSources: ['dist/**', 'data/**'] },
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
            gecko: { id: 'sidebar@samskab.dk', strict_min_version: '115.0' },
          },
        }
      : {}),
  }),
});
