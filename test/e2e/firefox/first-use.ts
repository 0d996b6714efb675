// The first-install walk-through in Firefox ESR (test/e2e/first-use.ts says what it walks and records), each
// walk in a Firefox of its own (a fresh profile: the welcome page opens by itself) against a local Sellsy of its
// own (a cold first summary). Twice: the company's app typed in the options, as a rep whose company set no
// presets; and preset through storage.managed (launch.ts's `managed`), where the rep only signs in. Sellsy's
// authorization window arrives as a new target. After the typed walk, the sign-in expires: the panel says
// "signed out" over the kept summary, and its Sign in button brings a fresh one (as Chromium's S4).
// The panel's closed shadow root is read through in-panel.ts (BiDi) and clicked with Puppeteer's mouse.
// Code inside page.evaluate declares no named function (tsx would wrap it in a __name() the page lacks).
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_APP, DEMO_USERS, INVOICING_ACCOUNT, LARGE_CLIENT_ID } from '../../sellsy/demo';
import { type FakeSellsy, startSellsy } from '../../sellsy/server';
import { assert, type Check } from '../check';
import { checkFirstSummary, createWalk, type FirstUseResult, grants, saveFirstUse, stepLines, until, type Walk } from '../first-use';
import { ENTRY_HOST, entryIn, firstPaintIn, fiveCards, type PanelProbe, panelProbeOf } from '../in-page';
import { inPanel, panelOf } from './in-panel';
import { extensionPage, type FirefoxLaunchOptions, type LaunchedFirefox } from './launch';

export interface FirefoxFirstUseContext {
  /** A new Firefox with the extension just installed, on a fresh profile; the caller of this module closes it. */
  launchFresh(opts?: Pick<FirefoxLaunchOptions, 'managed'>): Promise<LaunchedFirefox>;
  today: string;
  outDir: string;
  check: Check;
}

const ENTRY = `${ENTRY_HOST} >>> button[data-testid="entry"]`;
/** The panel as the walk reads it, the walk's only way into its closed root (in-page.ts's panelProbeOf, through in-panel.ts). */
const probe = (page: Page): Promise<PanelProbe> => inPanel(page, panelProbeOf, null);

