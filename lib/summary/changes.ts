// "Since your last look": what changed between the summary a user last saw for a client and the one shown now.
// A pure comparison of two looks (the totals of a summary and the snapshot of its data); no clock, no store.
import { statusClass } from '../client/statuses';
import { compare, formatAmount, isDecimal, sub } from '../decimal';
import type { DataFacts, DataSnapshot, DocFact, OpportunityFact, PaymentFact } from './fingerprint';
import type { InteractionType, Summary } from './types';

export const TOTAL_KEYS = ['totalPurchases', 'invoicesToPay', 'invoicesLate', 'estimatesSent', 'estimatesRead', 'opportunities'] as const;
export type TotalKey = (typeof TOTAL_KEYS)[number];

/** What is kept of a summary the user saw: enough to compare a later one with it. */
export interface Look {
  generatedAt: string;
  currency: string | null;
  totals: Record<TotalKey, string | null>;
  snapshot: DataSnapshot;
}

export function lookOf(summary: Summary, facts: DataFacts): Look {
  const od = summary.openDocuments;
  return {
    generatedAt: summary.generatedAt,
    currency: summary.currency,
    totals: {
      totalPurchases: summary.relationship.totalPurchases,
      invoicesToPay: od.invoicesToPay?.total ?? null,
      invoicesLate: od.invoicesLate?.total ?? null,
      estimatesSent: od.estimatesSent.total,
      estimatesRead: od.estimatesRead.total,
      opportunities: od.opportunities.total,
    },
    snapshot: facts.snapshot,
  };
}

export type ChangeKind =
  | 'invoice-new'
  | 'credit-note-new'
  | 'payment-received'
  | 'invoice-late'
  | 'invoice-paid'
  | 'estimate-sent'
  | 'estimate-accepted'
  | 'estimate-refused'
  | 'opportunity-new'
  | 'opportunity-moved'
  | 'interaction-new';

/** A record a change links to; `type` is a record type of lib/sellsy-web/links.ts or an interaction type. */
export interface ChangeRef {
  type: string;
  id: number;
  /** Its number, or an opportunity's name. */
  number: string | null;
}

export interface Change {
  kind: ChangeKind;
  ref: ChangeRef;
  date: string | null;
  amount: string | null;
  currency: string | null;
  /** The records it concerns besides itself (the invoices a payment settles). */
  links: ChangeRef[];
  /** opportunity-moved: what moved ('step' or 'status'), from what, to what. */
  field?: 'step' | 'status';
  from?: string | null;
  to?: string | null;
}

export interface TotalChange {
  key: TotalKey;
  before: string | null;
  after: string | null;
  /** after − before, when both are amounts. */
  delta: string | null;
  /** The records whose change moved it (at most MAX_TOTAL_REFS), and how many there are in all. */
  refs: ChangeRef[];
  refCount: number;
}

export interface SummaryChanges {
  /** When the user saw the summary compared with (ISO date-time). */
  since: string;
  currency: string | null;
  changes: Change[];
  totals: TotalChange[];
}

export const MAX_TOTAL_REFS = 20;

const ISSUED_INVOICE = new Set(['due', 'payinprogress', 'paid', 'late']);
const TO_PAY = new Set(['due', 'payinprogress']);
const RECEIVED = (p: PaymentFact) => p.status !== 'rejected' && p.status !== 'failed';

const refOf = (type: string, d: { id: number; number: string | null }): ChangeRef => ({ type, id: d.id, number: d.number });
const byIdMap = <T extends { id: number }>(xs: readonly T[] | null | undefined) => new Map((xs ?? []).map((x) => [x.id, x]));
const newestFirst = (a: Change, b: Change) => ((a.date ?? '') < (b.date ?? '') ? 1 : (a.date ?? '') > (b.date ?? '') ? -1 : b.ref.id - a.ref.id);

function docChange(kind: ChangeKind, type: string, d: DocFact): Change {
  return { kind, ref: refOf(type, d), date: d.date, amount: d.amount, currency: d.currency, links: [] };
}

