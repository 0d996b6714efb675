// The subset of Sellsy API v2 objects the summary reads, with the field names of
// docs/sellsy-api/openapi.yaml (v2.264.0). Amounts and quantities are decimal strings.
// The API may add fields and enum values: validation (lib/sellsy) keeps unknown values as strings
// and reports them; it never widens these types silently.

export type Decimal = string; // "1234.50", "-0.5", "3"
export type IsoDate = string; // YYYY-MM-DD
export type IsoDateTime = string; // 2024-01-31T10:00:00+01:00

export interface Pagination {
  limit: number;
  count: number;
  total: number;
  offset: string | number | null;
}
export interface ListResponse<T> {
  pagination: Pagination;
  data: T[];
}
export interface SellsyErrorBody {
  error: { code: number; message: string; context: string | null; details: Record<string, unknown> };
}

export type ThirdType = 'prospect' | 'client' | 'supplier';
export type RelatedType = 'company' | 'individual' | 'contact' | 'opportunity';
export interface Related {
  id: number;
  type: RelatedType | string;
}

export interface Company {
  id: number;
  type: ThirdType;
  name: string;
  email?: string | null;
  website?: string | null;
  phone_number?: string | null;
  reference?: string | null;
  created?: IsoDateTime;
  updated_at?: IsoDateTime;
  is_archived?: boolean;
}
export interface Individual {
  id: number;
  type: ThirdType;
  first_name: string | null;
  last_name: string;
  civility?: 'mr' | 'mrs' | 'ms' | null;
  email?: string | null;
  created?: IsoDateTime;
  updated_at?: IsoDateTime;
  is_archived?: boolean;
}

export interface StaffLicense {
  id: number;
  code: string; // pack_prospecting_sale | pack_invoicing_management | pack_all_included
  enabled: boolean;
}
export interface Staff {
  id: number;
  firstname: string | null;
  lastname: string | null;
  email: string;
  language: string; // "fr", "en"
  timezone: string;
  _embed?: {
    licenses?: StaffLicense[];
    account?: { id: number; uuid?: string; name: string; country_code?: string; created?: IsoDateTime };
    preferences?: { timezone?: string; format_date?: string; format_hour?: string; currency?: string };
  };
}

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

export interface Pipeline {
  id: number;
  name: string;
}
export interface PipelineStep {
  id: number;
  name: string;
  probability?: number;
  rank?: number;
}
