// Functions that run inside the page, shared by the Chromium (Playwright) and Firefox (Puppeteer) checks.
// The panel's shadow root is closed, so no page function can find it: each panel reader takes the root as its
// first argument (null when the page has no panel host) and one serialisable argument, and each browser's
// inPanel hands the root in (Chromium: test/e2e/panel-page.ts, through the DevTools protocol; Firefox:
// test/e2e/firefox/in-panel.ts, through WebDriver BiDi). Their results travel by value (JSON-like).
// No function here declares a named function inside (tsx would wrap it in a __name() call the page lacks).

export const HOST = 'resume-client-panel';
export const ENTRY_HOST = 'resume-client-entry';

/** The panel root's data-state, or null when the panel is not rendered (closed, or not a record page). */
export const stateOf = (root: ShadowRoot | null): string | null => root?.querySelector('[data-testid="panel"]')?.getAttribute('data-state') ?? null;

/** Every [data-figure] in the panel → its data-* attributes (value, count, amount, name...). */
export const figuresOf = (root: ShadowRoot | null): Record<string, Record<string, string>> => {
  const out: Record<string, Record<string, string>> = {};
  for (const el of root?.querySelectorAll<HTMLElement>('[data-figure]') ?? []) out[el.dataset.figure!] = { ...el.dataset } as Record<string, string>;
  return out;
};

/** The text of the first element matching `selector` in the panel ('' when there is none). */
export const textOf = (root: ShadowRoot | null, selector: string): string => root?.querySelector(selector)?.textContent ?? '';

/** The first element matching `selector`: its text and data-* attributes, or null. */
export const elementOf = (root: ShadowRoot | null, selector: string): { text: string; data: Record<string, string> } | null => {
  const el = root?.querySelector<HTMLElement>(selector);
  return el ? { text: el.textContent ?? '', data: { ...el.dataset } as Record<string, string> } : null;
};

/** True when an element matches `selector` in the panel. */
export const hasIn = (root: ShadowRoot | null, selector: string): boolean => !!root?.querySelector(selector);

/**
 * Where a trusted click on the element `selector` lands (its centre, scrolled into view), or null while it is
 * missing, disabled, empty or covered by something else (the page, another part of the panel).
 */
export const clickPointOf = (root: ShadowRoot | null, selector: string): { x: number; y: number } | null => {
  const el = root?.querySelector<HTMLElement>(selector);
  if (!root || !el || (el as HTMLButtonElement).disabled) return null;
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  const hit = root.elementFromPoint(x, y);
  return hit && el.contains(hit) ? { x, y } : null;
};

/** Moves focus to the element `selector`; true once it has it. */
export const focusOn = (root: ShadowRoot | null, selector: string): boolean => {
  const el = root?.querySelector<HTMLElement>(selector);
  if (!root || !el) return false;
  el.focus();
  return root.activeElement === el;
};

/** The element `selector`'s box in the viewport (CSS pixels), scrolled into view first; null when absent or empty. */
export const boxOf = (root: ShadowRoot | null, selector: string): { x: number; y: number; width: number; height: number } | null => {
  const el = root?.querySelector<HTMLElement>(selector);
  if (!el) return null;
  el.scrollIntoView({ block: 'start', inline: 'nearest' });
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
};

export interface PanelTimes {
  paintedAt: number | null;
  figuresPaintedAt: number | null;
  summaryAt: number | null;
  phase: string | null;
}

/** The panel's own timing marks (ms from the request) and the phase of the summary on screen. */
export const timesOf = (root: ShadowRoot | null): PanelTimes => {
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
};

/** The panel is ready and has published when it was painted (a frame after the render). */
export const paintedIn = (root: ShadowRoot | null): boolean => {
  const el = root?.querySelector('[data-testid="panel"]');
  return el?.getAttribute('data-state') === 'ready' && el.hasAttribute('data-painted-at');
};

/** A freshly computed complete summary is on screen (phase texts, painted), in `lang` when given. */
export const freshIn = (root: ShadowRoot | null, lang: string | null): boolean => {
  const el = root?.querySelector('[data-testid="panel"]');
  return (
    el?.getAttribute('data-state') === 'ready' &&
    el.getAttribute('data-phase') === 'texts' &&
    el.hasAttribute('data-painted-at') &&
    (lang === null || el.getAttribute('lang') === lang)
  );
};

/** What a check waits for after asking for a load (see loadOutcomeIn). */
export type LoadGoal = 'fresh' | 'started' | 'settled';

/**
 * After a load was asked for: `{ wait }` with the panel's words when the background's limits refused it
 * ("wait a moment … N s"), `{ wait: null }` once `until` is reached, else null. 'fresh': a freshly computed
 * complete summary (phase texts, painted; in `lang` when given); 'started': the load under way (loading, or its
 * progress on screen) or done; 'settled': the load answered — a summary painted (computed or cached), an error,
 * "signed out" (over a kept summary too), a prospect's sentence, no credentials. A click on Refresh clears the
 * painted mark first, so the summary that was on screen before it never counts.
 */