/** The next page Firefox opens (the identity API's sign-in window is a new target, about:blank at first). */
function nextPage(browser: Browser, timeout = 15_000): Promise<Page> {
  return new Promise<Page>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no new window within ${timeout} ms`)), timeout);
    browser.once('targetcreated', (t) => {
      clearTimeout(timer);
      void t.page().then((p) => (p ? resolve(p) : reject(new Error(`the new target is a ${t.type()}, not a page`))), reject);
    });
  });
}

/** Sellsy's sign-in window: e-mail, password, Authorize, as the rep does it. */
async function authorize(win: Page, walk: Walk | null, shot?: () => Promise<void>): Promise<void> {
  const act = (what: string, fn: () => Promise<unknown>) => (walk ? walk.act(what, fn) : fn());
  await act('Sellsy: the e-mail field', () => win.click('#email'));
  await win.keyboard.type(DEMO_USERS.invoicing.email);
  await act('Sellsy: the password field', () => win.click('#password'));
  await win.keyboard.type(DEMO_USERS.invoicing.password);
  await shot?.();
  walk?.mark('authorized');
  await act('Sellsy: “Autoriser”', () => win.click('[data-action="authorize"]'));
}

const PRESETS = (sellsy: FakeSellsy) => ({
  sellsyAppClientId: DEMO_APP.clientId,
  sellsyAppClientSecret: DEMO_APP.clientSecret,
  sellsyApiUrl: sellsy.apiUrl,
  sellsyTokenUrl: sellsy.tokenUrl,
  sellsyAuthorizationUrl: sellsy.authorizationUrl,
});

/** The walk; throws at the first step that does not come. Leaves the client's page with the panel open. */
async function walkThrough(ff: LaunchedFirefox, sellsy: FakeSellsy, walk: Walk, preset: boolean): Promise<Page> {
  const { browser, extensionOrigin } = ff;

  // 1. The welcome page opens by itself.
  const welcome = await extensionPage(browser, `${extensionOrigin}/welcome.html`, 20_000);
  await welcome.waitForSelector('[data-testid="welcome"] [data-action="open-options"]', { timeout: 15_000 });
  const seen = Date.now();
  const painted = await walk.aside(() => welcome.evaluate(firstPaintIn, 2_000));
  walk.mark('welcome painted', painted ?? seen);
  if (painted === null) walk.note('the welcome page published no first-contentful-paint: its time is when the test saw it');
  await walk.shot('1-welcome', (path) => welcome.screenshot({ path: path as `${string}.png` }));
  if (!preset) {
    // The local Sellsy's addresses, where a rep's would be Sellsy's own (the defaults): not a user's step.
    await walk.aside(() =>
      welcome.evaluate(
        (sellsy) => (globalThis as unknown as { browser: any }).browser.runtime.sendMessage({ type: 'settings:set', payload: { sellsy } }),
        { apiUrl: sellsy.apiUrl, tokenUrl: sellsy.tokenUrl, authorizationUrl: sellsy.authorizationUrl },
      ),
    );
  }

  // 2. Its button opens the options: the rep types the company's app, or finds it set by the company.
  await walk.act('welcome: “Open the options”', () => welcome.click('[data-action="open-options"]'));
  const options = await extensionPage(browser, `${extensionOrigin}/options.html`, 20_000);
  await options.waitForSelector('[name="appClientId"]', { timeout: 15_000 });
  walk.mark('options shown');
  const before = await options.$eval('[data-testid="options-sign-in-state"]', (el) => el.textContent ?? '');
  assert(/Not signed in|Non connecté/.test(before), `options before sign-in: "${before}"`);
  if (preset) {
    const field = await options.$eval('[name="appClientId"]', (el) => {
      const input = el as HTMLInputElement;
      return { value: input.value, disabled: input.disabled, hint: input.closest('.field')?.querySelector('.preset')?.textContent ?? '' };
    });
    assert(field.value === DEMO_APP.clientId && field.disabled, `the preset app id shows as ${JSON.stringify(field)}`);
    assert(/Set by your company|Défini par votre société/.test(field.hint), `no "set by your company": "${field.hint}"`);
    walk.note(
      `company presets through storage.managed (a managed-storage manifest): the app's id and secret and Sellsy's URLs; the options show them disabled, "${field.hint}"`,
    );
  } else {
    await walk.act('options: the app’s client id field', () => options.click('[name="appClientId"]'));
    await options.keyboard.type(DEMO_APP.clientId);
    await walk.act('options: the app’s secret field', () => options.click('[name="appClientSecret"]'));
    await options.keyboard.type(DEMO_APP.clientSecret);
  }
  await walk.shot('2-options', (path) => options.screenshot({ path: path as `${string}.png`, fullPage: true }));

  // 3. Sign in with Sellsy → Sellsy's window, a new target.
  const windowP = nextPage(browser);
  walk.mark('sign-in clicked');
  await walk.act('options: “Sign in with Sellsy”', () => options.click('[data-testid="options-sign-in"]'));
  const win = await windowP;
  await win.waitForSelector('#email', { timeout: 15_000 });
  walk.mark('Sellsy window shown');
  const asked = new URL(win.url()).searchParams;
  assert(win.url().startsWith(sellsy.authorizationUrl), `the window opened ${win.url().slice(0, 80)}`);
  assert(asked.get('code_challenge_method') === 'S256' && asked.get('code_challenge'), 'no S256 challenge in the authorization URL');
  const redirect = asked.get('redirect_uri') ?? '';
  assert(/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/.test(redirect), `redirect_uri ${redirect}`);
  walk.note(`Firefox's redirect address: ${redirect.replace(/[0-9a-f]{40}/, '<hash>')}`);
  await authorize(win, walk, () => walk.shot('3-sellsy-sign-in', (path) => win.screenshot({ path: path as `${string}.png` })));

  // 4. Back in the options: signed in, the account named.
  await until(
    'signed in, the account named',
    () =>
      options.evaluate(
        (account) =>
          document.querySelector('[data-testid="options-sign-in-block"]')?.getAttribute('data-signed-in') === 'true' &&
          (document.querySelector('[data-result="sellsy"] [data-account-name]')?.textContent ?? '') === account,
        INVOICING_ACCOUNT.name,
      ),
    30_000,
    () =>
      options.evaluate(() => ({
        state: document.querySelector('[data-testid="options-sign-in-state"]')?.textContent,
        error: document.querySelector('[data-testid="options-sign-in-error"]')?.textContent,
      })),
  );
  walk.mark('signed in');
  assert(grants(sellsy).join(',') === 'authorization_code 200', `token requests: ${grants(sellsy).join(', ')}`);
  await walk.shot('4-signed-in', (path) => options.screenshot({ path: path as `${string}.png`, fullPage: true }));

  // 5. The large client in Sellsy: the rep's Sellsy tab, the client in its list, the page's "Résumé" control.
  const page = await browser.newPage();
  await walk.act('Sellsy’s tab (here: its address)', () => page.goto(`${sellsy.origin}/`));
  const linkSelector = `a[data-spa][href="/thirds/client/${LARGE_CLIENT_ID}"]`;
  const clientName = (await page.$eval(linkSelector, (a) => a.getAttribute('data-title') ?? a.textContent ?? '')).trim();
  await walk.act('Sellsy: the client in the list', () => page.click(linkSelector));
  await until('the client page', async () => (await page.evaluate(() => location.pathname)) === `/thirds/client/${LARGE_CLIENT_ID}`, 15_000);
  await until(
    'the “Résumé” control next to the tabs',
    async () => (await page.evaluate(entryIn, ENTRY_HOST)).placement === 'tabs',
    15_000,
    () => page.evaluate(entryIn, ENTRY_HOST),
  );
  walk.mark('client page shown');
  sellsy.resetLog();
  walk.mark('control clicked');
  await walk.act('the page’s “Résumé” control', () => page.click(ENTRY));
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
    async () => ((await probe(page)).paintedAt !== null ? probe(page) : undefined),
    90_000,
    () => probe(page),
  );
  walk.panel({ figuresPaintedAt: done.figuresPaintedAt, paintedAt: done.paintedAt });
  checkFirstSummary(walk, sellsy, { clientName: cards.clientName, listed: clientName }, done);
  await walk.shot('5-panel', async (path) => {
    await page.setViewport({ width: 1400, height: 3400 });
    await page.screenshot({ path: path as `${string}.png` });
    await page.setViewport({ width: 1400, height: 900 });
  });
  return page;
}

