// The collections a summary reads, one row each: the data layer searches them (lib/sellsy/load-lists.ts),
// the freshness check probes them (lib/sellsy/latest-change.ts), and the engine reads their ownership rule
// and date field. Order matters: lists are requested, validated and warned about in this order.
import type { SourceMode } from './data';
import type { OwnershipRule } from './ownership';
import type { RecordType } from './records';

/** Days taken off the six-month window start in server-side filters; the engine applies the exact window. */
const ACTIVITY_MARGIN_DAYS = 3;
/** A phone call is dated `date` but only filterable by `created`: a call logged ahead of its date needs more room. */
const CALL_CREATED_MARGIN_DAYS = 92;

export interface Collection {
  /** Its field in ClientData. */
  key: string;
  /** The API resource: POST /{resource}/search, GET /{resource}/{id}. */
  resource: string;
  /** Its records' type, for validation (lib/sellsy/validate.ts) and warnings. */
  recordType: RecordType;
  /** How the search names the client: documents by `related_objects`, activities by `companies`/`individuals`. */
  filter: 'documents' | 'people';
  /** Activities only: a server-side lower bound, the six-month window's start less `marginDays`, on this filter. */
  since?: { filter: 'created' | 'due_date'; marginDays: number };
  owner: OwnershipRule;
  /** `invoicing`: read in invoicing mode only (Sellsy refuses it without an invoicing licence). */
  licence: 'invoicing' | 'any';
  /** The field that dates a record for the windows and the lists. */
  datedBy: string;
  /** Only the fields the engine reads: field[] trims list payloads (nested paths pick single amounts). */
  fields: readonly string[];
  /** The freshness probe's order (newest first): `created` where the endpoint orders by it, else `id`, which
   * Sellsy assigns in creation order; null when not probed. */
  probe: 'created' | 'id' | null;
}

export const COLLECTIONS = [
  {
    key: 'invoices',
    resource: 'invoices',
    recordType: 'invoice',
    filter: 'documents',
    owner: 'related',
    licence: 'invoicing',
    datedBy: 'date',
    fields: [
      'id',
      'number',
      'status',
      'date',
      'due_date',
      'created',
      'currency',
      'related',
      'subject',
      'amounts.total_excl_tax',
      'amounts.total_incl_tax',
      'amounts.total_remaining_due_incl_tax',
    ],
    probe: 'created',
  },
  {
    key: 'creditNotes',
    resource: 'credit-notes',
    recordType: 'credit-note',
    filter: 'documents',
    owner: 'related',
    licence: 'invoicing',
    datedBy: 'date',
    fields: [
      'id',
      'number',
      'status',
      'date',
      'created',
      'currency',
      'related',
      'subject',
      'amounts.total_excl_tax',
      'amounts.total_incl_tax',
      'amounts.total_remaining_due_incl_tax',
    ],
    probe: 'created',
  },
  {
    key: 'payments',
    resource: 'payments',
    recordType: 'payment',
    filter: 'documents',
    owner: 'payer',
    licence: 'invoicing',
    datedBy: 'paid_at',
    fields: ['id', 'number', 'paid_at', 'status', 'type', 'amounts.total', 'amounts.remaining', 'currency', 'related', 'related_objects'],
    // A payment has no `created` to compare (and paying an invoice is an edit, which no probe sees).
    probe: null,
  },
  {
    key: 'estimates',
    resource: 'estimates',
    recordType: 'estimate',
    filter: 'documents',
    owner: 'related',
    licence: 'any',
    datedBy: 'date',
    fields: ['id', 'number', 'status', 'date', 'expiry_date', 'created', 'currency', 'related', 'subject', 'amounts.total_excl_tax', 'amounts.total'],
    probe: 'created',
  },
  {
    key: 'opportunities',
    resource: 'opportunities',
    recordType: 'opportunity',
    filter: 'documents',
    owner: 'related-or-id',
    licence: 'any',
    datedBy: 'due_date',
    fields: [
      'id',
      'number',
      'name',
      'due_date',
      'created',
      'status',
      'amount',
      'pipeline',
      'step',
      'probability',
      'company_id',
      'individual_id',
      'related',
    ],
    probe: 'created',
  },
  {
    key: 'comments',
    resource: 'comments',
    recordType: 'comment',
    filter: 'people',
    since: { filter: 'created', marginDays: ACTIVITY_MARGIN_DAYS },
    owner: 'related-or-id',
    licence: 'any',
    datedBy: 'created',
    fields: ['id', 'description', 'created', 'updated', 'company_id', 'individual_id', 'related'],
    probe: 'created',
  },
  {
    key: 'tasks',
    resource: 'tasks',
    recordType: 'task',
    filter: 'people',
    since: { filter: 'created', marginDays: ACTIVITY_MARGIN_DAYS },
    owner: 'related-or-id',
    licence: 'any',
    datedBy: 'created',
    fields: ['id', 'title', 'description', 'status', 'due_date', 'created', 'company_id', 'individual_id', 'related'],
    probe: 'id',
  },
  {
    key: 'phoneCalls',
    resource: 'phone-calls',
    recordType: 'phone-call',
    filter: 'people',
    since: { filter: 'created', marginDays: ACTIVITY_MARGIN_DAYS + CALL_CREATED_MARGIN_DAYS },
    owner: 'related-or-id',
    licence: 'any',
    datedBy: 'date',
    fields: ['id', 'description', 'date', 'created', 'duration', 'source', 'company_id', 'individual_id', 'related'],
    probe: 'id',
  },
  {
    key: 'calendarEvents',
    resource: 'calendar-events',
    recordType: 'calendar-event',
    filter: 'people',
    // Sellsy names the filter on an event's start `due_date`.
    since: { filter: 'due_date', marginDays: ACTIVITY_MARGIN_DAYS },
    owner: 'related-or-id',
    licence: 'any',
    datedBy: 'datetime_start',
    fields: ['id', 'title', 'description', 'datetime_start', 'datetime_end', 'all_day', 'created', 'company_id', 'individual_id', 'related'],
    probe: 'id',
  },
] as const satisfies readonly Collection[];

export type CollectionEntry = (typeof COLLECTIONS)[number];
export type ListKey = CollectionEntry['key'];

/** The table by key. */
export const COLLECTION = Object.fromEntries(COLLECTIONS.map((c) => [c.key, c])) as { [K in ListKey]: Extract<CollectionEntry, { key: K }> };

/** The collection listing records of that type. */
export function collectionOf<T extends CollectionEntry['recordType']>(recordType: T): Extract<CollectionEntry, { recordType: T }> {
  return COLLECTIONS.find((c) => c.recordType === recordType) as Extract<CollectionEntry, { recordType: T }>;
}

/** The collections read in that mode, in table order. */
export function collectionsFor(mode: SourceMode): CollectionEntry[] {
  return COLLECTIONS.filter((c) => mode === 'invoicing' || c.licence === 'any');
}
