// What every card reads: the client's documents reduced to one shape, the main currency, the windows, and
// the two things cards write besides their figures (warnings, and the documents behind each figure).
import type { ClientData } from '../client-data';
import type { Related } from '../sellsy/api-types';
import type { FigureSource, SourceDoc } from '../summary/types';
import { addMonths, yearOf } from '../dates';
import { formatAmount, isDecimal } from '../decimal';
import { statusClass, statusReason, unknownStatuses, type DocType } from './counted';
import { currencyReason, mainCurrency } from './currency';
import { engineTexts, type EngineLang, type EngineTexts } from './texts';

export interface Doc {
  type: DocType;
  id: number;
  number: string | null;
  date: string;
  /** amounts.total_excl_tax rounded to the cent, so that every total is the sum of the amounts it lists. */
  amount: string;
  currency: string;
  status: string;
  counted: boolean;
}

export interface Ctx {
  data: ClientData;
  today: string;
  lang: EngineLang;
  t: EngineTexts;
  mode: ClientData['sourceMode'];
  /** Main currency; null when no document counts. */
  currency: string | null;
  /** The currency open-document totals use: the main one, else the account's default. */
  listCurrency: string | null;
  /** Purchase documents of every status (invoices, or estimates in sales mode), the client's only. */
  purchases: Doc[];
  /** Credit notes of every status (invoicing mode; empty in sales mode). */
  creditNotes: Doc[];
  estimates: Doc[];
  /** Counted purchases and credit notes in the main currency. */
  countedPurchases: Doc[];
  countedCreditNotes: Doc[];
  /** Three-year window (spec §5) and six-month window (spec §6), both inclusive. */
  salesFrom: string;
  interactionsFrom: string;
  warnings: string[];
  sources: Record<string, FigureSource>;
  warn(message: string): void;
  source(path: string, included: SourceDoc[], excluded: (SourceDoc & { reason: string })[]): void;
}

export function belongsTo(related: Related[] | undefined, data: ClientData): boolean {
  return Array.isArray(related) && related.some((r) => r.type === data.client.kind && r.id === data.client.id);
}

/** Ascending (date, id): "earliest" first. */
export function byDateId(a: { date: string; id: number }, b: { date: string; id: number }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id;
}
export const newestFirst = (a: { date: string; id: number }, b: { date: string; id: number }) => byDateId(b, a);

export function sourceDoc(d: Doc): SourceDoc {
  return { type: d.type, id: d.id, number: d.number, date: d.date, amount: d.amount, currency: d.currency, status: d.status };
}

/** Why a document of the right client is kept out of a money figure, or null when it counts. */
export function exclusionReason(ctx: Ctx, d: Doc): string | null {
  if (!d.counted) return statusReason(d.type, d.status);
  if (d.currency !== ctx.currency) return currencyReason(d.currency);
  return null;
}

export function createContext(data: ClientData, today: string, language: string): Ctx {
  const t = engineTexts(language);
  const warnings: string[] = [];
  const warn = (m: string) => {
    if (!warnings.includes(m)) warnings.push(m);
  };
  const sources: Record<string, FigureSource> = {};

  const toDocs = (
    type: DocType,
    list: { id: number; number: string | null; date: string; amounts: { total_excl_tax: string }; currency: string; status: string; related: Related[] }[] | null,
  ): Doc[] => {
    const out: Doc[] = [];
    let others = 0;
    for (const d of list ?? []) {
      if (!belongsTo(d.related, data)) {
        others += 1;
        continue;
      }
      const amount = d.amounts?.total_excl_tax;
      if (!isDecimal(amount)) {
        warn(t.warn.badAmount(type, d.number ?? String(d.id)));
        continue;
      }
      out.push({
        type, id: d.id, number: d.number ?? null, date: d.date, amount: formatAmount(amount), currency: d.currency, status: d.status,
        counted: statusClass(type, d.status) === 'counted',
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
    { type: 'invoice', docs: invoices }, { type: 'credit-note', docs: creditNotes }, { type: 'estimate', docs: estimates },
    { type: 'opportunity', docs: data.opportunities },
  ])) warn(t.warn.unknownStatus(u.type, u.status));

  const vote = [...purchases, ...creditNotes].filter((d) => d.counted).map((d) => d.currency);
  const currency = mainCurrency(vote, data.defaultCurrency);
  const mainOnly = (d: Doc) => d.counted && d.currency === currency;

  return {
    data, today, lang: t.lang, t, mode: data.sourceMode, currency, listCurrency: currency ?? data.defaultCurrency,
    purchases, creditNotes, estimates,
    countedPurchases: purchases.filter(mainOnly),
    countedCreditNotes: creditNotes.filter(mainOnly),
    salesFrom: `${yearOf(today) - 2}-01-01`,
    interactionsFrom: addMonths(today, -6),
    warnings,
    sources,
    warn,
    source(path, included, excluded) {
      sources[path] = { included, excluded };
    },
  };
}

export function inSalesWindow(ctx: Ctx, date: string): boolean {
  return date >= ctx.salesFrom && date <= ctx.today;
}
