// Card 1 (docs/summary-contract.md §3): first and last purchase, and the all-time total net of credit notes.

import { formatAmount } from '../decimal';
import type { DocRef, Summary } from '../summary/types';
import { byDateId, type Ctx, type Doc, type ExcludedDoc, sumCents } from './context';

export function docRef(d: Doc): DocRef {
  // d.amount is already written with two decimals (createContext).
  return { id: d.id, number: d.number, date: d.date, amount: d.amount };
}

export function relationshipCard(ctx: Ctx): Summary['relationship'] {
  // ctx lists are sorted by date and id, and each Doc carries its exclusion entry: no sorting here.
  const counted = ctx.countedPurchases;
  const excludedDocs = (docs: Doc[]) => docs.filter((d) => d.excluded !== null);
  const entries = (xs: Doc[]): ExcludedDoc[] => xs.map((d) => d.excluded!);

  const first = counted[0] ?? null;
  const last = counted[counted.length - 1] ?? null;
  const excludedPurchases = excludedDocs(ctx.purchases);
  // An earlier (or later) document that did not count is what a reader would ask about.
  ctx.source('relationship.firstPurchase', first ? [first.src] : [], entries(excludedPurchases.filter((d) => !first || byDateId(d, first) < 0)));
  ctx.source('relationship.lastPurchase', last ? [last.src] : [], entries(excludedPurchases.filter((d) => !last || byDateId(d, last) > 0)));

  let total: string | null = null;
  if (counted.length) {
    const credits = ctx.mode === 'invoicing' ? sumCents(ctx.countedCreditNotes) : 0n;
    total = formatAmount({ units: sumCents(counted) - credits, scale: 2 });
  }
  const creditIncluded = ctx.mode === 'invoicing' ? ctx.countedCreditNotes : [];
  ctx.source('relationship.totalPurchases', counted.length ? [...counted, ...creditIncluded].map((d) => d.src) : [], [
    ...entries(excludedPurchases),
    ...entries(excludedDocs(ctx.creditNotes)),
    ...(counted.length ? [] : creditIncluded.map((d) => ({ ...d.src, reason: 'no-purchase' }))),
  ]);
  return { firstPurchase: first && docRef(first), lastPurchase: last && docRef(last), totalPurchases: total };
}
