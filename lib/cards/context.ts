// What every card reads: the client's documents reduced to one shape, the main currency, the windows, and
// the two things cards write besides their figures (warnings, and the documents behind each figure).
import { collectionOf } from '../client/collections';
import type { ClientData } from '../client/data';
import { owns } from '../client/ownership';
import type { CreditNote, DocType, Estimate, Invoice } from '../client/records';
import { statusClass, statusReason } from '../client/statuses';
import { interactionsWindowStart, salesWindowStart } from '../client/windows';
import type { FigureSource, SourceDoc } from '../summary/types';
import { digestWords } from '../words/digest';
import { type Lang, toLang } from '../words/lang';
import { ruleWords } from '../words/rules';
import { engineWarnings } from '../words/warnings';
import { addCents, type Cents, type CentsTotal, centsSlot, readCents } from './cents';
import { currencyReason, mainCurrencyOf } from './currency';
import { byDateId, dateIdOrder, dateKey } from './order';

export { byDateId, newestFirst } from './order';

/** A document as every source list shows it: one object per document, shared by all the lists (a large client
 * lists each document in many figures, and a copy each time was most of the engine's allocations). */
export interface DocSource extends SourceDoc {
  type: DocType;
  id: number;
  number: string | null;
  date: string;
  /** amounts.total_excl_tax rounded to the cent, so that every total is the sum of the amounts it lists. */
  amount: string;
  currency: string;
  status: string;
}

export type ExcludedDoc = SourceDoc & { reason: string };

export type ListRecord = Invoice | CreditNote | Estimate;

/**
 * One type's documents of the client (those with a valid amount), sorted by byDateId (ties in input order), as
 * columns: position i is the same document in each. Columns rather than an object per document: on a large
 * client those objects were the largest part of what the engine kept alive (and so of its garbage-collection
 * time), and reading a status or a currency from a column touches no other memory. Cards slice, filter and
 * reverse these positions instead of sorting.
 */
export interface DocTable {
  readonly type: DocType;
  readonly length: number;
  readonly src: DocSource[];
  /** The amount in cents, exact (see cents.ts); `bigCents[i]` holds them instead when they pass 2^53. */
  readonly cents: Float64Array;
  readonly bigCents: (bigint | null)[] | null;
  /** The status as an index into `statuses` (a list holds a handful of them), and whether it counts (§2). */
  readonly status: Int32Array;
  readonly statuses: readonly string[];
  readonly counted: Uint8Array;
  /** The currency as an index into `currencies`. */
  readonly currency: Int32Array;
  readonly currencies: readonly string[];
  /** Its source entry with the reason it is kept out of money figures (a status that does not count, else another
   * currency than the main one), or null when it counts (purchases and credit notes only). */
  readonly excluded: (ExcludedDoc | null)[];
  /** Positions of the counted documents in the main currency, in order: what most figures read. */
  readonly main: Int32Array;
  /** Invoices: due_date and amounts.total_remaining_due_incl_tax as the record has them (empty otherwise). */
  readonly dueDate: readonly (string | null | undefined)[];
  readonly remaining: readonly unknown[];
  /** Estimates: expiry_date as the record has it (empty otherwise). */
  readonly expiryDate: readonly (string | null | undefined)[];
}

/** The index of a status in a table, or -1 when none of its documents has it. */
export function statusIndex(t: DocTable, status: string): number {
  return t.statuses.indexOf(status);
}

export interface EngineWords {
  warn: ReturnType<typeof engineWarnings>;
  digest: ReturnType<typeof digestWords>;
  rec: ReturnType<typeof ruleWords>;
}