/** Runs one walk in a Firefox and a local Sellsy of its own; `after` runs on the client's page before they close. */
async function walk(
  ctx: FirefoxFirstUseContext,
  label: { browser: string; slug: string },
  preset: boolean,
  after?: (ff: LaunchedFirefox, sellsy: FakeSellsy, page: Page) => Promise<void>,
): Promise<{ result: FirstUseResult; line: string }> {
  const sellsy = await startSellsy({ today: ctx.today });
  let ff: LaunchedFirefox | null = null;
  const w = createWalk({ ...label, outDir: ctx.outDir, launchedAt: Date.now() });
  try {
    ff = await ctx.launchFresh(preset ? { managed: PRESETS(sellsy) } : {});
    const page = await walkThrough(ff, sellsy, w, preset);
    const result = w.result();
    await after?.(ff, sellsy, page);
    return { result, line: w.line() };
  } finally {
    saveFirstUse(ctx.outDir, w.result());
    console.log([w.line(), ...stepLines(w.result())].join('\n'));
    await ff?.close().catch(() => {});
    await sellsy.close();
  }
}

/** After the walk: the sign-in expires; the panel says so over the kept summary; its Sign in brings a fresh one. */
async function signedOutThenBack(ff: LaunchedFirefox, sellsy: FakeSellsy, page: Page, outDir: string): Promise<string> {
  sellsy.expireTokens();
  sellsy.expireRefreshTokens();
  const from = sellsy.log.length;
  // Refresh right after the walk's first summary: the background allows one load of a client per 10 s and says
  // "wait a moment" sooner; loadWhenAllowed waits as the panel says and presses its Retry.
  const waitedBefore = await panelOf(page).loadWhenAllowed({ until: 'settled', timeout: 30_000 });
  const out = await until(
    '"signed out" with its Sign in button',
    async () => {
      const p = await probe(page);
      return p.signedOut !== null && p.signInButton ? p : undefined;
    },
    30_000,
    () => probe(page),
  );
  assert(/déconnecté de Sellsy|Signed out of Sellsy/.test(out.signedOut ?? ''), `banner: "${out.signedOut}"`);
  assert(out.cards === 5, `${out.cards} cards kept under the banner`);
  const refused = sellsy.log.slice(from).filter((r) => r.path.startsWith('/oauth2/access-tokens') && r.method === 'POST');
  assert(refused.length === 1 && refused[0]!.status === 400, `token requests: ${refused.map((r) => r.status).join(', ')}`);
  await page.screenshot({ path: `${outDir}/firefox-signed-out.png` });
  const t0 = Date.now();
  const windowP = nextPage(ff.browser);
  await panelOf(page).clickInPanel('[data-message="signed-out"] [data-action="sign-in"]');
  const win = await windowP;
  await win.waitForSelector('#email', { timeout: 15_000 });
  await authorize(win, null);
  // Signed in, the panel asks again: a fresh summary, or first a wait the check honours.
  const waitedAfter = await panelOf(page).loadWhenAllowed({ click: null, until: 'fresh', timeout: 90_000 });
  await until(
    'a fresh summary, no "signed out"',
    async () => {
      const p = await probe(page);
      const asked = sellsy.log.some((r) => r.at >= t0 && r.path.startsWith('/v2/') && r.status === 200);
      return asked && p.signedOut === null && p.loadError === null && p.state === 'ready' && p.paintedAt !== null && p.cards === 5 ? p : undefined;
    },
    90_000,
    () => probe(page),
  );
  const ms = Date.now() - t0;
  const after = sellsy.log.slice(from).filter((r) => r.path.startsWith('/oauth2/access-tokens') && r.method === 'POST');
  const kinds = after.map((r) => `${new URLSearchParams(typeof r.body === 'string' ? r.body : '').get('grant_type')} ${r.status}`);
  assert(kinds.join(',') === 'refresh_token 400,authorization_code 200', `token requests: ${kinds.join(', ')}`);
  await page.screenshot({ path: `${outDir}/firefox-signed-in-again.png` });
  return `"${(out.signedOut ?? '').trim().slice(0, 70)}…", 5 cards kept; Sign in → window → authorize → fresh summary ${ms} ms${waitedAfter ? ` (${waitedAfter} s of it waited for the load limit)` : ''}${waitedBefore ? `; Refresh first waited ${waitedBefore} s` : ''}; test-results/firefox-signed-out.png, firefox-signed-in-again.png`;
}

