// The lists step of a load: every collection of the table (lib/client/collections.ts) that the source mode
// reads, searched side by side (the scheduler keeps it within the quota), then validated and restricted
// to what this client owns. An invoices list refused in auto mode switches to sales mode (docs/summary-contract.md §1).
import { COLLECTIONS, type CollectionEntry, collectionsFor, type ListKey } from '../client/collections';
import type { ClientData, ClientKey, SourceMode, SourceModeSetting } from '../client/data';
import { ownedBy } from '../client/ownership';
import type { LoadProgress } from '../client/progress';
import { searchFilter } from '../client/search-filters';
import type { DataWarning } from '../client/warnings';
import type { SellsyApi } from './api';
import { SellsyError } from './errors';
import { validateList } from './validate';

export type ClientLists = Pick<ClientData, ListKey>;

export interface ListsOptions {
  client: ClientKey;
  today: string;
  setting: SourceModeSetting;
  /** The mode the licences (or the setting) gave before any list was read. */
  mode: { mode: SourceMode; reason: string };
  warnings: DataWarning[];
  progress: (phase: LoadProgress['phase'], done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface LoadedLists {
  sourceMode: SourceMode;
  sourceModeReason: string;
  lists: ClientLists;
}

const isDocuments = (c: CollectionEntry) => c.filter === 'documents';

export async function loadLists(api: SellsyApi, opts: ListsOptions): Promise<LoadedLists> {
  const { client, signal, progress, warnings } = opts;
  let sourceMode = opts.mode.mode;
  let sourceModeReason = opts.mode.reason;
  const read = collectionsFor(sourceMode);
  const documentsTotal = () => collectionsFor(sourceMode).filter(isDocuments).length;

  // Everything side by side, in table order; document lists tick the progress bar as they arrive.
  progress('documents', 0, documentsTotal());
  let documentsDone = 0;
  const pending = new Map<ListKey, Promise<unknown[]>>();
  for (const c of read) {
    const search = api.searchAll<{ id?: unknown }>(c.resource, searchFilter(c, client, opts.today), {
      fields: c.fields,
      signal,
      onWarning: (w) => warnings.push(w),
    });
    const p = isDocuments(c)
      ? search.then((v) => {
          documentsDone += 1;
          progress('documents', Math.min(documentsDone, documentsTotal()), documentsTotal());
          return v;
        })
      : search;
    p.catch(() => undefined);
    pending.set(c.key, p);
  }

  const raw = new Map<ListKey, unknown[]>();
  const invoicingOnly = read.filter((c) => c.licence === 'invoicing');
  try {
    for (const c of invoicingOnly) raw.set(c.key, await pending.get(c.key)!);
  } catch (e) {
    const refused = e instanceof SellsyError && (e.status === 402 || e.status === 403);
    // Contract §1: the first invoicing list refused in auto mode means sales mode, whatever the licences said.
    if (!(refused && opts.setting === 'auto' && raw.size === 0)) throw e;
    sourceMode = 'sales';
    sourceModeReason = 'invoices-forbidden';
    raw.clear();
  }
  const kept = collectionsFor(sourceMode);
  for (const c of kept) if (isDocuments(c) && !raw.has(c.key)) raw.set(c.key, await pending.get(c.key)!);
  progress('documents', documentsTotal(), documentsTotal());

  const activities = kept.filter((c) => !isDocuments(c));
  progress('activity', 0, activities.length);
  let activitiesDone = 0;
  await Promise.all(
    activities.map((c) =>
      pending.get(c.key)!.then((v) => {
        raw.set(c.key, v);
        activitiesDone += 1;
        progress('activity', activitiesDone, activities.length);
      }),
    ),
  );

  // Validated and kept in table order, so warnings come in that order too; a list the mode does not read is null.
  const lists = {} as Record<ListKey, unknown[] | null>;
  for (const c of COLLECTIONS) lists[c.key] = kept.includes(c) ? keepOwn(c, raw.get(c.key)!, client, warnings) : null;
  return { sourceMode, sourceModeReason, lists: lists as ClientLists };
}

/** The valid records of one list that this client owns; the rest named in the warnings. */
function keepOwn(c: CollectionEntry, list: unknown[], client: ClientKey, warnings: DataWarning[]): unknown[] {
  const valid = validateList(c.recordType, list, warnings);
  const mine = ownedBy(client, c.owner);
  const out = valid.filter(mine);
  if (out.length < valid.length) warnings.push({ code: 'other-client', recordType: c.recordType, count: valid.length - out.length });
  return out;
}
