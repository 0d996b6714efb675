// What a summary was computed from, in a canonical form (the snapshot), and a SHA-256 fingerprint of it. Two
// colleagues who see the same data get the same fingerprint, whatever the order of the API's pages, the time
// of the computation or the token; any id, status, amount or date a figure or a text rests on changes it.
// The snapshot leaves out interaction texts (they can be long) but the fingerprint covers them.

import { COLLECTION } from '../client/collections';
import { ownedBy } from '../client/ownership';
import type { CreditNote, Estimate, Invoice, Opportunity, Payment } from '../client/records';
import { datePart } from '../dates';
import { toCents } from '../decimal';
import type { InteractionType, Summary } from './types';

/** The slices of the data a fingerprint covers, in the order they are hashed. */
export const SNAPSHOT_PARTS = ['invoices', 'creditNotes', 'payments', 'estimates', 'opportunities', 'interactions'] as const;
export type SnapshotPart = (typeof SNAPSHOT_PARTS)[number];

export interface DocFact {
  id: number;
  number: string | null;
  date: string;
  status: string;
  /** Excluding tax, canonical two decimals ("1234.50"); an unreadable amount is kept as "?<raw>". */
  amount: string;
  currency: string;
  /** Invoices: due date and what is still owed (incl. tax). Estimates: expiry date. */
  due?: string | null;
  remaining?: string | null;
  expiry?: string | null;
}
export interface PaymentFact {
  id: number;
  number: string | null;
  date: string | null;
  status: string;
  amount: string;
  currency: string;
  /** Ids of the invoices it settles, ascending. */
  invoices: number[];
}
export interface OpportunityFact {
  id: number;
  number: string | null;
  name: string;
  status: string;
  pipeline: string | null;
  step: string | null;
  amount: string;
  currency: string;
  probability: number | null;
  due: string | null;
}
export interface InteractionFact {
  type: InteractionType;
  id: number;
  date: string;
}

export interface DataSnapshot {
  client: { type: 'company' | 'individual'; id: number };
  sourceMode: 'invoicing' | 'sales';
  /** Null in sales mode (not fetched). */
  invoices: DocFact[] | null;
  creditNotes: DocFact[] | null;
  payments: PaymentFact[] | null;
  estimates: DocFact[];
  opportunities: OpportunityFact[];
  /** The six-month window's interactions, as the summary lists them. */
  interactions: InteractionFact[];
}

export interface Fingerprint {
  /** SHA-256, 64 hex digits, of every part. */
  value: string;
  /** SHA-256 of each part alone, first 16 hex digits: says which part differs. */
  parts: Record<SnapshotPart, string>;
}

export interface DataFacts {
  snapshot: DataSnapshot;
  fingerprint: Fingerprint;
}

/** The data a summary is computed from (lib/client/data.ts's shape, read structurally). */
export interface FingerprintSource {
  sourceMode: 'invoicing' | 'sales';
  invoices: readonly Invoice[] | null;
  creditNotes: readonly CreditNote[] | null;
  payments: readonly Payment[] | null;
  estimates: readonly Estimate[];
  opportunities: readonly Opportunity[];
}

const FORMAT = 'resume-client-fingerprint/1';

function money(v: unknown): string {
  if (typeof v !== 'string') return `?${String(v)}`;
  try {
    return toCents(v).text;
  } catch {
    return `?${v}`;
  }
}
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;

