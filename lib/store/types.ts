// What the data layer and the extension need from the local cache. Every key starts with the
// Sellsy account id: object ids are unique only within an account.
import type { ClientKind, DocKey } from '../client/data';
import type { DocumentRow } from '../client/records';

export interface CachedItem {
  name: string | null;
  reference: string | null;
}

export interface SummaryMeta {
  /** ISO date-time; defaults to now. */
  savedAt?: string;
  /** What the summary was computed from (lib/summary/fingerprint.ts), kept beside it. */
  facts?: unknown;
}

export interface StoredSummary<S = unknown> {
  summary: S;
  savedAt: string;
  /** Absent for summaries saved before schema v4. */
  facts?: unknown;
}

/** What a user last saw of a client (lib/summary/last-look.ts), one per account and client. */
export interface StoredLook<L = unknown> {
  look: L;
  /** ISO date-time it was shown. */
  seenAt: string;
}

export interface ResumeStore {
  /** Rows of issued documents seen before (a draft's rows are never stored: a draft still changes). */
  getRows(accountId: string, keys: DocKey[]): Promise<Map<DocKey, DocumentRow[]>>;
  putRows(accountId: string, entries: { key: DocKey; status: string; rows: DocumentRow[] }[]): Promise<void>;
  getItems(accountId: string, ids: number[]): Promise<Map<number, CachedItem>>;
  putItems(accountId: string, items: { id: number; name: string | null; reference: string | null }[]): Promise<void>;
  getSummary<S = unknown>(accountId: string, kind: ClientKind, id: number): Promise<StoredSummary<S> | null>;
  putSummary<S = unknown>(accountId: string, kind: ClientKind, id: number, summary: S, meta: SummaryMeta): Promise<void>;
  getLook<L = unknown>(accountId: string, kind: ClientKind, id: number): Promise<StoredLook<L> | null>;
  putLook<L = unknown>(accountId: string, kind: ClientKind, id: number, look: StoredLook<L>): Promise<void>;
  clear(): Promise<void>;
  clearAccount(accountId: string): Promise<void>;
  close(): void;
}

/** A cache write that failed (quota exceeded, database closed...); what was stored before is intact. */
export class StoreError extends Error {
  readonly quotaExceeded: boolean;
  constructor(message: string, opts: { quotaExceeded: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'StoreError';
    this.quotaExceeded = opts.quotaExceeded;
  }
}