export const loadOutcomeIn = (root: ShadowRoot | null, arg: { until: LoadGoal; lang: string | null }): { wait: string | null } | null => {
  const el = root?.querySelector('[data-testid="panel"]');
  if (!el) return null;
  const wait = el.querySelector('[data-message="wait"]')?.textContent ?? null;
  if (wait) return { wait };
  const state = el.getAttribute('data-state');
  const fresh =
    state === 'ready' &&
    el.getAttribute('data-phase') === 'texts' &&
    el.hasAttribute('data-painted-at') &&
    (arg.lang === null || el.getAttribute('lang') === arg.lang);
  if (fresh) return { wait: null };
  if (arg.until === 'started' && (state === 'loading' || !!el.querySelector('[data-progress-phase]'))) return { wait: null };
  const settled =
    (state === 'ready' && el.hasAttribute('data-painted-at')) ||
    ['error', 'not-client', 'signed-out', 'no-credentials'].includes(state ?? '') ||
    !!el.querySelector('[data-message="signed-out"], [data-error="load"]');
  if (arg.until === 'settled' && settled) return { wait: null };
  return null;
};

export interface EntryInfo {
  /** data-placement of the control: 'tabs' or 'floating'; null when there is no control. */
  placement: string | null;
  /** The role of the element our host sits in ('tablist' next to Sellsy's tabs). */
  parentRole: string | null;
  /** The text of the tab just before it. */
  previous: string | null;
  expanded: string | null;
  /** True when keyboard focus is on the control. */
  focused: boolean;
  label: string | null;
}

/**
 * Where the "Résumé" control is and how it reads. Its shadow root is open (it holds one button and nothing
 * to read; a page script's click on it is untrusted and opens nothing, hardening check E3), so it is found
 * from the page.
 */
export const entryIn = (host: string): EntryInfo => {
  const h = document.querySelector(host);
  const button = h?.shadowRoot?.querySelector('button[data-testid="entry"]') ?? null;
  return {
    placement: button?.getAttribute('data-placement') ?? null,
    parentRole: h?.parentElement?.getAttribute('role') ?? null,
    previous: h?.previousElementSibling?.textContent?.trim() ?? null,
    expanded: button?.getAttribute('aria-expanded') ?? null,
    focused: !!button && document.activeElement === h && h?.shadowRoot?.activeElement === button,
    label: button?.textContent ?? null,
  };
};

export interface PanelProbe {
  /** The panel root's data-state; null when the panel is not rendered. */
  state: string | null;
  /** The cards on screen (section.card), five once a summary is shown. */
  cards: number;
  /** ms from the request to the state painted, as the panel publishes them (null until then). */
  figuresPaintedAt: number | null;
  paintedAt: number | null;
  /** The "signed out of Sellsy" message and whether it carries its Sign in button. */
  signedOut: string | null;
  signInButton: boolean;
  /** A load error shown in the panel. */
  loadError: string | null;
  /** The client named in the panel's header. */
  clientName: string | null;
  /** data-phase: which computation the summary on screen comes from (cached, figures, texts). */
  phase: string | null;
}

/** Everything the first-use and sign-in checks read in the panel, in one call. */
export const panelProbeOf = (root: ShadowRoot | null): PanelProbe => {
  const el = root?.querySelector('[data-testid="panel"]') ?? null;
  const painted = el?.getAttribute('data-painted-at');
  const figures = el?.getAttribute('data-figures-painted-at');
  const signedOut = el?.querySelector('[data-message="signed-out"]') ?? null;
  return {
    state: el ? el.getAttribute('data-state') : null,
    cards: el ? el.querySelectorAll('section.card').length : 0,
    figuresPaintedAt: figures == null ? null : Number(figures),
    paintedAt: painted == null ? null : Number(painted),
    signedOut: signedOut ? (signedOut.textContent ?? '') : null,
    signInButton: !!signedOut?.querySelector('[data-action="sign-in"]'),
    loadError: el?.querySelector('[data-error="load"]')?.textContent ?? null,
    clientName: el?.querySelector('[data-client-name]')?.textContent ?? null,
    phase: el?.getAttribute('data-phase') ?? null,
  };
};

/** The five cards on screen with their figures: the cards' presence, not the name of every loading phase. */
export const fiveCards = (p: PanelProbe): boolean => p.cards === 5 && (p.state === 'ready' || p.state === 'figures');

/**
 * When the page's first contentful paint happened (ms since the epoch), or null when the browser reports none
 * within `waitMs`: the paint may come a frame after the element a test waited for.
 */
export const firstPaintIn = (waitMs: number): Promise<number | null> =>
  new Promise<number | null>((done) => {
    new PerformanceObserver((list) => {
      const e = list.getEntriesByName('first-contentful-paint')[0];
      if (e) done(performance.timeOrigin + e.startTime);
    }).observe({ type: 'paint', buffered: true });
    setTimeout(() => done(null), waitMs);
  });
