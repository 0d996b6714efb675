// The ways into the panel besides the toolbar button, in Chromium: the welcome page of a first install, the
// in-page "Résumé" control (click and keyboard, next to the record's tabs or floating), the shortcut, and
// the toolbar badge on client tabs. Called by checks.ts with its own `check`.
// Code inside page.evaluate / worker.evaluate declares no named function (tsx would wrap it in __name()).
import { resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { TOGGLE_PANEL_COMMAND, TOGGLE_PANEL_KEYS } from '../../lib/commands';
import { LARGE_CLIENT_ID, PROSPECT_ID } from '../sellsy/demo';
import type { FakeSellsy } from '../sellsy/server';
import { assert, type Check } from './check';
import { ENTRY_HOST, entryIn } from './in-page';
import { gotoRecord, HOST, panelState, waitState } from './panel-page';

export interface EntryContext {
  context: BrowserContext;
  worker: () => Promise<Worker>;
  extensionId: string;
  sellsy: FakeSellsy;
  outDir: string;
  check: Check;
}

const OPEN = ['no-credentials', 'loading', 'partial', 'figures', 'ready', 'error', 'not-client'];
const ENTRY = `${ENTRY_HOST} button[data-testid="entry"]`;

/** Waits for the control to sit where it should (the page draws its tabs a moment after load). */
async function waitEntry(page: Page, placement: 'tabs' | 'floating', timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([host, want]) => document.querySelector(host)?.shadowRoot?.querySelector('button')?.getAttribute('data-placement') === want,
    [ENTRY_HOST, placement] as const,
    { timeout },
  );
}

/** The first install opened the welcome page: it must be there before anything else is tried. */
export async function welcomeCheck(ctx: EntryContext): Promise<void> {
  const { context, extensionId, check } = ctx;
  await check('(W) first install opens the welcome page: both steps, the control and the shortcut, a way to the options', async () => {
    const url = `chrome-extension://${extensionId}/welcome.html`;
    const welcome =
      context.pages().find((p) => p.url() === url) ?? (await context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 10_000 }));
    await welcome.locator('[data-testid="welcome"]').waitFor({ timeout: 10_000 });
    const text = (await welcome.locator('[data-testid="welcome"]').textContent()) ?? '';
    assert(/Connectez-vous à Sellsy|Sign in to Sellsy/.test(text), `no sign-in step: ${text.slice(0, 200)}`);
    assert(/Ouvrez un client|Open a client/.test(text), `no open-a-client step: ${text.slice(0, 200)}`);
    assert(/« Résumé »|“Summary”/.test(text), 'the in-page control is not named');
    // The browser took the suggested keys (Chromium silently refuses some, Alt+Shift+R among them), and the
    // page shows what the browser has bound.
    const bound = await (await ctx.worker()).evaluate(async (name) => {
      const c = (globalThis as unknown as { chrome: any }).chrome;
      const all = (await c.commands.getAll()) as { name: string; shortcut?: string }[];
      return all.find((x) => x.name === name)?.shortcut ?? null;
    }, TOGGLE_PANEL_COMMAND);
    assert(bound === TOGGLE_PANEL_KEYS, `the browser bound "${bound}" for ${TOGGLE_PANEL_KEYS}`);
    const shortcut = await welcome.locator('kbd[data-shortcut]').getAttribute('data-shortcut');
    assert(shortcut === bound, `shortcut shown "${shortcut}", bound "${bound}"`);
    await welcome.setViewportSize({ width: 1000, height: 800 });
    await welcome.screenshot({ path: resolve(ctx.outDir, 'welcome.png') });
    // Its button opens the options page (a new tab from runtime.openOptionsPage).
    const optionsUrl = `chrome-extension://${extensionId}/options.html`;
    const opened = context.waitForEvent('page', { predicate: (p) => p.url() === optionsUrl, timeout: 10_000 });
    await welcome.locator('[data-action="open-options"]').click();
    const options = await opened;
    await options.locator('[data-testid="options"]').waitFor({ timeout: 10_000 });
    await options.close();
    await welcome.close();
    return `test-results/welcome.png; shortcut ${shortcut}; its button opened the options`;
  });
}

