// Card 1 (docs/summary-contract.md §3): first and last purchase, and the all-time total net of credit notes.

import type { DocRef, SourceDoc, Summary } from '../summary/types';
import { centsTotal, totalText } from './cents';
import { addAt, byDateId, type Ctx, type DocSource, type DocTable, type ExcludedDoc, excludedEntry } from './context';

function docRef(s: DocSource): DocRef {
  // The amount is already written with two decimals (createContext).
  return { id: s.id, number: s.number, date: s.date, amount: s.amount };
}

/** The exclusion entries of a table, in its order. */
function excludedOf(t: DocTable): ExcludedDoc[] {
  const out: ExcludedDoc[] = [];
  for (let i = 0; i < t.length; i++) {
    const e = t.excluded[i]!;
    if (e !== null) out.push(e);
  }
  return out;
}

export function relationshipCard(ctx: Ctx): Summary['relationship'] {
  // Tables are sorted by date and id, and each document carries its exclusion entry: no sorting here.
  const purchases = ctx.purchases;
  const counted = purchases.main;
  const first = counted.length ? purchases.src[counted[0]!]! : null;
  const last = counted.length ? purchases.src[counted[counted.length - 1]!]! : null;
  const excludedPurchases = excludedOf(purchases);
  // An earlier (or later) document that did not count is what a reader would ask about. The excluded list is
  // sorted too: those before `first` are a prefix of it, those after `last` a suffix.
  let before = 0;
  if (first) while (before < excludedPurchases.length && byDateId(excludedPurchases[before]! as Dated, first) < 0) before++;
  let after = excludedPurchases.length;
  if (last) while (after > 0 && byDateId(excludedPurchases[after - 1]! as Dated, last) > 0) after--;
  ctx.source('relationship.firstPurchase', first ? [first] : [], first ? excludedPurchases.slice(0, before) : excludedPurchases.slice());
  ctx.source('relationship.lastPurchase', last ? [last] : [], last ? excludedPurchases.slice(after) : excludedPurchases.slice());

  const credits = ctx.creditNotes;
  const creditsCounted = ctx.mode === 'invoicing' ? credits.main : new Int32Array(0);
  let total: string | null = null;
  let included: SourceDoc[] = [];
  if (counted.length) {
    const sum = centsTotal();
    // Sized once: a list of this length grown by push copies itself again and again.
    included = new Array<SourceDoc>(counted.length + creditsCounted.length);
    for (let k = 0; k < counted.length; k++) {
      addAt(sum, purchases, counted[k]!);
      included[k] = purchases.src[counted[k]!]!;
    }
    for (let k = 0; k < creditsCounted.length; k++) {
      addAt(sum, credits, creditsCounted[k]!, -1);
      included[counted.length + k] = credits.src[creditsCounted[k]!]!;
    }
    total = totalText(sum);
  }
  const excluded = excludedPurchases;
  for (const e of excludedOf(credits)) excluded.push(e);
  if (!counted.length) for (let k = 0; k < creditsCounted.length; k++) excluded.push(excludedEntry(credits.src[creditsCounted[k]!]!, 'no-purchase'));
  ctx.source('relationship.totalPurchases', included, excluded);
  return { firstPurchase: first && docRef(first), lastPurchase: last && docRef(last), totalPurchases: total };
}

/** Exclusion entries are documents' source entries: always dated. */
type Dated = { date: string; id: number };
