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
