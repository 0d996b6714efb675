// The details step of a load: the rows of the purchase documents the top products read
// (lib/client/details.ts), from the cache when an earlier load saved them, else through POST /batch, newest
// first. Each batch's rows are handed on and saved as they come, so a load that is closed, interrupted or cut
// by the quota resumes where it stopped and never asks for a detail twice.
import type { DocKey } from '../client/data';
import type { WantedDetail } from '../client/details';
import type { DocumentRow } from '../client/records';
import type { DataWarning, WarnedDoc } from '../client/warnings';
import { type ResumeStore, StoreError } from '../store/types';
import type { BatchItem, SellsyApi } from './api';
import { validateRows } from './validate';

export type Rows = Partial<Record<DocKey, DocumentRow[]>>;

export interface CachedDetailsOptions {
  accountId: string;
  store?: ResumeStore;
  warnings: DataWarning[];
}

/** What the cache already holds of `wanted`, and what is still to fetch (in `wanted`'s order). */
export interface CachedDetails {
  rows: Rows;
  missing: WantedDetail[];
}

export interface FetchDetailsOptions {
  accountId: string;
  store?: ResumeStore;
  /** Warnings met while fetching are pushed here too (the load's list). */
  warnings: DataWarning[];
  /** Called with the number of details to fetch, then with each batch's progress. */
  progress: (done: number, total: number) => void;
  /**
   * One batch answered: its documents' rows (an unreadable detail has none) and the warnings they gave.
   * Called in the order the batches are answered, never twice for a document.
   */
  onBatch?: (batch: DetailsBatch) => void;
  signal?: AbortSignal;
}

export interface DetailsBatch {
  rows: Rows;
  /** Documents this batch settled: with rows, or unreadable. */
  settled: DocKey[];
  warnings: DataWarning[];
}

const warnedDoc = (w: WantedDetail): WarnedDoc => ({ type: w.type, id: w.id, number: w.number });

export async function cachedDetails(wanted: WantedDetail[], opts: CachedDetailsOptions): Promise<CachedDetails> {
  const { accountId, store, warnings } = opts;
  let cached = new Map<DocKey, DocumentRow[]>();
  if (store && wanted.length) {
    try {
      cached = await store.getRows(
        accountId,
        wanted.map((w) => w.key),
      );
    } catch (e) {
      warnings.push({ code: 'cache-not-read', what: 'rows', detail: (e as Error).message });
    }
  }
  const rows: Rows = {};
  for (const w of wanted) {
    const c = cached.get(w.key);
    if (c) rows[w.key] = c;
  }
  return { rows, missing: wanted.filter((w) => !cached.has(w.key)) };
}

/** Fetches `missing` (newest first, as detailsWanted orders them), saving each batch's rows as it comes. */
export async function fetchDetails(api: SellsyApi, missing: WantedDetail[], opts: FetchDetailsOptions): Promise<Rows> {
  const { accountId, store, warnings } = opts;
  const rows: Rows = {};
  const byUri = new Map(missing.map((m) => [m.uri, m]));
  let done = 0;
  let writeFailed = false;
  /** Set once batchGet has settled: a batch still in flight then is saved, but the load has moved on. */
  let over = false;
  const writes: Promise<void>[] = [];
  opts.progress(0, missing.length);
  if (!missing.length) return rows;

  const onAnswers = (answers: BatchItem<unknown>[]) => {
    const batch: DetailsBatch = { rows: {}, settled: [], warnings: [] };
    const fresh: { key: DocKey; status: string; rows: DocumentRow[] }[] = [];
    let failure: unknown = null;
    for (const a of answers) {
      const m = byUri.get(a.uri);
      if (!m) continue;
      if (!a.ok) {
        if (a.error.kind !== 'not-found' && a.error.kind !== 'forbidden') {
          failure ??= a.error;
          continue;
        }
        batch.warnings.push({ code: 'detail-unreadable', doc: warnedDoc(m), cause: a.error.kind });
        batch.settled.push(m.key);
        continue;
      }
      const valid = validateRows(warnedDoc(m), a.data, batch.warnings);
      batch.settled.push(m.key);
      if (valid) {
        rows[m.key] = valid;
        batch.rows[m.key] = valid;
        fresh.push({ key: m.key, status: m.status, rows: valid });
      }
    }
    // What was read is kept even when another answer of the batch fails the load.
    if (store && fresh.length) {
      writes.push(
        store.putRows(accountId, fresh).catch((e: Error) => {
          if (writeFailed) return;
          writeFailed = true;
          warnings.push(notUpdated('rows', e));
        }),
      );
    }
    if (over) return;
    warnings.push(...batch.warnings);
    done += batch.settled.length;
    if (failure) throw failure;
    opts.progress(done, missing.length);
    opts.onBatch?.(batch);
  };

  try {
    await api.batchGet<unknown>(
      missing.map((m) => m.uri),
      { signal: opts.signal, onAnswers },
    );
  } finally {
    over = true;
    // An aborted or failed load still leaves the batches it read in the cache for the next one.
    await Promise.all(writes);
  }
  return rows;
}

/** Cache, then fetch: the rows of every wanted document that has some. */
export async function loadDetails(api: SellsyApi, wanted: WantedDetail[], opts: FetchDetailsOptions): Promise<Rows> {
  const { rows, missing } = await cachedDetails(wanted, opts);
  return { ...rows, ...(await fetchDetails(api, missing, opts)) };
}

/** A failed cache write as a warning (shared with the catalogue step). */
export function notUpdated(what: 'rows' | 'items', e: Error): DataWarning {
  return { code: 'cache-not-updated', what, storageFull: e instanceof StoreError && e.quotaExceeded, detail: e.message };
}
