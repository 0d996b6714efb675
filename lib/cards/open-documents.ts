// Card 2 (docs/summary-contract.md §4): what is still open. Lists show every currency; totals add the main currency only.

import { COLLECTION } from '../client/collections';
import { ownedBy } from '../client/ownership';
import { statusClass } from '../client/statuses';
import { datePart, dayNumber } from '../dates';
import { formatAmount, isDecimal, sum } from '../decimal';
import type { DocList, DocRef, OpportunityRef, SourceDoc, Summary } from '../summary/types';
import { CentsTotal, centsSlot, readCents } from './cents';
import { type Ctx, type DocSource, excludedEntry, statusIndex } from './context';
import { currencyReason } from './currency';

/** One list of card 2 being filled newest first: its items, its sources and its total, in one pass. */
class OpenList {
  readonly items: DocRef[] = [];
  readonly included: SourceDoc[] = [];
  readonly excluded: (SourceDoc & { reason: string })[] = [];
  readonly total = new CentsTotal();
  constructor(private readonly currency: string | null) {}
  /** `cents` is what the item adds to the total (the amount, or what is left to pay). */
  add(s: DocSource, item: DocRef, cents: number, bigCents: bigint | null): void {
    this.items.push(item);
    if (s.currency === this.currency) {
      this.included.push(s);
      this.total.add(cents, bigCents);
    } else {
      this.excluded.push(excludedEntry(s, currencyReason(s.currency)));
    }
  }
  done(ctx: Ctx, path: string): DocList {
    ctx.source(path, this.included, this.excluded);
    return { count: this.items.length, total: this.total.text(), items: this.items };
  }
}

export function openDocumentsCard(ctx: Ctx): Summary['openDocuments'] {
  const invoicing = ctx.mode === 'invoicing';
  const toPay = new OpenList(ctx.listCurrency);
  const late = new OpenList(ctx.listCurrency);
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
      (isLate ? late : toPay).add(s, item, remaining.n, remaining.big);
    }
  }
  const sent = new OpenList(ctx.listCurrency);
  const read = new OpenList(ctx.listCurrency);
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
    list.add(s, item, estimates.cents[i]!, estimates.bigCents?.[i] ?? null);
  }
  return {
    invoicesToPay: invoicing ? toPay.done(ctx, 'openDocuments.invoicesToPay') : null,
    invoicesLate: invoicing ? late.done(ctx, 'openDocuments.invoicesLate') : null,
    estimatesSent: sent.done(ctx, 'openDocuments.estimatesSent'),
    estimatesRead: read.done(ctx, 'openDocuments.estimatesRead'),
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
