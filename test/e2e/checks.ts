// The e2e checks, in order: each prints one line. Later checks reuse the state the earlier ones leave
// (credentials saved, a summary cached), as a user would.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { crmName } from '../../lib/format/crm-name';
import { DEMO, DEMO_SALES, HOSTILE_CLIENT_ID, INDIVIDUAL_CLIENT_ID, INVOICING_ACCOUNT, LARGE_CLIENT_ID, PROSPECT_ID } from '../sellsy/demo';
import { startSellsy } from '../sellsy/server';
import { assert, createChecker } from './check';
import { entryPointChecks, welcomeCheck } from './entry-points';
import { apiRequests, cliSummary, DOCUMENT_REQUEST, localToday } from './expected';
import { compareFigures, expectedFigures } from './figures';
import { firstUseChecks } from './first-use-chromium';
import { hardeningChecks } from './hardening';
import { clickToolbar, currentWorker, type LaunchedBrowser, requestFromExtensionPage } from './launch';
import {
  clickInPanel,
  focusInPanel,
  gotoRecord,
  HOST,
  inPanel,
  panelState,
  panelText,
  panelTimes,
  readFigures,
  refreshWhenAllowed,
  setPanelOpen,
  waitInPanel,
  waitPainted,
  waitState,
} from './panel-page';
import { progressiveChecks } from './progressive';
import { signInChecks } from './signin';
import { teamChecks } from './team';
import { uxChecks } from './ux';

export interface CheckEnv {
  launch(): Promise<LaunchedBrowser>;
  /** Another browser on a fresh profile (the first-use walk-through needs a first install); the caller closes it. */
  launchFresh(): Promise<LaunchedBrowser>;
  outDir: string;
}

