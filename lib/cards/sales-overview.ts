// Card 3 (docs/summary-contract.md §5): the last three calendar years up to today — totals and counts per year, average basket,
// top products from the documents' rows, and (invoicing) how fast and how late the client pays.

import { COLLECTION } from '../client/collections';
import type { DocKey } from '../client/data';
import { ownedBy } from '../client/ownership';
import { datePart, datePartKey, dayNumber, yearOf } from '../dates';
import { divRound, formatAmount, toNumber } from '../decimal';
import type { SourceDoc, Summary } from '../summary/types';
import { CentsTotal } from './cents';
import {
  addAt,
  byDateId,
  type Ctx,
  type DocSource,
  type DocTable,
  dateRange,
  type ExcludedDoc,
  excludedEntry,
  mainRange,
  statusIndex,
} from './context';
import { ProductTally } from './products';

/** The counted main-currency purchases in the window, oldest first: what the top products read rows of. */
export function windowPurchases(ctx: Ctx): DocSource[] {
  const p = ctx.purchases;
  const [from, to] = mainRange(p, ctx.salesFrom, ctx.today);
  const out = new Array<DocSource>(to - from);
  for (let k = from; k < to; k++) out[k - from] = p.src[p.main[k]!]!;
  return out;
}

/** A tally of the rows `data.rows` holds for the window's documents. The keys of `rows` are read in their own
 * order (for a store or a batch, the order the rows were met, and so the order they lie in memory) and their ids
 * parsed, rather than a key string built and looked up per window document, in date order: on a large client
 * that lookup was the engine's most expensive line. */
export function tallyRows(ctx: Ctx, docs: DocSource[]): ProductTally {
  const tally = new ProductTally(docs);
  const rows = ctx.data.rows;
  const position = positionsById(docs);
  if (!position) {
    // Two documents with one id, or an id that is not a plain integer (neither from Sellsy): each one looked up
    // by its key, as a plain loop would.
    for (let w = docs.length - 1; w >= 0; w--) {
      const r = rows[`${docs[w]!.type}:${docs[w]!.id}` as DocKey];
      if (r) tally.fold(w, r);
    }
    return tally;
  }
  const prefix = `${docs[0]?.type}:`;
  for (const key in rows) {
    if (!key.startsWith(prefix)) continue;
    const w = position(canonicalId(key, prefix.length));
    if (w < 0) continue;
    const r = rows[key as DocKey];
    if (r) tally.fold(w, r);
  }
  return tally;
}

/** A document id → window position lookup: an array over the ids' range when they are dense enough (no hashing
 * per key), else a Map; null when two documents share an id or an id is not an integer below 10^15. */
