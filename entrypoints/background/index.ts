// Wiring only: the toolbar button, the shortcut, the badge, the welcome page on install, the panel's port
// and the options page's requests. The logic lives in lib/ (the panel's use case: lib/summary/service.ts) and
// in the sibling modules, which take the browser's pieces as parameters so unit tests run them in Node.

import { testProvider } from '@/lib/ai/test-provider';
import { localDate } from '@/lib/dates';
import { SUMMARY_PORT } from '@/lib/messages';
import { createRateLimiter } from '@/lib/rate-limit';
import { createSellsyApi } from '@/lib/sellsy/api';
import { createSignInSession } from '@/lib/sellsy/session';
import { isLoopbackOrigin } from '@/lib/sellsy-web/detect';
import { aiSettingsOf, sellsyConnection } from '@/lib/settings/derive';
import { createSettingsStore, type KeyValue } from '@/lib/settings/store';
import { openStore } from '@/lib/store/open-store';
import type { ResumeStore } from '@/lib/store/types';
import { createSummaryService } from '@/lib/summary/service';
import { createAccountMap } from './accounts';
import { createActionHandler } from './action';
import { createBadge } from './badge';
import { createCommandHandler } from './commands';
import { acceptRuntimeRequest, type GuardContext } from './guard';
import { createInstallHandler } from './install';
import { createLastSent } from './last-sent';
import { localConnection } from './local-sellsy';
import { createRequestHandler } from './requests';
import { createApiPool } from './sellsy-apis';
import { sessionVault } from './session-vault';
import { servePanelPort } from './summary-port';
import type { PortLike, SenderLike } from './types';

export default defineBackground(() => {
  // Everything lives in the extension's local area: it holds secrets, which must never sync.
  const kv: KeyValue = {
    get: (key) => storage.getItem(`local:${key}`),
    set: (key, value) => storage.setItem(`local:${key}`, value),
  };
  // Company presets: storage.managed (a Chrome policy, Firefox's policies.json), read at each load.
  const settings = createSettingsStore(kv, { managed: () => browser.storage.managed.get(), onWarning: (m) => console.warn(m) });
  const accounts = createAccountMap(kv);
  // The signed-in rep's tokens: local storage only, one session for every API client (one renewal at a time).
  const session = createSignInSession({ vault: sessionVault(kv), fetch: (input, init) => globalThis.fetch(input, init) });
  const apiFor = createApiPool((conn) => createSellsyApi({ ...conn, session }));
  const lastSent = createLastSent(() => new Date(), {
    get: (key) => storage.getItem(`session:${key}`),
    set: (key, value) => storage.setItem(`session:${key}`, value),
  });
  const browserLanguage = () => browser.i18n.getUILanguage();
  const guard: GuardContext = {
    runtimeId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
    allowLocal: __LOCAL_SELLSY__,
  };

  // IndexedDB only here: a content script would open the Sellsy site's own database.
  let storeP: Promise<ResumeStore> | null = null;
  const getStore = (): Promise<ResumeStore> => {
    storeP ??= Promise.resolve()
      .then(() => openStore({ indexedDB: globalThis.indexedDB, IDBKeyRange: globalThis.IDBKeyRange }))
      .catch((e) => {
        storeP = null;
        throw e;
      });
    return storeP;
  };

  // MV3 `action`, MV2 (Firefox) `browserAction`: the same calls.
  const action = browser.action ?? browser.browserAction;
  const badge = createBadge({
    setBadgeText: (d) => action.setBadgeText(d),
    setBadgeBackgroundColor: (d) => action.setBadgeBackgroundColor(d),
    getTab: (tabId) => browser.tabs.get(tabId),
    allowLocal: __LOCAL_SELLSY__,
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => void badge.onUpdated(tabId, change, tab));
  browser.tabs.onActivated.addListener((info) => void badge.onActivated(info));

  const onAction = createActionHandler({
    sendMessage: (tabId, message) => browser.tabs.sendMessage(tabId, message),
    setBadgeText: (d) => action.setBadgeText(d),
    setTitle: (d) => action.setTitle(d),
    markTab: badge.mark,
    allowLocal: __LOCAL_SELLSY__,
    uiLanguage: browserLanguage,
  });
  action.onClicked.addListener((tab) => void onAction(tab));

  const onCommand = createCommandHandler({
    onAction,
    activeTab: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0],
  });
  browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));

  const onInstalled = createInstallHandler({
    openWelcome: () => browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }),
    markOpenTabs: async () => {
      for (const tab of await browser.tabs.query({})) await badge.mark(tab);
    },
  });
  browser.runtime.onInstalled.addListener((details) => void onInstalled(details));

  const summaries = createSummaryService({
    loadSettings: () => settings.load(),
    connectionFor: (s, page) => sellsyConnection(s) ?? (__LOCAL_SELLSY__ && isLoopbackOrigin(page.origin) ? localConnection(page.origin) : null),
    makeApi: apiFor,
    openStore: getStore,
    accounts,
    aiSettings: (s) => (s.ai.enabled ? aiSettingsOf(s) : null),
    today: () => localDate(new Date()),
    now: () => new Date(),
    browserLanguage,
    onFigures: (summary, ai) => lastSent.record(summary, ai),
    onWarning: (m) => console.warn(m),
    limiter: createRateLimiter(() => Date.now()),
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== SUMMARY_PORT) return;
    servePanelPort(port as unknown as PortLike, { guard, service: summaries, onWarning: (m) => console.warn(m) });
  });

  const answerRequest = createRequestHandler({
    settings,
    permissions: { remove: (origins) => browser.permissions.remove({ origins }) },
    makeApi: apiFor,
    accounts,
    testAi: (ai, language) => testProvider(ai, { language }),
    lastSent: lastSent.get,
    clearCache: async () => {
      lastSent.clear();
      await (await getStore()).clear();
    },
    openOptions: () => browser.runtime.openOptionsPage(),
    browserLanguage,
    session,
    launchAuthFlow: async (url) => {
      const back = await browser.identity.launchWebAuthFlow({ url, interactive: true });
      if (!back) throw new Error('The sign-in window closed without an answer.');
      return back;
    },
    redirectUri: () => browser.identity.getRedirectURL(),
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: SenderLike, sendResponse: (r: unknown) => void) => {
    const request = acceptRuntimeRequest(message, sender, guard);
    if (!request) return undefined; // not ours to answer: no response at all
    void answerRequest(request).then(sendResponse);
    return true; // the answer comes asynchronously
  });
});
