// Functions that run inside the page (page.evaluate), shared by the Chromium (Playwright) and Firefox
// (Puppeteer) checks: each takes one serialisable argument and declares no named function inside (tsx would
// wrap it in a __name() call the page does not have).

export const HOST = 'resume-client-panel';
export const ENTRY_HOST = 'resume-client-entry';

/** The panel root's data-state, or null when the panel is not rendered (closed, or not a record page). */
export const panelStateIn = (host: string): string | null => {
  const el = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="panel"]');
  return el ? el.getAttribute('data-state') : null;
};

/** Every [data-figure] in the panel → its data-* attributes (value, count, amount, name...). */
export const figuresIn = (host: string): Record<string, Record<string, string>> => {
  const root = document.querySelector(host)?.shadowRoot;
  const out: Record<string, Record<string, string>> = {};
  for (const el of root?.querySelectorAll<HTMLElement>('[data-figure]') ?? []) out[el.dataset.figure!] = { ...el.dataset } as Record<string, string>;
  return out;
};

/** The text of the first element matching `selector` in the panel's shadow root. */
export const panelTextIn = ([host, selector]: readonly [string, string]): string =>
  document.querySelector(host)?.shadowRoot?.querySelector(selector)?.textContent ?? '';

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

/** Where the "Résumé" control is and how it reads. */
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

/**
 * Everything the first-use checks read in the panel, in one call, from the panel's shadow root (null: no
 * panel host). It takes the root rather than finding it, so a way of reaching a closed root (a DevTools
 * session handing the root to a function) can call it as it is; panelProbeExpression finds an open one.
 */
export const panelProbeOf = (root: ShadowRoot | null | undefined): PanelProbe => {
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

/** panelProbeOf on the open shadow root of `host`, as an expression for page.evaluate (both libraries take one). */
export const panelProbeExpression = (host: string): string =>
  `(${panelProbeOf.toString()})(document.querySelector(${JSON.stringify(host)})?.shadowRoot ?? null)`;

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
