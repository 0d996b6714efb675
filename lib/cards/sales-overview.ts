// Card 3 (docs/summary-contract.md §5): the last three calendar years up to today — totals and counts per year, average basket,
// top products from the documents' rows, and (invoicing) how fast and how late the client pays.

import { COLLECTION } from '../client/collections';
import type { DocKey } from '../client/data';
import { owns } from '../client/ownership';
import { datePart, datePartKey, dayNumberOfKey, yearOf } from '../dates';
import { divRound, formatAmount, toNumber } from '../decimal';
import type { SourceDoc, Summary } from '../summary/types';
import { centsTotal, totalText, totalUnits } from './cents';
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
import { dateKey } from './order';
import { foldRows, type ProductTally, productFigures, productTally } from './products';

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
  const tally = productTally(docs);
  const rows = ctx.data.rows;
  const index = positionsById(docs);
  if (!index) {
    // Two documents with one id, or an id that is not a plain integer (neither from Sellsy): each one looked up
    // by its key, as a plain loop would.
    for (let w = docs.length - 1; w >= 0; w--) {
      const r = rows[`${docs[w]!.type}:${docs[w]!.id}` as DocKey];
      if (r) foldRows(tally, w, r);
    }
    return tally;
  }
  const prefix = `${docs[0]?.type}:`;
  for (const key in rows) {
    if (!key.startsWith(prefix)) continue;
    const w = positionOf(index, canonicalId(key, prefix.length));
    if (w < 0) continue;
    const r = rows[key as DocKey];
    if (r) foldRows(tally, w, r);
  }
  return tally;
}

/** Window positions by document id: an array over the ids' range when they are dense enough (no hashing per
 * key), else a Map. */
interface PositionIndex {
  min: number;
  max: number;
  dense: Int32Array | null;
  map: Map<number, number> | null;
}

