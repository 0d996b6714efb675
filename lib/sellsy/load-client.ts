// Everything the card engine needs about one client, fetched within the quota: the record and the
// user (always), then, for a client only, the document lists, six months of activity, the rows of the
// counted purchase documents of the three-year window (cached: an issued document's rows never
// change) and the catalogue names of their products.

import { statusClass } from '../cards/counted';
import { interactionsWindowStart, salesWindowStart } from '../cards/windows';
import type { ClientData, ClientKind, DocKey, LoadProgress, SourceMode, SourceModeSetting } from '../client-data';
import { addDays, isIsoDate } from '../dates';
import type { ResumeStore } from '../store/types';
import type { BatchItem, SellsyApi } from './api';
import type {
  CalendarEvent,
  Comment,
  Company,
  CreditNote,
  DocumentRow,
  Estimate,
  Individual,
  Invoice,
  Opportunity,
  Payment,
  PhoneCall,
  Related,
  Staff,
  Task,
  ThirdType,
} from './api-types';
import { SellsyError } from './errors';
import { describe, isInt, validateList, validateRows } from './validate';

export interface ClientRef {
  kind: ClientKind | 'unknown';
  id: number;
}

export interface LoadClientOptions {
  ref: ClientRef;
  /** YYYY-MM-DD, the user's local date. */
  today: string;
  sourceModeSetting: SourceModeSetting;
  store?: ResumeStore;
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
}

export type LoadResult =
  | { status: 'client'; data: ClientData; requests: number }
  | {
      status: 'not-client';
      thirdType: 'prospect' | 'supplier';
      client: { kind: ClientKind; id: number; name: string };
      staffLanguage: string | null;
      accountId: string;
    };

const INVOICING_LICENCES = new Set(['pack_invoicing_management', 'pack_all_included']);

/** The source mode (docs/summary-contract.md §1) before any document is read: the setting, else an enabled invoicing licence means invoices. */
export function sourceModeOf(staff: Staff, setting: SourceModeSetting): { mode: SourceMode; reason: 'setting' | 'licence' | 'no-licence' } {
  if (setting !== 'auto') return { mode: setting, reason: 'setting' };
  const licences = Array.isArray(staff._embed?.licenses) ? staff._embed.licenses : [];
  const invoicing = licences.some((l) => l && l.enabled === true && INVOICING_LICENCES.has(l.code));
  return invoicing ? { mode: 'invoicing', reason: 'licence' } : { mode: 'sales', reason: 'no-licence' };
}

