// The core end-to-end checks in Firefox ESR, driven over WebDriver BiDi: the welcome page of the install,
// the options reached from it (Test connection), the panel opened from the page's own control with every
// figure equal to the command line's, the keyboard, the badge, and the prospect sentence without a document
// request; then, in Firefoxes of their own, the first-use walks with Sign in with Sellsy (first-use.ts). BiDi
// runs no code in the background page and opens no moz-extension:// URL itself: everything goes through what
// the extension shows (its welcome tab, the options tab it opens, the in-page control). The panel's shadow root is
// closed: every read of it goes through in-panel.ts (BiDi), every click in it is Puppeteer's mouse.
// Code inside page.evaluate declares no named function (tsx would wrap it in a __name() the page lacks).
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { TOGGLE_PANEL_COMMAND, TOGGLE_PANEL_KEYS } from '../../../lib/commands';
import { DEMO, INVOICING_ACCOUNT, LARGE_CLIENT_ID, PROSPECT_ID } from '../../sellsy/demo';
import { startSellsy } from '../../sellsy/server';
import { assert, createChecker } from '../check';
import { apiRequests, cliSummary, DOCUMENT_REQUEST, localToday } from '../expected';
import { compareFigures, expectedFigures } from '../figures';
import { ENTRY_HOST, entryIn, HOST } from '../in-page';
import { firstUseChecks } from './first-use';
import { panelOf } from './in-panel';
import { extensionPage, type FirefoxLaunchOptions, type LaunchedFirefox } from './launch';

export interface FirefoxCheckEnv {
  launch(): Promise<LaunchedFirefox>;
  /** Another Firefox on a fresh profile (the first-use walks need a first install); the caller closes it. */
  launchFresh(opts?: Pick<FirefoxLaunchOptions, 'managed'>): Promise<LaunchedFirefox>;
  outDir: string;
}

/** The panel open, in any state ('waiting': the background's limits refused its load, nothing on screen yet). */
const OPEN = ['no-credentials', 'loading', 'partial', 'figures', 'ready', 'error', 'not-client', 'waiting'];
const ENTRY = `${ENTRY_HOST} >>> button[data-testid="entry"]`;

/** Polls `probe` until it returns something other than undefined/false. */
async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeout = 30_000): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (${String(last)})` : ''}`);
}

const stateOf = (page: Page) => panelOf(page).state();
const waitState = (page: Page, states: (string | null)[], timeout = 30_000) => panelOf(page).waitState(states, timeout);
async function waitPainted(page: Page, timeout = 90_000): Promise<number> {
  const { at } = await panelOf(page).waitInPanel(
    (root) => {
      const el = root?.querySelector('[data-testid="panel"]');
      const painted = el?.getAttribute('data-painted-at');
      return el?.getAttribute('data-state') === 'ready' && painted != null ? { at: Number(painted) } : null;
    },
    null,
    { timeout, what: 'five cards painted' },
  );
  return at;
}
async function waitEntry(page: Page, placement: 'tabs' | 'floating'): Promise<void> {
  await until(`the control ${placement}`, async () => (await page.evaluate(entryIn, ENTRY_HOST)).placement === placement, 10_000);
}

/** Replaces a field's value by typing, as a user would. */
async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  await page.$eval(selector, (el) => {
    (el as HTMLInputElement).value = '';
  });
  await page.type(selector, value);
}

