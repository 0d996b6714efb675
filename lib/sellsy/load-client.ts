// Everything the card engine needs about one client, fetched within the quota, in four steps: the record and
// the user (always); for a client only, the lists of the table (lib/client/collections.ts); the rows of the
// counted purchase documents of the three-year window (cached: an issued document's rows never change); and
// the catalogue names of their products.
// Two stages, so a summary can be shown before its slowest part: loadClientLists (record, user, every list,
// and what the cache already holds of the rows and names) gives every figure but the top products;
// loadClientDetails fetches the missing rows newest first, handing each batch on as it comes.

import type { ClientData, ClientKind, DocKey, SourceModeSetting } from '../client/data';
import { detailsWanted, PURCHASES, type WantedDetail } from '../client/details';
import type { LoadProgress } from '../client/progress';
import type { DataWarning } from '../client/warnings';
import { isIsoDate } from '../dates';
import type { ResumeStore } from '../store/types';
import type { SellsyApi } from './api';
import { SellsyError } from './errors';
import { createCatalogue, type Items } from './load-catalogue';
import { cachedDetails, fetchDetails, type Rows } from './load-details';
import { type ClientRef, defaultCurrency, loadIdentity } from './load-identity';
import { loadLists } from './load-lists';
import { sourceModeOf } from './source-mode';
import { isInt } from './validate';

export type { ClientRef } from './load-identity';

/**
 * From this many details to read, the catalogue's first page is asked for before them. A load that reads
 * that many details meets more than one unnamed product nearly always, and then asks for that page anyway.
 */
export const LIST_CATALOGUE_FIRST = 20;

export interface LoadClientOptions {
  ref: ClientRef;
  /** YYYY-MM-DD, the user's local date. */
  today: string;
  sourceModeSetting: SourceModeSetting;
  store?: ResumeStore;
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
}

export type NotClient = {
  status: 'not-client';
  thirdType: 'prospect' | 'supplier';
  client: { kind: ClientKind; id: number; name: string };
  staffLanguage: string | null;
  accountId: string;
};

export type LoadResult = { status: 'client'; data: ClientData; requests: number } | NotClient;

/** The first stage of a client's load: every list, and the rows and names the cache held. */
export interface LoadedLists {
  status: 'client';
  /** `rows` and `items` hold what the cache had; the rest comes with loadClientDetails. */
  data: ClientData;
  /** The documents whose rows the top products read, newest first. */
  wanted: WantedDetail[];
  /** Those of `wanted` the cache did not hold. */
  missing: WantedDetail[];
  /** Products of the cached rows whose names the cache did not hold. */
  unnamed: number;
  requests: number;
}

/** The rows (and names) one batch of details brought, and how far the details are. */
export interface DetailsUpdate {
  rows: Rows;
  items: Items;
  /** Data-layer warnings met since the last update. */
  warnings: DataWarning[];
  /** Documents of `wanted` settled so far (read, or unreadable), of `total`. */
  read: number;
  total: number;
  /** Documents of `wanted` not settled yet. */
  pending: ReadonlySet<DocKey>;
}

export interface LoadDetailsOptions {
  store?: ResumeStore;
  onProgress?: (p: LoadProgress) => void;
  /** After each batch of details, once its names are looked up. */
  onDetails?: (update: DetailsUpdate) => void;
  signal?: AbortSignal;
}

export async function loadClientLists(api: SellsyApi, opts: LoadClientOptions): Promise<LoadedLists | NotClient> {
  if (!isIsoDate(opts.today)) throw new SellsyError('bad-request', `today must be YYYY-MM-DD, got ${JSON.stringify(opts.today)}`);
  if (!isInt(opts.ref.id) || opts.ref.id <= 0)
    throw new SellsyError('bad-request', `client id must be a positive integer, got ${JSON.stringify(opts.ref.id)}`);
  const { signal, store } = opts;
  const startRequests = api.stats().requests;
  const progress = (phase: LoadProgress['phase'], done: number, total: number) => opts.onProgress?.({ phase, done, total });
  const warnings: DataWarning[] = [];

  progress('client', 0, 1);
  const who = await loadIdentity(api, opts.ref, signal, () => {
    progress('client', 1, 1);
    progress('account', 0, 1);
  });
  progress('account', 1, 1);
  const { record, accountId, staffLanguage } = who;
  const client = { kind: record.kind, id: record.id };
  if (record.thirdType !== 'client') {
    progress('done', 1, 1);
    return { status: 'not-client', thirdType: record.thirdType, client: { ...client, name: record.name }, staffLanguage, accountId };
  }

  const listsP = loadLists(api, {
    client,
    today: opts.today,
    setting: opts.sourceModeSetting,
    mode: sourceModeOf(who.staff, opts.sourceModeSetting),
    warnings,
    progress,
    signal,
  });
  const currencyP = defaultCurrency(api, who.staff, signal);
  currencyP.catch(() => undefined);
  const { sourceMode, sourceModeReason, lists } = await listsP;

  const wanted = detailsWanted(sourceMode, lists[PURCHASES[sourceMode].collection.key], opts.today);
  const { rows, missing } = await cachedDetails(wanted, { accountId, store, warnings });
  // The cache only: a listing waits for the details, when it is known to pay.
  const cachedNames = createCatalogue(api, { accountId, store, warnings, progress: () => undefined, signal });
  await cachedNames.add(rows, { list: false });

  const data: ClientData = {
    accountId,
    accountName: who.accountName,
    defaultCurrency: await currencyP,
    client: { ...client, name: record.name, thirdType: 'client' },
    staffLanguage,
    sourceMode,
    sourceModeReason,
    ...lists,
    rows,
    items: { ...cachedNames.items },
    warnings,
  };
  return { status: 'client', data, wanted, missing, unnamed: cachedNames.unnamed, requests: api.stats().requests - startRequests };
}

