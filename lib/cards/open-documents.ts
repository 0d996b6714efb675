// Card 2 (docs/summary-contract.md §4): what is still open. Lists show every currency; totals add the main currency only.

import { COLLECTION } from '../client/collections';
import { ownedBy } from '../client/ownership';
import { statusClass } from '../client/statuses';
import { datePart, dayNumber } from '../dates';
import { formatAmount, isDecimal, sum } from '../decimal';
import type { DocList, DocRef, OpportunityRef, SourceDoc, Summary } from '../summary/types';
import { addCents, type CentsTotal, centsSlot, centsTotal, readCents, totalText } from './cents';
import { type Ctx, type DocSource, excludedEntry, statusIndex } from './context';
import { currencyReason } from './currency';

/** One list of card 2 being filled newest first: its items, its sources and its total, in one pass. */
interface OpenList {
  currency: string | null;
  items: DocRef[];
  included: SourceDoc[];
  excluded: (SourceDoc & { reason: string })[];
  total: CentsTotal;
}

const openList = (currency: string | null): OpenList => ({ currency, items: [], included: [], excluded: [], total: centsTotal() });

/** `cents` is what the item adds to the total (the amount, or what is left to pay). */
function addItem(list: OpenList, s: DocSource, item: DocRef, cents: number, bigCents: bigint | null): void {
  list.items.push(item);
  if (s.currency === list.currency) {
    list.included.push(s);
    addCents(list.total, cents, bigCents);
  } else {
    list.excluded.push(excludedEntry(s, currencyReason(s.currency)));
  }
}

function done(ctx: Ctx, path: string, list: OpenList): DocList {
  ctx.source(path, list.included, list.excluded);
  return { count: list.items.length, total: totalText(list.total), items: list.items };
}

export function openDocumentsCard(ctx: Ctx): Summary['openDocuments'] {
  const invoicing = ctx.mode === 'invoicing';
  const toPay = openList(ctx.listCurrency);
  const late = openList(ctx.listCurrency);
  const today = dayNumber(ctx.today);
  const remaining = centsSlot();
  if (invoicing) {
    // Tables are sorted oldest first: read backwards, the lists come out newest first.
    const invoices = ctx.purchases;
    const lateStatus = statusIndex(invoices, 'late');
    const due1 = statusIndex(invoices, 'due');
    const due2 = statusIndex(invoices, 'payinprogress');
    for (let i = invoices.length - 1; i >= 0; i--) {
      const st = invoices.status[i]!;
      const isLate = st === lateStatus;
      if (!isLate && st !== due1 && st !== due2) continue;
      const s = invoices.src[i]!;
      // A missing or malformed amount left to pay counts as zero.
      if (!readCents(invoices.remaining[i], remaining)) readCents('0.00', remaining);
      // The same keys in the same order as before: id, number, date, amount, remaining, dueDate, daysLate, currency.
      const due = invoices.dueDate[i];
      const item: DocRef = due
        ? isLate
          ? {
              id: s.id,
              number: s.number,
              date: s.date,
              amount: s.amount,
              remaining: remaining.text,
              dueDate: due,
              daysLate: today - dayNumber(due),
              currency: s.currency,
            }
          : { id: s.id, number: s.number, date: s.date, amount: s.amount, remaining: remaining.text, dueDate: due, currency: s.currency }
        : { id: s.id, number: s.number, date: s.date, amount: s.amount, remaining: remaining.text, currency: s.currency };
      addItem(isLate ? late : toPay, s, item, remaining.n, remaining.big);
    }
  }
  const sent = openList(ctx.listCurrency);
  const read = openList(ctx.listCurrency);
  const estimates = ctx.estimates;
  const sentStatus = statusIndex(estimates, 'sent');
  const readStatus = statusIndex(estimates, 'read');
  for (let i = estimates.length - 1; i >= 0; i--) {
    const st = estimates.status[i]!;
    const list = st === sentStatus ? sent : st === readStatus ? read : null;
    if (!list) continue;
    const s = estimates.src[i]!;
    const item: DocRef = {
      id: s.id,
      number: s.number,
      date: s.date,
      amount: s.amount,
      expiryDate: estimates.expiryDate[i] ?? null,
      currency: s.currency,
    };
    addItem(list, s, item, estimates.cents[i]!, estimates.bigCents?.[i] ?? null);
  }
  return {
    invoicesToPay: invoicing ? done(ctx, 'openDocuments.invoicesToPay', toPay) : null,
    invoicesLate: invoicing ? done(ctx, 'openDocuments.invoicesLate', late) : null,
    estimatesSent: done(ctx, 'openDocuments.estimatesSent', sent),
    estimatesRead: done(ctx, 'openDocuments.estimatesRead', read),
    opportunities: opportunities(ctx),
  };
}

function opportunities(ctx: Ctx): Summary['openDocuments']['opportunities'] {
  const { data } = ctx;
  const mine = data.opportunities.filter(ownedBy(data.client, COLLECTION.opportunities.owner));
  const open = mine.filter((o) => statusClass('opportunity', o.status) === 'counted' && isDecimal(o.amount?.value));
  const items: OpportunityRef[] = open.map((o) => ({
    id: o.id,
    number: o.number ?? null,
    name: o.name,
    amount: formatAmount(o.amount.value),
    pipeline: o.pipeline?.name ?? null,
    step: o.step?.name ?? null,
    probability: typeof o.probability === 'number' ? o.probability : null,
    dueDate: datePart(o.due_date),
    currency: o.amount.currency,
  }));
  // Soonest due date first, none last, then id.
  items.sort((a, b) => {
    if (a.dueDate !== b.dueDate) {
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    }
    return a.id - b.id;
  });
  const src = (o: OpportunityRef): SourceDoc => ({
    type: 'opportunity',
    id: o.id,
    number: o.number,
    ...(o.dueDate ? { date: o.dueDate } : {}),
    amount: o.amount,
    currency: o.currency!,
  });
  ctx.source(
    'openDocuments.opportunities',
    items.filter((o) => o.currency === ctx.listCurrency).map(src),
    items.filter((o) => o.currency !== ctx.listCurrency).map((o) => ({ ...src(o), reason: currencyReason(o.currency!) })),
  );
  return {
    count: items.length,
    total: formatAmount(sum(items.filter((o) => o.currency === ctx.listCurrency).map((o) => o.amount))),
    items,
  };
}