function invoiceChanges(prev: DataSnapshot, live: DataSnapshot): Change[] {
  const before = byIdMap(prev.invoices);
  const out: Change[] = [];
  for (const d of live.invoices ?? []) {
    const old = before.get(d.id);
    // A draft is not an invoice yet: it is new the day it is issued.
    if (ISSUED_INVOICE.has(d.status) && (!old || old.status === 'draft')) out.push(docChange('invoice-new', 'invoice', d));
    else if (old && old.status !== d.status && d.status === 'late') out.push(docChange('invoice-late', 'invoice', d));
    else if (old && old.status !== d.status && d.status === 'paid') out.push(docChange('invoice-paid', 'invoice', d));
  }
  return out;
}

function creditNoteChanges(prev: DataSnapshot, live: DataSnapshot): Change[] {
  const before = byIdMap(prev.creditNotes);
  return (live.creditNotes ?? [])
    .filter((d) => statusClass('credit-note', d.status) === 'counted' && (!before.has(d.id) || before.get(d.id)!.status === 'draft'))
    .map((d) => docChange('credit-note-new', 'credit-note', d));
}

function paymentChanges(prev: DataSnapshot, live: DataSnapshot, invoiceNumbers: Map<number, string | null>): Change[] {
  const before = byIdMap(prev.payments);
  return (live.payments ?? [])
    .filter((p) => RECEIVED(p) && (!before.has(p.id) || !RECEIVED(before.get(p.id)!)))
    .map((p) => ({
      kind: 'payment-received' as const,
      ref: refOf('payment', p),
      date: p.date,
      amount: p.amount,
      currency: p.currency,
      links: p.invoices.map((id) => ({ type: 'invoice', id, number: invoiceNumbers.get(id) ?? null })),
    }));
}

function estimateChanges(prev: DataSnapshot, live: DataSnapshot): Change[] {
  const before = byIdMap(prev.estimates);
  const out: Change[] = [];
  for (const d of live.estimates) {
    const old = before.get(d.id);
    if (old?.status === d.status) continue;
    if (d.status === 'sent' && (!old || old.status === 'draft')) out.push(docChange('estimate-sent', 'estimate', d));
    else if (d.status === 'accepted') out.push(docChange('estimate-accepted', 'estimate', d));
    else if (d.status === 'refused') out.push(docChange('estimate-refused', 'estimate', d));
  }
  return out;
}

const isOpen = (o: OpportunityFact) => statusClass('opportunity', o.status) === 'counted';

function opportunityChanges(prev: DataSnapshot, live: DataSnapshot): Change[] {
  const before = byIdMap(prev.opportunities);
  const out: Change[] = [];
  for (const o of live.opportunities) {
    const old = before.get(o.id);
    const base = { ref: { type: 'opportunity', id: o.id, number: o.name }, date: o.due, amount: o.amount, currency: o.currency, links: [] };
    if (!old) {
      if (isOpen(o)) out.push({ kind: 'opportunity-new', ...base });
    } else if (old.status !== o.status) {
      out.push({ kind: 'opportunity-moved', ...base, field: 'status', from: old.status, to: o.status });
    } else if (old.step !== o.step || old.pipeline !== o.pipeline) {
      out.push({ kind: 'opportunity-moved', ...base, field: 'step', from: old.step, to: o.step });
    }
  }
  return out;
}

function interactionChanges(prev: DataSnapshot, live: DataSnapshot): Change[] {
  const seen = new Set(prev.interactions.map((i) => `${i.type}:${i.id}`));
  return live.interactions
    .filter((i) => !seen.has(`${i.type}:${i.id}`))
    .map((i) => ({
      kind: 'interaction-new' as const,
      ref: { type: i.type as InteractionType, id: i.id, number: null },
      date: i.date,
      amount: null,
      currency: null,
      links: [],
    }));
}

/** Whether a record counts in a total, and for how much: the same membership rules as the cards. */
type Member = (d: DocFact) => string | null;
const memberOf: Record<Exclude<TotalKey, 'totalPurchases' | 'opportunities'>, Member> = {
  invoicesToPay: (d) => (TO_PAY.has(d.status) ? (d.remaining ?? null) : null),
  invoicesLate: (d) => (d.status === 'late' ? (d.remaining ?? null) : null),
  estimatesSent: (d) => (d.status === 'sent' ? d.amount : null),
  estimatesRead: (d) => (d.status === 'read' ? d.amount : null),
};

