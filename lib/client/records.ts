// The Sellsy records a summary reads, as the client model holds them: the subset of Sellsy API v2 objects with
// the field names of docs/sellsy-api/openapi.yaml (v2.264.0). Amounts and quantities are decimal strings.
// The API may add fields and enum values: validation (lib/sellsy/validate.ts) keeps unknown values as
// strings and reports them; it never widens these types silently.

export type Decimal = string; // "1234.50", "-0.5", "3"
export type IsoDate = string; // YYYY-MM-DD
export type IsoDateTime = string; // 2024-01-31T10:00:00+01:00

export type ThirdType = 'prospect' | 'client' | 'supplier';
export type RelatedType = 'company' | 'individual' | 'contact' | 'opportunity';
export interface Related {
  id: number;
  type: RelatedType | string;
}

/** The three documents money figures are made of. */
export type DocType = 'invoice' | 'credit-note' | 'estimate';

export type InvoiceStatus = 'draft' | 'due' | 'payinprogress' | 'paid' | 'late' | 'cancelled';
export interface Invoice {
  id: number;
  number: string;
  status: InvoiceStatus | string;
  date: IsoDate;
  due_date: IsoDate;
  created: IsoDateTime;
  subject?: string;
  currency: string;
  amounts: {
    total_raw_excl_tax?: Decimal;
    total_after_discount_excl_tax?: Decimal;
    total_excl_tax: Decimal;
    total_incl_tax: Decimal;
    total_remaining_due_incl_tax: Decimal;
  };
  related: Related[];
  rows?: DocumentRow[];
}

export type CreditNoteStatus = 'draft' | 'stored' | 'partialspend' | 'spent' | 'cancelled';
export interface CreditNote {
  id: number;
  number: string;
  status: CreditNoteStatus | string;
  date: IsoDate;
  created: IsoDateTime;
  subject?: string;
  currency: string;
  amounts: { total_excl_tax: Decimal; total_incl_tax: Decimal; total_remaining_due_incl_tax?: Decimal };
  related: Related[];
  rows?: DocumentRow[];
}

export type EstimateStatus =
  | 'draft'
  | 'sent'
  | 'read'
  | 'accepted'
  | 'refused'
  | 'expired'
  | 'advanced'
  | 'partialinvoiced'
  | 'invoiced'
  | 'cancelled';
export interface Estimate {
  id: number;
  number: string;
  status: EstimateStatus | string;
  date: IsoDate;
  expiry_date: IsoDate | null;
  created: IsoDateTime;
  subject?: string;
  currency: string;
  // Estimates carry `total` (incl. tax), not total_incl_tax.
  amounts: { total_excl_tax: Decimal; total: Decimal; total_raw_excl_tax?: Decimal };
  related: Related[];
  rows?: DocumentRow[];
}

export type PaymentStatus = 'pending' | 'confirmed' | 'rejected' | 'failed' | 'refund';
export interface Payment {
  id: number;
  number: string | null;
  paid_at: IsoDateTime;
  status: PaymentStatus | string;
  type: 'credit' | 'debit';
  amounts: { total: Decimal; remaining: Decimal };
  currency: string;
  related: { id: number; type: 'company' | 'individual' };
  related_objects: { id: number; type: 'invoice' | 'credit-note' | 'order' | 'estimate'; amount_linked: Decimal; linked_date: IsoDate }[];
}

export type OpportunityStatus = 'open' | 'won' | 'lost' | 'cancelled' | 'closed' | 'late';
export interface Opportunity {
  id: number;
  number: string | null;
  name: string;
  due_date: IsoDate | null;
  created: IsoDateTime;
  status: OpportunityStatus | string;
  amount: { value: Decimal; currency: string };
  pipeline: { id: number; name: string } | null;
  step: { id: number; name: string } | null;
  probability: number | null;
  company_id: number | null;
  individual_id: number | null;
  related: Related[];
}

export interface Comment {
  id: number;
  description: string;
  created: IsoDateTime;
  updated?: IsoDateTime;
  company_id: number | null;
  individual_id: number | null;
  related: Related[];
}
export interface Task {
  id: number;
  title: string | null;
  description: string | null;
  status: 'todo' | 'done' | string;
  due_date: IsoDateTime;
  created: IsoDateTime;
  company_id: number | null;
  individual_id: number | null;
  related: Related[];
}
export interface PhoneCall {
  id: number;
  description: string | null;
  date: IsoDateTime;
  created: IsoDateTime;
  duration?: number;
  source?: 'incoming' | 'outcoming';
  company_id: number | null;
  individual_id: number | null;
  related: Related[];
}
export interface CalendarEvent {
  id: number;
  title: string;
  description: string;
  datetime_start: IsoDateTime;
  datetime_end: IsoDateTime;
  all_day?: boolean;
  created: IsoDateTime;
  company_id: number | null;
  individual_id: number | null;
  related: Related[];
}

// Rows exist only on detail endpoints (GET /invoices/{id} …). Only the priced kinds matter to us.
export interface CatalogRow {
  id: number;
  type: 'catalog';
  related: { id: number; type: 'product' | 'service'; declination_id: number | null };
  quantity: Decimal;
  unit_amount: Decimal;
  reference: string;
  description: string | null;
  amount_tax_exc: Decimal;
  amount_tax_inc: Decimal;
  is_optional: boolean;
}
export interface PricedRow {
  id: number;
  type: 'single' | 'shipping' | 'packaging' | 'deposit';
  quantity: Decimal;
  unit_amount: Decimal;
  reference: string;
  description: string | null;
  amount_tax_exc: Decimal;
  amount_tax_inc: Decimal;
  is_optional: boolean;
}
export interface TextRow {
  id: number;
  type: 'comment' | 'title' | 'sub-total' | 'break-line' | 'break-page';
  text?: string;
  amount?: Decimal;
}
export type DocumentRow = CatalogRow | PricedRow | TextRow;

export interface Item {
  id: number;
  type: 'product' | 'service' | 'shipping' | 'packaging';
  name: string | null;
  reference: string;
  is_declined?: boolean;
}

/** Every record a summary reads, by the name validation and warnings give its type. */
export interface RecordTypes {
  invoice: Invoice;
  'credit-note': CreditNote;
  estimate: Estimate;
  payment: Payment;
  opportunity: Opportunity;
  comment: Comment;
  task: Task;
  'phone-call': PhoneCall;
  'calendar-event': CalendarEvent;
  item: Item;
}
export type RecordType = keyof RecordTypes;