// Only the fields the engine reads: field[] trims list payloads (nested paths pick single amounts).
const FIELDS = {
  invoices: [
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
  creditNotes: [
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
  estimates: [
    'id',
    'number',
    'status',
    'date',
    'expiry_date',
    'created',
    'currency',
    'related',
    'subject',
    'amounts.total_excl_tax',
    'amounts.total',
  ],
  payments: ['id', 'number', 'paid_at', 'status', 'type', 'amounts.total', 'amounts.remaining', 'currency', 'related', 'related_objects'],
  opportunities: [
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
  comments: ['id', 'description', 'created', 'updated', 'company_id', 'individual_id', 'related'],
  tasks: ['id', 'title', 'description', 'status', 'due_date', 'created', 'company_id', 'individual_id', 'related'],
  phoneCalls: ['id', 'description', 'date', 'created', 'duration', 'source', 'company_id', 'individual_id', 'related'],
  calendarEvents: ['id', 'title', 'description', 'datetime_start', 'datetime_end', 'all_day', 'created', 'company_id', 'individual_id', 'related'],
};

/** Days taken off the six-month window start in server-side filters; the engine applies the exact window. */
const ACTIVITY_MARGIN_DAYS = 3;
/** A phone call is dated `date` but only filterable by `created`: a call logged ahead of its date needs more room. */
const CALL_CREATED_MARGIN_DAYS = 92;

export async function loadClient(api: SellsyApi, opts: LoadClientOptions): Promise<LoadResult> {
  if (!isIsoDate(opts.today)) throw new SellsyError('bad-request', `today must be YYYY-MM-DD, got ${JSON.stringify(opts.today)}`);
  if (!isInt(opts.ref.id) || opts.ref.id <= 0)
    throw new SellsyError('bad-request', `client id must be a positive integer, got ${JSON.stringify(opts.ref.id)}`);
  const { signal } = opts;
  const startRequests = api.stats().requests;
  const progress = (phase: LoadProgress['phase'], done: number, total: number) => opts.onProgress?.({ phase, done, total });
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
  };

  progress('client', 0, 1);
  const staffPromise = api.get<Staff>('/staffs/me', { 'embed[]': ['licenses', 'account', 'preferences'] }, { signal });
  staffPromise.catch(() => undefined);
  const record = await fetchRecord(api, opts.ref, signal);
  progress('client', 1, 1);
  progress('account', 0, 1);
  const staff = await staffPromise;
  const account = staff?._embed?.account;
  if (!account || (typeof account.id !== 'number' && typeof account.id !== 'string')) {
    throw new SellsyError('invalid-data', 'GET /staffs/me answered without the account (embed[]=account): cannot key the cache');
  }
  const accountId = String(account.id);
  const staffLanguage = typeof staff.language === 'string' && staff.language ? staff.language : null;
  progress('account', 1, 1);

  const { kind, id } = record;
  if (record.thirdType !== 'client') {
    progress('done', 1, 1);
    return {
      status: 'not-client',
      thirdType: record.thirdType,
      client: { kind, id, name: record.name },
      staffLanguage,
      accountId,
    };
  }

  const initialMode = sourceModeOf(staff, opts.sourceModeSetting);
  let sourceMode: SourceMode = initialMode.mode;
  let sourceModeReason: string = initialMode.reason;

  const related = { related_objects: [{ type: kind, id }] };
  const people = kind === 'company' ? { companies: [id] } : { individuals: [id] };
  const activityStart = addDays(interactionsWindowStart(opts.today), -ACTIVITY_MARGIN_DAYS);
  const search = <T extends { id?: unknown }>(resource: string, filters: Record<string, unknown>, fields: string[]) =>
    api.searchAll<T>(resource, filters, { fields, signal, onWarning: warn });

  // Everything side by side: the scheduler keeps it within the quota.
  progress('documents', 0, sourceMode === 'invoicing' ? 5 : 2);
  let docsDone = 0;
  const docTotal = () => (sourceMode === 'invoicing' ? 5 : 2);
  const tick = <T>(p: Promise<T>) =>
    p.then((v) => {
      docsDone += 1;
      progress('documents', Math.min(docsDone, docTotal()), docTotal());
      return v;
    });
  const invoicingLists =
    sourceMode === 'invoicing'
      ? {
          invoices: tick(search<Invoice>('invoices', related, FIELDS.invoices)),
          creditNotes: tick(search<CreditNote>('credit-notes', related, FIELDS.creditNotes)),
          payments: tick(search<Payment>('payments', related, FIELDS.payments)),
        }
      : null;
  if (invoicingLists) for (const p of Object.values(invoicingLists)) p.catch(() => undefined);
  const estimatesP = tick(search<Estimate>('estimates', related, FIELDS.estimates));
  const opportunitiesP = tick(search<Opportunity>('opportunities', related, FIELDS.opportunities));
  const activityPs = [
    search<Comment>('comments', { ...people, created: { start: `${activityStart}T00:00:00+00:00` } }, FIELDS.comments),
    search<Task>('tasks', { ...people, created: { start: `${activityStart}T00:00:00+00:00` } }, FIELDS.tasks),
    search<PhoneCall>(
      'phone-calls',
      { ...people, created: { start: `${addDays(activityStart, -CALL_CREATED_MARGIN_DAYS)}T00:00:00+00:00` } },
      FIELDS.phoneCalls,
    ),
    search<CalendarEvent>('calendar-events', { ...people, due_date: { start: `${activityStart}T00:00:00+00:00` } }, FIELDS.calendarEvents),
  ] as const;
  const currencyP = defaultCurrency(api, staff, signal);
  for (const p of [estimatesP, opportunitiesP, currencyP, ...activityPs]) (p as Promise<unknown>).catch(() => undefined);

  let rawInvoices: unknown[] | null = null;
  let rawCreditNotes: unknown[] | null = null;
  let rawPayments: unknown[] | null = null;
  if (invoicingLists) {
    try {
      rawInvoices = await invoicingLists.invoices;
      rawCreditNotes = await invoicingLists.creditNotes;
      rawPayments = await invoicingLists.payments;
    } catch (e) {
      const refused = e instanceof SellsyError && (e.status === 402 || e.status === 403);
      if (!(refused && opts.sourceModeSetting === 'auto' && rawInvoices === null)) throw e;
      // Contract §1: an invoices call refused in auto mode means sales mode, whatever the licences said.
      sourceMode = 'sales';
      sourceModeReason = 'invoices-forbidden';
      rawInvoices = null;
      rawCreditNotes = null;
      rawPayments = null;
    }
  }
  const rawEstimates = await estimatesP;
  const rawOpportunities = await opportunitiesP;
  progress('documents', docTotal(), docTotal());

  progress('activity', 0, 4);
  let activityDone = 0;
  const [rawComments, rawTasks, rawCalls, rawEvents] = await Promise.all(
    activityPs.map((p) =>
      (p as Promise<unknown[]>).then((v) => {
        activityDone += 1;
        progress('activity', activityDone, 4);
        return v;
      }),
    ),
  );

  const mine = (r: { related?: Related[] }) => Array.isArray(r.related) && r.related.some((x) => x.type === kind && x.id === id);
  const mineByField = (r: { related?: Related[]; company_id?: number | null; individual_id?: number | null }) =>
    mine(r) || (kind === 'company' ? r.company_id === id : r.individual_id === id);
  const keep = <T>(type: string, list: T[], belongs: (x: T) => boolean): T[] => {
    const out = list.filter(belongs);
    if (out.length < list.length) warn(`${list.length - out.length} ${type}(s) returned for this client but related to another were left out`);
    return out;
  };

  const invoices = rawInvoices ? keep('invoice', validateList('invoice', rawInvoices, warnings), mine) : null;
  const creditNotes = rawCreditNotes ? keep('credit note', validateList('credit-note', rawCreditNotes, warnings), mine) : null;
  const payments = rawPayments
    ? keep('payment', validateList('payment', rawPayments, warnings), (p) => p.related.type === kind && p.related.id === id)
    : null;
  const estimates = keep('estimate', validateList('estimate', rawEstimates, warnings), mine);
  const opportunities = keep('opportunity', validateList('opportunity', rawOpportunities, warnings), mineByField);
  const comments = keep('comment', validateList('comment', rawComments!, warnings), mineByField);
  const tasks = keep('task', validateList('task', rawTasks!, warnings), mineByField);
  const phoneCalls = keep('phone call', validateList('phone-call', rawCalls!, warnings), mineByField);
  const calendarEvents = keep('calendar event', validateList('calendar-event', rawEvents!, warnings), mineByField);

  // Rows: only of counted purchase documents dated in the three-year window (contract §5: top products).
  // Credit notes are not purchase documents: their rows would cost a request each and never be read.
  const windowStart = salesWindowStart(opts.today);
  const wanted: { key: DocKey; uri: string; status: string; label: string }[] = [];
  const want = (type: 'invoice' | 'estimate', path: string, docs: { id: number; status: string; date: string }[] | null) => {
    for (const d of docs ?? []) {
      if (statusClass(type, d.status) === 'counted' && d.date >= windowStart && d.date <= opts.today) {
        wanted.push({ key: `${type}:${d.id}`, uri: `/${path}/${d.id}`, status: d.status, label: describe(type, d) });
      }
    }
  };
  if (sourceMode === 'invoicing') {
    want('invoice', 'invoices', invoices);
  } else {
    want('estimate', 'estimates', estimates);
  }

  const rows: Partial<Record<DocKey, DocumentRow[]>> = {};
  let cachedRows = new Map<DocKey, DocumentRow[]>();
  if (opts.store && wanted.length) {
    try {
      cachedRows = await opts.store.getRows(
        accountId,
        wanted.map((w) => w.key),
      );
    } catch (e) {
      warn(`The local cache could not be read (${(e as Error).message}); every document detail is fetched again`);
    }
  }
  const missing = wanted.filter((w) => !cachedRows.has(w.key));
  for (const w of wanted) {
    const cached = cachedRows.get(w.key);
    if (cached) rows[w.key] = cached;
  }
  progress('details', 0, missing.length);
  const fresh: { key: DocKey; status: string; rows: DocumentRow[] }[] = [];
  if (missing.length) {
    const answers = await api.batchGet<unknown>(
      missing.map((m) => m.uri),
      { signal },
    );
    answers.forEach((a, i) => {
      const m = missing[i]!;
      if (!a.ok) {
        if (a.error.kind === 'not-found' || a.error.kind === 'forbidden') {
          warn(`${m.label}: its detail could not be read (${a.error.message}); its products are left out`);
          return;
        }
        throw a.error;
      }
      const valid = validateRows(m.label, a.data, warnings);
      if (valid) {
        rows[m.key] = valid;
        fresh.push({ key: m.key, status: m.status, rows: valid });
      }
    });
  }
  progress('details', missing.length, missing.length);
  if (opts.store && fresh.length) {
    await opts.store.putRows(accountId, fresh).catch((e: Error) => warn(`The local cache was not updated: ${e.message}`));
  }

  // Catalogue names of the products met in those rows.
  const itemIds = new Set<number>();
  for (const list of Object.values(rows)) {
    for (const r of list ?? []) if (r.type === 'catalog' && isInt(r.related?.id)) itemIds.add(r.related.id);
  }
  const items: ClientData['items'] = {};
  let cachedItems = new Map<number, { name: string | null; reference: string | null }>();
  if (opts.store && itemIds.size) {
    try {
      cachedItems = await opts.store.getItems(accountId, [...itemIds]);
    } catch (e) {
      warn(`The local cache could not be read (${(e as Error).message}); catalogue names are fetched again`);
    }
  }
  const missingItems = [...itemIds].filter((i) => !cachedItems.has(i)).sort((a, b) => a - b);
  for (const [itemId, v] of cachedItems) if (itemIds.has(itemId)) items[itemId] = v;
  progress('items', 0, missingItems.length);
  if (missingItems.length) {
    // /items/search has no id filter: when the whole catalogue fits in fewer pages than the missing
    // items, listing it is cheaper than one sub-request per item (the quota counts each of them).
    const listed = missingItems.length > 1 ? await listCatalogue(api, missingItems.length, signal) : null;
    const answers: BatchItem<unknown>[] = listed
      ? missingItems.map((i) =>
          listed.has(i)
            ? { uri: `/items/${i}`, ok: true as const, data: listed.get(i) }
            : { uri: `/items/${i}`, ok: false as const, error: new SellsyError('not-found', `item ${i} not in the catalogue`) },
        )
      : await api.batchGet<unknown>(
          missingItems.map((i) => `/items/${i}`),
          { signal },
        );
    const freshItems: { id: number; name: string | null; reference: string | null }[] = [];
    answers.forEach((a, i) => {
      const itemId = missingItems[i]!;
      if (!a.ok) {
        if (a.error.kind === 'not-found' || a.error.kind === 'forbidden') return; // deleted item: the engine falls back to the row's reference
        throw a.error;
      }
      const [valid] = validateList('item', [a.data], warnings);
      if (!valid) return;
      const v = { name: typeof valid.name === 'string' ? valid.name : null, reference: typeof valid.reference === 'string' ? valid.reference : null };
      items[itemId] = v;
      freshItems.push({ id: itemId, ...v });
    });
    if (opts.store && freshItems.length) {
      await opts.store.putItems(accountId, freshItems).catch((e: Error) => warn(`The local cache was not updated: ${e.message}`));
    }
  }
  progress('items', missingItems.length, missingItems.length);

  const data: ClientData = {
    accountId,
    accountName: typeof account.name === 'string' ? account.name : null,
    defaultCurrency: await currencyP,
    client: { kind, id, name: record.name, thirdType: 'client' },
    staffLanguage,
    sourceMode,
    sourceModeReason,
    invoices: sourceMode === 'invoicing' ? invoices : null,
    creditNotes: sourceMode === 'invoicing' ? creditNotes : null,
    payments: sourceMode === 'invoicing' ? payments : null,
    estimates,
    opportunities,
    comments,
    tasks,
    phoneCalls,
    calendarEvents,
    rows,
    items,
    warnings,
  };
  progress('done', 1, 1);
  return { status: 'client', data, requests: api.stats().requests - startRequests };
}

interface ClientRecord {
  kind: ClientKind;
  id: number;
  name: string;
  thirdType: ThirdType;
}

async function fetchRecord(api: SellsyApi, ref: ClientRef, signal?: AbortSignal): Promise<ClientRecord> {
  const fields = { 'field[]': ['id', 'type', 'name', 'first_name', 'last_name'] };
  if (ref.kind !== 'individual') {
    try {
      const c = await api.get<Company>(`/companies/${ref.id}`, fields, { signal });
      return checkRecord('company', ref.id, c, typeof c?.name === 'string' ? c.name : null);
    } catch (e) {
      if (!(ref.kind === 'unknown' && e instanceof SellsyError && e.kind === 'not-found')) throw e;
    }
  }
  const i = await api.get<Individual>(`/individuals/${ref.id}`, fields, { signal });
  const name = [i?.first_name, i?.last_name].filter((p) => typeof p === 'string' && p.trim()).join(' ');
  return checkRecord('individual', ref.id, i, name || null);
}

function checkRecord(kind: ClientKind, id: number, raw: { id?: unknown; type?: unknown } | null, name: string | null): ClientRecord {
  const type = raw?.type;
  if (!raw || raw.id !== id || (type !== 'client' && type !== 'prospect' && type !== 'supplier') || name === null) {
    throw new SellsyError(
      'invalid-data',
      `GET /${kind === 'company' ? 'companies' : 'individuals'}/${id} answered a record without a usable id, type or name`,
    );
  }
  return { kind, id, name, thirdType: type };
}

async function defaultCurrency(api: SellsyApi, staff: Staff, signal?: AbortSignal): Promise<string | null> {
  const pref = staff._embed?.preferences?.currency;
  if (typeof pref === 'string' && /^[A-Z]{3}$/.test(pref)) return pref;
  try {
    const res = await api.get<unknown>('/currencies', { limit: 100 }, { signal });
    const list = Array.isArray(res) ? res : Array.isArray((res as { data?: unknown })?.data) ? (res as { data: unknown[] }).data : [];
    const found = list.find((c) => (c as { is_default?: unknown })?.is_default === true) as { code?: unknown } | undefined;
    return typeof found?.code === 'string' ? found.code : null;
  } catch (e) {
    if (e instanceof SellsyError && (e.kind === 'forbidden' || e.kind === 'not-found' || e.kind === 'payment-required')) return null;
    throw e;
  }
}

/**
 * The catalogue's items by id, listed page by page when that costs fewer requests than `budget`
 * detail calls; null when the catalogue is too large for that to pay (then the caller batches).
 */
async function listCatalogue(api: SellsyApi, budget: number, signal?: AbortSignal): Promise<Map<number, unknown> | null> {
  const fields = { 'field[]': ['id', 'name', 'reference', 'type'], limit: 100 };
  type Page = { pagination?: { total?: number; count?: number; offset?: string | number | null }; data?: unknown[] };
  const first = await api.post<Page>('/items/search', { filters: {} }, fields, { signal });
  const total = Number(first.pagination?.total ?? NaN);
  if (!Number.isFinite(total) || Math.ceil(total / 100) > budget) return null;
  const out = new Map<number, unknown>();
  const keep = (page: Page) => {
    for (const it of page.data ?? []) if (isInt((it as { id?: unknown }).id)) out.set((it as { id: number }).id, it);
  };
  keep(first);
  let page = first;
  for (let guard = 1; (page.data?.length ?? 0) === 100 && page.pagination?.offset && guard < Math.ceil(total / 100) + 1; guard++) {
    page = await api.post<Page>('/items/search', { filters: {} }, { ...fields, offset: page.pagination.offset }, { signal });
    keep(page);
  }
  return out;
}
