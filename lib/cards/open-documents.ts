// Card 2 (docs/summary-contract.md §4): what is still open. Lists show every currency; totals add the main currency only.

import { COLLECTION } from '../client/collections';
import { ownedBy } from '../client/ownership';
import type { Invoice } from '../client/records';
import { statusClass } from '../client/statuses';
import { datePart, daysBetween } from '../dates';
import { formatAmount, isDecimal, sum, toCents } from '../decimal';
import type { DocList, DocRef, OpportunityRef, SourceDoc, Summary } from '../summary/types';
import { type Ctx, type Doc, newestFirstOf } from './context';
import { currencyReason } from './currency';
import { docRef } from './relationship';

function list(ctx: Ctx, path: string, docs: Doc[], entry: (d: Doc) => DocRef, totalOf: (r: DocRef) => string): DocList {
  // `docs` is a filtered ctx list, already sorted oldest first.
  const sorted = newestFirstOf(docs);
  // entry() returns a fresh object: adding the currency last keeps the key order without copying it.
  const items = sorted.map((d) => Object.assign(entry(d), { currency: d.currency }));
  const inTotal = items.filter((r) => r.currency === ctx.listCurrency);
  ctx.source(
    path,
    sorted.filter((d) => d.currency === ctx.listCurrency).map((d) => d.src),
    sorted.filter((d) => d.currency !== ctx.listCurrency).map((d) => ({ ...d.src, reason: currencyReason(d.currency) })),
  );
  let total = 0n;
  for (const r of inTotal) total += toCents(totalOf(r)).cents;
  return { count: items.length, total: formatAmount({ units: total, scale: 2 }), items };
}

export function openDocumentsCard(ctx: Ctx): Summary['openDocuments'] {
  const invoicesById = new Map<number, Invoice>((ctx.data.invoices ?? []).map((i) => [i.id, i]));
  const invoiceEntry =
    (late: boolean) =>
    (d: Doc): DocRef => {
      const raw = invoicesById.get(d.id);
      const remaining = raw?.amounts?.total_remaining_due_incl_tax;
      const ref: DocRef = docRef(d);
      ref.remaining = toCents(isDecimal(remaining) ? remaining : '0').text;
      if (raw?.due_date) {
        ref.dueDate = raw.due_date;
        if (late) ref.daysLate = daysBetween(raw.due_date, ctx.today);
      }
      return ref;
    };
  const estimatesById = new Map(ctx.data.estimates.map((e) => [e.id, e]));
  const estimateEntry = (d: Doc): DocRef => {
    const raw = estimatesById.get(d.id);
    const ref: DocRef = docRef(d);
    ref.expiryDate = raw?.expiry_date ?? null;
    return ref;
  };
  const remainingOf = (r: DocRef) => r.remaining ?? '0';
  const amountOf = (r: DocRef) => r.amount;

  const invoicing = ctx.mode === 'invoicing';
  const invoices = invoicing ? ctx.purchases : [];
  return {
    invoicesToPay: invoicing
      ? list(
          ctx,
          'openDocuments.invoicesToPay',
          invoices.filter((d) => d.status === 'due' || d.status === 'payinprogress'),
          invoiceEntry(false),
          remainingOf,
        )
      : null,
    invoicesLate: invoicing
      ? list(
          ctx,
          'openDocuments.invoicesLate',
          invoices.filter((d) => d.status === 'late'),
          invoiceEntry(true),
          remainingOf,
        )
      : null,
    estimatesSent: list(
      ctx,
      'openDocuments.estimatesSent',
      ctx.estimates.filter((d) => d.status === 'sent'),
      estimateEntry,
      amountOf,
    ),
    estimatesRead: list(
      ctx,
      'openDocuments.estimatesRead',
      ctx.estimates.filter((d) => d.status === 'read'),
      estimateEntry,
      amountOf,
    ),
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
