// What every card reads: the client's documents reduced to one shape, the main currency, the windows, and
// the two things cards write besides their figures (warnings, and the documents behind each figure).
import { collectionOf } from '../client/collections';
import type { ClientData } from '../client/data';
import { ownedBy } from '../client/ownership';
import type { DocType, Related } from '../client/records';
import { statusClass, statusReason, unknownStatuses } from '../client/statuses';
import { interactionsWindowStart, salesWindowStart } from '../client/windows';
import { isDecimal, toCents } from '../decimal';
import type { FigureSource, SourceDoc } from '../summary/types';
import { digestWords } from '../words/digest';
import { type Lang, toLang } from '../words/lang';
import { ruleWords } from '../words/rules';
import { engineWarnings } from '../words/warnings';
import { currencyReason, mainCurrency } from './currency';

export interface Doc {
  type: DocType;
  id: number;
  number: string | null;
  date: string;
  /** amounts.total_excl_tax rounded to the cent, so that every total is the sum of the amounts it lists. */
  amount: string;
  /** The same amount in cents, summed as bigints instead of re-parsing `amount` in every total. */
  cents: bigint;
  currency: string;
  status: string;
  counted: boolean;
  /** This document as every source list shows it: one object per document, shared by all the lists (a large
   * client lists each document in many figures, and a copy each time was most of the engine's allocations). */
  src: SourceDoc;
  /** Its source entry with exclusionReason, or null when it counts (set once the main currency is known;
   * purchases and credit notes only). */
  excluded: ExcludedDoc | null;
}

export type ExcludedDoc = SourceDoc & { reason: string };

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
  /** Purchase documents of every status (invoices, or estimates in sales mode), the client's only.
   * Every Doc list is sorted by byDateId (ties in input order), so cards filter it instead of sorting. */
  purchases: Doc[];
  /** Credit notes of every status (invoicing mode; empty in sales mode). */
  creditNotes: Doc[];
  estimates: Doc[];
  /** Counted purchases and credit notes in the main currency. */
  countedPurchases: Doc[];
  countedCreditNotes: Doc[];
  /** Three-year window (docs/summary-contract.md §5) and six-month window (contract §6), both inclusive. */
  salesFrom: string;
  interactionsFrom: string;
  warnings: string[];
  sources: Record<string, FigureSource>;
  warn(message: string): void;
  source(path: string, included: SourceDoc[], excluded: (SourceDoc & { reason: string })[]): void;
}

/** Ascending (date, id): "earliest" first. */
export function byDateId(a: { date: string; id: number }, b: { date: string; id: number }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id;
}
export const newestFirst = (a: { date: string; id: number }, b: { date: string; id: number }) => byDateId(b, a);

/** A (date, id)-sorted list newest first. Within one document type (date, id) is unique, so reversing is sorting. */
export function newestFirstOf<T extends { date: string; id: number }>(sorted: T[]): T[] {
  return sorted.slice().reverse();
}

