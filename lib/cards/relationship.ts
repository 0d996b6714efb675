// Card 1 (spec §3): first and last purchase, and the all-time total net of credit notes.
import type { DocRef, Summary } from '../summary/types';
import { formatAmount, sub, sum } from '../decimal';
import { byDateId, exclusionReason, sourceDoc, type Ctx, type Doc } from './context';

export function docRef(d: Doc): DocRef {
  return { id: d.id, number: d.number, date: d.date, amount: formatAmount(d.amount) };
}

export function relationshipCard(ctx: Ctx): Summary['relationship'] {
  const counted = [...ctx.countedPurchases].sort(byDateId);
  const excludedDocs = (docs: Doc[]) => docs
    .map((d) => ({ d, reason: exclusionReason(ctx, d) }))
    .filter((x): x is { d: Doc; reason: string } => x.reason !== null)
    .sort((a, b) => byDateId(a.d, b.d));
  const entries = (xs: { d: Doc; reason: string }[]) => xs.map(({ d, reason }) => ({ ...sourceDoc(d), reason }));

  const first = counted[0] ?? null;
  const last = counted[counted.length - 1] ?? null;
  const excludedPurchases = excludedDocs(ctx.purchases);
  // An earlier (or later) document that did not count is what a reader would ask about.
  ctx.source('relationship.firstPurchase', first ? [sourceDoc(first)] : [], entries(excludedPurchases.filter((x) => !first || byDateId(x.d, first) < 0)));
  ctx.source('relationship.lastPurchase', last ? [sourceDoc(last)] : [], entries(excludedPurchases.filter((x) => !last || byDateId(x.d, last) > 0)));

  let total: string | null = null;
  if (counted.length) {
    const gross = sum(counted.map((d) => d.amount));
    const credits = ctx.mode === 'invoicing' ? sum(ctx.countedCreditNotes.map((d) => d.amount)) : '0';
    total = formatAmount(sub(gross, credits));
  }
  const creditIncluded = ctx.mode === 'invoicing' ? [...ctx.countedCreditNotes].sort(byDateId) : [];
  ctx.source(
    'relationship.totalPurchases',
    counted.length ? [...counted, ...creditIncluded].map(sourceDoc) : [],
    [...entries(excludedPurchases), ...entries(excludedDocs(ctx.creditNotes)), ...(counted.length ? [] : creditIncluded.map((d) => ({ ...sourceDoc(d), reason: 'no-purchase' })))],
  );
  return { firstPurchase: first && docRef(first), lastPurchase: last && docRef(last), totalPurchases: total };
}
