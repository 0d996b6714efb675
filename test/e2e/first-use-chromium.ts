// The first-install walk-through in Chromium (test/e2e/first-use.ts says what it walks and records): a second
// browser with a fresh profile, so the welcome page opens by itself as on a real install, and a local Sellsy of
// its own, so the first summary is a cold one. The company's app is typed: Chromium applies managed storage
// (company presets) only from a policy file under /etc/chromium/policies and only to a policy-installed
// extension, so the preset path is walked in Firefox only. Called by checks.ts with its own `check`.
// Code inside page.evaluate declares no named function (tsx would wrap it in a __name() the page lacks).
import type { Page } from 'playwright-core';
import { DEMO_APP, DEMO_USERS, INVOICING_ACCOUNT, LARGE_CLIENT_ID } from '../sellsy/demo';
import { type FakeSellsy, startSellsy } from '../sellsy/server';
import { assert, type Check } from './check';
import { checkFirstSummary, createWalk, type FirstUseResult, grants, saveFirstUse, stepLines, until, type Walk } from './first-use';
import { ENTRY_HOST, entryIn, firstPaintIn, fiveCards, type PanelProbe, panelProbeOf } from './in-page';
import type { LaunchedBrowser } from './launch';
import { inPanel } from './panel-page';

export interface FirstUseContext {
  /** A new browser with the extension just installed, on a fresh profile. */
  launchFresh(): Promise<LaunchedBrowser>;
  today: string;
  outDir: string;
  check: Check;
  notes: string[];
}

const ENTRY = `${ENTRY_HOST} button[data-testid="entry"]`;

/** The panel as the walk reads it, the walk's only way into its closed root (in-page.ts's panelProbeOf, through panel-page.ts's inPanel). */
const probe = (page: Page): Promise<PanelProbe> => inPanel(page, panelProbeOf, null);

