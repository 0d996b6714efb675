// docs/summary-contract.md §5 (top products): which documents' rows a summary reads. Only purchase
// documents (invoices, or accepted estimates in sales mode) that count and are dated in the three-year
// window: credit notes are not purchases, so their rows would cost a request each and never be read.
// An issued document's rows never change, so they are cached. They are read newest first: a summary whose
// details are still arriving (docs/summary-contract.md §8) then shows the client's recent buying.
import { COLLECTION } from './collections';
import type { DocKey, SourceMode } from './data';
import { statusClass } from './statuses';
import { salesWindowStart } from './windows';

/** The purchase documents of each mode, and the collection they are listed in. */
export const PURCHASES = {
  invoicing: { type: 'invoice', collection: COLLECTION.invoices },
  sales: { type: 'estimate', collection: COLLECTION.estimates },
} as const;

export type PurchaseType = (typeof PURCHASES)[SourceMode]['type'];

export interface WantedDetail {
  key: DocKey;
  /** GET path of the detail, e.g. "/invoices/42". */
  uri: string;
  type: PurchaseType;
  id: number;
  number: string | null;
  status: string;
  date: string;
}

/** The details to read for that mode, newest first (by date, then by id, largest first). */
export function detailsWanted(
  mode: SourceMode,
  purchases: readonly { id: number; number: string | null; status: string; date: string }[] | null,
  today: string,
): WantedDetail[] {
  const { type, collection } = PURCHASES[mode];
  const from = salesWindowStart(today);
  const out: WantedDetail[] = [];
  for (const d of purchases ?? []) {
    if (statusClass(type, d.status) === 'counted' && d.date >= from && d.date <= today) {
      const key = `${type}:${d.id}` as const;
      out.push({ key, uri: `/${collection.resource}/${d.id}`, type, id: d.id, number: d.number ?? null, status: d.status, date: d.date });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id));
}
