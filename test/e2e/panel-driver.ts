// What the checks do with the panel, written once for both browsers over the two things each browser provides:
// `inPanel` (runs a page function with the panel's closed shadow root, test/e2e/in-page.ts's contract) and a
// trusted mouse click at a point of the viewport. Chromium's come from the DevTools protocol and Playwright's
// mouse (test/e2e/panel-page.ts), Firefox's from WebDriver BiDi and Puppeteer's mouse (test/e2e/firefox/in-panel.ts).
import {
  clickPointOf,
  figuresOf,
  focusOn,
  freshIn,
  type LoadGoal,
  loadOutcomeIn,
  type PanelTimes,
  paintedIn,
  stateOf,
  textOf,
  timesOf,
} from './in-page';

/** Runs `fn(root, arg)` in the page with the panel's shadow root (null without a panel host); the result by value. */
export type InPanel = <A, R>(fn: (root: ShadowRoot | null, arg: A) => R, arg: A) => Promise<Awaited<R>>;

export interface PanelAccess {
  inPanel: InPanel;
  /** A trusted mouse click at (x, y), CSS pixels of the viewport. */
  click(x: number, y: number): Promise<void>;
}

export interface WaitOptions {
  timeout?: number;
  polling?: number;
  /** What is waited for, for the time-out's message. */
  what?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PanelDriver {
  inPanel: InPanel;
  /** Polls `fn(root, arg)` until it returns something truthy, and returns that; errors in between (a navigation) are retried. */
  waitInPanel<A, R>(fn: (root: ShadowRoot | null, arg: A) => R, arg: A, opts?: WaitOptions): Promise<NonNullable<Awaited<R>>>;
  /** Clicks the element `selector` with the mouse (a trusted click) once it is there, enabled and uncovered. */
  clickInPanel(selector: string, timeout?: number): Promise<void>;
  /** Moves keyboard focus to the element `selector` (then the keyboard's presses go to it). */
  focusInPanel(selector: string, timeout?: number): Promise<void>;
  state(): Promise<string | null>;
  /** Waits until the panel shows one of the states (null = not rendered); returns it. */
  waitState(states: (string | null)[], timeout?: number): Promise<string | null>;
  /** Waits until the panel is ready and has published when it was painted. */
  waitPainted(timeout?: number): Promise<void>;
  /** Waits for a freshly computed complete summary (phase texts, painted), in `lang` when given. */
  waitFresh(timeout?: number, lang?: string | null): Promise<void>;
  times(): Promise<PanelTimes>;
  figures(): Promise<Record<string, Record<string, string>>>;
  text(selector?: string): Promise<string>;
  /**
   * Asks for a load with a click on `click` (null: it was asked for already, by the toolbar or an open) and
   * waits until it is `until` (test/e2e/in-page.ts's loadOutcomeIn; 'fresh' by default). When the
   * background's limits answer "wait a moment … N s", waits as long as the panel says and presses the wait
   * message's own Retry. Returns the seconds waited.
   */
  loadWhenAllowed(opts: { click?: string | null; until?: LoadGoal; lang?: string | null; timeout?: number }): Promise<number>;
}

const drivers = new WeakMap<object, PanelDriver>();
/** One driver per page (Playwright's or Puppeteer's), over the browser's own way into the page and its mouse. */
export function driverOf<P extends { mouse: { click(x: number, y: number): Promise<unknown> } }>(
  page: P,
  inPage: <A, R>(page: P, fn: (root: ShadowRoot | null, arg: A) => R, arg: A) => Promise<Awaited<R>>,
): PanelDriver {
  let d = drivers.get(page);
  if (!d) {
    d = panelDriver({
      inPanel: (fn, arg) => inPage(page, fn, arg),
      click: async (x, y) => {
        await page.mouse.click(x, y);
      },
    });
    drivers.set(page, d);
  }
  return d;
}

export function panelDriver(access: PanelAccess): PanelDriver {
  const { inPanel } = access;

  async function waitInPanel<A, R>(fn: (root: ShadowRoot | null, arg: A) => R, arg: A, opts: WaitOptions = {}): Promise<NonNullable<Awaited<R>>> {
    const timeout = opts.timeout ?? 30_000;
    const until = Date.now() + timeout;
    let last: unknown = null;
    for (;;) {
      try {
        const v = await inPanel(fn, arg);
        if (v) return v as NonNullable<Awaited<R>>;
        last = null;
      } catch (e) {
        last = e;
      }
      if (Date.now() > until) {
        const why = last instanceof Error ? ` (last error: ${last.message.split('\n')[0]})` : '';
        throw new Error(`timed out after ${timeout} ms waiting for ${opts.what ?? 'the panel'}${why}`);
      }
      await sleep(opts.polling ?? 25);
    }
  }

  async function clickInPanel(selector: string, timeout = 10_000): Promise<void> {
    const at = await waitInPanel(clickPointOf, selector, { timeout, what: `${selector} to be clickable` });
    await access.click(at.x, at.y);
  }

  const driver: PanelDriver = {
    inPanel,
    waitInPanel,
    clickInPanel,
    async focusInPanel(selector, timeout = 10_000) {
      await waitInPanel(focusOn, selector, { timeout, what: `focus on ${selector}` });
    },
    state: () => inPanel(stateOf, null),
    async waitState(states, timeout = 30_000) {
      const found = await waitInPanel(
        (root, wanted) => {
          const state = root?.querySelector('[data-testid="panel"]')?.getAttribute('data-state') ?? null;
          return wanted.includes(state) ? { state } : null;
        },
        states,
        { timeout, polling: 20, what: `panel state ${states.join(' or ')}` },
      );
      return found.state;
    },
    async waitPainted(timeout = 60_000) {
      await waitInPanel(paintedIn, null, { timeout, polling: 20, what: 'the panel to be painted' });
    },
    async waitFresh(timeout = 60_000, lang = null) {
      await waitInPanel(freshIn, lang, { timeout, what: `a fresh complete summary${lang ? ` in ${lang}` : ''}` });
    },
    times: () => inPanel(timesOf, null),
    figures: () => inPanel(figuresOf, null),
    text: (selector = '[data-testid="panel"]') => inPanel(textOf, selector),
    async loadWhenAllowed({ click = '[data-action="refresh"]', until = 'fresh', lang = null, timeout = 60_000 }) {
      let waited = 0;
      // A wait already on screen (an open the limits refused): Refresh is off until then; wait first.
      const pending = await inPanel(textOf, '[data-message="wait"]');
      let outcome: { wait: string | null } | null = pending ? { wait: pending } : null;
      if (!pending && click) await clickInPanel(click);
      for (let tries = 0; ; tries++) {
        outcome ??= await waitInPanel(loadOutcomeIn, { until, lang }, { timeout, what: `a ${until} summary or a wait` });
        if (outcome.wait === null) return waited;
        if (tries >= 3) throw new Error(`still asked to wait after ${tries + 1} tries: ${outcome.wait}`);
        const seconds = Number(/(\d+) s\b/.exec(outcome.wait)?.[1] ?? '10');
        waited += seconds;
        await sleep(seconds * 1000 + 200);
        await clickInPanel('[data-message="wait"] button');
        outcome = null;
      }
    },
  };
  return driver;
}
