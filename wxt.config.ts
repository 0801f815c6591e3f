import { defineConfig } from 'wxt';

// The leader's sidebar. Permissions are the fewest that the features use; the
// extension makes no network requests and asks for no host permissions.
export default defineConfig({
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'da',
    permissions: [
      'storage',
      'unlimitedStorage',
      'contextMenus',
      'alarms',
      'notifications',
      'activeTab',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    action: { default_title: '__MSG_extActionTitle__' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_extCommandOpen__',
      },
    },
    browser_specific_settings: {
      gecko: { id: 'sidebar@samskab.dk', strict_min_version: '115.0' },
    },
  }),
});
