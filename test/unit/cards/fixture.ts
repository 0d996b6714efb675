// Small builders for ClientData: each test states only what its rule needs.
import type { ClientData } from '../../../lib/client/data';
import type {
  CalendarEvent,
  CatalogRow,
  Comment,
  CreditNote,
  Estimate,
  Invoice,
  Opportunity,
  Payment,
  PhoneCall,
  Task,
} from '../../../lib/client/records';

export const CLIENT_ID = 100;
const rel = (id = CLIENT_ID, type = 'company') => [{ type, id }];

export function clientData(over: Partial<ClientData> = {}): ClientData {
  return {
    accountId: '1',
    accountName: 'Test',
    defaultCurrency: 'EUR',
    client: { kind: 'company', id: CLIENT_ID, name: 'ACME', thirdType: 'client' },
    staffLanguage: 'fr',
    sourceMode: 'invoicing',
    sourceModeReason: 'licence',
    invoices: [],
    creditNotes: [],
    payments: [],
    estimates: [],
    opportunities: [],
    comments: [],
    tasks: [],
    phoneCalls: [],
    calendarEvents: [],
    rows: {},
    items: {},
    warnings: [],
    ...over,
  };
}

let seq = 1000;
export const nextId = () => ++seq;

export function invoice(p: Partial<Invoice> & { amount?: string; remaining?: string } = {}): Invoice {
  const { amount = '100.00', remaining, ...rest } = p;
  const id = rest.id ?? nextId();
  return {
    id,
    number: `F-${id}`,
    status: 'paid',
    date: '2026-01-10',
    due_date: '2026-02-10',
    created: '2026-01-10T10:00:00+01:00',
    currency: 'EUR',
    amounts: { total_excl_tax: amount, total_incl_tax: amount, total_remaining_due_incl_tax: remaining ?? '0.00' },
    related: rel(),
    ...rest,
  };
}

export function creditNote(p: Partial<CreditNote> & { amount?: string } = {}): CreditNote {
  const { amount = '10.00', ...rest } = p;
  const id = rest.id ?? nextId();
  return {
    id,
    number: `A-${id}`,
    status: 'stored',
    date: '2026-01-15',
    created: '2026-01-15T10:00:00+01:00',
    currency: 'EUR',
    amounts: { total_excl_tax: amount, total_incl_tax: amount },
    related: rel(),
    ...rest,
  };
}

export function estimate(p: Partial<Estimate> & { amount?: string } = {}): Estimate {
  const { amount = '200.00', ...rest } = p;
  const id = rest.id ?? nextId();
  return {
    id,
    number: `D-${id}`,
    status: 'accepted',
    date: '2026-01-05',
    expiry_date: '2026-02-05',
    created: '2026-01-05T10:00:00+01:00',
    currency: 'EUR',
    amounts: { total_excl_tax: amount, total: amount },
    related: rel(),
    ...rest,
  };
}

export function payment(invoiceIds: number[], paidAt: string, p: Partial<Payment> = {}): Payment {
  const id = p.id ?? nextId();
  return {
    id,
    number: `P-${id}`,
    paid_at: paidAt,
    status: 'confirmed',
    type: 'credit',
    amounts: { total: '100.00', remaining: '0.00' },
    currency: 'EUR',
    related: { id: CLIENT_ID, type: 'company' },
    related_objects: invoiceIds.map((i) => ({ id: i, type: 'invoice' as const, amount_linked: '100.00', linked_date: paidAt.slice(0, 10) })),
    ...p,
  };
}

export function opportunity(p: Partial<Opportunity> & { value?: string; currency?: string } = {}): Opportunity {
  const { value = '1000.00', currency = 'EUR', ...rest } = p;
  const id = rest.id ?? nextId();
  return {
    id,
    number: `O-${id}`,
    name: `Opp ${id}`,
    due_date: '2026-12-31',
    created: '2026-01-01T10:00:00+01:00',
    status: 'open',
    amount: { value, currency },
    pipeline: { id: 1, name: 'Ventes' },
    step: { id: 2, name: 'Proposition' },
    probability: 50,
    company_id: CLIENT_ID,
    individual_id: null,
    related: rel(),
    ...rest,
  };
}

export function row(itemId: number, quantity: string, amount: string, p: Partial<CatalogRow> & { declinationId?: number | null } = {}): CatalogRow {
  const { declinationId = null, ...rest } = p;
  return {
    id: nextId(),
    type: 'catalog',
    related: { id: itemId, type: 'product', declination_id: declinationId },
    quantity,
    unit_amount: amount,
    reference: `REF-${itemId}${declinationId ? `-${declinationId}` : ''}`,
    description: null,
    amount_tax_exc: amount,
    amount_tax_inc: amount,
    is_optional: false,
    ...rest,
  };
}

export function comment(created: string, description: string, p: Partial<Comment> = {}): Comment {
  return { id: nextId(), description, created, company_id: CLIENT_ID, individual_id: null, related: rel(), ...p };
}
export function task(created: string, title: string, description: string | null = null, p: Partial<Task> = {}): Task {
  return {
    id: nextId(),
    title,
    description,
    status: 'todo',
    due_date: created,
    created,
    company_id: CLIENT_ID,
    individual_id: null,
    related: rel(),
    ...p,
  };
}
export function call(date: string, description: string, p: Partial<PhoneCall> = {}): PhoneCall {
  return { id: nextId(), description, date, created: date, company_id: CLIENT_ID, individual_id: null, related: rel(), ...p };
}
export function event(start: string, title: string, description = '', p: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    id: nextId(),
    title,
    description,
    datetime_start: start,
    datetime_end: start,
    created: start,
    company_id: CLIENT_ID,
    individual_id: null,
    related: rel(),
    ...p,
  };
}

export const OTHER = rel(999);
