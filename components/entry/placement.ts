// Keeps the control's shadow host where it belongs while Sellsy's single-page app rewrites the page: in the
// record's tab bar when there is one, else floating (appended to <body>), and out of the page when the page
// is not a client record. Sellsy may render its tabs after us, or replace them on navigation: a mutation
// observer puts the host back. If Sellsy keeps removing it from the bar (a framework that owns its
// children), the control floats instead of fighting.
import type { EntryPlacement } from './EntryButton';

export interface PlaceableUi {
  /** Our shadow host: where it is in the page tells where the control is. */
  shadowHost: Element;
  /** Appends the host to `target()` (again) and renders the control. */
  mount(): void;
  remove(): void;
}

export interface PlacementDeps {
  doc: Document;
  /** True while the page is a client record page. */
  wanted(): boolean;
  /** The record's tab bar, or null (lib/sellsy-web/selectors.ts). */
  findBar(doc: Document): Element | null;
  /** Runs `f` soon, once per burst of page mutations; returns a cancel function. */
  defer?(f: () => void): () => void;
  now?(): number;
}

/** Re-placements into the bar within this window that make the control give the bar up for this page. */
const FIGHT_LIMIT = 5;
const FIGHT_WINDOW_MS = 5_000;

export function createPlacement(deps: PlacementDeps) {
  const { doc } = deps;
  const now = deps.now ?? (() => Date.now());
  const defer =
    deps.defer ??
    ((f: () => void) => {
      const t = setTimeout(f, 30);
      return () => clearTimeout(t);
    });
  let placement: EntryPlacement = 'floating';
  let target: Element | null = null;
  let ui: PlaceableUi | null = null;
  let barPlacements: number[] = [];
  let gaveUpBar = false;
  let pending: (() => void) | null = null;
  let observer: MutationObserver | null = null;

  function update(): void {
    pending = null;
    if (!ui) return;
    if (!deps.wanted()) {
      if (ui.shadowHost.isConnected) ui.remove();
      return;
    }
    const bar = gaveUpBar ? null : deps.findBar(doc);
    let next: Element | null = bar ?? doc.body;
    if (!next) return; // no body yet
    if (ui.shadowHost.parentElement === next) return;
    if (next === bar) {
      const t = now();
      barPlacements = [...barPlacements.filter((at) => t - at < FIGHT_WINDOW_MS), t];
      if (barPlacements.length > FIGHT_LIMIT) {
        gaveUpBar = true;
        next = doc.body;
        if (ui.shadowHost.parentElement === next) return;
      }
    }
    target = next;
    placement = next === bar ? 'tabs' : 'floating';
    ui.mount();
  }

  function schedule(): void {
    pending ??= defer(update);
  }

  return {
    /** Where the control is now; every move re-mounts it, so the render reads this fresh. */
    placement: (): EntryPlacement => placement,
    /** For createShadowRootUi's `anchor`: the element the host is appended to. */
    target: (): Element => target ?? doc.body,
    /** Starts watching the page with the UI to place. */
    start(placeable: PlaceableUi): void {
      ui = placeable;
      observer = new MutationObserver(schedule);
      // Mutations inside shadow roots (the panel's own rendering) are not seen from here: only the page's.
      observer.observe(doc.documentElement, { childList: true, subtree: true });
      update();
    },
    /** The page changed (single-page navigation): a new record gets a new chance at its tab bar. */
    navigated(): void {
      gaveUpBar = false;
      barPlacements = [];
      schedule();
    },
    stop(): void {
      observer?.disconnect();
      observer = null;
      pending?.();
      pending = null;
      if (ui?.shadowHost.isConnected) ui.remove();
      ui = null;
    },
  };
}

export type Placement = ReturnType<typeof createPlacement>;
