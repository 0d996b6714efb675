// Everything the card engine needs about one client, fetched within the quota, in four steps: the record and
// the user (always); for a client only, the lists of the table (lib/client/collections.ts); the rows of the
// counted purchase documents of the three-year window (cached: an issued document's rows never change); and
// the catalogue names of their products.

import type { ClientData, ClientKind, SourceModeSetting } from '../client/data';
import { detailsWanted, PURCHASES } from '../client/details';
import type { LoadProgress } from '../client/progress';
import type { DataWarning } from '../client/warnings';
import { isIsoDate } from '../dates';
import type { ResumeStore } from '../store/types';
import type { SellsyApi } from './api';
import { SellsyError } from './errors';
import { loadCatalogue } from './load-catalogue';
import { loadDetails } from './load-details';
import { type ClientRef, defaultCurrency, loadIdentity } from './load-identity';
import { loadLists } from './load-lists';
import { sourceModeOf } from './source-mode';
import { isInt } from './validate';

export type { ClientRef } from './load-identity';

export interface LoadClientOptions {
  ref: ClientRef;
  /** YYYY-MM-DD, the user's local date. */
  today: string;
  sourceModeSetting: SourceModeSetting;
  store?: ResumeStore;
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
}

export type LoadResult =
  | { status: 'client'; data: ClientData; requests: number }
  | {
      status: 'not-client';
      thirdType: 'prospect' | 'supplier';
      client: { kind: ClientKind; id: number; name: string };
      staffLanguage: string | null;
      accountId: string;
    };

export async function loadClient(api: SellsyApi, opts: LoadClientOptions): Promise<LoadResult> {
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

  const step = { accountId, store, warnings, signal };
  const wanted = detailsWanted(sourceMode, lists[PURCHASES[sourceMode].collection.key], opts.today);
  const rows = await loadDetails(api, wanted, { ...step, progress: (done, total) => progress('details', done, total) });
  const items = await loadCatalogue(api, rows, { ...step, progress: (done, total) => progress('items', done, total) });

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
    items,
    warnings,
  };
  progress('done', 1, 1);
  return { status: 'client', data, requests: api.stats().requests - startRequests };
}