/** What the second stage ends with: the whole data, and what came after the last batch (the catalogue's names). */
export interface LoadedDetails {
  data: ClientData;
  last: DetailsUpdate;
  requests: number;
}

/** The second stage: the missing rows, newest first, then the names of their products. `lists` is left as it was. */
export async function loadClientDetails(api: SellsyApi, lists: LoadedLists, opts: LoadDetailsOptions = {}): Promise<LoadedDetails> {
  const { store, signal } = opts;
  const startRequests = api.stats().requests;
  const progress = (phase: LoadProgress['phase'], done: number, total: number) => opts.onProgress?.({ phase, done, total });
  const { accountId } = lists.data;
  const warnings: DataWarning[] = [...lists.data.warnings];
  let reported = warnings.length;
  const step = { accountId, store, warnings, signal };
  const pending = new Set<DocKey>(lists.missing.map((m) => m.key));
  const total = lists.wanted.length;

  // Batches are handed on one at a time, each once its names are looked up; a failure there stops the load.
  let chain: Promise<void> = Promise.resolve();
  let failed: { error: unknown } | null = null;
  const handOn = (rows: Rows, names: () => Promise<Items>) => {
    const read = total - pending.size;
    const stillPending = new Set(pending);
    chain = chain.then(async () => {
      const items = await names();
      const fresh = warnings.slice(reported);
      reported = warnings.length;
      opts.onDetails?.({ rows, items, warnings: fresh, read, total, pending: stillPending });
    });
    chain.catch((error: unknown) => {
      failed ??= { error };
    });
  };
  let finishing = false;
  const catalogue = createCatalogue(api, {
    ...step,
    progress: (done, n) => progress('items', done, n),
    // The catalogue listed in the background: its names fill in the products already shown (at the end,
    // they come with the complete figures).
    onListed: (items) => {
      if (!finishing) handOn({}, async () => items);
    },
  });
  // Many details ahead: the catalogue's first page goes before them (a cold load lists it anyway), so the
  // names come with the first batches rather than after the last one.
  if (lists.missing.length >= LIST_CATALOGUE_FIRST) catalogue.probe();
  chain = catalogue.add(lists.data.rows).then(() => undefined);
  chain.catch((error: unknown) => {
    failed ??= { error };
  });
  const onBatch = (batch: { rows: Rows; settled: DocKey[] }) => {
    if (failed) throw failed.error;
    for (const key of batch.settled) pending.delete(key);
    handOn(batch.rows, () => catalogue.add(batch.rows));
  };

  const fetched = await fetchDetails(api, lists.missing, { ...step, progress: (done, n) => progress('details', done, n), onBatch });
  await chain;
  finishing = true;
  await catalogue.finish();
  await chain;
  // Every name (a name given twice is the same): those of a listing that landed during finish() included.
  const items = { ...catalogue.items };
  const last: DetailsUpdate = { rows: {}, items, warnings: warnings.slice(reported), read: total - pending.size, total, pending: new Set(pending) };
  const data: ClientData = { ...lists.data, rows: { ...lists.data.rows, ...fetched }, items: { ...lists.data.items, ...catalogue.items }, warnings };
  progress('done', 1, 1);
  return { data, last, requests: api.stats().requests - startRequests };
}

export async function loadClient(api: SellsyApi, opts: LoadClientOptions): Promise<LoadResult> {
  const lists = await loadClientLists(api, opts);
  if (lists.status === 'not-client') return lists;
  const rest = await loadClientDetails(api, lists, { ...opts });
  return { status: 'client', data: rest.data, requests: lists.requests + rest.requests };
}