export async function entryPointChecks(ctx: EntryContext): Promise<void> {
  const { context, sellsy, check } = ctx;
  // A URL of its own, so the service worker's tabs.query finds this tab and not the main checks' one.
  const clientUrl = `${sellsy.origin}/thirds/client/${LARGE_CLIENT_ID}?from=entry-checks`;
  const page = await context.newPage();
  const shortcut = async (url: string) =>
    (await ctx.worker()).evaluate(
      async ([u, name]) => {
        const c = (globalThis as unknown as { chrome: any }).chrome;
        const [tab] = await c.tabs.query({ url: u });
        if (!tab) throw new Error(`no tab at ${u}`);
        // The shortcut's listener, run as the browser runs it (with the active tab).
        c.commands.onCommand.dispatch(name, tab);
      },
      [url, TOGGLE_PANEL_COMMAND] as const,
    );
  const badgeOf = async (url: string) =>
    (await ctx.worker()).evaluate(async (u) => {
      const c = (globalThis as unknown as { chrome: any }).chrome;
      const [tab] = await c.tabs.query({ url: u });
      if (!tab) throw new Error(`no tab at ${u}`);
      return {
        text: (await c.action.getBadgeText({ tabId: tab.id })) as string,
        color: (await c.action.getBadgeBackgroundColor({ tabId: tab.id })) as number[],
      };
    }, url);

  try {
    await check('(E1) the "Résumé" control sits next to the record\'s tabs and opens the panel (real click)', async () => {
      await gotoRecord(page, clientUrl);
      await waitEntry(page, 'tabs');
      const where = await page.evaluate(entryIn, ENTRY_HOST);
      assert(where.parentRole === 'tablist' && where.previous === 'Résumé IA', `control at ${JSON.stringify(where)}`);
      assert((await panelState(page)) === null, 'panel open before the click');
      await page.locator(ENTRY).click();
      const state = await waitState(page, OPEN, 10_000);
      assert((await page.evaluate(entryIn, ENTRY_HOST)).expanded === 'true', 'aria-expanded not true once open');
      await page.locator(ENTRY).click();
      await waitState(page, [null], 10_000);
      await page.screenshot({ path: resolve(ctx.outDir, 'entry-tabs.png'), clip: { x: 0, y: 0, width: 1400, height: 260 } });
      return `after "${where.previous}" in the tab list; opened (${state}), closed; test-results/entry-tabs.png`;
    });

    await check('(E2) keyboard: Tab reaches the control, Enter opens, Escape closes and gives focus back, Space opens', async () => {
      await waitEntry(page, 'tabs');
      // From the last of Sellsy's tabs, one Tab press lands on our button.
      await page.locator('[role="tablist"] a', { hasText: 'Résumé IA' }).focus();
      await page.keyboard.press('Tab');
      assert((await page.evaluate(entryIn, ENTRY_HOST)).focused, 'Tab from the last tab did not reach the control');
      await page.keyboard.press('Enter');
      await waitState(page, OPEN, 10_000);
      await page.keyboard.press('Escape');
      await waitState(page, [null], 10_000);
      assert((await page.evaluate(entryIn, ENTRY_HOST)).focused, 'focus did not come back to the control after Escape');
      await page.keyboard.press('Space');
      await waitState(page, OPEN, 10_000);
      await page.keyboard.press('Escape');
      await waitState(page, [null], 10_000);
      return 'Tab → control, Enter → open, Escape → closed with focus back, Space → open';
    });

    await check('(E3) a page script clicking the control through its shadow root opens nothing', async () => {
      // By arrival: the log takes an entry when it is answered, so a request of the load E2 opened and closed
      // can join it after this point; only what reaches Sellsy from now on could come from the click.
      const clickedAt = Date.now();
      const result = await page.evaluate((host) => {
        const button = document.querySelector(host)?.shadowRoot?.querySelector('button');
        if (!button) return 'no button reachable';
        button.click();
        button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        return 'clicked';
      }, ENTRY_HOST);
      await page.waitForTimeout(500);
      assert((await panelState(page)) === null, 'the panel opened on a synthetic click');
      const api = sellsy.log.filter((r) => r.at >= clickedAt && r.path.startsWith('/v2/'));
      assert(api.length === 0, `${api.length} API request(s) after the synthetic click`);
      return `${result}: panel stayed closed, no API request`;
    });

    await check(
      "(E4) the control follows the single-page app: back in the next client's tabs, gone on a prospect, floating without tabs",
      async () => {
        // Another client through the app's own link: the page replaces its content, tabs included.
        const link = page.locator('a[data-spa][href^="/thirds/client/"]').first();
        const href = await link.getAttribute('href');
        await link.click();
        await page.waitForURL(`**${href}`);
        await page.waitForFunction(
          ([host, sel]) => {
            const h = document.querySelector(host);
            return !!h && h.parentElement?.getAttribute('role') === 'tablist' && document.querySelector(sel)?.contains(h) === true;
          },
          [ENTRY_HOST, 'main'] as const,
          { timeout: 10_000 },
        );
        await page.goto(`${sellsy.origin}/thirds/prospect/${PROSPECT_ID}`);
        await page.locator(HOST).waitFor({ state: 'attached', timeout: 15_000 });
        await page.waitForTimeout(400); // the tabs are drawn; the control must still not come
        const onProspect = await page.evaluate(entryIn, ENTRY_HOST);
        assert(onProspect.placement === null, `control on a prospect page: ${JSON.stringify(onProspect)}`);
        await page.goto(`${sellsy.origin}/?_f=third&thirdid=${LARGE_CLIENT_ID}&thirdtype=client`);
        await waitEntry(page, 'floating');
        await page.locator(ENTRY).click();
        await waitState(page, OPEN, 10_000);
        await page.keyboard.press('Escape'); // the open panel covers the corner; focus is in it
        await waitState(page, [null], 10_000);
        await page.screenshot({ path: resolve(ctx.outDir, 'entry-floating.png') });
        return `${href}: back in the tabs; prospect: none; old interface: floating, opens the panel; test-results/entry-floating.png`;
      },
    );

    await check('(E5) the shortcut opens and closes the panel in the active tab (commands.onCommand)', async () => {
      await gotoRecord(page, clientUrl);
      await page.bringToFront();
      assert((await panelState(page)) === null, 'panel open before the shortcut');
      await shortcut(clientUrl);
      const state = await waitState(page, OPEN, 10_000);
      await shortcut(clientUrl);
      await waitState(page, [null], 10_000);
      return `opened (${state}), closed`;
    });

    await check('(E6) the toolbar badge marks the client tab, and not a prospect tab', async () => {
      const prospectUrl = `${sellsy.origin}/thirds/prospect/${PROSPECT_ID}`;
      const other = await context.newPage();
      try {
        await gotoRecord(other, prospectUrl);
        let client = await badgeOf(clientUrl);
        // tabs.onUpdated fires as the page loads: give the last one a moment.
        for (let i = 0; i < 20 && client.text === ''; i++) {
          await page.waitForTimeout(100);
          client = await badgeOf(clientUrl);
        }
        const prospect = await badgeOf(prospectUrl);
        assert(client.text === '●', `client tab badge "${client.text}"`);
        assert(client.color.slice(0, 3).join(',') === '47,111,223', `client tab badge colour ${client.color.join(',')}`);
        assert(prospect.text === '', `prospect tab badge "${prospect.text}"`);
        return `client tab "${client.text}" rgb(${client.color.slice(0, 3).join(', ')}), prospect tab none`;
      } finally {
        await other.close();
      }
    });
  } finally {
    await page.close();
  }
}