export async function firstUseChecks(ctx: FirefoxFirstUseContext): Promise<FirstUseResult[]> {
  const results: FirstUseResult[] = [];
  let signedOut: { detail: string | null; error: unknown } = { detail: null, error: new Error('the walk before it failed') };
  await ctx.check(
    '(U1) first use: a fresh profile, welcome → options → the app typed → Sign in with Sellsy (a new target) → Authorize → the client’s “Résumé” → five cards',
    async () => {
      const r = await walk(ctx, { browser: 'Firefox', slug: 'firefox' }, false, async (ff, sellsy, page) => {
        try {
          signedOut = { detail: await signedOutThenBack(ff, sellsy, page, ctx.outDir), error: null };
        } catch (e) {
          signedOut = { detail: null, error: e };
        }
      });
      results.push(r.result);
      return r.line;
    },
  );
  await ctx.check('(U2) the sign-in expires: "signed out" with Sign in over the kept summary → Sellsy’s window → a fresh summary', async () => {
    if (signedOut.error) throw signedOut.error;
    return signedOut.detail ?? undefined;
  });
  await ctx.check(
    '(U3) first use with company presets (storage.managed): welcome → options → Sign in with Sellsy → Authorize → five cards',
    async () => {
      const r = await walk(ctx, { browser: 'Firefox, company presets', slug: 'firefox-preset' }, true);
      results.push(r.result);
      return r.line;
    },
  );
  return results;
}
