// What a total leaves out for its currency, said where the total stands: totals add the main currency only
// (docs/summary-contract.md §2), so an invoices-to-pay total of 0,00 € beside an invoice of 89,40 CHF still owed is
// right but reads wrong unless the line under it says "hors 1 facture en CHF". The counts come from the
// figures' sources: the documents excluded with the reason `currency:XXX`.
import type { Summary } from '../summary/types';
import { noun } from '../words/documents';
import { valueWords } from '../words/values';
import { formatNumber } from './intl';

export interface CurrencyExclusion {
  type: string;
  currency: string;
  count: number;
}

/** The documents the figures at `paths` leave out for their currency, by type and currency (each document once). */
export function currencyExclusions(summary: Summary, paths: string[]): CurrencyExclusion[] {
  const seen = new Set<string>();
  const groups = new Map<string, CurrencyExclusion>();
  for (const path of paths) {
    for (const d of summary.sources?.[path]?.excluded ?? []) {
      const m = /^currency:(.+)$/.exec(d.reason);
      if (!m) continue;
      const key = `${d.type}:${d.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const group = `${d.type}|${m[1]}`;
      const g = groups.get(group) ?? { type: d.type, currency: m[1]!, count: 0 };
      g.count += 1;
      groups.set(group, g);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type) || a.currency.localeCompare(b.currency));
}

/** "Devise principale (EUR) seulement, hors 1 facture en CHF." / "Main currency (EUR) only: 1 invoice in CHF not
 *  included."; null when the figures leave nothing out for its currency. */
export function mainCurrencyNote(summary: Summary, paths: string[], lang: string): string | null {
  const groups = currencyExclusions(summary, paths);
  if (!groups.length) return null;
  const v = valueWords(lang);
  const parts = groups.map((g) => v.inCurrency(formatNumber(g.count, lang), noun(g.type, lang, g.count), g.currency));
  return v.mainCurrencyOnly(summary.currency, parts);
}

/** The figure paths of the three yearly totals (the sales card's chart). */
export function byYearPaths(summary: Summary): string[] {
  return summary.salesOverview.byYear.map((y) => `salesOverview.byYear.${y.year}`);
}
