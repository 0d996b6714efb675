// Sign in with Sellsy in real Chromium, against the local Sellsy's OAuth: the options page's button opens
// the browser's sign-in window (identity.launchWebAuthFlow), the rep fills Sellsy's form and authorizes,
// and the first summary comes with the signed-in tokens; an expired access token is renewed with a
// rotated refresh token; a refused refresh token leaves the cached summary with "signed out" and a Sign
// in button whose window brings a fresh summary. Called by the e2e runner with its own `check`.
// The panel's shadow root is closed: it is read through inPanel (test/e2e/panel-page.ts) and clicked with the
// mouse (clickInPanel). The background computes a client at most once per 10 s: a refresh or a sign-in's new
// load asked sooner is told to wait, and the checks wait as the panel says (loadWhenAllowed).
// Code inside page.evaluate declares no named function: tsx would wrap it in a __name() the page lacks.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO, DEMO_APP, DEMO_USERS, INVOICING_ACCOUNT, LARGE_CLIENT_ID } from '../sellsy/demo';
import type { FakeSellsy } from '../sellsy/server';
import { hasIn, panelProbeOf, textOf } from './in-page';
import { clickToolbar, currentWorker, requestFromExtensionPage } from './launch';
import { clickInPanel, gotoRecord, inPanel, panelOf, setPanelOpen, waitInPanel, waitPainted } from './panel-page';

export interface SignInContext {
  context: BrowserContext;
  extensionId: string;
  sellsy: FakeSellsy;
  outDir: string;
  check: (name: string, fn: () => Promise<string | undefined>) => Promise<boolean>;
  /** Lines for the run's closing notes. */
  notes: string[];
}

