// The Dexie-backed ResumeStore. A factory taking the IndexedDB implementation, so Node tests pass
// fake-indexeddb and the extension's background passes the real one. Every write is one transaction:
// a write that fails (QuotaExceededError) leaves what was stored before untouched.
import { Dexie } from 'dexie';
import type { ClientKind, DocKey } from '../client/data';
import type { DocumentRow } from '../client/records';
import { declareSchema, LATEST_VERSION } from './schema';
import { type CachedItem, type ResumeStore, type StoredSummary, StoreError, type SummaryMeta } from './types';

export interface OpenStoreOptions {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
  name?: string;
  /** For upgrade tests only: open at an older schema version. */
  version?: number;
}

export const DEFAULT_DB_NAME = 'resume-client-sellsy';

interface RowRecord {
  accountId: string;
  docType: string;
  id: number;
  status: string;
  rows: DocumentRow[];
}
interface ItemRecord {
  accountId: string;
  itemId: number;
  name: string | null;
  reference: string | null;
}
interface SummaryRecord {
  accountId: string;
  clientKind: ClientKind;
  clientId: number;
  summary: unknown;
  savedAt: string;
}

export function openStore(opts: OpenStoreOptions): ResumeStore {
  const db = new Dexie(opts.name ?? DEFAULT_DB_NAME, { indexedDB: opts.indexedDB, IDBKeyRange: opts.IDBKeyRange });
  declareSchema(db, opts.version ?? LATEST_VERSION);
  const rowsT = db.table<RowRecord, [string, string, number]>('rows');
  const itemsT = db.table<ItemRecord, [string, number]>('items');
  const summariesT = db.table<SummaryRecord, [string, string, number]>('summaries');

  async function write(what: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      const name = (e as { name?: string; inner?: { name?: string } })?.name;
      const inner = (e as { inner?: { name?: string } })?.inner?.name;
      const quota = name === 'QuotaExceededError' || inner === 'QuotaExceededError';
      throw new StoreError(
        quota
          ? `The browser's storage is full: ${what} was not saved (earlier entries are intact). Clear the cache in the options.`
          : `${what} was not saved: ${(e as Error)?.message ?? String(e)}`,
        { quotaExceeded: quota, cause: e },
      );
    }
  }

  const accountRange = (accountId: string) =>
    [
      [accountId, Dexie.minKey, Dexie.minKey],
      [accountId, Dexie.maxKey, Dexie.maxKey],
    ] as const;

  return {
    async getRows(accountId, keys) {
      const ids = keys.map((k) => splitKey(k)).map(({ docType, id }) => [accountId, docType, id] as [string, string, number]);
      const found = await rowsT.bulkGet(ids);
      const out = new Map<DocKey, DocumentRow[]>();
      found.forEach((r, i) => {
        if (r && r.status !== 'draft') out.set(keys[i]!, r.rows);
      });
      return out;
    },
    async putRows(accountId, entries) {
      const records = entries
        .filter((e) => e.status !== 'draft') // a draft's rows still change
        .map((e) => ({ accountId, ...splitKey(e.key), status: e.status, rows: e.rows }));
      if (!records.length) return;
      await write(`Rows of ${records.length} document(s)`, () => db.transaction('rw', rowsT, () => rowsT.bulkPut(records)));
    },
    async getItems(accountId, ids) {
      const found = await itemsT.bulkGet(ids.map((i) => [accountId, i] as [string, number]));
      const out = new Map<number, CachedItem>();
      found.forEach((r, i) => {
        if (r) out.set(ids[i]!, { name: r.name, reference: r.reference });
      });
      return out;
    },
    async putItems(accountId, items) {
      if (!items.length) return;
      const records = items.map((i) => ({ accountId, itemId: i.id, name: i.name, reference: i.reference }));
      await write(`Names of ${records.length} catalogue item(s)`, () => db.transaction('rw', itemsT, () => itemsT.bulkPut(records)));
    },
    async getSummary<S>(accountId: string, kind: ClientKind, id: number): Promise<StoredSummary<S> | null> {
      const r = await summariesT.get([accountId, kind, id]);
      if (!r) return null;
      return { summary: r.summary as S, savedAt: r.savedAt };
    },
    async putSummary<S>(accountId: string, kind: ClientKind, id: number, summary: S, meta: SummaryMeta) {
      const record: SummaryRecord = {
        accountId,
        clientKind: kind,
        clientId: id,
        summary,
        savedAt: meta.savedAt ?? new Date().toISOString(),
      };
      await write('The summary', () => db.transaction('rw', summariesT, () => summariesT.put(record)));
    },
    async clear() {
      await write('Clearing the cache', () =>
        db.transaction('rw', [rowsT, itemsT, summariesT], async () => {
          await Promise.all([rowsT.clear(), itemsT.clear(), summariesT.clear()]);
        }),
      );
    },
    async clearAccount(accountId) {
      const [lo, hi] = accountRange(accountId);
      await write(`Clearing account ${accountId}`, () =>
        db.transaction('rw', [rowsT, itemsT, summariesT], async () => {
          await rowsT.where(':id').between(lo, hi, true, true).delete();
          await itemsT.where(':id').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey], true, true).delete();
          await summariesT.where(':id').between(lo, hi, true, true).delete();
        }),
      );
    },
    close() {
      db.close();
    },
  };
}

function splitKey(key: DocKey): { docType: string; id: number } {
  const i = key.lastIndexOf(':');
  return { docType: key.slice(0, i), id: Number(key.slice(i + 1)) };
}
