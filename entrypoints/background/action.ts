// The toolbar button: on a Sellsy record page it opens or closes the panel; elsewhere it says, on the
// button of that tab, where it works. The keyboard shortcut takes this same path (commands.ts).
import type { TabMessage } from '@/lib/messages';
import { detectPage } from '@/lib/sellsy-web/detect';
import { backgroundWords } from '@/lib/words/background';
import type { TabLike } from './badge';

export interface ActionDeps {
  sendMessage(tabId: number, message: TabMessage): Promise<unknown>;
  setBadgeText(details: { tabId: number; text: string }): Promise<void> | void;
  setTitle(details: { tabId: number; title: string }): Promise<void> | void;
  /** Puts back the tab's own mark (badge.ts): the client dot, or nothing on other record pages. */
  markTab(tab: TabLike): Promise<void>;
  allowLocal: boolean;
  uiLanguage(): string;
}

export function createActionHandler(deps: ActionDeps) {
  const t = () => backgroundWords(deps.uiLanguage()).toolbar;
  return async function onActionClicked(tab: TabLike): Promise<void> {
    if (typeof tab.id !== 'number') return;
    const tabId = tab.id;
    const page = tab.url ? detectPage(tab.url, { allowLocal: deps.allowLocal }) : null;
    try {
      if (!page) {
        await deps.setBadgeText({ tabId, text: '?' });
        await deps.setTitle({ tabId, title: t().elsewhere });
        return;
      }
      await deps.markTab(tab);
      await deps.setTitle({ tabId, title: t().ready });
      await deps.sendMessage(tabId, { type: 'toggle-panel' });
    } catch {
      // No content script in that tab (opened before the extension was installed or updated).
      try {
        await deps.setBadgeText({ tabId, text: '↻' });
        await deps.setTitle({ tabId, title: t().reload });
      } catch {
        // The tab is gone: nothing left to tell.
      }
    }
  };
}