/** The index of `docs`, or null when two documents share an id or an id is not an integer below 10^15. */
export function positionsById(docs: DocSource[]): PositionIndex | null {
  let min = Infinity;
  let max = -Infinity;
  for (let w = 0; w < docs.length; w++) {
    const id = docs[w]!.id;
    if (!Number.isInteger(id) || Math.abs(id) >= 1e15) return null;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  if (!docs.length) return { min: 0, max: -1, dense: null, map: null };
  if (max - min < 4 * docs.length + 1024) {
    const dense = new Int32Array(max - min + 1).fill(-1);
    for (let w = 0; w < docs.length; w++) {
      const i = docs[w]!.id - min;
      if (dense[i] !== -1) return null;
      dense[i] = w;
    }
    return { min, max, dense, map: null };
  }
  const map = new Map<number, number>();
  for (let w = 0; w < docs.length; w++) {
    if (map.has(docs[w]!.id)) return null;
    map.set(docs[w]!.id, w);
  }
  return { min, max, dense: null, map };
}

/** The window position of a document id, or -1. */
export function positionOf(index: PositionIndex, id: number | null): number {
  if (id === null || id < index.min || id > index.max) return -1;
  if (index.dense) return index.dense[id - index.min]!;
  return index.map?.get(id) ?? -1;
}

/** Window positions by DocKey, for phase 2's batches: the id index when it can be built, else each key's. */
export interface WindowKeys {
  prefix: string;
  index: PositionIndex | null;
  byKey: Map<string, number[]> | null;
}

export function windowKeys(docs: DocSource[]): WindowKeys {
  const prefix = `${docs[0]?.type}:`;
  const index = positionsById(docs);
  if (index) return { prefix, index, byKey: null };
  const byKey = new Map<string, number[]>();
  for (let w = 0; w < docs.length; w++) {
    const key = `${docs[w]!.type}:${docs[w]!.id}`;
    const seen = byKey.get(key);
    if (seen) seen.push(w);
    else byKey.set(key, [w]);
  }
  return { prefix, index: null, byKey };
}

/** The window positions of the document a DocKey names (none when it is not a window document). */
export function positionsOfKey(keys: WindowKeys, key: string): number[] {
  if (keys.byKey) return keys.byKey.get(key) ?? [];
  if (!keys.index || !key.startsWith(keys.prefix)) return [];
  const w = positionOf(keys.index, canonicalId(key, keys.prefix.length));
  return w < 0 ? [] : [w];
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
  const byYear = [yearFigure(ctx, year - 2), yearFigure(ctx, year - 1), yearFigure(ctx, year)];
  const purchases = ctx.purchases;

  const countTotal = byYear.reduce((n, r) => n + r.count, 0);
  const averagePerYear = toNumber(divRound(String(countTotal), 3, 1));

  // Counted main-currency purchases dated after today: the one exclusion a reader may not expect.
  const [w0, w1] = mainRange(purchases, ctx.salesFrom, ctx.today);
  // (The window ends today, so what follows it in the list is exactly that.)
  const future: ExcludedDoc[] = [];
  for (let k = w1; k < purchases.main.length; k++) future.push(excludedEntry(purchases.src[purchases.main[k]!]!, 'outside-window'));
  const basket = centsTotal();
  const included = new Array<SourceDoc>(w1 - w0);
  for (let k = w0; k < w1; k++) {
    addAt(basket, purchases, purchases.main[k]!);
    included[k - w0] = purchases.src[purchases.main[k]!]!;
  }
  const count = w1 - w0;
  const averageBasket = count ? formatAmount(divRound({ units: totalUnits(basket), scale: 2 }, count, 2)) : null;
  ctx.source('salesOverview.averageBasket', included, future);

  const products = productFigures(tally, ctx, itemName(ctx));
  const payments = ctx.mode === 'invoicing' ? paymentFigures(ctx) : { averagePaymentDelayDays: null, latePayments: null };
  return { byYear, averagePerYear, averageBasket, ...products, ...payments };
}

/** One year of the window: its total net of credit notes, its count of purchases, and its sources. Tables are
 * sorted by date and id: the year is a slice of them, so nothing here sorts or filters documents one by one. */
function yearFigure(ctx: Ctx, y: number): Summary['salesOverview']['byYear'][number] {
  const purchases = ctx.purchases;
  const credits = ctx.creditNotes;
  const yyyy = String(y).padStart(4, '0');
  const from = `${yyyy}-01-01`;
  const to = y === yearOf(ctx.today) ? ctx.today : `${yyyy}-12-31`;
  const [p0, p1] = mainRange(purchases, from, to);
  const [c0, c1] = mainRange(credits, from, to);
  const total = centsTotal();
  const included = new Array<SourceDoc>(p1 - p0 + (c1 - c0));
  for (let k = p0; k < p1; k++) {
    addAt(total, purchases, purchases.main[k]!);
    included[k - p0] = purchases.src[purchases.main[k]!]!;
  }
  for (let k = c0; k < c1; k++) {
    addAt(total, credits, credits.main[k]!, -1);
    included[p1 - p0 + (k - c0)] = credits.src[credits.main[k]!]!;
  }
  ctx.source(`salesOverview.byYear.${y}`, included, excludedIn(ctx, from, to));
  return { year: y, total: totalText(total), count: p1 - p0 };
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

function paymentFigures(ctx: Ctx): Pick<Summary['salesOverview'], 'averagePaymentDelayDays' | 'latePayments'> {
  // The latest paid_at date of the payments linked to each paid invoice of the window, ignoring rejected and
  // failed ones; only those invoices' links are followed. One slot per invoice id (columns, no object per id).
  const invoices = ctx.purchases;
  const [from, to] = dateRange(invoices, ctx.salesFrom, ctx.today);
  const paid = statusIndex(invoices, 'paid');
  const ids: number[] = [];
  for (let i = from; i < to; i++) if (invoices.status[i] === paid) ids.push(invoices.src[i]!.id);
  const slots = idSlots(ids);
  const latest = new Int32Array(slots.count).fill(-1);
  const latestAt = new Array<string>(slots.count);
  const linked = new Array<number[] | null>(slots.count).fill(null);
  const { client } = ctx.data;
  const owner = COLLECTION.payments.owner;
  const payments = ctx.data.payments ?? [];
  for (let i = 0; i < payments.length; i++) {
    const p = payments[i]!;
    if (!owns(client, owner, p)) continue;
    if (p.status === 'rejected' || p.status === 'failed') continue;
    const key = datePartKey(p.paid_at);
    if (key < 0) continue;
    const links = p.related_objects ?? [];
    for (let j = 0; j < links.length; j++) {
      const link = links[j]!;
      if (link.type !== 'invoice') continue;
      const k = slotOf(slots, link.id);
      if (k < 0) continue;
      const list = linked[k];
      if (list) list.push(p.id);
      else linked[k] = [p.id];
      if (key > latest[k]!) {
        latest[k] = key;
        latestAt[k] = p.paid_at;
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
    const k = slotOf(slots, d.id);
    const byPayments = linked[k];
    if (!byPayments) {
      noPayment.push(excludedEntry(d, 'no-payment'));
      ctx.warn(ctx.t.warn.paidWithoutPayment(d.number ?? String(d.id)));
      continue;
    }
    const date = datePart(latestAt[k])!;
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
      payments: byPayments,
    };
    used.push(entry);
    totalDays += dayNumberOfKey(latest[k]!, date) - dayNumberOfKey(dateKey(d.date), d.date);
    const due = invoices.dueDate[i];
    if (due && date > due) late.push(entry);
  }
  const averagePaymentDelayDays = used.length ? toNumber(divRound(String(totalDays), used.length, 1)) : null;
  ctx.source('salesOverview.averagePaymentDelayDays', used, noPayment);
  ctx.source('salesOverview.latePayments', late, noPayment);
  return { averagePaymentDelayDays, latePayments: late.length };
}

/** Distinct ids numbered 0, 1, 2…: an array over their range when it is dense enough, else a Map. */
interface IdSlots {
  count: number;
  min: number;
  max: number;
  dense: Int32Array | null;
  map: Map<number, number> | null;
}

function idSlots(ids: number[]): IdSlots {
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (const id of ids) {
    if (!Number.isInteger(id)) integers = false;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  const slots: IdSlots = { count: 0, min, max, dense: null, map: null };
  if (integers && ids.length && max - min < 4 * ids.length + 1024) {
    const dense = new Int32Array(max - min + 1).fill(-1);
    for (const id of ids) if (dense[id - min] === -1) dense[id - min] = slots.count++;
    slots.dense = dense;
  } else {
    const map = new Map<number, number>();
    for (const id of ids) if (!map.has(id)) map.set(id, slots.count++);
    slots.map = map;
  }
  return slots;
}

function slotOf(slots: IdSlots, id: number): number {
  if (slots.dense) return Number.isInteger(id) && id >= slots.min && id <= slots.max ? slots.dense[id - slots.min]! : -1;
  return slots.map!.get(id) ?? -1;
}
