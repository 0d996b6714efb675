// The toolbar badge marks a tab that shows a Sellsy client page, so the rep sees the summary is one click
// (or the shortcut) away; it is cleared on every other page. Decided from the tab's URL alone (the same
// detector as the content script); tabs we may not read come without a URL and are cleared.
import { detectPage, isClientPage } from '@/lib/sellsy-web/detect';

export interface TabLike {
  id?: number;
  url?: string;
}

export interface BadgeDeps {
  setBadgeText(details: { tabId: number; text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void> | void;
  getTab(tabId: number): Promise<TabLike | undefined>;
  allowLocal: boolean;
}

/** A small dot in the extension's blue: "this page has a summary". */
export const CLIENT_BADGE = { text: '●', color: '#2f6fdf' } as const;

export function createBadge(deps: BadgeDeps) {
  async function mark(tab: TabLike): Promise<void> {
    if (typeof tab.id !== 'number') return;
    const tabId = tab.id;
    const client = !!tab.url && isClientPage(detectPage(tab.url, { allowLocal: deps.allowLocal }));
    try {
      if (client) await deps.setBadgeBackgroundColor({ tabId, color: CLIENT_BADGE.color });
      await deps.setBadgeText({ tabId, text: client ? CLIENT_BADGE.text : '' });
    } catch {
      // The tab closed in between: nothing to mark.
    }
  }
  return {
    mark,
    /** tabs.onUpdated: a new URL (also a single-page app's pushState) or a load that started or ended. */
    async onUpdated(_tabId: number, change: { url?: string; status?: string }, tab: TabLike): Promise<void> {
      if (change.url === undefined && change.status === undefined) return;
      await mark(tab);
    },
    /** tabs.onActivated: Firefox resets a tab's badge when it navigates; the tab in front is marked again. */
    async onActivated(info: { tabId: number }): Promise<void> {
      const tab = await deps.getTab(info.tabId).catch(() => undefined);
      if (tab) await mark(tab);
    },
  };
}

export type Badge = ReturnType<typeof createBadge>;
