// Reading the panel inside its (open) shadow root from the page's main world, for the e2e checks.
import type { JSHandle, Page } from 'playwright-core';
import { figuresIn, HOST, panelStateIn, panelTextIn } from './in-page';

export { HOST };
export const PANEL = `${HOST} [data-testid="panel"]`;

/** Opens a record page and waits for the content script's host element. */
export async function gotoRecord(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator(HOST).waitFor({ state: 'attached', timeout: 15_000 });
}

/** Clicks the toolbar (`click`) until the panel is open or closed as wanted (it is remembered across pages). */
export async function setPanelOpen(page: Page, open: boolean, click: () => Promise<void>): Promise<void> {
  if (((await panelState(page)) !== null) === open) return;
  await click();
  await page.waitForFunction(
    ([host, want]) => !!document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="panel"]') === want,
    [HOST, open] as const,
    { timeout: 10_000 },
  );
}

/** The panel root's data-state, or null when the panel is not rendered (closed, or not a record page). */
export async function panelState(page: Page): Promise<string | null> {
  return page.evaluate(panelStateIn, HOST);
}

/** Waits until the panel shows one of the states (null = not rendered). */
export async function waitState(page: Page, states: (string | null)[], timeout = 30_000): Promise<string | null> {
  const handle = await page.waitForFunction(
    ([host, wanted]) => {
      const el = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="panel"]');
      const state = el ? el.getAttribute('data-state') : null;
      return (wanted as (string | null)[]).includes(state) ? { state } : false;
    },
    [HOST, states] as const,
    { timeout, polling: 20 },
  );
  return ((await handle.jsonValue()) as { state: string | null }).state;
}

/** Waits until the panel is ready and has published when it was painted (a frame after the render). */
export async function waitPainted(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (host) => {
      const el = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="panel"]');
      return el?.getAttribute('data-state') === 'ready' && el.hasAttribute('data-painted-at');
    },
    HOST,
    { timeout, polling: 20 },
  );
}

export interface PanelTimes {
  paintedAt: number | null;
  figuresPaintedAt: number | null;
  summaryAt: number | null;
  phase: string | null;
}
export async function panelTimes(page: Page): Promise<PanelTimes> {
  return page.evaluate((host) => {
    const el = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="panel"]');
    // No helper functions in here: tsx would wrap them in a __name() call the page does not have.
    const painted = el?.getAttribute('data-painted-at');
    const figures = el?.getAttribute('data-figures-painted-at');
    const arrived = el?.getAttribute('data-summary-at');
    return {
      paintedAt: painted == null ? null : Number(painted),
      figuresPaintedAt: figures == null ? null : Number(figures),
      summaryAt: arrived == null ? null : Number(arrived),
      phase: el?.getAttribute('data-phase') ?? null,
    };
  }, HOST);
}

/** Every [data-figure] in the panel → its data-* attributes (value, count, amount, name...). */
export async function readFigures(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(figuresIn, HOST);
}

export async function panelText(page: Page, selector = '[data-testid="panel"]'): Promise<string> {
  return page.evaluate(panelTextIn, [HOST, selector] as const);
}

/**
 * The one way the UX and accessibility checks reach into the panel: a handle on its shadow root (null when the
 * panel is not mounted). Everything in test/e2e/ux.ts goes through here, so if the root becomes closed only this
 * function changes — CDP's DOM.getDocument({ pierce: true }) and DOM.resolveNode still reach a closed root.
 */
export async function panelRoot(page: Page): Promise<JSHandle<ShadowRoot | null>> {
  return page.evaluateHandle((host) => document.querySelector(host)?.shadowRoot ?? null, HOST);
}

/** Runs `fn` in the page with the panel's shadow root (see panelRoot) and returns its result. */
export async function inPanel<R, A = undefined>(page: Page, fn: (root: ShadowRoot, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  const root = await panelRoot(page);
  try {
    if (await root.evaluate((r) => r === null)) throw new Error('the panel is not mounted');
    return await (root as JSHandle<ShadowRoot>).evaluate(fn as any, arg as any);
  } finally {
    await root.dispose();
  }
}

/** Polls `fn` on the panel's root (see panelRoot) until it returns true; a page reload in between is fine. */
export async function waitInPanel<A = undefined>(
  page: Page,
  fn: (root: ShadowRoot, arg: A) => boolean,
  arg?: A,
  opts: { timeout?: number; what?: string } = {},
): Promise<void> {
  const timeout = opts.timeout ?? 30_000;
  const end = Date.now() + timeout;
  for (;;) {
    if (await inPanel(page, fn, arg).catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${opts.what ?? 'the panel'}`);
    await page.waitForTimeout(50);
  }
}