export async function runChecks(env: CheckEnv): Promise<{ passed: number; failed: number }> {
  const { check, counts } = createChecker();
  const notes: string[] = [];

  const today = localToday();
  const sellsy = await startSellsy({ today });
  try {
    const browser = await env.launch();
    const { context, extensionId } = browser;
    const worker = () => currentWorker(context);
    const toolbar = async () => clickToolbar(await worker(), `${sellsy.origin}/*`);
    const clientUrl = (id: number) => `${sellsy.origin}/thirds/client/${id}`;
    const shot = (p: Page, name: string) => p.screenshot({ path: resolve(env.outDir, name) });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    const setOpen = (p: Page, open: boolean) => setPanelOpen(p, open, toolbar);
    const extensionRequest = <T>(type: string, payload: unknown) => requestFromExtensionPage<T>(context, extensionId, type, payload);

    const entryContext = { context, worker, extensionId, sellsy, outDir: env.outDir, check };
    await welcomeCheck(entryContext);

    // (a) The toolbar button toggles the panel; without credentials it points to the options.
    await check('(a) toolbar button toggles the panel on the large client page', async () => {
      await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
      assert((await panelState(page)) === null, 'panel shown before any click');
      await toolbar();
      const state = await waitState(page, ['no-credentials', 'loading', 'figures', 'ready', 'error']);
      await toolbar();
      await waitState(page, [null], 10_000);
      await toolbar();
      await waitState(page, ['no-credentials', 'loading', 'figures', 'ready', 'error']);
      await page.keyboard.press('Escape');
      await waitState(page, [null], 10_000);
      return `opened in state "${state}", closed, reopened, Escape closed it`;
    });

    await entryPointChecks(entryContext);

    // (d) The options page: credentials, URLs, Test connection.
    const optionsOk = await check('(d) options: demo credentials + Test connection shows account and licences', async () => {
      const p = await context.newPage();
      try {
        await p.goto(`chrome-extension://${extensionId}/options.html`);
        await fillOptions(p, sellsy);
        const shown = await testConnection(p);
        assert(shown.includes(INVOICING_ACCOUNT.name), `account name "${INVOICING_ACCOUNT.name}" not shown: ${shown.slice(0, 300)}`);
        assert(/invoic|factur/i.test(shown), `no licence shown: ${shown.slice(0, 300)}`);
        await shot(p, 'options.png');
        return 'test-results/options.png';
      } finally {
        await p.close();
      }
    });
    if (!optionsOk) {
      // Later checks still need credentials: save them through the background as the options page would.
      await extensionRequest('settings:set', {
        sellsy: {
          apiUrl: sellsy.apiUrl,
          tokenUrl: sellsy.tokenUrl,
          authKind: 'client-credentials',
          clientId: DEMO.clientId,
          clientSecret: DEMO.clientSecret,
        },
      });
    }
    await extensionRequest('settings:set', { language: 'fr' });

    // (b) Cold summary of the large client equals the CLI's, figure by figure.
    let coldMs: number | null = null;
    let coldDetail = '';
    await check('(b) large client: every figure equals the CLI --json output', async () => {
      const cli = await cliSummary(sellsy, 'company', LARGE_CLIENT_ID, today);
      await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
      await setOpen(page, false);
      // Cold: nothing cached, not even document rows from the aborted load of (a).
      await extensionRequest('cache:clear', {});
      sellsy.resetLog();
      await toolbar();
      await waitPainted(page);
      const times = await panelTimes(page);
      coldMs = times.paintedAt;
      const api = sellsy.log.filter((r) => r.path.startsWith('/v2/') || r.path.startsWith('/oauth2/'));
      const span = api.length ? api[api.length - 1]!.at - api[0]!.at : 0;
      coldDetail = `summary received ${times.summaryAt} ms, figures painted ${times.figuresPaintedAt} ms; ${api.length} HTTP requests to Sellsy over ${span} ms`;
      const diffs = compareFigures(expectedFigures(cli), await readFigures(page));
      assert(diffs.length === 0, `${diffs.length} differences:\n${diffs.join('\n')}`);
      const name = await panelText(page, '[data-client-name]');
      assert(name === crmName(cli.client.name), `header name "${name}" ≠ "${crmName(cli.client.name)}"`);
      return `${Object.keys(expectedFigures(cli)).length} figures agree; click → 5 cards painted ${coldMs} ms (cold; ${coldDetail})`;
    });

    await progressiveChecks({
      context,
      extensionId,
      sellsy,
      check,
      extensionRequest,
      cli: () => cliSummary(sellsy, 'company', LARGE_CLIENT_ID, today),
    });

    // (j) Keyboard and drill-down: focus is in the panel, Enter on a figure opens its documents with links
    // into Sellsy, Copy as Markdown fills the clipboard, Escape closes and the page gets focus back.
    await check("(j) keyboard: focus in the panel, Enter opens a figure's documents, copy, Escape", async () => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sellsy.origin });
      await setOpen(page, false);
      await toolbar();
      await waitPainted(page);
      const focused = await inPanel(
        page,
        (root) => root?.activeElement?.getAttribute('data-client-name') !== null && root?.activeElement?.tagName === 'H2',
        null,
      );
      assert(focused, 'focus did not move into the panel heading on open');
      const figure = '[data-figure="relationship.totalPurchases"] button';
      await focusInPanel(page, figure);
      await page.keyboard.press('Enter');
      const sources = await waitInPanel(
        page,
        (root) => {
          const el = root?.querySelector('[data-sources-for="relationship.totalPurchases"]');
          if (!el) return null;
          return {
            links: [...el.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!),
            excluded: el.querySelectorAll('[data-reason]').length,
          };
        },
        null,
        { timeout: 5_000, what: "the figure's documents" },
      );
      const { links, excluded } = sources;
      assert(links.length > 0 && links.every((h) => h.startsWith(sellsy.origin)), `source links: ${links.slice(0, 3).join(', ')}`);
      await clickInPanel(page, '[data-action="copy"]');
      await waitInPanel(page, (root) => /Copié|Copied/.test(root?.querySelector('[data-action="copy"]')?.textContent ?? ''), null, {
        timeout: 5_000,
        what: 'the copy to be confirmed',
      });
      const md = await page.evaluate(() => navigator.clipboard.readText());
      assert(md.startsWith('## ') && md.includes('Relation client'), `clipboard: ${md.slice(0, 80)}`);
      await focusInPanel(page, figure);
      await page.keyboard.press('Escape');
      await waitState(page, [null], 5_000);
      return `${links.length} documents linked, ${excluded} left out with a reason; ${md.length} characters of Markdown copied`;
    });

    // (e) A reload shows the cached summary; the only API request is the look for a summary a colleague
    // shared on the record (one small request per open, after the summary is painted).
    let cachedMs: number | null = null;
    let cachedDetail = '';
    await check('(e) reload after a first summary: cached summary; only the shared-summary lookup is sent', async () => {
      await setOpen(page, true);
      await waitState(page, ['ready'], 20_000);
      sellsy.resetLog();
      await page.reload();
      await page.locator(HOST).waitFor({ state: 'attached' });
      // The panel was left open: it reopens by itself on the reloaded page.
      await waitState(page, ['ready'], 20_000);
      const phase = (await panelTimes(page)).phase;
      assert(phase === 'cached', `summary phase after reload is "${phase}", expected "cached"`);
      // And the toolbar path, timed: closed, reloaded, clicked.
      await page.keyboard.press('Escape').catch(() => {});
      await setOpen(page, false);
      await page.reload();
      await page.locator(HOST).waitFor({ state: 'attached' });
      await toolbar();
      await waitPainted(page, 20_000);
      const cachedTimes = await panelTimes(page);
      cachedMs = cachedTimes.paintedAt;
      cachedDetail = `summary received ${cachedTimes.summaryAt} ms`;
      const api = apiRequests(sellsy);
      const others = api.filter((r) => !r.startsWith('POST /v2/comments/search?'));
      assert(others.length === 0, `API requests after reload: ${others.join(', ')}`);
      assert(api.length <= 2, `${api.length} shared-summary lookups for two opens`);
      return `reopened by itself, phase cached; click → 5 cards painted ${cachedMs} ms (cached; ${cachedDetail}); ${api.length} lookup(s) of shared summaries`;
    });

    // (g) Sellsy's aggressive styles stay out of the panel, the panel's stay out of the page.
    await check('(g) page styles do not reach the panel; panel styles do not reach the page', async () => {
      const pageStyles = () =>
        page.evaluate(() => {
          const styles: string[] = [];
          for (const sel of ['body', 'main div', 'main button', 'main p', 'h1', '.badge', 'table td']) {
            const el = document.querySelector(sel);
            const cs = el ? getComputedStyle(el) : null;
            styles.push(cs ? [sel, cs.fontFamily, cs.backgroundColor, cs.color, cs.fontSize, cs.margin, cs.width].join('|') : `${sel}: none`);
          }
          return { styles, docStyles: document.querySelectorAll('style[wxt-shadow-root-document-styles]').length };
        });
      await setOpen(page, false);
      const before = await pageStyles();
      await setOpen(page, true);
      await waitState(page, ['ready']);
      const after = await pageStyles();
      assert(JSON.stringify(before) === JSON.stringify(after), `page styles changed: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      assert(after.docStyles === 0, 'the panel added a style element to the page');
      const styles = await inPanel(
        page,
        (root) => {
          const btn = root!.querySelector('[data-action="refresh"]')!;
          const div = root!.querySelector('.card div, .card p')!;
          return { button: getComputedStyle(btn).backgroundColor, font: getComputedStyle(div).fontFamily };
        },
        null,
      );
      assert(styles.button !== 'rgb(255, 0, 0)', `panel button is red (${styles.button})`);
      assert(!/^serif$|^"?Times/i.test(styles.font), `panel text font is ${styles.font}`);
      return `panel button ${styles.button}, panel font ${styles.font.split(',')[0]}`;
    });

    // (h) Single-page navigation to another client updates the panel without a reload.
    await check('(h) pushState navigation to another client updates the panel, no reload', async () => {
      await setOpen(page, true);
      await waitState(page, ['ready']);
      const before = await panelText(page, '[data-client-name]');
      const loads = await page.evaluate(() => (window as any).__pageLoads as number);
      await page.locator(`a[data-spa][href="/thirds/client/${INDIVIDUAL_CLIENT_ID}"]`).first().click();
      await page.waitForURL(`**/thirds/client/${INDIVIDUAL_CLIENT_ID}`);
      await waitInPanel(
        page,
        (root, old) => {
          const name = root?.querySelector('[data-client-name]')?.textContent;
          return root?.querySelector('[data-testid="panel"]')?.getAttribute('data-state') === 'ready' && name && name !== old;
        },
        before,
        { timeout: 30_000, what: 'the other client in the panel' },
      );
      assert(await page.evaluate((n) => (window as any).__pageLoads === n, loads), 'the page reloaded');
      const after = await panelText(page, '[data-client-name]');
      return `"${before}" → "${after}"`;
    });

    // (c) A prospect: the one sentence, and nothing fetched past the record and staffs/me.
    await check('(c) prospect page: the prospect sentence, no document request', async () => {
      sellsy.resetLog();
      await gotoRecord(page, `${sellsy.origin}/thirds/prospect/${PROSPECT_ID}`);
      await setOpen(page, true);
      await waitState(page, ['not-client'], 20_000);
      const text = await panelText(page, '[data-message="not-client"]');
      assert(/only for clients|uniquement pour les clients/.test(text), `sentence: "${text}"`);
      const docs = apiRequests(sellsy).filter((r) => DOCUMENT_REQUEST.test(r));
      assert(docs.length === 0, `document requests for a prospect: ${docs.join(', ')}`);
      return `"${text}"; requests: ${apiRequests(sellsy).join(', ') || 'none (cached)'}`;
    });

    // (f) Hostile CRM text: no markup runs or renders; names lose their tags and bidi overrides (lib/format/crm-name.ts).
    await check('(f) hostile client: <script> and <img onerror> never run or render; names are shown without their tags', async () => {
      dialogs.length = 0;
      await gotoRecord(page, clientUrl(HOSTILE_CLIENT_ID));
      await setOpen(page, true);
      await waitState(page, ['ready'], 60_000);
      await inPanel(
        page,
        (root) => {
          for (const d of root!.querySelectorAll('details')) (d as HTMLDetailsElement).open = true;
        },
        null,
      );
      await page.waitForTimeout(300);
      const found = await inPanel(
        page,
        (root) => ({
          imgs: root!.querySelectorAll('img, script, iframe').length,
          text: root!.textContent ?? '',
          name: root!.querySelector('[data-client-name]')?.textContent ?? '',
          xss: (window as any).__xss,
        }),
        null,
      );
      assert(found.imgs === 0, `${found.imgs} img/script/iframe elements in the panel`);
      assert(found.xss === undefined, `window.__xss = ${String(found.xss)}`);
      assert(dialogs.length === 0, `dialogs opened: ${dialogs.join(', ')}`);
      // The seeded name is "<script>…</script> Société \u202Eevitsoh\u202C Zé\u200Bro 🦄 <img …>": its words, in typed order.
      assert(found.name === 'Société evitsoh Zéro 🦄', `header name ${JSON.stringify(found.name)}`);
      const markup = /<script|<img/i.exec(found.text);
      assert(!markup, `markup shown as text: …${found.text.slice(Math.max(0, (markup?.index ?? 0) - 40), (markup?.index ?? 0) + 40)}…`);
      await shot(page, 'panel-hostile.png');
      return `name shown as "${found.name}"; no markup as text or element; no dialog; window.__xss unset`;
    });

    // (k) A sales-only account: the invoice-only figures are empty and say why.
    await check('(k) sales-only licence: invoice-only figures say they need an invoicing licence', async () => {
      await extensionRequest('settings:set', { sellsy: { clientId: DEMO_SALES.clientId, clientSecret: DEMO_SALES.clientSecret } });
      try {
        await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
        await setOpen(page, true);
        await waitInPanel(
          page,
          (root) => {
            const el = root?.querySelector('[data-testid="panel"]');
            return el?.getAttribute('data-state') === 'ready' && !!el.querySelector('[data-why="invoicing-only"]');
          },
          null,
          { timeout: 60_000, what: 'the sales-only summary' },
        );
        const figures = await readFigures(page);
        const paths = [
          'openDocuments.invoicesToPay',
          'openDocuments.invoicesLate',
          'salesOverview.averagePaymentDelayDays',
          'salesOverview.latePayments',
        ];
        for (const path of paths) assert(figures[path]?.value === 'null', `${path} = ${JSON.stringify(figures[path])}`);
        const why = await panelText(page, '[data-figure="openDocuments.invoicesLate"]');
        assert(/licence Facturation|invoicing licence/.test(why), `no reason given: "${why}"`);
        return `${paths.length} figures empty, each with "${why.replace(/^.*?(disponible|available)/, '$1')}"`;
      } finally {
        await extensionRequest('settings:set', { sellsy: { clientId: DEMO.clientId, clientSecret: DEMO.clientSecret } });
      }
    });

    // (i) The filled panel in French and in English, language set in the settings, then Refresh.
    await check('(i) screenshots of the filled panel in French and English', async () => {
      const shots: string[] = [];
      for (const [lang, title] of [
        ['fr', 'Relation client'],
        ['en', 'Client relationship'],
      ] as const) {
        await extensionRequest('settings:set', { language: lang });
        await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
        await setOpen(page, true);
        await waitState(page, ['ready', 'figures'], 30_000);
        // A fresh computation (phase texts) in that language, painted: not the cached one shown before. The
        // background computes a client at most once per 10 s: a refresh asked sooner is told to wait, and waits.
        await refreshWhenAllowed(page, 60_000, lang);
        const shown = await panelText(page, '[data-card="relationship"] h3');
        assert(shown === title, `${lang} card title is "${shown}"`);
        // A tall window so the screenshot holds the whole panel, not just its first cards.
        await page.setViewportSize({ width: 1400, height: 3400 });
        await shot(page, `panel-${lang}.png`);
        await page.setViewportSize({ width: 1400, height: 900 });
        shots.push(`test-results/panel-${lang}.png`);
      }
      await extensionRequest('settings:set', { language: 'fr' });
      return shots.join(', ');
    });

    await uxChecks({ context, extensionId, sellsy, outDir: env.outDir, check, extensionRequest });

    await hardeningChecks({ context, worker: await worker(), extensionId, sellsy, check });
    await signInChecks({ context, extensionId, sellsy, check, outDir: env.outDir, notes });
    await teamChecks({ context, extensionId, sellsy, check, outDir: env.outDir });

    // Last, in a browser of its own: a first install as a new user makes it. The first browser is done;
    // closed now, it does not compete for the machine while the walk is timed.
    await browser.close();
    await firstUseChecks({ launchFresh: env.launchFresh, today, outDir: env.outDir, check, notes });

    notes.push(`timing: toolbar click → five cards painted (data-painted-at): cold ${coldMs ?? 'n/a'} ms, cached ${cachedMs ?? 'n/a'} ms`);
    writeFileSync(resolve(env.outDir, 'e2e-timings.json'), `${JSON.stringify({ client: LARGE_CLIENT_ID, coldMs, cachedMs })}\n`);
  } finally {
    await sellsy.close();
  }
  for (const n of notes) console.log(n);
  return counts();
}

type Sellsy = Awaited<ReturnType<typeof startSellsy>>;

async function fillOptions(p: Page, sellsy: Sellsy): Promise<void> {
  // Sign in with Sellsy is the default kind; a personal API access is chosen under Advanced.
  await p.locator('[data-testid="options-auth-credentials"]').check();
  await p.locator('[name="apiUrl"]').fill(sellsy.apiUrl);
  await p.locator('[name="tokenUrl"]').fill(sellsy.tokenUrl);
  await p.locator('[name="clientId"]').fill(DEMO.clientId);
  await p.locator('[name="clientSecret"]').fill(DEMO.clientSecret);
  await p.locator('button[type="submit"], [data-action="save"]').first().click();
}

async function testConnection(p: Page): Promise<string> {
  await p.locator('[data-action="test-sellsy"]').click();
  const result = p.locator('[data-result="sellsy"]');
  await result.waitFor({ timeout: 20_000 });
  await p.waitForFunction(() => !/…|\.\.\./.test(document.querySelector('[data-result="sellsy"]')?.textContent ?? '…'), undefined, {
    timeout: 20_000,
  });
  return (await result.textContent()) ?? '';
}
