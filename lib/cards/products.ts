// Card 3's top products (docs/summary-contract.md §5): quantities and revenue per catalogue item (and declination)
// from the rows of the counted purchase documents in the window. Rows arrive document by document, in any order
// (phase 2 reads details in batches, newest first): every result depends only on which documents were read, and
// where two rows disagree (reference, description) the newest document wins, as if they were read oldest first.

import type { CatalogRow, DocumentRow } from '../client/records';
import { compare, type Dec, formatAmount, formatDecimal } from '../decimal';
import { stripHtml } from '../format/crm-text';
import type { ProductFigure, SourceDoc, Summary } from '../summary/types';
import type { Ctx, DocSource, ExcludedDoc } from './context';
import { excludedEntry } from './context';
import { addDecimal, type DecimalTotal, decimalTotal, decimalValue, readDecimal, readSlot } from './decimal-total';

const SHOWN = 5;

interface Product {
  itemId: number;
  declinationId: number | null;
  quantity: DecimalTotal;
  revenue: DecimalTotal;
  /** The newest row's reference and description (fallbacks for the name), and the document they come from. */
  reference: string | null;
  referenceFrom: number;
  description: string | null;
  descriptionFrom: number;
  /** The documents whose rows hold it (positions in the window list), and whether they are still in order. */
  docs: number[];
  inOrder: boolean;
  /** Where it was first met (document, row): the last tie-break, the order in which an oldest-first read meets it. */
  firstDoc: number;
  firstRow: number;
  /** Its source entries, oldest first, built when first shown and kept until another of its documents is read. */
  sources: SourceDoc[] | null;
}

type Ranked = { p: Product; q: Dec; r: Dec };

const quantitySlot = readSlot();
const revenueSlot = readSlot();

/** The rows of the window's documents, folded in as they come (a literal with functions: see CentsTotal). */
export interface ProductTally {
  /** The counted main-currency purchases in the window, oldest first. */
  readonly docs: DocSource[];
  readonly products: Map<number | string, Product>;
  /** 1 for each window document whose rows were read, and how many they are. */
  readonly read: Uint8Array;
  documentsRead: number;
  readonly noRowsEntries: (ExcludedDoc | undefined)[];
}

export const productTally = (docs: DocSource[]): ProductTally => ({
  docs,
  products: new Map(),
  read: new Uint8Array(docs.length),
  documentsRead: 0,
  noRowsEntries: [],
});

/** Folds in the rows of window document `w`. A document is read once: later calls for it are ignored. */
export function foldRows(tally: ProductTally, w: number, rows: DocumentRow[]): void {
  if (tally.read[w] === 1) return;
  tally.read[w] = 1;
  tally.documentsRead++;
  // Rows last to first: the first non-empty reference or description met is the one an oldest-first read keeps.
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (!isCatalogRow(row)) continue;
    if (!readDecimal(row.quantity, quantitySlot) || !readDecimal(row.amount_tax_exc, revenueSlot)) continue;
    const declinationId = typeof row.related.declination_id === 'number' ? row.related.declination_id : null;
    // Keyed by the item id alone when there is no declination: no key string per row on large clients.
    const key = declinationId === null ? row.related.id : `${row.related.id}/${declinationId}`;
    let p = tally.products.get(key);
    if (!p) {
      p = {
        itemId: row.related.id,
        declinationId,
        quantity: decimalTotal(),
        revenue: decimalTotal(),
        reference: null,
        referenceFrom: -1,
        description: null,
        descriptionFrom: -1,
        docs: [],
        inOrder: true,
        firstDoc: w,
        firstRow: i,
        sources: null,
      };
      tally.products.set(key, p);
    } else if (w < p.firstDoc || (w === p.firstDoc && i < p.firstRow)) {
      p.firstDoc = w;
      p.firstRow = i;
    }
    addDecimal(p.quantity, quantitySlot, row.quantity);
    addDecimal(p.revenue, revenueSlot, row.amount_tax_exc);
    if (w > p.referenceFrom) {
      const reference = row.reference?.trim();
      if (reference) {
        p.reference = reference;
        p.referenceFrom = w;
      }
    }
    if (w > p.descriptionFrom && row.description) {
      const description = stripHtml(row.description);
      if (description) {
        p.description = description;
        p.descriptionFrom = w;
      }
    }
    const last = p.docs[p.docs.length - 1];
    if (last !== w) {
      if (last !== undefined && last > w) p.inOrder = false;
      p.docs.push(w);
      p.sources = null;
    }
  }
}

