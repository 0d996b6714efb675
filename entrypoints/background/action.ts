// The toolbar button: on a Sellsy record page it opens or closes the panel; elsewhere it says, on the
// button of that tab, where it works. The keyboard shortcut takes this same path (commands.ts).
import type { TabMessage } from '@/lib/messages';
import { detectPage } from '@/lib/sellsy-web/detect';
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

const TEXTS = {
  fr: {
    elsewhere: 'Résumé client fonctionne sur les fiches client de Sellsy : ouvrez un client dans Sellsy.',
    reload: 'Rechargez la page Sellsy pour afficher le résumé.',
    ready: 'Résumé client',
  },
  en: {
    elsewhere: 'Résumé client works on Sellsy client pages: open a client in Sellsy.',
    reload: 'Reload the Sellsy page to show the summary.',
    ready: 'Résumé client',
  },
};

export function createActionHandler(deps: ActionDeps) {
  const t = () => (deps.uiLanguage().toLowerCase().startsWith('fr') ? TEXTS.fr : TEXTS.en);
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
