// The background's entry points besides the toolbar click: the badge on client tabs, the keyboard
// shortcut (the toolbar's own path) and the welcome page on first install only.
import { describe, expect, it, vi } from 'vitest';
import { CLIENT_BADGE, createBadge, type TabLike } from '@/entrypoints/background/badge';
import { createCommandHandler } from '@/entrypoints/background/commands';
import { createInstallHandler } from '@/entrypoints/background/install';
import { TOGGLE_PANEL_COMMAND } from '@/lib/commands';

function badgeSetup(opts: { allowLocal?: boolean; tabs?: Record<number, TabLike>; failText?: boolean } = {}) {
  const calls: string[] = [];
  const badge = createBadge({
    setBadgeText: async ({ tabId, text }) => {
      if (opts.failText) throw new Error('No tab with id');
      calls.push(`text ${tabId} "${text}"`);
    },
    setBadgeBackgroundColor: ({ tabId, color }) => {
      calls.push(`color ${tabId} ${color}`);
    },
    getTab: async (id) => opts.tabs?.[id],
    allowLocal: opts.allowLocal ?? false,
  });
  return { badge, calls };
}

describe('toolbar badge', () => {
  it('marks a tab that shows a Sellsy client page, with its colour', async () => {
    const { badge, calls } = badgeSetup();
    await badge.onUpdated(
      7,
      { url: 'https://www.sellsy.com/thirds/client/43168168' },
      { id: 7, url: 'https://www.sellsy.com/thirds/client/43168168' },
    );
    expect(calls).toEqual([`color 7 ${CLIENT_BADGE.color}`, `text 7 "${CLIENT_BADGE.text}"`]);
    expect(CLIENT_BADGE.text.length).toBeLessThanOrEqual(2);
  });

  it('clears it on a prospect, a supplier, a contact, another site and a tab it may not read', async () => {
    const { badge, calls } = badgeSetup();
    const urls = [
      'https://www.sellsy.com/thirds/prospect/77',
      'https://www.sellsy.fr/thirds/supplier/9',
      'https://www.sellsy.com/peoples/301',
      'https://www.sellsy.com/',
      'https://evil.example/thirds/client/12',
      undefined,
    ];
    for (const [i, url] of urls.entries()) await badge.onUpdated(i, { status: 'complete' }, { id: i, url });
    expect(calls).toEqual(urls.map((_, i) => `text ${i} ""`));
  });

  it('follows a single-page navigation away from a client and back', async () => {
    const { badge, calls } = badgeSetup();
    const client = 'https://www.sellsy.fr/thirds/client/12';
    await badge.onUpdated(3, { url: client }, { id: 3, url: client });
    await badge.onUpdated(3, { url: 'https://www.sellsy.fr/thirds/prospect/13' }, { id: 3, url: 'https://www.sellsy.fr/thirds/prospect/13' });
    expect(calls.at(-1)).toBe('text 3 ""');
    await badge.onUpdated(3, { url: client }, { id: 3, url: client });
    expect(calls.at(-1)).toBe(`text 3 "${CLIENT_BADGE.text}"`);
  });

  it('ignores updates that change neither the URL nor the loading state (title, favicon, audio)', async () => {
    const { badge, calls } = badgeSetup();
    await badge.onUpdated(3, {}, { id: 3, url: 'https://www.sellsy.fr/thirds/client/12' });
    expect(calls).toEqual([]);
  });

  it('marks the tab brought to the front; a tab that vanished is no error', async () => {
    const { badge, calls } = badgeSetup({ tabs: { 5: { id: 5, url: 'https://www.sellsy.fr/?_f=third&thirdid=44&thirdtype=client' } } });
    await badge.onActivated({ tabId: 5 });
    await badge.onActivated({ tabId: 6 });
    expect(calls).toEqual([`color 5 ${CLIENT_BADGE.color}`, `text 5 "${CLIENT_BADGE.text}"`]);
    const closing = badgeSetup({ failText: true });
    await expect(closing.badge.mark({ id: 9, url: 'https://www.sellsy.fr/thirds/client/12' })).resolves.toBeUndefined();
  });

  it('loopback pages count only in local builds', async () => {
    const url = 'http://127.0.0.1:4000/thirds/client/48201';
    const store = badgeSetup();
    await store.badge.mark({ id: 1, url });
    expect(store.calls).toEqual(['text 1 ""']);
    const local = badgeSetup({ allowLocal: true });
    await local.badge.mark({ id: 1, url });
    expect(local.calls.at(-1)).toBe(`text 1 "${CLIENT_BADGE.text}"`);
  });
});

describe('keyboard shortcut', () => {
  it('takes the toolbar path on the tab the browser hands over', async () => {
    const onAction = vi.fn(async () => undefined);
    const activeTab = vi.fn(async () => ({ id: 99 }));
    const onCommand = createCommandHandler({ onAction, activeTab });
    await onCommand(TOGGLE_PANEL_COMMAND, { id: 4, url: 'https://www.sellsy.fr/thirds/client/12' });
    expect(onAction).toHaveBeenCalledWith({ id: 4, url: 'https://www.sellsy.fr/thirds/client/12' });
    expect(activeTab).not.toHaveBeenCalled();
  });

  it('asks for the active tab when the browser hands none, and ignores other commands', async () => {
    const onAction = vi.fn(async () => undefined);
    const onCommand = createCommandHandler({ onAction, activeTab: async () => ({ id: 8, url: 'https://www.sellsy.com/thirds/client/1' }) });
    await onCommand(TOGGLE_PANEL_COMMAND);
    expect(onAction).toHaveBeenCalledWith({ id: 8, url: 'https://www.sellsy.com/thirds/client/1' });
    await onCommand('_execute_action', { id: 8 });
    expect(onAction).toHaveBeenCalledTimes(1);
    const none = createCommandHandler({ onAction, activeTab: async () => Promise.reject(new Error('no window')) });
    await expect(none(TOGGLE_PANEL_COMMAND)).resolves.toBeUndefined();
    expect(onAction).toHaveBeenCalledTimes(1);
  });
});

describe('install', () => {
  function installSetup(failWelcome = false) {
    const openWelcome = vi.fn(async () => {
      if (failWelcome) throw new Error('no window');
    });
    const markOpenTabs = vi.fn(async () => undefined);
    return { onInstalled: createInstallHandler({ openWelcome, markOpenTabs }), openWelcome, markOpenTabs };
  }

  it('opens the welcome page on a first install, and marks the tabs already open', async () => {
    const t = installSetup();
    await t.onInstalled({ reason: 'install' });
    expect(t.openWelcome).toHaveBeenCalledTimes(1);
    expect(t.markOpenTabs).toHaveBeenCalledTimes(1);
  });

  it.each(['update', 'browser_update', 'chrome_update', 'shared_module_update'])('opens nothing on %s', async (reason) => {
    const t = installSetup();
    await t.onInstalled({ reason });
    expect(t.openWelcome).not.toHaveBeenCalled();
    expect(t.markOpenTabs).toHaveBeenCalledTimes(1);
  });

  it('a welcome page that cannot open does not keep the tabs from being marked', async () => {
    const t = installSetup(true);
    await expect(t.onInstalled({ reason: 'install' })).resolves.toBeUndefined();
    expect(t.markOpenTabs).toHaveBeenCalledTimes(1);
  });
});