export interface Ctx {
  data: ClientData;
  today: string;
  lang: Lang;
  /** The engine's sentences in the summary's language (lib/words). */
  t: EngineWords;
  mode: ClientData['sourceMode'];
  /** Main currency; null when no document counts. */
  currency: string | null;
  /** The currency open-document totals use: the main one, else the account's default. */
  listCurrency: string | null;
  /** Purchase documents of every status (invoices, or estimates in sales mode), the client's only. */
  purchases: DocTable;
  /** Credit notes of every status (invoicing mode; empty in sales mode). */
  creditNotes: DocTable;
  /** The same table as `purchases` in sales mode. */
  estimates: DocTable;
  /** Counted purchases and credit notes in another currency than the main one. */
  excludedOtherCurrency: number;
  /** Three-year window (docs/summary-contract.md §5) and six-month window (contract §6), both inclusive. */
  salesFrom: string;
  interactionsFrom: string;
  warnings: string[];
  /** The warnings already given, beside the list: one per paid invoice without payment made `includes` quadratic. */
  warned: Set<string>;
  sources: Record<string, FigureSource>;
  warn(message: string): void;
  source(path: string, included: SourceDoc[], excluded: (SourceDoc & { reason: string })[]): void;
}

// Ctx's two methods are functions of the module, not closures made per summary: V8 keeps the optimised code of a
// caller only while the function it inlined is the one called, and a new closure per summary threw that away.
function warnOnce(this: Pick<Ctx, 'warnings' | 'warned'>, message: string): void {
  if (this.warned.has(message)) return;
  this.warned.add(message);
  this.warnings.push(message);
}

function recordSource(this: Pick<Ctx, 'sources'>, path: string, included: SourceDoc[], excluded: (SourceDoc & { reason: string })[]): void {
  this.sources[path] = { included, excluded };
}

/** Adds the amount at position `i` of a table to a total (subtracts it when `sign` is -1). */
export function addAt(total: CentsTotal, t: DocTable, i: number, sign: 1 | -1 = 1): void {
  const big = t.bigCents?.[i] ?? null;
  addCents(total, sign * t.cents[i]!, big === null ? null : sign === 1 ? big : -big);
}

/** The first position in [lo, hi) whose date (read by `dateAt`) is not before `date` (hi when none). */
function firstFrom(lo: number, hi: number, dateAt: (i: number) => string, date: string): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dateAt(mid) < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position in [lo, hi) whose date is after `date` (hi when none). */
function firstAfter(lo: number, hi: number, dateAt: (i: number) => string, date: string): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dateAt(mid) <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [from, to) of a table's positions: the documents dated from `from` to `to`, both included. */
export function dateRange(t: DocTable, from: string, to: string): [number, number] {
  const dateAt = (i: number) => t.src[i]!.date;
  const start = firstFrom(0, t.length, dateAt, from);
  return [start, firstAfter(start, t.length, dateAt, to)];
}

/** [from, to) of a table's `main` list (indexes into it): its documents dated from `from` to `to`. */
export function mainRange(t: DocTable, from: string, to: string): [number, number] {
  const dateAt = (k: number) => t.src[t.main[k]!]!.date;
  const start = firstFrom(0, t.main.length, dateAt, from);
  return [start, firstAfter(start, t.main.length, dateAt, to)];
}

/** A source entry with a reason it was kept out: the fields of `src`, then the reason. */
export function excludedEntry(s: DocSource, reason: string): ExcludedDoc {
  // A literal of the same keys rather than a spread: built for many documents of a large client.
  return { type: s.type, id: s.id, number: s.number, date: s.date, amount: s.amount, currency: s.currency, status: s.status, reason };
}

/** What readTable needs of createContext: plain data, no closures (see warnOnce). */
interface TableReading {
  data: ClientData;
  t: EngineWords;
  read: Cents;
  said: Pick<Ctx, 'warnings' | 'warned'>;
  unknown: UnknownStatus[];
}

type UnknownStatus = { type: DocType | 'opportunity'; status: string };

/** docs/summary-contract.md §2: a status outside both sets is new; named once per (type, status), in order of
 * first appearance per type, after the warnings of every list. */
function noteUnknown(unknown: UnknownStatus[], type: DocType | 'opportunity', status: string): void {
  for (const u of unknown) if (u.type === type && u.status === status) return;
  unknown.push({ type, status });
}