/** Two byDateId-sorted lists as one, as a stable sort of `[...a, ...b]` would give (a first on ties). */
export function mergeByDateId<T extends { date: string; id: number }>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byDateId(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** A YYYY-MM-DD written with digits as the number YYYYMMDD (same order as the string), else null. */
function dateKey(date: unknown): number | null {
  if (typeof date !== 'string' || date.length !== 10 || date[4] !== '-' || date[7] !== '-') return null;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = date.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  return n;
}

/** A copy sorted by byDateId. Comparing numbers is several times faster than comparing date strings, and on a
 * large client this sort was the engine's largest single cost; any other date falls back to byDateId. */
function sortByDateId(docs: Doc[]): Doc[] {
  const keyed: { k: number; id: number; d: Doc }[] = [];
  for (const d of docs) {
    const k = dateKey(d.date);
    if (k === null) return [...docs].sort(byDateId);
    keyed.push({ k, id: d.id, d });
  }
  return keyed.sort((a, b) => a.k - b.k || a.id - b.id).map((x) => x.d);
}

/** Total of documents' amounts, in cents. */
export function sumCents(docs: Doc[]): bigint {
  let total = 0n;
  for (const d of docs) total += d.cents;
  return total;
}

/** Why a document of the right client is kept out of a money figure, or null when it counts. */
export function exclusionReason(ctx: Ctx, d: Doc): string | null {
  if (!d.counted) return statusReason(d.type, d.status);
  if (d.currency !== ctx.currency) return currencyReason(d.currency);
  return null;
}

export function createContext(data: ClientData, today: string, language: string): Ctx {
  const lang = toLang(language);
  const t: EngineWords = { warn: engineWarnings(lang), digest: digestWords(lang), rec: ruleWords(lang) };
  const warnings: string[] = [];
  // A set beside the list: one warning per paid invoice without payment made `includes` quadratic.
  const warned = new Set<string>();
  const warn = (m: string) => {
    if (!warned.has(m)) {
      warned.add(m);
      warnings.push(m);
    }
  };
  const sources: Record<string, FigureSource> = {};

  const toDocs = (
    type: DocType,
    list:
      | {
          id: number;
          number: string | null;
          date: string;
          amounts: { total_excl_tax: string };
          currency: string;
          status: string;
          related: Related[];
        }[]
      | null,
  ): Doc[] => {
    const out: Doc[] = [];
    let others = 0;
    // The data layer kept only the client's documents; a ClientData built elsewhere is checked again.
    const mine = ownedBy(data.client, collectionOf(type).owner);
    for (const d of list ?? []) {
      if (!mine(d)) {
        others += 1;
        continue;
      }
      const amount = d.amounts?.total_excl_tax;
      if (!isDecimal(amount)) {
        warn(t.warn.badAmount(type, d.number ?? String(d.id)));
        continue;
      }
      const { cents, text: formatted } = toCents(amount);
      const number = d.number ?? null;
      out.push({
        type,
        id: d.id,
        number,
        date: d.date,
        amount: formatted,
        cents,
        currency: d.currency,
        status: d.status,
        counted: statusClass(type, d.status) === 'counted',
        src: { type, id: d.id, number, date: d.date, amount: formatted, currency: d.currency, status: d.status },
        excluded: null,
      });
    }
    if (others) warn(t.warn.otherClient(type, others));
    return out;
  };

  const invoices = toDocs('invoice', data.sourceMode === 'invoicing' ? data.invoices : null);
  const creditNotes = toDocs('credit-note', data.sourceMode === 'invoicing' ? data.creditNotes : null);
  const estimates = toDocs('estimate', data.estimates);
  const purchases = data.sourceMode === 'invoicing' ? invoices : estimates;

  for (const u of unknownStatuses([
    { type: 'invoice', docs: invoices },
    { type: 'credit-note', docs: creditNotes },
    { type: 'estimate', docs: estimates },
    { type: 'opportunity', docs: data.opportunities },
  ]))
    warn(t.warn.unknownStatus(u.type, u.status));

  const vote = [...purchases, ...creditNotes].filter((d) => d.counted).map((d) => d.currency);
  const currency = mainCurrency(vote, data.defaultCurrency);
  const mainOnly = (d: Doc) => d.counted && d.currency === currency;
  const byDate = { invoices: sortByDateId(invoices), creditNotes: sortByDateId(creditNotes), estimates: sortByDateId(estimates) };
  const sortedPurchases = data.sourceMode === 'invoicing' ? byDate.invoices : byDate.estimates;

  const ctx: Ctx = {
    data,
    today,
    lang,
    t,
    mode: data.sourceMode,
    currency,
    listCurrency: currency ?? data.defaultCurrency,
    purchases: sortedPurchases,
    creditNotes: byDate.creditNotes,
    estimates: byDate.estimates,
    countedPurchases: sortedPurchases.filter(mainOnly),
    countedCreditNotes: byDate.creditNotes.filter(mainOnly),
    salesFrom: salesWindowStart(today),
    interactionsFrom: interactionsWindowStart(today),
    warnings,
    sources,
    warn,
    source(path, included, excluded) {
      sources[path] = { included, excluded };
    },
  };
  // Only purchases and credit notes are ever listed as excluded from a money figure.
  for (const list of [ctx.purchases, ctx.creditNotes]) {
    for (const d of list) {
      const reason = exclusionReason(ctx, d);
      if (reason !== null) d.excluded = { ...d.src, reason };
    }
  }
  return ctx;
}

export function inSalesWindow(ctx: Ctx, date: string): boolean {
  return date >= ctx.salesFrom && date <= ctx.today;
}
