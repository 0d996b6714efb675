// The shape of docs/summary.schema.json, `sources` (the documents behind each figure, docs/summary-contract.md §9)
// included. Amounts are strings with two decimals ("1234.50").
import type { SourceMode } from '../client/data';

export type Amount = string;
export type IsoDate = string;

export interface DocRef {
  id: number;
  number: string | null;
  date: IsoDate;
  amount: Amount;
  dueDate?: IsoDate;
  expiryDate?: IsoDate | null;
  remaining?: Amount;
  daysLate?: number;
  /** Not in the schema's required set: the document's currency, so lists can show foreign entries. */
  currency?: string;
}
export interface DocList {
  count: number;
  total: Amount;
  items: DocRef[];
}
export interface OpportunityRef {
  id: number;
  number: string | null;
  name: string;
  amount: Amount;
  pipeline: string | null;
  step: string | null;
  probability: number | null;
  dueDate: IsoDate | null;
  currency?: string;
}
export interface ProductFigure {
  itemId: number;
  declinationId: number | null;
  name: string;
  reference: string | null;
  quantity: string;
  revenue: Amount;
}
export type InteractionType = 'comment' | 'task' | 'call' | 'event';
export interface InteractionItem {
  type: InteractionType;
  id: number;
  date: string;
  text: string;
}
export interface Evidence {
  type: string; // invoice | credit-note | estimate | opportunity | comment | task | call | event | payment
  id: number;
}
export interface Recommendation {
  action: string;
  reason: string;
  evidence: Evidence[];
}
export type GeneratedBy = 'llm' | 'rules';

/** A document that a figure rests on, or was kept out of it. */
export interface SourceDoc {
  type: string;
  id: number;
  number?: string | null;
  date?: string;
  amount?: Amount;
  currency?: string;
  status?: string;
  /** Paid invoices (payment figures): the payment date used and the payments it comes from. */
  paidOn?: string;
  payments?: number[];
}
export interface FigureSource {
  included: SourceDoc[];
  /** Kept out, with the reason as a short code: 'status:draft', 'currency:USD', 'outside-window', 'no-payment'... (contract §9). */
  excluded: (SourceDoc & { reason: string })[];
}

export interface Summary {
  client: { type: 'company' | 'individual'; id: number; name: string };
  today: IsoDate;
  generatedAt: string;
  sourceMode: SourceMode;
  currency: string | null;
  language: string;
  warnings: string[];
  excludedOtherCurrency: number;
  relationship: {
    firstPurchase: DocRef | null;
    lastPurchase: DocRef | null;
    totalPurchases: Amount | null;
  };
  openDocuments: {
    invoicesToPay: DocList | null;
    invoicesLate: DocList | null;
    estimatesSent: DocList;
    estimatesRead: DocList;
    opportunities: { count: number; total: Amount; items: OpportunityRef[] };
  };
  salesOverview: {
    byYear: { year: number; total: Amount; count: number }[];
    averagePerYear: number;
    averageBasket: Amount | null;
    topProductsByQuantity: ProductFigure[];
    topProductsByRevenue: ProductFigure[];
    averagePaymentDelayDays: number | null;
    latePayments: number | null;
  };
  interactions: {
    from: IsoDate;
    counts: { comments: number; tasks: number; calls: number; events: number };
    items: InteractionItem[];
    summary: string;
    generatedBy: GeneratedBy;
  };
  recommendations: { items: Recommendation[]; generatedBy: GeneratedBy };
  /** Figure path (e.g. "relationship.totalPurchases", "salesOverview.byYear.2025") → its documents. */
  sources?: Record<string, FigureSource>;
  /**
   * Only on a summary whose details are still arriving (docs/summary-contract.md §8): the top products rest on
   * `detailsRead` of the `detailsTotal` documents they read. Absent from a complete summary, so never in the
   * command line's --json nor in the Markdown copy.
   */
  partial?: PartialMark;
}

export interface PartialMark {
  detailsRead: number;
  detailsTotal: number;
}