/** The two top-five lists; their sources go to `source` (the card lists five products: its sources are their
 * documents, not every document read). */
export function productFigures(
  tally: ProductTally,
  ctx: Pick<Ctx, 'source'>,
  nameOf: (itemId: number) => string | null | undefined,
): Pick<Summary['salesOverview'], 'topProductsByQuantity' | 'topProductsByRevenue'> {
  const ranked: Ranked[] = [];
  for (const p of tally.products.values()) ranked.push({ p, q: decimalValue(p.quantity), r: decimalValue(p.revenue) });
  const noRows = noRowsOf(tally);
  return {
    topProductsByQuantity: topList(tally, ctx, 'salesOverview.topProductsByQuantity', topOf(ranked, byQuantity), noRows, nameOf),
    topProductsByRevenue: topList(tally, ctx, 'salesOverview.topProductsByRevenue', topOf(ranked, byRevenue), noRows, nameOf),
  };
}

function topList(
  tally: ProductTally,
  ctx: Pick<Ctx, 'source'>,
  path: string,
  shown: Ranked[],
  noRows: ExcludedDoc[],
  nameOf: (itemId: number) => string | null | undefined,
): ProductFigure[] {
  const mark = new Uint8Array(tally.docs.length);
  for (const { p } of shown) for (const w of p.docs) mark[w] = 1;
  const docs: SourceDoc[] = [];
  for (let w = 0; w < mark.length; w++) if (mark[w] === 1) docs.push(tally.docs[w]!);
  ctx.source(path, docs, noRows);
  return shown.map(({ p, q, r }, i) => {
    ctx.source(`${path}.${i}`, sourcesOf(tally, p), []);
    return {
      itemId: p.itemId,
      declinationId: p.declinationId,
      name: nameOf(p.itemId)?.trim() || p.reference || p.description || `#${p.itemId}`,
      reference: p.reference,
      quantity: formatDecimal(q),
      revenue: formatAmount(r),
    };
  });
}

/** The window documents without rows (not read, or unreadable), oldest first, each entry built once. */
function noRowsOf(tally: ProductTally): ExcludedDoc[] {
  const out: ExcludedDoc[] = [];
  for (let w = 0; w < tally.docs.length; w++) {
    if (tally.read[w] === 1) continue;
    let e = tally.noRowsEntries[w];
    if (!e) tally.noRowsEntries[w] = e = excludedEntry(tally.docs[w]!, 'no-rows');
    out.push(e);
  }
  return out;
}

/** A product's source entries, oldest first, built once until another of its documents is read. */
function sourcesOf(tally: ProductTally, p: Product): SourceDoc[] {
  if (p.sources) return p.sources;
  if (!p.inOrder) {
    p.docs.sort((a, b) => a - b);
    p.inOrder = true;
  }
  p.sources = p.docs.map((w) => tally.docs[w]!);
  return p.sources;
}

const byQuantity = (a: Ranked, b: Ranked) => compare(b.q, a.q) || compare(b.r, a.r) || tie(a.p, b.p);
const byRevenue = (a: Ranked, b: Ranked) => compare(b.r, a.r) || compare(b.q, a.q) || tie(a.p, b.p);

/** Ids, then where the product was first met: a total order, so the five shown are those a stable sort shows. */
function tie(a: Product, b: Product): number {
  return a.itemId - b.itemId || (a.declinationId ?? -1) - (b.declinationId ?? -1) || a.firstDoc - b.firstDoc || a.firstRow - b.firstRow;
}

/** The first SHOWN of `list` in `better` order, without sorting all of it (a catalogue may hold thousands). */
function topOf(list: Ranked[], better: (a: Ranked, b: Ranked) => number): Ranked[] {
  const top: Ranked[] = [];
  for (const x of list) {
    if (top.length === SHOWN && better(x, top[SHOWN - 1]!) >= 0) continue;
    let i = Math.min(top.length, SHOWN - 1);
    if (top.length < SHOWN) top.push(x);
    while (i > 0 && better(x, top[i - 1]!) < 0) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = x;
  }
  return top;
}

/** A catalogue row that counts, before its quantity and amount are checked (they must be decimals too). */
function isCatalogRow(row: DocumentRow): row is CatalogRow {
  if (row.type !== 'catalog') return false;
  const r = row as CatalogRow;
  return r.is_optional !== true && Number.isInteger(r.related?.id);
}
