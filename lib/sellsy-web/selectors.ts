// Where things sit in Sellsy's web-app pages. Sellsy publishes no DOM contract and its markup was not seen
// from here: these are guesses in order of trust, each one cheap to be wrong about, because the caller
// falls back to a floating control when none matches. Pure: the caller hands in the document.

/**
 * Candidates for the bar of a record's own tabs (Aperçu, Documents, Activité, …, "Résumé IA"), most
 * specific first. An ARIA tab list is what a component library renders; the class names are common ones.
 */
export const RECORD_TAB_BAR_SELECTORS = [
  'main [role="tablist"]',
  '[role="main"] [role="tablist"]',
  '[role="tablist"]',
  'main nav.tabs',
  'main .tabs',
  'main .nav-tabs',
] as const;

/** The labels of Sellsy's own summary tab, in the languages its interface comes in. */
const SELLSY_SUMMARY_TAB = /^\s*(résumé ia|ai summary|resumen ia|riepilogo ia|ki-zusammenfassung)\s*$/i;

interface Queryable {
  querySelectorAll(selector: string): ArrayLike<Element>;
}

/** An element with at least two tab-like children: one lone link is not a tab bar. */
function looksLikeTabBar(el: Element): boolean {
  let tabs = 0;
  for (const child of Array.from(el.children)) {
    if (child.getAttribute('role') === 'tab' || child.tagName === 'A' || child.tagName === 'BUTTON' || child.tagName === 'LI') tabs += 1;
    if (tabs >= 2) return true;
  }
  return false;
}

function hasSellsySummaryTab(el: Element): boolean {
  return Array.from(el.children).some((c) => SELLSY_SUMMARY_TAB.test(c.textContent ?? ''));
}

/**
 * The record's tab bar in a page, or null when none is found. Among the matches of the first selector that
 * matches anything, the bar that holds Sellsy's own "Résumé IA" tab wins: that is the record's, not a
 * settings or a document list's.
 */
export function findRecordTabBar(root: Queryable): Element | null {
  for (const selector of RECORD_TAB_BAR_SELECTORS) {
    const bars = Array.from(root.querySelectorAll(selector)).filter(looksLikeTabBar);
    if (bars.length === 0) continue;
    return bars.find(hasSellsySummaryTab) ?? bars[0]!;
  }
  return null;
}