/**
 * The client's documents of one list, checked and read in input order (the records are touched once, in the order
 * they lie in memory), then laid out sorted. A function of the module rather than a closure of createContext: V8
 * keeps a closure's optimised code only while that closure lives, so a closure per summary was compiled again
 * for every summary.
 */
function readTable(type: DocType, list: ListRecord[] | null, { data, t, read, said, unknown }: TableReading): DocTable {
  const records = list ?? [];
  const n = records.length;
  const statusOf = new Map<string, number>();
  const statuses: string[] = [];
  const statusCounted: boolean[] = [];
  const currencyOf = new Map<string, number>();
  const currencies: string[] = [];
  // What was read, in input order, before sorting.
  // Sized once (filled up to m): arrays grown by push copy themselves, and on a large client that was garbage.
  const src = new Array<DocSource>(n);
  const keys = new Int32Array(n);
  const ids = new Float64Array(n);
  const cents = new Float64Array(n);
  const status = new Int32Array(n);
  const currency = new Int32Array(n);
  let bigs: (bigint | null)[] | null = null;
  const invoice = type === 'invoice';
  const estimate = type === 'estimate';
  const dueDate = invoice ? new Array<string | null | undefined>(n) : [];
  const remaining = invoice ? new Array<unknown>(n) : [];
  const expiryDate = estimate ? new Array<string | null | undefined>(n) : [];
  let m = 0;
  let others = 0;
  // The data layer kept only the client's documents; a ClientData built elsewhere is checked again.
  const owner = collectionOf(type).owner;
  // Indexed loops over the big lists: a for-of that runs before the code is optimised allocates an iterator
  // result per element.
  for (let i = 0; i < n; i++) {
    const d = records[i]!;
    if (!owns(data.client, owner, d)) {
      others += 1;
      continue;
    }
    const amounts = d.amounts;
    if (!readCents(amounts?.total_excl_tax, read)) {
      warnOnce.call(said, t.warn.badAmount(type, d.number ?? String(d.id)));
      continue;
    }
    let si = statusOf.get(d.status);
    if (si === undefined) {
      si = statuses.length;
      statusOf.set(d.status, si);
      statuses.push(d.status);
      const cls = statusClass(type, d.status);
      statusCounted.push(cls === 'counted');
      if (cls === 'unknown') noteUnknown(unknown, type, d.status);
    }
    let ci = currencyOf.get(d.currency);
    if (ci === undefined) {
      ci = currencies.length;
      currencyOf.set(d.currency, ci);
      currencies.push(d.currency);
    }
    src[m] = { type, id: d.id, number: d.number ?? null, date: d.date, amount: read.text, currency: d.currency, status: d.status };
    if (read.big !== null) (bigs ??= new Array<bigint | null>(n).fill(null))[m] = read.big;
    keys[m] = dateKey(d.date);
    ids[m] = d.id;
    cents[m] = read.n;
    status[m] = si;
    currency[m] = ci;
    if (invoice) {
      dueDate[m] = (d as Invoice).due_date;
      remaining[m] = (amounts as Invoice['amounts']).total_remaining_due_incl_tax;
    } else if (estimate) {
      expiryDate[m] = (d as Estimate).expiry_date;
    }
    m++;
  }
  if (others) warnOnce.call(said, t.warn.otherClient(type, others));

  const order = dateIdOrder(m, keys, ids, (a, b) => byDateId(src[a]!, src[b]!));
  const sorted = {
    type,
    length: m,
    src: new Array<DocSource>(m),
    cents: new Float64Array(m),
    bigCents: bigs && new Array<bigint | null>(m).fill(null),
    status: new Int32Array(m),
    statuses,
    counted: new Uint8Array(m),
    currency: new Int32Array(m),
    currencies,
    excluded: new Array<ExcludedDoc | null>(m).fill(null),
    main: new Int32Array(0),
    dueDate: invoice ? new Array<string | null | undefined>(m) : [],
    remaining: invoice ? new Array<unknown>(m) : [],
    expiryDate: estimate ? new Array<string | null | undefined>(m) : [],
  };
  for (let i = 0; i < m; i++) {
    const j = order[i]!;
    sorted.src[i] = src[j]!;
    sorted.cents[i] = cents[j]!;
    if (bigs) sorted.bigCents![i] = bigs[j]!;
    sorted.status[i] = status[j]!;
    sorted.counted[i] = statusCounted[status[j]!] ? 1 : 0;
    sorted.currency[i] = currency[j]!;
    if (invoice) {
      sorted.dueDate[i] = dueDate[j];
      sorted.remaining[i] = remaining[j];
    } else if (estimate) {
      sorted.expiryDate[i] = expiryDate[j];
    }
  }
  return sorted;
}