/** The walk itself; throws at the first step that does not come. */
async function walkThrough(b: LaunchedBrowser, sellsy: FakeSellsy, walk: Walk): Promise<void> {
  const { context, extensionId } = b;
  const origin = `chrome-extension://${extensionId}`;

  // 1. The welcome page opens by itself.
  const welcomeUrl = `${origin}/welcome.html`;
  const welcome =
    context.pages().find((p) => p.url() === welcomeUrl) ??
    (await context.waitForEvent('page', { predicate: (p) => p.url() === welcomeUrl, timeout: 15_000 }));
  await welcome.locator('[data-testid="welcome"] [data-action="open-options"]').waitFor({ timeout: 15_000 });
  const seen = Date.now();
  const painted = await walk.aside(() => welcome.evaluate(firstPaintIn, 2_000));
  walk.mark('welcome painted', painted ?? seen);
  if (painted === null) walk.note('the welcome page published no first-contentful-paint: its time is when the test saw it');
  await walk.shot('1-welcome', (path) => welcome.screenshot({ path }));
  // The local Sellsy's addresses, where a rep's would be Sellsy's own (the defaults): not a user's step.
  await walk.aside(() =>
    welcome.evaluate(
      (sellsy) =>
        (globalThis as unknown as { chrome: any }).chrome.runtime.sendMessage({
          type: 'settings:set',
          payload: { sellsy },
        }),
      { apiUrl: sellsy.apiUrl, tokenUrl: sellsy.tokenUrl, authorizationUrl: sellsy.authorizationUrl },
    ),
  );

  // 2. Its button opens the options; the rep types the company's app (client id and secret).
  const optionsUrl = `${origin}/options.html`;
  const optionsP = context.waitForEvent('page', { predicate: (p) => p.url() === optionsUrl, timeout: 15_000 });
  await walk.act('welcome: “Open the options”', () => welcome.locator('[data-action="open-options"]').click());
  const options = await optionsP;
  const idField = options.locator('[name="appClientId"]');
  await idField.waitFor({ timeout: 15_000 });
  walk.mark('options shown');
  const state = (await options.locator('[data-testid="options-sign-in-state"]').textContent()) ?? '';
  assert(/Not signed in|Non connecté/.test(state), `options before sign-in: "${state}"`);
  await walk.act('options: the app’s client id field', () => idField.click());
  await walk.type(() => options.keyboard.type(DEMO_APP.clientId));
  await walk.act('options: the app’s secret field', () => options.locator('[name="appClientSecret"]').click());
  await walk.type(() => options.keyboard.type(DEMO_APP.clientSecret));
  await walk.shot('2-options', (path) => options.screenshot({ path, fullPage: true }));

  // 3. Sign in with Sellsy → Sellsy's window: e-mail, password, Authorize.
  const windowP = context.waitForEvent('page', { timeout: 15_000 });
  walk.mark('sign-in clicked');
  await walk.act('options: “Sign in with Sellsy”', () => options.locator('[data-testid="options-sign-in"]').click());
  const window = await windowP;
  const email = window.locator('#email');
  await email.waitFor({ timeout: 15_000 });
  walk.mark('Sellsy window shown');
  const asked = new URL(window.url()).searchParams;
  assert(window.url().startsWith(sellsy.authorizationUrl), `the window opened ${window.url().slice(0, 80)}`);
  assert(asked.get('code_challenge_method') === 'S256' && asked.get('code_challenge'), 'no S256 challenge in the authorization URL');
  assert(/^https:\/\/[a-p]{32}\.chromiumapp\.org\/$/.test(asked.get('redirect_uri') ?? ''), `redirect_uri ${asked.get('redirect_uri')}`);
  await walk.act('Sellsy: the e-mail field', () => email.click());
  await walk.type(() => window.keyboard.type(DEMO_USERS.invoicing.email));
  await walk.act('Sellsy: the password field', () => window.locator('#password').click());
  await walk.type(() => window.keyboard.type(DEMO_USERS.invoicing.password));
  await walk.shot('3-sellsy-sign-in', (path) => window.screenshot({ path }));
  walk.mark('authorized');
  await walk.act('Sellsy: “Autoriser”', () => window.locator('[data-action="authorize"]').click());

  // 4. Back in the options: signed in, the account named.
  await options.waitForFunction(
    (account) =>
      document.querySelector('[data-testid="options-sign-in-block"]')?.getAttribute('data-signed-in') === 'true' &&
      (document.querySelector('[data-result="sellsy"] [data-account-name]')?.textContent ?? '') === account,
    INVOICING_ACCOUNT.name,
    { timeout: 30_000, polling: 20 },
  );
  walk.mark('signed in');
  assert(grants(sellsy).join(',') === 'authorization_code 200', `token requests: ${grants(sellsy).join(', ')}`);
  await walk.shot('4-signed-in', (path) => options.screenshot({ path, fullPage: true }));

  // 5. The large client in Sellsy: the rep's Sellsy tab, the client in its list, the page's "Résumé" control.
  const page = await context.newPage();
  await walk.act('Sellsy’s tab (here: its address)', () => page.goto(`${sellsy.origin}/`));
  const link = page.locator(`a[data-spa][href="/thirds/client/${LARGE_CLIENT_ID}"]`).first();
  const clientName = ((await link.getAttribute('data-title')) ?? (await link.textContent()) ?? '').trim();
  await walk.act('Sellsy: the client in the list', () => link.click());
  await page.waitForURL(`**/thirds/client/${LARGE_CLIENT_ID}`);
  await until(
    'the “Résumé” control next to the tabs',
    async () => (await page.evaluate(entryIn, ENTRY_HOST)).placement === 'tabs',
    15_000,
    () => page.evaluate(entryIn, ENTRY_HOST),
  );
  walk.mark('client page shown');
  sellsy.resetLog();
  walk.mark('control clicked');
  await walk.act('the page’s “Résumé” control', () => page.locator(ENTRY).click());
  const cards = await until(
    'five cards',
    async () => {
      const p = await probe(page);
      return fiveCards(p) ? p : undefined;
    },
    90_000,
    () => probe(page),
  );
  walk.mark('five cards');
  const done = await until(
    'the complete summary',
    async () => {
      const p = await probe(page);
      return p.paintedAt !== null ? p : undefined;
    },
    90_000,
    () => probe(page),
  );
  walk.panel({ figuresPaintedAt: cards.figuresPaintedAt, paintedAt: done.paintedAt });
  checkFirstSummary(walk, sellsy, { clientName: cards.clientName, listed: clientName }, done);
  await walk.shot('5-panel', async (path) => {
    await page.setViewportSize({ width: 1400, height: 3400 });
    await page.screenshot({ path });
    await page.setViewportSize({ width: 1400, height: 900 });
  });
}

export async function firstUseChecks(ctx: FirstUseContext): Promise<FirstUseResult | null> {
  let result: FirstUseResult | null = null;
  await ctx.check(
    '(U1) first use: a fresh profile, welcome → options → the app typed → Sign in with Sellsy → Authorize → the client’s “Résumé” → five cards',
    async () => {
      const sellsy = await startSellsy({ today: ctx.today });
      let b: LaunchedBrowser | null = null;
      const launchedAt = Date.now();
      const walk = createWalk({ browser: 'Chromium', slug: 'chromium', outDir: ctx.outDir, launchedAt });
      try {
        b = await ctx.launchFresh();
        await walkThrough(b, sellsy, walk);
        return walk.line();
      } finally {
        result = walk.result();
        saveFirstUse(ctx.outDir, result);
        ctx.notes.push(walk.line(), ...stepLines(result));
        ctx.notes.push(
          '  company presets: not walked in Chromium (managed storage comes only from /etc/chromium/policies, for a policy-installed extension); see the Firefox walk',
        );
        await b?.close().catch(() => {});
        await sellsy.close();
      }
    },
  );
  return result;
}
