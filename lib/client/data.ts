// What the data layer (lib/sellsy/load-client.ts) hands to the card engine (lib/cards): everything
// about one client, already validated and already restricted to the records this client owns
// (lib/client/ownership.ts). The engine is a pure function of this and `today`.
import type {
  CalendarEvent,
  Comment,
  CreditNote,
  DocType,
  DocumentRow,
  Estimate,
  Invoice,
  Opportunity,
  Payment,
  PhoneCall,
  Task,
  ThirdType,
} from './records';
import type { DataWarning } from './warnings';

export type ClientKind = 'company' | 'individual';
export type SourceMode = 'invoicing' | 'sales';
export type SourceModeSetting = 'auto' | SourceMode;

/** Who a summary is about: ids are unique per kind (a company and an individual may share one). */
export interface ClientKey {
  kind: ClientKind;
  id: number;
}

/** `${docType}:${id}`, e.g. "invoice:42"; ids are unique only per type and per account. */
export type DocKey = `${DocType}:${number}`;

export interface ClientData {
  /** Sellsy account id (ids are unique only within an account, so every cache key starts with it). */
  accountId: string;
  accountName: string | null;
  /** The account's default currency (ISO 4217), used to break ties in the main-currency vote. */
  defaultCurrency: string | null;
  client: ClientKey & { name: string; thirdType: ThirdType };
  /** The user's language from staffs/me, e.g. "fr"; null when unknown. */
  staffLanguage: string | null;
  sourceMode: SourceMode;
  /** Why that mode: 'setting' | 'licence' | 'no-licence' | 'invoices-forbidden'. */
  sourceModeReason: string;
  /** Null in sales mode: invoices, credit notes and payments are not fetched then. */
  invoices: Invoice[] | null;
  creditNotes: CreditNote[] | null;
  payments: Payment[] | null;
  estimates: Estimate[];
  opportunities: Opportunity[];
  comments: Comment[];
  tasks: Task[];
  phoneCalls: PhoneCall[];
  calendarEvents: CalendarEvent[];
  /** Rows of the purchase documents dated in the three-year window, by DocKey. */
  rows: Partial<Record<DocKey, DocumentRow[]>>;
  /** Catalogue names of the products met in those rows, by item id. */
  items: Record<number, { name: string | null; reference: string | null }>;
  /** Things the data layer met and kept out of the data (malformed fields, another client's records...),
   * as codes: the engine words them in the summary's language. */
  warnings: DataWarning[];
}
