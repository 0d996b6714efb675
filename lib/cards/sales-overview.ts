// Card 3 (docs/summary-contract.md §5): the last three calendar years up to today — totals and counts per year, average basket,
// top products from the documents' rows, and (invoicing) how fast and how late the client pays.

import { COLLECTION } from '../client/collections';
import { ownedBy } from '../client/ownership';
import type { CatalogRow, DocumentRow, Payment } from '../client/records';
import { datePart, daysBetween, yearOf } from '../dates';
import { add, compare, type Dec, divRound, formatAmount, formatDecimal, toNumber, tryParseDecimal, ZERO } from '../decimal';
import { stripHtml } from '../format/crm-text';
import type { ProductFigure, SourceDoc, Summary } from '../summary/types';
import { byDateId, type Ctx, type Doc, type ExcludedDoc, inSalesWindow, mergeByDateId, sumCents } from './context';

const excludedEntry = (d: Doc, reason: string) => ({ ...d.src, reason });

export function salesOverviewCard(ctx: Ctx): Summary['salesOverview'] {
  const year = yearOf(ctx.today);
  const years = [year - 2, year - 1, year];
  // ctx lists are sorted by date and id: filtering keeps that order, so nothing here sorts documents.
  const inWindow = (d: Doc) => inSalesWindow(ctx, d.date);
  const purchases = ctx.countedPurchases.filter(inWindow);
  const credits = ctx.countedCreditNotes.filter(inWindow);

  // Excluded entries per year, from one pass over every purchase and credit note (purchases first on ties).
  const excludedByYear = new Map<number, ExcludedDoc[]>(years.map((y) => [y, []]));
  for (const d of mergeByDateId(ctx.purchases, ctx.creditNotes)) {
    if (d.excluded && d.date <= ctx.today) excludedByYear.get(yearOf(d.date))?.push(d.excluded);
  }

  // Each list split by year in one pass (yearOf slices a string: once per document, not once per year).
  const perYear = (docs: Doc[]) => {
    const out = new Map<number, Doc[]>(years.map((y) => [y, []]));
    for (const d of docs) out.get(yearOf(d.date))?.push(d);
    return out;
  };
  const purchasesByYear = perYear(purchases);
  const creditsByYear = perYear(credits);
  const byYear = years.map((y) => {
    const p = purchasesByYear.get(y)!;
    const c = creditsByYear.get(y)!;
    ctx.source(
      `salesOverview.byYear.${y}`,
      [...p, ...c].map((d) => d.src),
      excludedByYear.get(y)!,
    );
    return { year: y, total: formatAmount({ units: sumCents(p) - sumCents(c), scale: 2 }), count: p.length };
  });

  const countTotal = byYear.reduce((n, r) => n + r.count, 0);
  const averagePerYear = toNumber(divRound(String(countTotal), 3, 1));

  // Counted main-currency purchases dated after today: the one exclusion a reader may not expect.
  const future = ctx.countedPurchases.filter((d) => d.date > ctx.today).map((d) => excludedEntry(d, 'outside-window'));
  const averageBasket = purchases.length ? formatAmount(divRound({ units: sumCents(purchases), scale: 2 }, purchases.length, 2)) : null;
  ctx.source(
    'salesOverview.averageBasket',
    purchases.map((d) => d.src),
    future,
  );

  const products = topProducts(ctx, purchases);
  const payments = ctx.mode === 'invoicing' ? paymentFigures(ctx) : { averagePaymentDelayDays: null, latePayments: null };
  return { byYear, averagePerYear, averageBasket, ...products, ...payments };
}

interface ProductAcc {
  itemId: number;
  declinationId: number | null;
  quantity: Dec;
  revenue: Dec;
  /** The newest row's reference and description (fallbacks for the name). */
  reference: string | null;
  description: string | null;
  /** The documents whose rows hold it, oldest first. */
  docs: SourceDoc[];
}

/** add(), updating the running total in place when the scales agree (nearly every row): a new Dec per row
 * and per total was a large share of the allocations on big clients. `acc` is never shared before the end. */
function addDec(acc: Dec, v: Dec): Dec {
  if (acc !== ZERO && acc.scale === v.scale) {
    (acc as { units: bigint }).units += v.units;
    return acc;
  }
  return add(acc, v);
}

