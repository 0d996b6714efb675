// Wiring only: the toolbar button, the panel's port and the options page's requests. The logic lives in
// lib/ (the panel's use case: lib/summary/service.ts) and in the sibling modules, which take the browser's
// pieces as parameters so unit tests run them in Node.

import { testProvider } from '@/lib/ai/test-provider';
import { localDate } from '@/lib/dates';
import { SUMMARY_PORT } from '@/lib/messages';
import { createRateLimiter } from '@/lib/rate-limit';
import { isLoopbackOrigin } from '@/lib/sellsy-web/detect';
import { aiSettingsOf, sellsyConnection } from '@/lib/settings/derive';
import { createSettingsStore, type KeyValue } from '@/lib/settings/store';
import { openStore } from '@/lib/store/open-store';
import type { ResumeStore } from '@/lib/store/types';
import { createSummaryService } from '@/lib/summary/service';
import { createAccountMap } from './accounts';
import { createActionHandler } from './action';
import { acceptRuntimeRequest, type GuardContext } from './guard';
import { createLastSent } from './last-sent';
import { localConnection } from './local-sellsy';
import { createRequestHandler } from './requests';
import { createApiPool } from './sellsy-apis';
import { servePanelPort } from './summary-port';
import type { PortLike, SenderLike } from './types';

export default defineBackground(() => {
  // Everything lives in the extension's local area: it holds secrets, which must never sync.
  const kv: KeyValue = {
    get: (key) => storage.getItem(`local:${key}`),
    set: (key, value) => storage.setItem(`local:${key}`, value),
  };
  const settings = createSettingsStore(kv);
  const accounts = createAccountMap(kv);
  const apiFor = createApiPool();
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

  const onAction = createActionHandler({
    sendMessage: (tabId, message) => browser.tabs.sendMessage(tabId, message),
    setBadgeText: (d) => (browser.action ?? browser.browserAction).setBadgeText(d),
    setTitle: (d) => (browser.action ?? browser.browserAction).setTitle(d),
    allowLocal: __LOCAL_SELLSY__,
    uiLanguage: browserLanguage,
  });
  (browser.action ?? browser.browserAction).onClicked.addListener((tab) => void onAction(tab));

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
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: SenderLike, sendResponse: (r: unknown) => void) => {
    const request = acceptRuntimeRequest(message, sender, guard);
    if (!request) return undefined; // not ours to answer: no response at all
    void answerRequest(request).then(sendResponse);
    return true; // the answer comes asynchronously
  });
});
