// The catalogue step of a load: the names of the products met in the rows, from the cache, else listed
// (when the whole catalogue costs fewer requests than the missing items) or fetched one by one in batches.
// Rows may come in batches (a summary filling in): each batch's names are looked up as it comes, and the
// catalogue is listed as soon as that pays, so a partial top-products list already carries names. The
// requests are the same as for all the rows at once: the listing is chosen on a count that only grows.
import type { ClientData } from '../client/data';
import type { DataWarning } from '../client/warnings';
import type { ResumeStore } from '../store/types';
import type { BatchItem, SellsyApi } from './api';
import type { Rows } from './load-details';
import { notUpdated } from './load-details';
import { isInt, validateList } from './validate';

export interface CatalogueOptions {
  accountId: string;
  store?: ResumeStore;
  warnings: DataWarning[];
  /** Called by finish(): the names still to fetch, then the end. */
  progress: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export type Items = ClientData['items'];

export interface Catalogue {
  /**
   * The products of these rows: their names from the cache, or from the catalogue once listing it pays
   * (unless `list` is false: finish() decides then). Returns the names newly known.
   */
  add(rows: Rows, opts?: { list?: boolean }): Promise<Items>;
  /** Fetches the names still missing; returns those newly known. */
  finish(): Promise<Items>;
  /** Every name known so far. */
  readonly items: Items;
  /** Products met whose name is neither cached nor fetched yet. */
  readonly unnamed: number;
}

type Page = { pagination?: { total?: number; count?: number; offset?: string | number | null }; data?: unknown[] };
const FIELDS = { 'field[]': ['id', 'name', 'reference', 'type'], limit: 100 };

export function createCatalogue(api: SellsyApi, opts: CatalogueOptions): Catalogue {
  const { accountId, store, warnings, signal } = opts;
  const items: Items = {};
  const seen = new Set<number>();
  /** Met in rows, neither cached nor listed yet. */
  const missing = new Set<number>();
  /** The catalogue's first page (its size), once asked for. */
  let first: { page: Page; pages: number } | null = null;
  /** The whole catalogue by id, once listed: an id not in it is a deleted item. */
  let listed: Map<number, unknown> | null = null;

  function keep(itemId: number, raw: unknown, fresh: { id: number; name: string | null; reference: string | null }[], out: Items) {
    const [valid] = validateList('item', [raw], warnings);
    if (!valid) return;
    const v = { name: typeof valid.name === 'string' ? valid.name : null, reference: typeof valid.reference === 'string' ? valid.reference : null };
    items[itemId] = v;
    out[itemId] = v;
    fresh.push({ id: itemId, ...v });
  }

  async function save(fresh: { id: number; name: string | null; reference: string | null }[]) {
    if (store && fresh.length) await store.putItems(accountId, fresh).catch((e: Error) => warnings.push(notUpdated('items', e)));
  }

  /** Names the missing items from the listing (those not in it are deleted: the engine falls back to the row's reference). */
  async function fromListing(out: Items): Promise<void> {
    const fresh: { id: number; name: string | null; reference: string | null }[] = [];
    for (const itemId of [...missing].sort((a, b) => a - b)) {
      missing.delete(itemId);
      if (listed!.has(itemId)) keep(itemId, listed!.get(itemId), fresh, out);
    }
    await save(fresh);
  }

  /**
   * /items/search has no id filter: when the whole catalogue fits in fewer pages than the missing items,
   * listing it is cheaper than one sub-request per item (the quota counts each of them).
   */
  async function listIfItPays(): Promise<boolean> {
    if (listed) return true;
    if (missing.size <= 1) return false;
    if (!first) {
      const page = await api.post<Page>('/items/search', { filters: {} }, FIELDS, { signal });
      const total = Number(page.pagination?.total ?? NaN);
      first = { page, pages: Number.isFinite(total) ? Math.ceil(total / 100) : Number.POSITIVE_INFINITY };
    }
    if (first.pages > missing.size) return false;
    const out = new Map<number, unknown>();
    const take = (page: Page) => {
      for (const it of page.data ?? []) if (isInt((it as { id?: unknown }).id)) out.set((it as { id: number }).id, it);
    };
    take(first.page);
    let page = first.page;
    for (let guard = 1; (page.data?.length ?? 0) === 100 && page.pagination?.offset && guard < first.pages + 1; guard++) {
      page = await api.post<Page>('/items/search', { filters: {} }, { ...FIELDS, offset: page.pagination.offset }, { signal });
      take(page);
    }
    listed = out;
    return true;
  }

  return {
    items,
    get unnamed() {
      return missing.size;
    },
    async add(rows, addOpts) {
      const ids: number[] = [];
      for (const list of Object.values(rows)) {
        for (const r of list ?? []) {
          if (r.type === 'catalog' && isInt(r.related?.id) && !seen.has(r.related.id)) {
            seen.add(r.related.id);
            ids.push(r.related.id);
          }
        }
      }
      const out: Items = {};
      if (!ids.length) return out;
      let cached = new Map<number, { name: string | null; reference: string | null }>();
      if (store) {
        try {
          cached = await store.getItems(accountId, ids);
        } catch (e) {
          warnings.push({ code: 'cache-not-read', what: 'items', detail: (e as Error).message });
        }
      }
      for (const id of ids) {
        const c = cached.get(id);
        if (c) items[id] = out[id] = c;
        else missing.add(id);
      }
      if (addOpts?.list !== false && missing.size && (await listIfItPays())) await fromListing(out);
      return out;
    },
    async finish() {
      const out: Items = {};
      const total = missing.size;
      opts.progress(0, total);
      if (total && (await listIfItPays())) await fromListing(out);
      if (missing.size) {
        const ids = [...missing].sort((a, b) => a - b);
        const answers: BatchItem<unknown>[] = await api.batchGet<unknown>(
          ids.map((i) => `/items/${i}`),
          { signal },
        );
        const fresh: { id: number; name: string | null; reference: string | null }[] = [];
        answers.forEach((a, i) => {
          const itemId = ids[i]!;
          missing.delete(itemId);
          if (!a.ok) {
            if (a.error.kind === 'not-found' || a.error.kind === 'forbidden') return; // deleted item: the engine falls back to the row's reference
            throw a.error;
          }
          keep(itemId, a.data, fresh, out);
        });
        await save(fresh);
      }
      opts.progress(total, total);
      return out;
    },
  };
}

/** Every row at once: the names of their products. */
export async function loadCatalogue(api: SellsyApi, rows: Rows, opts: CatalogueOptions): Promise<Items> {
  const catalogue = createCatalogue(api, opts);
  await catalogue.add(rows, { list: false });
  await catalogue.finish();
  return catalogue.items;
}