export function createContext(data: ClientData, today: string, language: string): Ctx {
  const lang = toLang(language);
  const t: EngineWords = { warn: engineWarnings(lang), digest: digestWords(lang), rec: ruleWords(lang) };
  const said = { warnings: [] as string[], warned: new Set<string>() };
  const unknown: UnknownStatus[] = [];
  const reading: TableReading = { data, t, read: centsSlot(), said, unknown };
  const invoicing = data.sourceMode === 'invoicing';
  const invoices = readTable('invoice', invoicing ? data.invoices : null, reading);
  const creditNotes = readTable('credit-note', invoicing ? data.creditNotes : null, reading);
  const estimates = readTable('estimate', data.estimates, reading);
  const purchases = invoicing ? invoices : estimates;
  // Counted documents per currency, for the main-currency vote (purchases and credit notes).
  const votes = new Map<string, number>();
  for (const table of [purchases, creditNotes]) {
    for (let i = 0; i < table.length; i++) {
      if (table.counted[i] !== 1) continue;
      const c = table.currencies[table.currency[i]!]!;
      votes.set(c, (votes.get(c) ?? 0) + 1);
    }
  }

  for (const o of data.opportunities) if (statusClass('opportunity', o.status) === 'unknown') noteUnknown(unknown, 'opportunity', o.status);
  for (const u of unknown) warnOnce.call(said, t.warn.unknownStatus(u.type, u.status));

  const currency = mainCurrencyOf(votes, data.defaultCurrency);
  const ctx: Ctx = {
    data,
    today,
    lang,
    t,
    mode: data.sourceMode,
    currency,
    listCurrency: currency ?? data.defaultCurrency,
    purchases,
    creditNotes,
    estimates,
    excludedOtherCurrency: 0,
    salesFrom: salesWindowStart(today),
    interactionsFrom: interactionsWindowStart(today),
    warnings: said.warnings,
    warned: said.warned,
    sources: {},
    warn: warnOnce,
    source: recordSource,
  };
  // Only purchases and credit notes are ever listed as excluded from a money figure; the counted ones in the
  // main currency are the lists most figures read.
  for (const table of [purchases, creditNotes]) {
    const main = new Int32Array(table.length);
    const mainCurrency = currency === null ? -1 : table.currencies.indexOf(currency);
    // One reason string per status and per currency, not one per document.
    const byStatus = table.statuses.map((st) => statusReason(table.type, st));
    const byCurrency = table.currencies.map(currencyReason);
    let k = 0;
    for (let i = 0; i < table.length; i++) {
      const counted = table.counted[i] === 1;
      if (counted && table.currency[i] === mainCurrency) {
        main[k++] = i;
        continue;
      }
      if (counted) ctx.excludedOtherCurrency += 1;
      const reason = counted ? byCurrency[table.currency[i]!]! : byStatus[table.status[i]!]!;
      table.excluded[i] = excludedEntry(table.src[i]!, reason);
    }
    (table as { main: Int32Array }).main = main.slice(0, k);
  }
  return ctx;
}
