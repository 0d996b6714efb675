// Card 3 (docs/summary-contract.md §5): the last three calendar years up to today — totals and counts per year, average basket,
// top products from the documents' rows, and (invoicing) how fast and how late the client pays.

import { COLLECTION } from '../client/collections';
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
import { type ProductTally, productFigures } from './products';

/** The counted main-currency purchases in the window, oldest first: what the top products read rows of. */
export function windowPurchases(ctx: Ctx): DocSource[] {
  const p = ctx.purchases;
  const [from, to] = mainRange(p, ctx.salesFrom, ctx.today);
  const out = new Array<DocSource>(to - from);
  for (let k = from; k < to; k++) out[k - from] = p.src[p.main[k]!]!;
  return out;
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

/** Distinct ids numbered 0, 1, 2…: an array over their range when it is dense enough (at most 4 bytes per
 * id of the range, and the range at most 16 ids per id or 65 536 in all), else a Map. */
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
  if (integers && ids.length && max - min < 16 * ids.length + 65_536) {
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
