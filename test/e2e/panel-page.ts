// The one way the Chromium checks (and the bench, and `npm start`) reach the panel. Its shadow root is closed, so
// neither a page script nor Playwright's selectors (which pierce open roots only) can get into it: the checks go
// through the DevTools protocol, which sees closed roots as DevTools does (DOM.describeNode with pierce: true
// lists them; DOM.resolveNode gives a handle on one), and read or act there. Clicks and key presses go through
// Playwright's mouse and keyboard, so they are the user's own (trusted) events, as the panel requires. Nothing
// here is in the extension: store and local builds are the same on this point. What is done with the root is
// test/e2e/panel-driver.ts's, shared with Firefox (test/e2e/firefox/in-panel.ts); the page functions are
// test/e2e/in-page.ts's.
//
// The functions handed to inPanel/waitInPanel run in the page: each takes the root and one serialisable
// argument and declares no named function inside (tsx would wrap it in a __name() the page lacks).
import type { CDPSession, Page } from 'playwright-core';
import { HOST, type PanelTimes } from './in-page';
import { driverOf, type PanelDriver, type WaitOptions } from './panel-driver';

export { HOST, type PanelTimes };

const sessions = new WeakMap<Page, Promise<CDPSession>>();
function cdp(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

let groups = 0;

/**
 * Runs `fn(root, arg)` in the page with the panel's shadow root (null when the page has no panel host yet)
 * and returns its result by value (awaited when it is a promise).
 */
export async function inPanel<A, R>(page: Page, fn: (root: ShadowRoot | null, arg: A) => R, arg: A): Promise<Awaited<R>> {
  const s = await cdp(page);
  const objectGroup = `panel-page-${++groups}`;
  try {
    const { root: doc } = await s.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await s.send('DOM.querySelector', { nodeId: doc.nodeId, selector: HOST });
    let target: { backendNodeId: number } | { nodeId: number } = { nodeId: doc.nodeId };
    let isRoot = false;
    if (nodeId) {
      const { node } = await s.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
      const shadow = node.shadowRoots?.[0];
      if (shadow) {
        target = { backendNodeId: shadow.backendNodeId };
        isRoot = true;
      }
    }
    const { object } = await s.send('DOM.resolveNode', { ...target, objectGroup });
    const res = await s.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: `function (arg, isRoot) { return (${fn.toString()})(isRoot ? this : null, arg); }`,
      arguments: [{ value: arg }, { value: isRoot }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (res.exceptionDetails) throw new Error(`in the panel: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}`);
    return res.result.value as Awaited<R>;
  } finally {
    await s.send('Runtime.releaseObjectGroup', { objectGroup }).catch(() => undefined);
  }
}

/** The shared panel driver (test/e2e/panel-driver.ts) over this page's DevTools session and Playwright's mouse, for this page. */
export const panelOf = (page: Page): PanelDriver => driverOf(page, inPanel);

/**
 * Polls `fn(root, arg)` until it returns something truthy, and returns that. A navigation in between (the
 * page's objects gone) is retried until the timeout.
 */
export function waitInPanel<A, R>(page: Page, fn: (root: ShadowRoot | null, arg: A) => R, arg: A, opts: WaitOptions = {}) {
  return panelOf(page).waitInPanel(fn, arg, opts);
}

/** Clicks the panel element `selector` with the mouse (a trusted click) once it is there and enabled. */
export const clickInPanel = (page: Page, selector: string, timeout = 10_000) => panelOf(page).clickInPanel(selector, timeout);

/** Moves keyboard focus to the panel element `selector` (then page.keyboard presses go to it). */
export const focusInPanel = (page: Page, selector: string, timeout = 10_000) => panelOf(page).focusInPanel(selector, timeout);

/** Opens a record page and waits for the content script's host element. */
export async function gotoRecord(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator(HOST).waitFor({ state: 'attached', timeout: 15_000 });
}

/** Clicks the toolbar (`click`) until the panel is open or closed as wanted (it is remembered across pages). */
export async function setPanelOpen(page: Page, open: boolean, click: () => Promise<void>): Promise<void> {
  if (((await panelState(page)) !== null) === open) return;
  await click();
  await waitInPanel(page, (root, want) => !!root?.querySelector('[data-testid="panel"]') === want, open, {
    timeout: 10_000,
    what: `the panel to be ${open ? 'open' : 'closed'}`,
  });
}

/** The panel root's data-state, or null when the panel is not rendered (closed, or not a record page). */
export const panelState = (page: Page) => panelOf(page).state();

/** Waits until the panel shows one of the states (null = not rendered). */
export const waitState = (page: Page, states: (string | null)[], timeout = 30_000) => panelOf(page).waitState(states, timeout);

/** Waits until the panel is ready and has published when it was painted (a frame after the render). */
export const waitPainted = (page: Page, timeout = 60_000) => panelOf(page).waitPainted(timeout);

/** Waits for a freshly computed complete summary (phase texts, painted), `lang` when given. */
export const waitFreshSummary = (page: Page, timeout = 60_000, lang: string | null = null) => panelOf(page).waitFresh(timeout, lang);

export const panelTimes = (page: Page): Promise<PanelTimes> => panelOf(page).times();

/** Every [data-figure] in the panel → its data-* attributes (value, count, amount, name...). */
export const readFigures = (page: Page) => panelOf(page).figures();

export const panelText = (page: Page, selector = '[data-testid="panel"]') => panelOf(page).text(selector);

/** What a refresh does: clicks Refresh and waits for the fresh summary; when the background's limits ask
 * to wait ("wait a moment"), waits as long as the panel says, then retries. Returns the seconds waited. */
export const refreshWhenAllowed = (page: Page, timeout = 60_000, lang: string | null = null) =>
  panelOf(page).loadWhenAllowed({ until: 'fresh', lang, timeout });