export async function runFirefoxChecks(env: FirefoxCheckEnv): Promise<{ passed: number; failed: number }> {
  const { check, counts } = createChecker();
  const today = localToday();
  const sellsy = await startSellsy({ today });
  try {
    // The command line's summary first, so its run does not count in the first-use time below.
    const cli = await cliSummary(sellsy, 'company', LARGE_CLIENT_ID, today).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    const installedAt = Date.now();
    const ff = await env.launch();
    const { browser, extensionOrigin } = ff;
    const shot = (p: Page, name: string, fullPage = false) => p.screenshot({ path: resolve(env.outDir, name) as `${string}.png`, fullPage });
    /** The clicks a new user makes from the welcome page to the first summary. */
    let clicks = 0;
    let welcome: Page | null = null;
    /** A new user's path: launch to options saved and tested (F1, F2), then open a client and click (F4). */
    let optionsDoneAt: number | null = null;

    await check('(F1) first install opens the welcome page: both steps, the control and the bound shortcut', async () => {
      welcome = await extensionPage(browser, `${extensionOrigin}/welcome.html`);
      await until('the welcome page rendered', () => welcome!.$('[data-testid="welcome"] kbd[data-shortcut]'));
      const text = await welcome.$eval('[data-testid="welcome"]', (el) => el.textContent ?? '');
      assert(/Connectez-vous à Sellsy|Sign in to Sellsy/.test(text), `no sign-in step: ${text.slice(0, 200)}`);
      assert(/Ouvrez un client|Open a client/.test(text), `no open-a-client step: ${text.slice(0, 200)}`);
      assert(/« Résumé »|“Summary”/.test(text), 'the in-page control is not named');
      // An extension page may call the extension's APIs: ask Firefox which keys it bound.
      const bound = await welcome.evaluate(async (name) => {
        const b = (globalThis as unknown as { browser: any }).browser;
        const all = (await b.commands.getAll()) as { name: string; shortcut?: string }[];
        return all.find((c) => c.name === name)?.shortcut ?? null;
      }, TOGGLE_PANEL_COMMAND);
      assert(bound === TOGGLE_PANEL_KEYS, `Firefox bound "${bound}" for ${TOGGLE_PANEL_KEYS}`);
      const shown = await welcome.$eval('kbd[data-shortcut]', (el) => el.getAttribute('data-shortcut'));
      assert(shown === bound, `shortcut shown "${shown}", bound "${bound}"`);
      await shot(welcome, 'firefox-welcome.png');
      return `${Date.now() - installedAt} ms after launch; shortcut ${bound}; test-results/firefox-welcome.png`;
    });

    const optionsOk = await check(
      '(F2) options, opened from the welcome page: demo credentials + Test connection shows account and licences',
      async () => {
        assert(welcome, 'no welcome page to start from');
        await welcome.click('[data-action="open-options"]');
        clicks += 1;
        const options = await extensionPage(browser, `${extensionOrigin}/options.html`);
        // Sign in with Sellsy is the default kind; a personal API access is chosen under Advanced.
        await until('the options form', () => options.$('[data-testid="options-auth-credentials"]'));
        await options.click('[data-testid="options-auth-credentials"]');
        clicks += 1;
        await until('the personal access fields', () => options.$('[name="clientSecret"]'));
        await typeInto(options, '[name="apiUrl"]', sellsy.apiUrl);
        await typeInto(options, '[name="tokenUrl"]', sellsy.tokenUrl);
        await typeInto(options, '[name="clientId"]', DEMO.clientId);
        await typeInto(options, '[name="clientSecret"]', DEMO.clientSecret);
        await options.click('[data-action="save"], button[type="submit"]');
        await options.click('[data-action="test-sellsy"]');
        clicks += 2;
        const shown = await until(
          'the Test connection result',
          () =>
            options.evaluate(() => {
              const t = document.querySelector('[data-result="sellsy"]')?.textContent ?? '';
              return t && !/…|\.\.\./.test(t) ? t : undefined;
            }),
          20_000,
        );
        assert(shown.includes(INVOICING_ACCOUNT.name), `account name "${INVOICING_ACCOUNT.name}" not shown: ${shown.slice(0, 300)}`);
        assert(/invoic|factur/i.test(shown), `no licence shown: ${shown.slice(0, 300)}`);
        await shot(options, 'firefox-options.png', true);
        await options.close();
        optionsDoneAt = Date.now();
        return 'test-results/firefox-options.png';
      },
    );

    const page = await browser.newPage();
    const clientUrl = `${sellsy.origin}/thirds/client/${LARGE_CLIENT_ID}`;
    let firstSummaryMs: number | null = null;

    await check('(F3) leaving a page in the middle of its first load stops the load (no more requests to Sellsy)', async () => {
      assert(optionsOk, 'no credentials saved: the options check failed');
      const latency = sellsy.options.latencyMs;
      sellsy.options.latencyMs = 150; // a load long enough to leave in the middle
      try {
        await page.goto(clientUrl);
        await waitEntry(page, 'tabs');
        sellsy.resetLog();
        await (await page.waitForSelector(ENTRY))!.click();
        await until('a load well under way', async () => apiRequests(sellsy).length >= 12, 30_000);
        await page.goto(`${sellsy.origin}/`);
        await new Promise((r) => setTimeout(r, 600)); // what was already on the wire may still land
        const settled = apiRequests(sellsy).length;
        await new Promise((r) => setTimeout(r, 2_500));
        const late = apiRequests(sellsy).slice(settled);
        assert(late.length === 0, `${late.length} request(s) after leaving the page: ${late.slice(0, 3).join(', ')}`);
        // Closed again, as a rep who opens the next client afresh would find it.
        await page.goto(clientUrl);
        await waitState(page, OPEN, 10_000);
        await (await page.waitForSelector(ENTRY))!.click();
        await waitState(page, [null], 10_000);
        return `${settled} requests, none after leaving`;
      } finally {
        sellsy.options.latencyMs = latency;
      }
    });

    await check('(F4) large client: the page\'s "Résumé" control opens the panel; every figure equals the CLI --json output', async () => {
      assert(optionsOk, 'no credentials saved: the options check failed');
      if (cli instanceof Error) throw new Error(`the CLI failed: ${cli.message}`);
      const openedAt = Date.now();
      await page.goto(clientUrl);
      await waitEntry(page, 'tabs');
      const where = await page.evaluate(entryIn, ENTRY_HOST);
      assert(where.parentRole === 'tablist' && where.previous === 'Résumé IA', `control at ${JSON.stringify(where)}`);
      assert((await stateOf(page)) === null, 'panel open before the click');
      sellsy.resetLog();
      await (await page.waitForSelector(ENTRY))!.click();
      clicks += 1;
      // F3 computed this client a moment ago: the background allows one load of it per 10 s and says "wait a
      // moment" sooner; the check waits as the panel says (that wait is left out of the first-use time below).
      const waited = await panelOf(page).loadWhenAllowed({ click: null, until: 'settled', timeout: 90_000 });
      const paintedMs = await waitPainted(page);
      if (optionsDoneAt !== null) firstSummaryMs = optionsDoneAt - installedAt + (Date.now() - openedAt) - waited * 1000;
      const diffs = compareFigures(expectedFigures(cli), await panelOf(page).figures());
      assert(diffs.length === 0, `${diffs.length} differences:\n${diffs.join('\n')}`);
      const name = await panelOf(page).text('[data-client-name]');
      assert(name === cli.client.name, `header name "${name}" ≠ "${cli.client.name}"`);
      // What the page's own scripts see of the panel read above: its host, and no shadow root (closed).
      const seen = await page.evaluate((host) => {
        const h = document.querySelector(host);
        return { host: !!h, root: h ? h.shadowRoot !== null : null };
      }, HOST);
      assert(seen.host && seen.root === false, `the page sees the panel as ${JSON.stringify(seen)}: its shadow root is not closed`);
      await page.setViewport({ width: 1400, height: 3400 });
      await shot(page, 'firefox-panel.png');
      await page.setViewport({ width: 1400, height: 900 });
      const api = apiRequests(sellsy).length;
      return `${Object.keys(expectedFigures(cli)).length} figures agree; click → 5 cards painted ${paintedMs} ms (${api} API requests${waited ? `; ${waited} s waited for the load limit first` : ''}); the page's scripts see no shadow root; test-results/firefox-panel.png`;
    });

    await check('(F5) keyboard: Escape closes and gives focus back to the control, Enter opens, Space closes', async () => {
      await waitState(page, ['ready', 'figures'], 10_000);
      await page.keyboard.press('Escape');
      await waitState(page, [null], 10_000);
      assert((await page.evaluate(entryIn, ENTRY_HOST)).focused, 'focus did not come back to the control');
      await page.keyboard.press('Enter');
      await waitState(page, OPEN, 10_000);
      await (await page.waitForSelector(ENTRY))!.focus();
      await page.keyboard.press(' ');
      await waitState(page, [null], 10_000);
      return 'Escape → closed, focus on the control; Enter → open; Space → closed';
    });

    await check('(F6) the toolbar badge marks the client tab', async () => {
      assert(welcome, 'no welcome page to read the badge from');
      // Read from the welcome tab: an extension page, where the extension's APIs answer.
      const badge = await welcome.evaluate(async (url) => {
        const b = (globalThis as unknown as { browser: any }).browser;
        // Firefox's match patterns take no port: find the tab by its URL instead.
        const tab = ((await b.tabs.query({})) as { id: number; url?: string }[]).find((t) => t.url === url);
        if (!tab) return null;
        return {
          text: (await b.browserAction.getBadgeText({ tabId: tab.id })) as string,
          color: (await b.browserAction.getBadgeBackgroundColor({ tabId: tab.id })) as number[],
        };
      }, clientUrl);
      assert(badge, 'the client tab was not found');
      assert(badge.text === '●', `client tab badge "${badge.text}"`);
      assert(badge.color.slice(0, 3).join(',') === '47,111,223', `badge colour ${badge.color.join(',')}`);
      return `"${badge.text}" rgb(${badge.color.slice(0, 3).join(', ')})`;
    });

    await check('(F7) prospect page: the prospect sentence, no document request, no control', async () => {
      // Left open on the client page, the panel reopens by itself on the next record.
      if ((await stateOf(page)) === null) await (await page.waitForSelector(ENTRY))!.click();
      await waitState(page, OPEN, 10_000);
      sellsy.resetLog();
      await page.goto(`${sellsy.origin}/thirds/prospect/${PROSPECT_ID}`);
      await panelOf(page).loadWhenAllowed({ click: null, until: 'settled', timeout: 20_000 });
      await waitState(page, ['not-client'], 20_000);
      const text = await panelOf(page).text('[data-message="not-client"]');
      assert(/only for clients|uniquement pour les clients/.test(text), `sentence: "${text}"`);
      const docs = apiRequests(sellsy).filter((r) => DOCUMENT_REQUEST.test(r));
      assert(docs.length === 0, `document requests for a prospect: ${docs.join(', ')}`);
      await new Promise((r) => setTimeout(r, 300)); // the tabs are drawn by now; the control must not come
      assert((await page.evaluate(entryIn, ENTRY_HOST)).placement === null, 'the control shows on a prospect page');
      await shot(page, 'firefox-prospect.png');
      return `"${text}"; requests: ${apiRequests(sellsy).join(', ') || 'none'}`;
    });

    await check('(F8) single-page navigation from the prospect to a client: the panel follows, the control comes, no reload', async () => {
      const loads = await page.evaluate(() => (window as unknown as { __pageLoads: number }).__pageLoads);
      const link = await page.waitForSelector(`a[data-spa][href="/thirds/client/${LARGE_CLIENT_ID}"]`);
      await link!.click();
      const name = await panelOf(page).waitInPanel(
        (root) => {
          const el = root?.querySelector('[data-testid="panel"]');
          return el?.getAttribute('data-state') === 'ready' ? (el.querySelector('[data-client-name]')?.textContent ?? null) : null;
        },
        null,
        { timeout: 30_000, what: 'the large client in the panel' },
      );
      await waitEntry(page, 'tabs');
      const after = await page.evaluate(() => (window as unknown as { __pageLoads: number }).__pageLoads);
      assert(after === loads, 'the page reloaded');
      assert(page.url().endsWith(`/thirds/client/${LARGE_CLIENT_ID}`), `URL ${page.url()}`);
      return `prospect → "${name}", control back next to the tabs`;
    });

    // Last: after a history traversal from the back-forward cache, Puppeteer's own navigations wait in vain.
    await check(
      '(F9) Back to a page left mid-load (restored from the back-forward cache): the panel asks again instead of a stalled progress bar',
      async () => {
        const latency = sellsy.options.latencyMs;
        sellsy.options.latencyMs = 100;
        try {
          await waitState(page, ['ready'], 20_000);
          await page.evaluate(() => {
            (window as unknown as { __kept: boolean }).__kept = true;
          });
          sellsy.resetLog();
          // A trusted click on Refresh; asked within 10 s of the last load of this client, it is told to wait first.
          await panelOf(page).loadWhenAllowed({ until: 'started', timeout: 30_000 });
          await until('a load under way', async () => apiRequests(sellsy).length >= 8, 30_000);
          await page.goto(`${sellsy.origin}/`);
          await new Promise((r) => setTimeout(r, 600));
          const left = apiRequests(sellsy).length;
          await page.evaluate(() => history.back());
          await until(
            'back on the client',
            async () => (await page.evaluate(() => location.pathname).catch(() => '')).startsWith('/thirds/client/'),
            10_000,
          );
          const kept = await page.evaluate(() => (window as unknown as { __kept?: boolean }).__kept === true);
          // Not frozen on the progress of the load it left: a summary, Refresh usable again.
          const { phase } = await panelOf(page).waitInPanel(
            (root) => {
              const el = root?.querySelector('[data-testid="panel"]');
              const refresh = el?.querySelector('[data-action="refresh"]') as HTMLButtonElement | null | undefined;
              const settled =
                el?.getAttribute('data-state') === 'ready' && !el.querySelector('[data-progress-phase]') && refresh && !refresh.disabled;
              return settled ? { phase: el.getAttribute('data-phase') ?? '' } : null;
            },
            null,
            { timeout: 30_000, what: 'a summary without a stalled progress bar' },
          );
          return `${left} requests when left; ${kept ? 'restored from the back-forward cache' : 'loaded anew'}; ${apiRequests(sellsy).length - left} more after Back, then ready (${phase})`;
        } finally {
          sellsy.options.latencyMs = latency;
        }
      },
    );

    console.log(
      `firefox, a personal API access typed (F1, F2, F4; F3 left out): launch with install → five cards painted ${firstSummaryMs === null ? 'n/a' : `${(firstSummaryMs / 1000).toFixed(1)} s`}, ${clicks} clicks (welcome "Open the options", Advanced's kind, Save, Test connection, the page's control; typing the credentials aside)`,
    );

    // Then in Firefoxes of their own: a first install walked as a new user signs in (first-use.ts). This one is
    // done; closed now, it does not compete for the machine while the walks are timed.
    await ff.close();
    await firstUseChecks({ launchFresh: env.launchFresh, today, outDir: env.outDir, check });
  } finally {
    await sellsy.close();
  }
  return counts();
}
