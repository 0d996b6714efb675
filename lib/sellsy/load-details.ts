// The details step of a load: the rows of the purchase documents the top products read
// (lib/client/details.ts), from the cache when an earlier load saved them, else through POST /batch.
import type { DocKey } from '../client/data';
import type { WantedDetail } from '../client/details';
import type { DocumentRow } from '../client/records';
import type { DataWarning, WarnedDoc } from '../client/warnings';
import { type ResumeStore, StoreError } from '../store/types';
import type { SellsyApi } from './api';
import { validateRows } from './validate';

export interface DetailsOptions {
  accountId: string;
  store?: ResumeStore;
  warnings: DataWarning[];
  /** Called with the number of details to fetch (after the cache), then with each batch's progress. */
  progress: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export type Rows = Partial<Record<DocKey, DocumentRow[]>>;

const warnedDoc = (w: WantedDetail): WarnedDoc => ({ type: w.type, id: w.id, number: w.number });

export async function loadDetails(api: SellsyApi, wanted: WantedDetail[], opts: DetailsOptions): Promise<Rows> {
  const { accountId, store, warnings } = opts;
  const rows: Rows = {};
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
  const missing = wanted.filter((w) => !cached.has(w.key));
  for (const w of wanted) {
    const c = cached.get(w.key);
    if (c) rows[w.key] = c;
  }
  opts.progress(0, missing.length);
  const fresh: { key: DocKey; status: string; rows: DocumentRow[] }[] = [];
  if (missing.length) {
    const answers = await api.batchGet<unknown>(
      missing.map((m) => m.uri),
      { signal: opts.signal },
    );
    answers.forEach((a, i) => {
      const m = missing[i]!;
      if (!a.ok) {
        if (a.error.kind === 'not-found' || a.error.kind === 'forbidden') {
          warnings.push({ code: 'detail-unreadable', doc: warnedDoc(m), cause: a.error.kind });
          return;
        }
        throw a.error;
      }
      const valid = validateRows(warnedDoc(m), a.data, warnings);
      if (valid) {
        rows[m.key] = valid;
        fresh.push({ key: m.key, status: m.status, rows: valid });
      }
    });
  }
  opts.progress(missing.length, missing.length);
  if (store && fresh.length) await store.putRows(accountId, fresh).catch((e: Error) => warnings.push(notUpdated('rows', e)));
  return rows;
}

/** A failed cache write as a warning (shared with the catalogue step). */
export function notUpdated(what: 'rows' | 'items', e: Error): DataWarning {
  return { code: 'cache-not-updated', what, storageFull: e instanceof StoreError && e.quotaExceeded, detail: e.message };
}