/** Records present in either list whose contribution (membership or amount) differs. */
function movedRecords<T extends { id: number; number: string | null }>(
  type: string,
  prev: readonly T[] | null,
  live: readonly T[] | null,
  contribution: (x: T) => string | null,
): ChangeRef[] {
  const before = byIdMap(prev);
  const after = byIdMap(live);
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => b - a);
  const out: ChangeRef[] = [];
  for (const id of ids) {
    const a = before.get(id);
    const b = after.get(id);
    if ((a ? contribution(a) : null) !== (b ? contribution(b) : null)) out.push(refOf(type, (b ?? a)!));
  }
  return out;
}

function totalRefs(key: TotalKey, prev: DataSnapshot, live: DataSnapshot): ChangeRef[] {
  if (key === 'opportunities') {
    return movedRecords('opportunity', prev.opportunities, live.opportunities, (o) => (isOpen(o) ? `${o.amount} ${o.currency}` : null)).map((r) => ({
      ...r,
      number: live.opportunities.find((o) => o.id === r.id)?.name ?? prev.opportunities.find((o) => o.id === r.id)?.name ?? null,
    }));
  }
  if (key === 'totalPurchases') {
    const counted = (type: 'invoice' | 'credit-note' | 'estimate') => (d: DocFact) =>
      statusClass(type, d.status) === 'counted' ? `${d.amount} ${d.currency}` : null;
    if (live.sourceMode === 'sales') return movedRecords('estimate', prev.estimates, live.estimates, counted('estimate'));
    return [
      ...movedRecords('invoice', prev.invoices, live.invoices, counted('invoice')),
      ...movedRecords('credit-note', prev.creditNotes, live.creditNotes, counted('credit-note')),
    ];
  }
  const member = memberOf[key];
  const lists =
    key === 'invoicesToPay' || key === 'invoicesLate'
      ? (['invoice', prev.invoices, live.invoices] as const)
      : (['estimate', prev.estimates, live.estimates] as const);
  return movedRecords(lists[0], lists[1], lists[2], member);
}

function totalChanges(prev: Look, live: Look): TotalChange[] {
  // Totals in two currencies cannot be compared: the client's main currency changed.
  if (prev.currency !== live.currency || prev.snapshot.sourceMode !== live.snapshot.sourceMode) return [];
  const out: TotalChange[] = [];
  for (const key of TOTAL_KEYS) {
    const before = prev.totals[key];
    const after = live.totals[key];
    const same = before === after || (isDecimal(before) && isDecimal(after) && compare(before, after) === 0);
    if (same) continue;
    const refs = totalRefs(key, prev.snapshot, live.snapshot);
    out.push({
      key,
      before,
      after,
      delta: isDecimal(before) && isDecimal(after) ? formatAmount(sub(after, before)) : null,
      refs: refs.slice(0, MAX_TOTAL_REFS),
      refCount: refs.length,
    });
  }
  return out;
}

/** What changed from `prev` (seen at `since`) to `live`. Two looks at different clients compare to nothing. */
export function compareLooks(prev: Look, live: Look, since: string): SummaryChanges {
  const empty: SummaryChanges = { since, currency: live.currency, changes: [], totals: [] };
  const a = prev.snapshot;
  const b = live.snapshot;
  if (a.client.type !== b.client.type || a.client.id !== b.client.id) return empty;
  const invoiceNumbers = new Map([...(a.invoices ?? []), ...(b.invoices ?? [])].map((d) => [d.id, d.number]));
  const groups = [
    invoiceChanges(a, b),
    creditNoteChanges(a, b),
    paymentChanges(a, b, invoiceNumbers),
    estimateChanges(a, b),
    opportunityChanges(a, b),
    interactionChanges(a, b),
  ];
  // Grouped by kind in KIND_ORDER; newest first within a kind.
  const changes = groups.flat().sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || newestFirst(x, y));
  return { since, currency: live.currency, changes, totals: totalChanges(prev, live) };
}

export const KIND_ORDER: readonly ChangeKind[] = [
  'invoice-new',
  'credit-note-new',
  'payment-received',
  'invoice-late',
  'invoice-paid',
  'estimate-sent',
  'estimate-accepted',
  'estimate-refused',
  'opportunity-new',
  'opportunity-moved',
  'interaction-new',
];

export function hasChanges(c: SummaryChanges): boolean {
  return c.changes.length > 0 || c.totals.length > 0;
}
