// The catalogue step of a load: the names of the products met in the rows, from the cache, else listed
// (when the whole catalogue costs fewer requests than the missing items) or fetched one by one in batches.
// Rows may come in batches (a summary filling in): each batch's names are looked up in the cache as it comes,
// and the catalogue is listed as soon as that pays, in the background, so that neither the batches' figures
// nor the batches themselves wait for it; its names are handed on when they land. The listing is chosen on
// a count that only grows, so it costs what it costs once every row is in.
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
  /** Names a listing started by add() brought, once it has landed. */
  onListed?: (items: Items) => void;
  signal?: AbortSignal;
}

export type Items = ClientData['items'];

export interface Catalogue {
  /**
   * The products of these rows: their names from the cache (or from the catalogue, once listed). Starts listing
   * the catalogue when that pays, unless `list` is false (finish() decides then). Returns the names newly known.
   */
  add(rows: Rows, opts?: { list?: boolean }): Promise<Items>;
  /** Asks for the catalogue's first page now: a load with many details ahead will want it, and it goes before them. */
  probe(): void;
  /** Waits for a listing under way, fetches the names still missing; returns those newly known since the last add. */
  finish(): Promise<Items>;
  /** Every name known so far. */
  readonly items: Items;
  /** Products met whose name is neither cached nor fetched yet. */
  readonly unnamed: number;
}

type Page = { pagination?: { total?: number; count?: number; offset?: string | number | null }; data?: unknown[] };
type Fresh = { id: number; name: string | null; reference: string | null };
const FIELDS = { 'field[]': ['id', 'name', 'reference', 'type'], limit: 100 };

export function createCatalogue(api: SellsyApi, opts: CatalogueOptions): Catalogue {
  const { accountId, store, warnings, signal } = opts;
  const items: Items = {};
  const seen = new Set<number>();
  /** Met in rows, neither cached nor listed yet. */
  const missing = new Set<number>();
  /** The catalogue's first page and how many pages it has, once asked for (and once answered). */
  let probing: Promise<{ page: Page; pages: number }> | null = null;
  let first: { page: Page; pages: number } | null = null;
  /** The whole catalogue by id, once listed: an id not in it is a deleted item. */
  let listed: Map<number, unknown> | null = null;
  let listing: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;

  function keep(itemId: number, raw: unknown, fresh: Fresh[], out: Items) {
    const [valid] = validateList('item', [raw], warnings);
    if (!valid) return;
    const v = { name: typeof valid.name === 'string' ? valid.name : null, reference: typeof valid.reference === 'string' ? valid.reference : null };
    items[itemId] = v;
    out[itemId] = v;
    fresh.push({ id: itemId, ...v });
  }

  async function save(fresh: Fresh[]) {
    if (store && fresh.length) await store.putItems(accountId, fresh).catch((e: Error) => warnings.push(notUpdated('items', e)));
  }

  /** Names the missing items from the listing (those not in it are deleted: the engine falls back to the row's reference). */
  async function fromListing(out: Items): Promise<void> {
    const fresh: Fresh[] = [];
    for (const itemId of [...missing].sort((a, b) => a - b)) {
      missing.delete(itemId);
      if (listed!.has(itemId)) keep(itemId, listed!.get(itemId), fresh, out);
    }
    await save(fresh);
  }

  function probe(): Promise<{ page: Page; pages: number }> {
    probing ??= api.post<Page>('/items/search', { filters: {} }, FIELDS, { signal }).then((page) => {
      const total = Number(page.pagination?.total ?? NaN);
      first = { page, pages: Number.isFinite(total) ? Math.ceil(total / 100) : Number.POSITIVE_INFINITY };
      return first;
    });
    probing.catch(() => undefined);
    return probing;
  }

  /**
   * /items/search has no id filter: when the whole catalogue fits in fewer pages than the missing items,
   * listing it is cheaper than one sub-request per item (the quota counts each of them).
   */
  const pays = () => first !== null && first.pages <= missing.size;

  async function listRest(): Promise<void> {
    const out = new Map<number, unknown>();
    const take = (page: Page) => {
      for (const it of page.data ?? []) if (isInt((it as { id?: unknown }).id)) out.set((it as { id: number }).id, it);
    };
    const { page: firstPage, pages } = first!;
    take(firstPage);
    let page = firstPage;
    for (let guard = 1; (page.data?.length ?? 0) === 100 && page.pagination?.offset && guard < pages + 1; guard++) {
      page = await api.post<Page>('/items/search', { filters: {} }, { ...FIELDS, offset: page.pagination.offset }, { signal });
      take(page);
    }
    listed = out;
  }

  /** In the background: the probe if needed, then the listing if it pays; its names are handed on when they land. */
  function listWhenItPays(): void {
    if (listed || listing || missing.size <= 1) return;
    listing = probe()
      .then(async () => {
        if (!pays()) return;
        await listRest();
        const out: Items = {};
        await fromListing(out);
        opts.onListed?.(out);
      })
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => {
        if (!listed) listing = null; // did not pay yet: the next batch asks again
      });
  }

  return {
    items,
    get unnamed() {
      return missing.size;
    },
    probe() {
      void probe();
    },
    async add(rows, addOpts) {
      if (failure) throw failure.error;
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
      if (addOpts?.list === false || !missing.size) return out;
      // The catalogue already listed, or its first page is all of it: named at once, with no request.
      if (listed || (pays() && first!.pages <= 1 && !listing)) {
        if (!listed) await listRest();
        await fromListing(out);
      } else listWhenItPays();
      return out;
    },
    async finish() {
      if (listing) await listing;
      if (failure) throw failure.error;
      const out: Items = {};
      const total = missing.size;
      opts.progress(0, total);
      if (total > 1 && !listed) {
        await probe();
        if (pays()) await listRest();
      }
      if (listed && missing.size) await fromListing(out);
      if (missing.size) {
        const ids = [...missing].sort((a, b) => a - b);
        const answers: BatchItem<unknown>[] = await api.batchGet<unknown>(
          ids.map((i) => `/items/${i}`),
          { signal },
        );
        const fresh: Fresh[] = [];
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
