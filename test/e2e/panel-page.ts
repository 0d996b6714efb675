// The one way the e2e checks (and the bench, and `npm start`) reach the panel. Its shadow root is closed, so
// neither a page script nor Playwright's selectors (which pierce open roots only) can get into it: the
// checks go through the DevTools protocol, which sees closed roots as DevTools does (DOM.describeNode with
// pierce: true lists them; DOM.resolveNode gives a handle on one), and read or act there. Clicks and key
// presses go through Playwright's mouse and keyboard, so they are the user's own (trusted) events, as the
// panel requires. Nothing here is in the extension: store and local builds are the same on this point.
//
// The functions handed to inPanel/waitInPanel run in the page: each takes the root and one serialisable
// argument and declares no named function inside (tsx would wrap it in a __name() the page lacks).
import type { CDPSession, Page } from 'playwright-core';

export const HOST = 'resume-client-panel';

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

/**
 * Polls `fn(root, arg)` until it returns something truthy, and returns that. A navigation in between (the
 * page's objects gone) is retried until the timeout.
 */
export async function waitInPanel<A, R>(
  page: Page,
  fn: (root: ShadowRoot | null, arg: A) => R,
  arg: A,
  opts: { timeout?: number; polling?: number; what?: string } = {},
): Promise<NonNullable<Awaited<R>>> {
  const timeout = opts.timeout ?? 30_000;
  const until = Date.now() + timeout;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await inPanel(page, fn, arg);
      if (v) return v as NonNullable<Awaited<R>>;
      last = null;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) {
      const why = last instanceof Error ? ` (last error: ${last.message.split('\n')[0]})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${opts.what ?? 'the panel'}${why}`);
    }
    await new Promise((r) => setTimeout(r, opts.polling ?? 25));
  }
}

/** Clicks the panel element `selector` with the mouse (a trusted click) once it is there and enabled. */
export async function clickInPanel(page: Page, selector: string, timeout = 10_000): Promise<void> {
  const at = await waitInPanel(
    page,
    (root, sel) => {
      const el = root?.querySelector<HTMLElement>(sel);
      if (!el || (el as HTMLButtonElement).disabled) return null;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return null;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      // Covered by something else (the page, another part of the panel): not clickable yet.
      const hit = root!.elementFromPoint(x, y);
      return hit && el.contains(hit) ? { x, y } : null;
    },
    selector,
    { timeout, what: `${selector} to be clickable` },
  );
  await page.mouse.click(at.x, at.y);
}

/** Moves keyboard focus to the panel element `selector` (then page.keyboard presses go to it). */
export async function focusInPanel(page: Page, selector: string, timeout = 10_000): Promise<void> {
  await waitInPanel(
    page,
    (root, sel) => {
      const el = root?.querySelector<HTMLElement>(sel);
      if (!el) return false;
      el.focus();
      return root!.activeElement === el;
    },
    selector,
    { timeout, what: `focus on ${selector}` },
  );
}

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
export async function panelState(page: Page): Promise<string | null> {
  return inPanel(page, (root) => root?.querySelector('[data-testid="panel"]')?.getAttribute('data-state') ?? null, null);
}

/** Waits until the panel shows one of the states (null = not rendered). */
export async function waitState(page: Page, states: (string | null)[], timeout = 30_000): Promise<string | null> {
  const found = await waitInPanel(
    page,
    (root, wanted) => {
      const state = root?.querySelector('[data-testid="panel"]')?.getAttribute('data-state') ?? null;
      return wanted.includes(state) ? { state } : null;
    },
    states,
    { timeout, polling: 20, what: `panel state ${states.join(' or ')}` },
  );
  return found.state;
}

/** Waits until the panel is ready and has published when it was painted (a frame after the render). */
export async function waitPainted(page: Page, timeout = 60_000): Promise<void> {
  await waitInPanel(
    page,
    (root) => {
      const el = root?.querySelector('[data-testid="panel"]');
      return el?.getAttribute('data-state') === 'ready' && el.hasAttribute('data-painted-at');
    },
    null,
    { timeout, polling: 20, what: 'the panel to be painted' },
  );
}

/** Waits for a freshly computed complete summary (phase texts, painted), `lang` when given. */
export async function waitFreshSummary(page: Page, timeout = 60_000, lang: string | null = null): Promise<void> {
  await waitInPanel(
    page,
    (root, l) => {
      const el = root?.querySelector('[data-testid="panel"]');
      return (
        el?.getAttribute('data-state') === 'ready' &&
        el.getAttribute('data-phase') === 'texts' &&
        el.hasAttribute('data-painted-at') &&
        (l === null || el.getAttribute('lang') === l)
      );
    },
    lang,
    { timeout, what: 'a fresh complete summary' },
  );
}

export interface PanelTimes {
  paintedAt: number | null;
  figuresPaintedAt: number | null;
  summaryAt: number | null;
  phase: string | null;
}
export async function panelTimes(page: Page): Promise<PanelTimes> {
  return inPanel(
    page,
    (root) => {
      const el = root?.querySelector('[data-testid="panel"]');
      const painted = el?.getAttribute('data-painted-at');
      const figures = el?.getAttribute('data-figures-painted-at');
      const arrived = el?.getAttribute('data-summary-at');
      return {
        paintedAt: painted == null ? null : Number(painted),
        figuresPaintedAt: figures == null ? null : Number(figures),
        summaryAt: arrived == null ? null : Number(arrived),
        phase: el?.getAttribute('data-phase') ?? null,
      };
    },
    null,
  );
}

/** Every [data-figure] in the panel → its data-* attributes (value, count, amount, name...). */
export async function readFigures(page: Page): Promise<Record<string, Record<string, string>>> {
  return inPanel(
    page,
    (root) => {
      const out: Record<string, Record<string, string>> = {};
      for (const el of root?.querySelectorAll<HTMLElement>('[data-figure]') ?? [])
        out[el.dataset.figure!] = { ...el.dataset } as Record<string, string>;
      return out;
    },
    null,
  );
}

export async function panelText(page: Page, selector = '[data-testid="panel"]'): Promise<string> {
  return inPanel(page, (root, sel) => root?.querySelector(sel)?.textContent ?? '', selector);
}

/** What a refresh does: clicks Refresh and waits for the fresh summary; when the background's limits ask
 * to wait ("wait a moment"), waits as long as the panel says, then clicks again. Returns the seconds waited. */
export async function refreshWhenAllowed(page: Page, timeout = 60_000, lang: string | null = null): Promise<number> {
  let waited = 0;
  for (let tries = 0; ; tries++) {
    await clickInPanel(page, '[data-action="refresh"]');
    const outcome = await waitInPanel(
      page,
      (root, l) => {
        const el = root?.querySelector('[data-testid="panel"]');
        const wait = el?.querySelector('[data-message="wait"]')?.textContent ?? null;
        if (wait) return { wait };
        const fresh =
          el?.getAttribute('data-state') === 'ready' &&
          el.getAttribute('data-phase') === 'texts' &&
          el.hasAttribute('data-painted-at') &&
          (l === null || el.getAttribute('lang') === l);
        return fresh ? { wait: null } : null;
      },
      lang,
      { timeout, what: 'a fresh summary or a wait' },
    );
    if (outcome.wait === null) return waited;
    if (tries >= 3) throw new Error(`still asked to wait after ${tries + 1} tries: ${outcome.wait}`);
    const seconds = Number(/(\d+) s\b/.exec(outcome.wait)?.[1] ?? '10');
    waited += seconds;
    await page.waitForTimeout(seconds * 1000 + 200);
  }
}