export function positionsById(docs: DocSource[]): ((id: number | null) => number) | null {
  let min = Infinity;
  let max = -Infinity;
  for (let w = 0; w < docs.length; w++) {
    const id = docs[w]!.id;
    if (!Number.isInteger(id) || Math.abs(id) >= 1e15) return null;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  if (!docs.length) return () => -1;
  if (max - min < 4 * docs.length + 1024) {
    const at = new Int32Array(max - min + 1).fill(-1);
    for (let w = 0; w < docs.length; w++) {
      const i = docs[w]!.id - min;
      if (at[i] !== -1) return null;
      at[i] = w;
    }
    return (id) => (id === null || id < min || id > max ? -1 : at[id - min]!);
  }
  const map = new Map<number, number>();
  for (let w = 0; w < docs.length; w++) {
    if (map.has(docs[w]!.id)) return null;
    map.set(docs[w]!.id, w);
  }
  return (id) => (id === null ? -1 : (map.get(id) ?? -1));
}

/** The integer written from `from` to the end of `key` as String(id) writes it, else null. */
function canonicalId(key: string, from: number): number | null {
  const neg = key.charCodeAt(from) === 45;
  const start = neg ? from + 1 : from;
  const len = key.length - start;
  if (len < 1 || len > 15 || (len > 1 && key.charCodeAt(start) === 48)) return null;
  let n = 0;
  for (let i = start; i < key.length; i++) {
    const c = key.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  if (neg && n === 0) return null;
  return neg ? -n : n;
}

export const itemName = (ctx: Ctx) => (itemId: number) => ctx.data.items[itemId]?.name;

export function salesOverviewCard(ctx: Ctx, tally: ProductTally): Summary['salesOverview'] {
  const year = yearOf(ctx.today);
  const years = [year - 2, year - 1, year];
  const purchases = ctx.purchases;
  const credits = ctx.creditNotes;
  // Tables are sorted by date and id: each year of the window is a slice of them, so nothing here sorts or
  // filters documents one by one.
  const byYear = years.map((y) => {
    const yyyy = String(y).padStart(4, '0');
    const from = `${yyyy}-01-01`;
    const to = y === year ? ctx.today : `${yyyy}-12-31`;
    const [p0, p1] = mainRange(purchases, from, to);
    const [c0, c1] = mainRange(credits, from, to);
    const total = new CentsTotal();
    const included: SourceDoc[] = [];
    for (let k = p0; k < p1; k++) {
      addAt(total, purchases, purchases.main[k]!);
      included.push(purchases.src[purchases.main[k]!]!);
    }
    for (let k = c0; k < c1; k++) {
      addAt(total, credits, credits.main[k]!, -1);
      included.push(credits.src[credits.main[k]!]!);
    }
    ctx.source(`salesOverview.byYear.${y}`, included, excludedIn(ctx, from, to));
    return { year: y, total: total.text(), count: p1 - p0 };
  });

  const countTotal = byYear.reduce((n, r) => n + r.count, 0);
  const averagePerYear = toNumber(divRound(String(countTotal), 3, 1));

  // Counted main-currency purchases dated after today: the one exclusion a reader may not expect.
  const [w0, w1] = mainRange(purchases, ctx.salesFrom, ctx.today);
  // (The window ends today, so what follows it in the list is exactly that.)
  const future: ExcludedDoc[] = [];
  for (let k = w1; k < purchases.main.length; k++) future.push(excludedEntry(purchases.src[purchases.main[k]!]!, 'outside-window'));
  const basket = new CentsTotal();
  const included: SourceDoc[] = [];
  for (let k = w0; k < w1; k++) {
    addAt(basket, purchases, purchases.main[k]!);
    included.push(purchases.src[purchases.main[k]!]!);
  }
  const count = w1 - w0;
  const averageBasket = count ? formatAmount(divRound({ units: basket.units(), scale: 2 }, count, 2)) : null;
  ctx.source('salesOverview.averageBasket', included, future);

  const products = tally.figures(ctx, itemName(ctx));
  const payments = ctx.mode === 'invoicing' ? paymentFigures(ctx) : { averagePaymentDelayDays: null, latePayments: null };
  return { byYear, averagePerYear, averageBasket, ...products, ...payments };
}

/** The purchases and credit notes dated from..to that were kept out, merged by date (purchases first on ties). */
function excludedIn(ctx: Ctx, from: string, to: string): ExcludedDoc[] {
  const a = excludedOf(ctx.purchases, from, to);
  const b = excludedOf(ctx.creditNotes, from, to);
  if (!b.length) return a;
  if (!a.length) return b;
  const out: ExcludedDoc[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byDateId(b[j]! as Dated, a[i]! as Dated) < 0 ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function excludedOf(t: DocTable, from: string, to: string): ExcludedDoc[] {
  const [start, end] = dateRange(t, from, to);
  const out: ExcludedDoc[] = [];
  for (let i = start; i < end; i++) {
    const e = t.excluded[i]!;
    if (e !== null) out.push(e);
  }
  return out;
}

/** Exclusion entries are documents' source entries: always dated. */
type Dated = { date: string; id: number };

/** For one paid invoice id: the latest payment date met so far (as datePartKey and as written) and its payments. */
interface PaidOn {
  key: number;
  at: string;
  payments: number[] | null;
}

function paymentFigures(ctx: Ctx): Pick<Summary['salesOverview'], 'averagePaymentDelayDays' | 'latePayments'> {
  // The latest paid_at date of the payments linked to each paid invoice of the window, ignoring rejected and
  // failed ones; only those invoices' links are followed.
  const invoices = ctx.purchases;
  const [from, to] = dateRange(invoices, ctx.salesFrom, ctx.today);
  const paid = statusIndex(invoices, 'paid');
  const paidOn = new Map<number, PaidOn>();
  for (let i = from; i < to; i++) {
    if (invoices.status[i] !== paid) continue;
    const id = invoices.src[i]!.id;
    if (!paidOn.has(id)) paidOn.set(id, { key: -1, at: '', payments: null });
  }
  const mine = ownedBy(ctx.data.client, COLLECTION.payments.owner);
  const payments = ctx.data.payments ?? [];
  for (let i = 0; i < payments.length; i++) {
    const p = payments[i]!;
    if (!mine(p)) continue;
    if (p.status === 'rejected' || p.status === 'failed') continue;
    const key = datePartKey(p.paid_at);
    if (key < 0) continue;
    const links = p.related_objects ?? [];
    for (let j = 0; j < links.length; j++) {
      const link = links[j]!;
      if (link.type !== 'invoice') continue;
      const cur = paidOn.get(link.id);
      if (!cur) continue;
      if (cur.payments) cur.payments.push(p.id);
      else cur.payments = [p.id];
      if (key > cur.key) {
        cur.key = key;
        cur.at = p.paid_at;
      }
    }
  }

  const used: SourceDoc[] = [];
  const late: SourceDoc[] = [];
  const noPayment: (SourceDoc & { reason: string })[] = [];
  let totalDays = 0;
  for (let i = from; i < to; i++) {
    if (invoices.status[i] !== paid) continue;
    const d = invoices.src[i]!;
    const p = paidOn.get(d.id)!;
    if (!p.payments) {
      noPayment.push(excludedEntry(d, 'no-payment'));
      ctx.warn(ctx.t.warn.paidWithoutPayment(d.number ?? String(d.id)));
      continue;
    }
    const date = datePart(p.at)!;
    // One entry per paid invoice, shared by both figures' source lists.
    const entry: SourceDoc = {
      type: d.type,
      id: d.id,
      number: d.number,
      date: d.date,
      amount: d.amount,
      currency: d.currency,
      status: d.status,
      paidOn: date,
      payments: p.payments,
    };
    used.push(entry);
    totalDays += dayNumber(date) - dayNumber(d.date);
    const due = invoices.dueDate[i];
    if (due && date > due) late.push(entry);
  }
  const averagePaymentDelayDays = used.length ? toNumber(divRound(String(totalDays), used.length, 1)) : null;
  ctx.source('salesOverview.averagePaymentDelayDays', used, noPayment);
  ctx.source('salesOverview.latePayments', late, noPayment);
  return { averagePaymentDelayDays, latePayments: late.length };
}
