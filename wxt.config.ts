import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { TOGGLE_PANEL_COMMAND, TOGGLE_PANEL_KEYS } from './lib/commands';
import { LOCAL_SELLSY_MATCHES, SELLSY_API_HOSTS, SELLSY_PAGE_MATCHES } from './lib/sellsy/hosts';

// The local Sellsy (demo and tests) is reachable only from builds made with RESUME_LOCAL_SELLSY=1;
// the store build never carries a loopback host permission.
const local = process.env.RESUME_LOCAL_SELLSY === '1';

/** public/icon/<size>.png, drawn from docs/icon/icon.svg (docs/icon/render.sh). */
const ICON_SIZES = [16, 32, 48, 96, 128] as const;
const TOOLBAR_ICONS = Object.fromEntries(ICON_SIZES.filter((s) => s <= 48).map((s) => [String(s), `icon/${s}.png`]));

export default defineConfig({
  outDir: local ? '.output/local' : '.output',
  // __LOCAL_SELLSY__ lets the background read a loopback page with the demo account; in store builds it is
  // the literal false, so that code and the demo credentials are dropped from the bundle.
  vite: () => ({ plugins: [preact()], define: { __LOCAL_SELLSY__: JSON.stringify(local) } }),
  manifest: ({ browser }) => ({
    // Name, description and toolbar title in the browser's language (public/_locales/en and fr). English is the
    // default locale: a browser in neither language reads English, as the summary's texts do (contract §8).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // identity: Sign in with Sellsy opens Sellsy's authorization page in the browser's own sign-in window
    // (identity.launchWebAuthFlow) and gets the code back on the extension's redirect address.
    permissions: ['storage', 'activeTab', 'identity'],
    host_permissions: [...SELLSY_PAGE_MATCHES, ...SELLSY_API_HOSTS, ...(local ? LOCAL_SELLSY_MATCHES : [])],
    // LLM providers are asked for at run time, when the user sets one in the options (MV2 has no
    // optional_host_permissions: Firefox takes them in optional_permissions).
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*', 'http://*/*'] }
      : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    // The icons in public/icon/ are listed by WXT (manifest `icons`); the toolbar button needs its own list.
    action: { default_title: '__MSG_actionTitle__', default_icon: TOOLBAR_ICONS },
    // Company presets (storage.managed) are described by this schema for Chrome's policies; Firefox reads
    // policies.json's "3rdparty" entry for the add-on and has no manifest key for it.
    ...(browser !== 'firefox' && { storage: { managed_schema: 'managed-schema.json' } }),
    // The panel's shortcut (entrypoints/background/commands.ts); its description comes from _locales.
    commands: {
      [TOGGLE_PANEL_COMMAND]: { suggested_key: { default: TOGGLE_PANEL_KEYS }, description: '__MSG_commandTogglePanel__' },
    },
    content_security_policy:
      browser === 'firefox' ? "script-src 'self'; object-src 'self'" : { extension_pages: "script-src 'self'; object-src 'self'" },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: { id: 'resume-client@sellsy-summary.example', data_collection_permissions: { required: ['none'] } },
      },
    }),
  }),
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (!local) return;
      for (const cs of manifest.content_scripts ?? []) cs.matches = [...(cs.matches ?? []), ...LOCAL_SELLSY_MATCHES];
      // The shadow-root panel fetches its stylesheet (content-scripts/content.css) from the local pages too.
      for (const war of manifest.web_accessible_resources ?? []) {
        if (typeof war === 'object' && 'matches' in war) war.matches = [...(war.matches ?? []), ...LOCAL_SELLSY_MATCHES];
      }
    },
  },
});