function assert(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

/** The sign-in window the browser opens: fill Sellsy's form as the rep would and press Authorize (one click). */
async function authorizeInWindow(window: Page, shot?: string): Promise<void> {
  await window.waitForLoadState('domcontentloaded');
  await window.locator('#email').fill(DEMO_USERS.invoicing.email);
  await window.locator('#password').fill(DEMO_USERS.invoicing.password);
  if (shot) await window.screenshot({ path: shot });
  await window.locator('[data-action="authorize"]').click();
}

/** Grants seen by the fake since `from`: what a test can read in the local Sellsy's log. */
function tokenGrants(sellsy: FakeSellsy, from = 0): string[] {
  return sellsy.log
    .slice(from)
    .filter((r) => r.path.startsWith('/oauth2/access-tokens') && r.method === 'POST')
    .map((r) => `${new URLSearchParams(typeof r.body === 'string' ? r.body : '').get('grant_type') ?? 'json'} ${r.status}`);
}

export async function signInChecks(ctx: SignInContext): Promise<void> {
  const { context, extensionId, sellsy, check, outDir, notes } = ctx;
  const request = <T>(type: string, payload: unknown = {}) => requestFromExtensionPage<T>(context, extensionId, type, payload);
  const shot = (p: Page, name: string) => p.screenshot({ path: resolve(outDir, name) });
  const page = await context.newPage();
  // Other checks leave tabs on the same client: a query of our own names this tab for the toolbar click.
  const recordUrl = `${sellsy.origin}/thirds/client/${LARGE_CLIENT_ID}?signin-check=1`;
  const toolbar = async () => clickToolbar(await currentWorker(context), `${recordUrl}*`);
  const ensureOpen = () => setPanelOpen(page, true, toolbar);
  const storedSession = async () =>
    (await currentWorker(context)).evaluate(async () => {
      const c = (globalThis as unknown as { chrome: any }).chrome;
      return ((await c.storage.local.get('sellsySession')).sellsySession ?? null) as { refreshToken: string; accessToken: string } | null;
    });
  /** Refresh in the panel (or the load already asked for), then a complete fresh summary (phase texts, painted, no
   *  signed-out banner). */
  async function freshSummary(since: number, click: boolean): Promise<number> {
    const waited = await panelOf(page).loadWhenAllowed({ click: click ? '[data-action="refresh"]' : null, until: 'fresh', timeout: 90_000 });
    const deadline = Date.now() + 90_000;
    while (!sellsy.log.some((r) => r.at >= since && r.path.startsWith('/v2/') && r.status === 200)) {
      assert(Date.now() < deadline, 'no API request after the sign-in');
      await page.waitForTimeout(50);
    }
    await waitInPanel(
      page,
      (root) => {
        const el = root?.querySelector('[data-testid="panel"]');
        return (
          el?.getAttribute('data-state') === 'ready' &&
          el.getAttribute('data-phase') === 'texts' &&
          el.hasAttribute('data-painted-at') &&
          !el.querySelector('[data-message="signed-out"]') &&
          !el.querySelector('[data-error="load"]')
        );
      },
      null,
      { timeout: 90_000, what: 'a fresh complete summary, signed in' },
    );
    return waited;
  }

  const timings: Record<string, number | null> = { signInMs: null, firstSummaryMs: null, clicks: null, panelSignInMs: null };
  // The company's app, as an administrator's presets would give it; the rep only signs in.
  await request('settings:set', {
    sellsy: {
      apiUrl: sellsy.apiUrl,
      tokenUrl: sellsy.tokenUrl,
      authorizationUrl: sellsy.authorizationUrl,
      authKind: 'sign-in',
      appClientId: DEMO_APP.clientId,
      appClientSecret: DEMO_APP.clientSecret,
    },
  });

  try {
    // (S1) The options page's Sign in with Sellsy → the browser's sign-in window → signed in.
    const signedIn = await check('(S1) sign in: options button → Sellsy’s window → authorize → signed in, account named', async () => {
      const options = await context.newPage();
      try {
        await options.goto(`chrome-extension://${extensionId}/options.html`);
        const state = options.locator('[data-testid="options-sign-in-state"]');
        await state.waitFor();
        assert(/Not signed in|Non connecté/.test((await state.textContent()) ?? ''), `before: "${await state.textContent()}"`);
        await shot(options, 'signin-options-before.png');
        const from = sellsy.log.length;
        const t0 = Date.now();
        const windowP = context.waitForEvent('page', { timeout: 15_000 });
        await options.locator('[data-testid="options-sign-in"]').click(); // click 1
        const window = await windowP;
        assert(window.url().startsWith(sellsy.authorizationUrl), `the window opened ${window.url().slice(0, 80)}`);
        const asked = new URL(window.url()).searchParams;
        assert(asked.get('code_challenge_method') === 'S256' && asked.get('code_challenge'), 'no S256 challenge in the authorization URL');
        assert(/^https:\/\/[a-p]{32}\.chromiumapp\.org\/$/.test(asked.get('redirect_uri') ?? ''), `redirect_uri ${asked.get('redirect_uri')}`);
        await authorizeInWindow(window, resolve(outDir, 'signin-window.png')); // click 2
        await options.waitForFunction(
          () => document.querySelector('[data-testid="options-sign-in-block"]')?.getAttribute('data-signed-in') === 'true',
          undefined,
          { timeout: 20_000 },
        );
        const result = options.locator('[data-result="sellsy"]');
        await result.waitFor({ timeout: 20_000 });
        timings.signInMs = Date.now() - t0;
        timings.clicks = 2;
        const shown = (await result.textContent()) ?? '';
        assert(shown.includes(INVOICING_ACCOUNT.name), `account not named: ${shown.slice(0, 200)}`);
        const grants = tokenGrants(sellsy, from);
        assert(grants.join(',') === 'authorization_code 200', `token requests: ${grants.join(', ')}`);
        const kept = await storedSession();
        assert(kept?.refreshToken && sellsy.oauth.liveRefreshTokens().includes(kept.refreshToken), 'the refresh token is not the one issued');
        const html = await options.content();
        assert(!html.includes(kept.refreshToken) && !html.includes(kept.accessToken), 'a token is in the options page');
        await shot(options, 'signin-options.png');
        return `2 clicks (Sign in with Sellsy, Authorize) plus e-mail and password; ${timings.signInMs} ms from the click to "signed in" with the account named; test-results/signin-window.png, signin-options.png`;
      } finally {
        await options.close();
      }
    });
    if (!signedIn) return;

    // (S2) The first summary with the signed-in tokens (nothing cached, like a new rep).
    await check('(S2) signed in: the large client’s summary comes with the sign-in’s tokens', async () => {
      await request('cache:clear');
      await gotoRecord(page, recordUrl);
      // The panel remembers whether it was open (it then reopens by itself on load): close it to time the click.
      const wasOpen = await (await currentWorker(context)).evaluate(async () => {
        const c = (globalThis as unknown as { chrome: any }).chrome;
        return (await c.storage.local.get('panelOpen')).panelOpen === true;
      });
      if (wasOpen) await waitInPanel(page, hasIn, '[data-testid="panel"]', { timeout: 10_000, what: 'the panel to reopen by itself' });
      await setPanelOpen(page, false, toolbar);
      const from = sellsy.log.length;
      const t0 = Date.now();
      await ensureOpen();
      await freshSummary(t0, false);
      await waitPainted(page);
      timings.firstSummaryMs = Date.now() - t0;
      const grants = tokenGrants(sellsy, from);
      assert(!grants.some((g) => g.startsWith('client_credentials')), `client credentials used: ${grants.join(', ')}`);
      const api = sellsy.log.slice(from).filter((r) => r.path.startsWith('/v2/'));
      assert(api.length > 0 && api.every((r) => r.account === 'invoicing'), 'API requests not on the signed-in account');
      await shot(page, 'signin-summary.png');
      return `click → five cards ${timings.firstSummaryMs} ms (cold, ${api.length} API requests); test-results/signin-summary.png`;
    });

    // (S3) The access token expires: the next summary is renewed with the refresh token, which rotates.
    await check('(S3) access token expired → renewed once with a rotated refresh token; the summary still comes', async () => {
      const before = (await storedSession())!;
      sellsy.expireTokens();
      const from = sellsy.log.length;
      const events = sellsy.oauth.events.length;
      await freshSummary(Date.now(), true);
      const grants = tokenGrants(sellsy, from);
      assert(grants.join(',') === 'refresh_token 200', `token requests: ${grants.join(', ')}`);
      const rotation = sellsy.oauth.events.slice(events).find((e) => e.grant === 'refresh_token' && e.ok);
      assert(rotation?.refreshTokenIn === before.refreshToken, 'the refresh did not send the stored refresh token');
      const after = (await storedSession())!;
      assert(after.refreshToken === rotation.refreshTokenOut && after.refreshToken !== before.refreshToken, 'the rotated token was not kept');
      assert(!sellsy.oauth.liveRefreshTokens().includes(before.refreshToken), 'the old refresh token still works at the fake');
      const refused = sellsy.log.slice(from).filter((r) => r.status === 401).length;
      return `1 refresh (rotation seen in the fake's log), ${refused} request(s) answered 401 before it, the new refresh token stored`;
    });

    // (S4) The refresh token expires: signed out, the summary kept, Sign in → the window → a fresh summary.
    await check('(S4) refresh token expired → "signed out" with Sign in over the kept summary → window → fresh summary', async () => {
      sellsy.expireTokens();
      sellsy.expireRefreshTokens();
      const waitedBefore = await panelOf(page).loadWhenAllowed({ until: 'settled', timeout: 30_000 });
      const banner = '[data-message="signed-out"]';
      await waitInPanel(page, hasIn, banner, { timeout: 30_000, what: 'the signed-out banner' });
      const text = await inPanel(page, textOf, banner);
      assert(/déconnecté de Sellsy|Signed out of Sellsy/.test(text), `banner: "${text}"`);
      const { cards } = await inPanel(page, panelProbeOf, null);
      assert(cards === 5, `${cards} cards kept under the banner`);
      assert((await storedSession()) === null, 'the refused tokens are still stored');
      await shot(page, 'signin-signed-out.png');
      const t0 = Date.now();
      const windowP = context.waitForEvent('page', { timeout: 15_000 });
      await clickInPanel(page, `${banner} [data-action="sign-in"]`);
      await authorizeInWindow(await windowP);
      const waitedAfter = await freshSummary(t0, false);
      timings.panelSignInMs = Date.now() - t0;
      await shot(page, 'signin-panel.png');
      return `"${text.trim().slice(0, 80)}", 5 cards kept; Sign in → window → authorize → fresh summary ${timings.panelSignInMs} ms${waitedAfter ? ` (${waitedAfter} s of it waited for the load limit)` : ''}${waitedBefore ? `; Refresh first waited ${waitedBefore} s` : ''}; test-results/signin-signed-out.png, signin-panel.png`;
    });

    // (S5) Sign out forgets the tokens.
    await check('(S5) sign out forgets the tokens', async () => {
      const options = await context.newPage();
      try {
        await options.goto(`chrome-extension://${extensionId}/options.html`);
        await options.locator('[data-testid="options-sign-out"]').click();
        await options.waitForFunction(
          () => document.querySelector('[data-testid="options-sign-in-block"]')?.getAttribute('data-signed-in') === 'false',
          undefined,
          { timeout: 10_000 },
        );
        assert((await storedSession()) === null, 'tokens still stored after sign-out');
        return 'storage.local holds no session';
      } finally {
        await options.close();
      }
    });
  } finally {
    writeFileSync(resolve(outDir, 'signin-timings.json'), `${JSON.stringify(timings)}\n`);
    notes.push(
      `sign-in: ${timings.clicks ?? 'n/a'} clicks + e-mail/password, ${timings.signInMs ?? 'n/a'} ms to signed in; first summary ${timings.firstSummaryMs ?? 'n/a'} ms; sign in again from the panel ${timings.panelSignInMs ?? 'n/a'} ms`,
    );
    // Later runs and checks expect the personal access the earlier checks configured.
    await request('settings:set', { sellsy: { authKind: 'client-credentials', clientId: DEMO.clientId, clientSecret: DEMO.clientSecret } }).catch(
      () => undefined,
    );
    await page.close();
  }
}