function topProducts(ctx: Ctx, purchases: Doc[]): Pick<Summary['salesOverview'], 'topProductsByQuantity' | 'topProductsByRevenue'> {
  // Keyed by the item id alone when there is no declination: no key string per row on large clients.
  const acc = new Map<number | string, ProductAcc>();
  const noRows: (SourceDoc & { reason: string })[] = [];
  for (const d of purchases) {
    const rows: DocumentRow[] | undefined = ctx.data.rows[`${d.type}:${d.id}` as const];
    if (!rows) {
      noRows.push(excludedEntry(d, 'no-rows'));
      continue;
    }
    for (const row of rows) {
      if (!isCatalogRow(row)) continue;
      // Parsed once here and added as Decs: a row's strings are never read again.
      const quantity = tryParseDecimal(row.quantity);
      const revenue = tryParseDecimal(row.amount_tax_exc);
      if (!quantity || !revenue) continue;
      const declinationId = typeof row.related.declination_id === 'number' ? row.related.declination_id : null;
      const key = declinationId === null ? row.related.id : `${row.related.id}/${declinationId}`;
      let p = acc.get(key);
      if (!p)
        acc.set(key, (p = { itemId: row.related.id, declinationId, quantity: ZERO, revenue: ZERO, reference: null, description: null, docs: [] }));
      p.quantity = addDec(p.quantity, quantity);
      p.revenue = addDec(p.revenue, revenue);
      // Documents come oldest first: the last non-empty value seen is the newest.
      const reference = row.reference?.trim();
      if (reference) p.reference = reference;
      const description = row.description ? stripHtml(row.description) : '';
      if (description) p.description = description;
      if (p.docs[p.docs.length - 1]?.id !== d.id) p.docs.push(d.src);
    }
  }
  const figures: (ProductFigure & { q: Dec; r: Dec; docs: SourceDoc[] })[] = [...acc.values()].map((p) => ({
    itemId: p.itemId,
    declinationId: p.declinationId,
    name: ctx.data.items[p.itemId]?.name?.trim() || p.reference || p.description || `#${p.itemId}`,
    reference: p.reference,
    quantity: formatDecimal(p.quantity),
    revenue: formatAmount(p.revenue),
    q: p.quantity,
    r: p.revenue,
    docs: p.docs,
  }));
  const tieIds = (a: ProductFigure, b: ProductFigure) => a.itemId - b.itemId || (a.declinationId ?? -1) - (b.declinationId ?? -1);
  const top = (path: string, list: typeof figures): ProductFigure[] => {
    const shown = list.slice(0, 5);
    // The card lists five products: its sources are their documents, not every document read.
    const docs = new Map(shown.flatMap((p) => p.docs).map((d) => [d.id, d]));
    ctx.source(
      path,
      [...docs.values()].sort((a, b) => byDateId({ date: a.date!, id: a.id }, { date: b.date!, id: b.id })),
      noRows,
    );
    return shown.map(({ q: _q, r: _r, docs, ...f }, i) => {
      ctx.source(`${path}.${i}`, docs, []);
      return f;
    });
  };
  const byQuantity = top(
    'salesOverview.topProductsByQuantity',
    [...figures].sort((a, b) => compare(b.q, a.q) || compare(b.r, a.r) || tieIds(a, b)),
  );
  const byRevenue = top(
    'salesOverview.topProductsByRevenue',
    [...figures].sort((a, b) => compare(b.r, a.r) || compare(b.q, a.q) || tieIds(a, b)),
  );
  return { topProductsByQuantity: byQuantity, topProductsByRevenue: byRevenue };
}

/** A catalogue row that counts, before its quantity and amount are checked (they must be decimals too). */
function isCatalogRow(row: DocumentRow): row is CatalogRow {
  if (row.type !== 'catalog') return false;
  const r = row as CatalogRow;
  return r.is_optional !== true && Number.isInteger(r.related?.id);
}

/** The latest paid_at date of the payments linked to each invoice, ignoring rejected and failed ones. */
export function paymentDates(payments: Payment[]): Map<number, { date: string; payments: number[] }> {
  const out = new Map<number, { date: string; payments: number[] }>();
  for (const p of payments) {
    if (p.status === 'rejected' || p.status === 'failed') continue;
    const date = datePart(p.paid_at);
    if (!date) continue;
    for (const link of p.related_objects ?? []) {
      if (link.type !== 'invoice') continue;
      const cur = out.get(link.id);
      if (!cur) out.set(link.id, { date, payments: [p.id] });
      else {
        cur.payments.push(p.id);
        if (date > cur.date) cur.date = date;
      }
    }
  }
  return out;
}

function paymentFigures(ctx: Ctx): Pick<Summary['salesOverview'], 'averagePaymentDelayDays' | 'latePayments'> {
  const invoices = new Map((ctx.data.invoices ?? []).map((i) => [i.id, i]));
  const paid = ctx.purchases.filter((d) => d.status === 'paid' && inSalesWindow(ctx, d.date));
  const dates = paymentDates((ctx.data.payments ?? []).filter(ownedBy(ctx.data.client, COLLECTION.payments.owner)));
  const withPayment: { d: Doc; paidOn: string; payments: number[] }[] = [];
  const noPayment: (SourceDoc & { reason: string })[] = [];
  for (const d of paid) {
    const p = dates.get(d.id);
    if (!p) {
      noPayment.push(excludedEntry(d, 'no-payment'));
      ctx.warn(ctx.t.warn.paidWithoutPayment(d.number ?? String(d.id)));
      continue;
    }
    withPayment.push({ d, paidOn: p.date, payments: p.payments });
  }
  // One entry per paid invoice, shared by both figures' source lists.
  const entries = new Map(withPayment.map(({ d, paidOn, payments }) => [d, { ...d.src, paidOn, payments }]));
  const paymentSources = (list: typeof withPayment): SourceDoc[] => list.map(({ d }) => entries.get(d)!);
  const totalDays = withPayment.reduce((n, x) => n + daysBetween(x.d.date, x.paidOn), 0);
  const averagePaymentDelayDays = withPayment.length ? toNumber(divRound(String(totalDays), withPayment.length, 1)) : null;
  ctx.source('salesOverview.averagePaymentDelayDays', paymentSources(withPayment), noPayment);

  const late = withPayment.filter(({ d, paidOn }) => {
    const due = invoices.get(d.id)?.due_date;
    return !!due && paidOn > due;
  });
  ctx.source('salesOverview.latePayments', paymentSources(late), noPayment);
  return { averagePaymentDelayDays, latePayments: late.length };
}
