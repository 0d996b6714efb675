// The catalogue step of a load: the names of the products met in the rows, from the cache, else listed
// (when the whole catalogue costs fewer requests than the missing items) or fetched one by one in batches.
import type { ClientData } from '../client/data';
import type { DataWarning } from '../client/warnings';
import type { ResumeStore } from '../store/types';
import type { BatchItem, SellsyApi } from './api';
import { SellsyError } from './errors';
import type { Rows } from './load-details';
import { notUpdated } from './load-details';
import { isInt, validateList } from './validate';

export interface CatalogueOptions {
  accountId: string;
  store?: ResumeStore;
  warnings: DataWarning[];
  progress: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function loadCatalogue(api: SellsyApi, rows: Rows, opts: CatalogueOptions): Promise<ClientData['items']> {
  const { accountId, store, warnings, signal } = opts;
  const itemIds = new Set<number>();
  for (const list of Object.values(rows)) {
    for (const r of list ?? []) if (r.type === 'catalog' && isInt(r.related?.id)) itemIds.add(r.related.id);
  }
  const items: ClientData['items'] = {};
  let cached = new Map<number, { name: string | null; reference: string | null }>();
  if (store && itemIds.size) {
    try {
      cached = await store.getItems(accountId, [...itemIds]);
    } catch (e) {
      warnings.push({ code: 'cache-not-read', what: 'items', detail: (e as Error).message });
    }
  }
  const missing = [...itemIds].filter((i) => !cached.has(i)).sort((a, b) => a - b);
  for (const [itemId, v] of cached) if (itemIds.has(itemId)) items[itemId] = v;
  opts.progress(0, missing.length);
  if (missing.length) {
    // /items/search has no id filter: when the whole catalogue fits in fewer pages than the missing
    // items, listing it is cheaper than one sub-request per item (the quota counts each of them).
    const listed = missing.length > 1 ? await listCatalogue(api, missing.length, signal) : null;
    const answers: BatchItem<unknown>[] = listed
      ? missing.map((i) =>
          listed.has(i)
            ? { uri: `/items/${i}`, ok: true as const, data: listed.get(i) }
            : { uri: `/items/${i}`, ok: false as const, error: new SellsyError('not-found', `item ${i} not in the catalogue`) },
        )
      : await api.batchGet<unknown>(
          missing.map((i) => `/items/${i}`),
          { signal },
        );
    const fresh: { id: number; name: string | null; reference: string | null }[] = [];
    answers.forEach((a, i) => {
      const itemId = missing[i]!;
      if (!a.ok) {
        if (a.error.kind === 'not-found' || a.error.kind === 'forbidden') return; // deleted item: the engine falls back to the row's reference
        throw a.error;
      }
      const [valid] = validateList('item', [a.data], warnings);
      if (!valid) return;
      const v = { name: typeof valid.name === 'string' ? valid.name : null, reference: typeof valid.reference === 'string' ? valid.reference : null };
      items[itemId] = v;
      fresh.push({ id: itemId, ...v });
    });
    if (store && fresh.length) await store.putItems(accountId, fresh).catch((e: Error) => warnings.push(notUpdated('items', e)));
  }
  opts.progress(missing.length, missing.length);
  return items;
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