/** The canonical snapshot of what `summary` was computed from: the client's records only, sorted by id. */
export function snapshotOf(data: FingerprintSource, summary: Summary): DataSnapshot {
  const client = { type: summary.client.type, id: summary.client.id };
  // The client's records by the same rules the data layer and the engine keep them by.
  const key = { kind: client.type, id: client.id };
  const mine = (k: 'invoices' | 'creditNotes' | 'estimates' | 'payments' | 'opportunities') => ownedBy(key, COLLECTION[k].owner);
  const doc = (d: Invoice | CreditNote | Estimate): DocFact => ({
    id: d.id,
    number: str(d.number),
    date: String(d.date),
    status: String(d.status),
    amount: money(d.amounts?.total_excl_tax),
    currency: String(d.currency),
  });
  const invoices =
    data.invoices
      ?.filter(mine('invoices'))
      .map((d) => ({ ...doc(d), due: str(d.due_date), remaining: money(d.amounts?.total_remaining_due_incl_tax) }))
      .sort(byId) ?? null;
  const creditNotes = data.creditNotes?.filter(mine('creditNotes')).map(doc).sort(byId) ?? null;
  const estimates = data.estimates
    .filter(mine('estimates'))
    .map((d) => ({ ...doc(d), expiry: str(d.expiry_date) }))
    .sort(byId);
  const payments =
    data.payments
      ?.filter(mine('payments'))
      .map(
        (p): PaymentFact => ({
          id: p.id,
          number: str(p.number),
          date: datePart(p.paid_at),
          status: String(p.status),
          amount: money(p.amounts?.total),
          currency: String(p.currency),
          invoices: [...new Set((p.related_objects ?? []).filter((o) => o?.type === 'invoice').map((o) => o.id))].sort((a, b) => a - b),
        }),
      )
      .sort(byId) ?? null;
  const opportunities = data.opportunities
    .filter(mine('opportunities'))
    .map(
      (o): OpportunityFact => ({
        id: o.id,
        number: str(o.number),
        name: String(o.name),
        status: String(o.status),
        pipeline: str(o.pipeline?.name),
        step: str(o.step?.name),
        amount: money(o.amount?.value),
        currency: String(o.amount?.currency),
        probability: typeof o.probability === 'number' ? o.probability : null,
        due: str(o.due_date),
      }),
    )
    .sort(byId);
  const interactions = summary.interactions.items
    .map((i): InteractionFact => ({ type: i.type, id: i.id, date: i.date }))
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.id - b.id));
  return { client, sourceMode: data.sourceMode, invoices, creditNotes, payments, estimates, opportunities, interactions };
}

/** Each part as rows of values in a fixed order: the same data always gives the same string. */
function canonicalParts(snapshot: DataSnapshot, summary: Summary): Record<SnapshotPart, string> {
  const docRow = (d: DocFact) => [d.id, d.number, d.date, d.status, d.amount, d.currency, d.due ?? null, d.remaining ?? null, d.expiry ?? null];
  const texts = new Map(summary.interactions.items.map((i) => [`${i.type}:${i.id}`, i.text]));
  const json = (rows: unknown[] | null) => JSON.stringify(rows);
  return {
    invoices: json(snapshot.invoices?.map(docRow) ?? null),
    creditNotes: json(snapshot.creditNotes?.map(docRow) ?? null),
    payments: json(snapshot.payments?.map((p) => [p.id, p.number, p.date, p.status, p.amount, p.currency, p.invoices]) ?? null),
    estimates: json(snapshot.estimates.map(docRow)),
    opportunities: json(
      snapshot.opportunities.map((o) => [o.id, o.number, o.name, o.status, o.pipeline, o.step, o.amount, o.currency, o.probability, o.due]),
    ),
    interactions: json(snapshot.interactions.map((i) => [i.type, i.id, i.date, texts.get(`${i.type}:${i.id}`) ?? ''])),
  };
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The fingerprint of a snapshot; `summary` gives the interaction texts, which the snapshot leaves out. */
export async function fingerprintOf(snapshot: DataSnapshot, summary: Summary): Promise<Fingerprint> {
  const canonical = canonicalParts(snapshot, summary);
  const hashes = await Promise.all(SNAPSHOT_PARTS.map((p) => sha256Hex(`${FORMAT}\n${p}\n${canonical[p]}`)));
  const parts = Object.fromEntries(SNAPSHOT_PARTS.map((p, i) => [p, hashes[i]!.slice(0, 16)])) as Record<SnapshotPart, string>;
  const head = JSON.stringify([FORMAT, snapshot.client.type, snapshot.client.id, snapshot.sourceMode]);
  const value = await sha256Hex(`${head}\n${SNAPSHOT_PARTS.map((p, i) => `${p}:${hashes[i]}`).join('\n')}`);
  return { value, parts };
}

export async function dataFactsOf(data: FingerprintSource, summary: Summary): Promise<DataFacts> {
  const snapshot = snapshotOf(data, summary);
  return { snapshot, fingerprint: await fingerprintOf(snapshot, summary) };
}

/** The parts whose hashes differ, in SNAPSHOT_PARTS order; every part when the other side has none. */
export function changedParts(a: Fingerprint['parts'] | null | undefined, b: Fingerprint['parts']): SnapshotPart[] {
  return SNAPSHOT_PARTS.filter((p) => !a || a[p] !== b[p]);
}
