// The Dexie-backed ResumeStore. A factory taking the IndexedDB implementation, so Node tests pass
// fake-indexeddb and the extension's background passes the real one. Every write is one transaction:
// a write that fails (QuotaExceededError) leaves what was stored before untouched.
import { Dexie } from 'dexie';
import type { ClientKind, DocKey } from '../client/data';
import type { DocumentRow } from '../client/records';
import { declareSchema, LATEST_VERSION } from './schema';
import { type CachedItem, type ResumeStore, type StoredLook, type StoredSummary, StoreError, type SummaryMeta } from './types';

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
  facts?: unknown;
}
interface LookRecord {
  accountId: string;
  clientKind: ClientKind;
  clientId: number;
  look: unknown;
  seenAt: string;
}

export function openStore(opts: OpenStoreOptions): ResumeStore {
  const db = new Dexie(opts.name ?? DEFAULT_DB_NAME, { indexedDB: opts.indexedDB, IDBKeyRange: opts.IDBKeyRange });
  declareSchema(db, opts.version ?? LATEST_VERSION);
  const rowsT = db.table<RowRecord, [string, string, number]>('rows');
  const itemsT = db.table<ItemRecord, [string, number]>('items');
  const summariesT = db.table<SummaryRecord, [string, string, number]>('summaries');
  // Absent below v4 (upgrade tests open older versions): nothing may touch it then.
  const looksT = (opts.version ?? LATEST_VERSION) >= 4 ? db.table<LookRecord, [string, string, number]>('looks') : null;
  const allTables = () => (looksT ? [rowsT, itemsT, summariesT, looksT] : [rowsT, itemsT, summariesT]);

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
      const out: StoredSummary<S> = { summary: r.summary as S, savedAt: r.savedAt };
      if (r.facts !== undefined) out.facts = r.facts;
      return out;
    },
    async putSummary<S>(accountId: string, kind: ClientKind, id: number, summary: S, meta: SummaryMeta) {
      const record: SummaryRecord = {
        accountId,
        clientKind: kind,
        clientId: id,
        summary,
        savedAt: meta.savedAt ?? new Date().toISOString(),
        ...(meta.facts !== undefined ? { facts: meta.facts } : {}),
      };
      await write('The summary', () => db.transaction('rw', summariesT, () => summariesT.put(record)));
    },
    async getLook<L>(accountId: string, kind: ClientKind, id: number): Promise<StoredLook<L> | null> {
      const r = await looksT?.get([accountId, kind, id]);
      return r ? { look: r.look as L, seenAt: r.seenAt } : null;
    },
    async putLook<L>(accountId: string, kind: ClientKind, id: number, look: StoredLook<L>) {
      if (!looksT) throw new StoreError('The last look needs schema version 4', { quotaExceeded: false });
      const record: LookRecord = { accountId, clientKind: kind, clientId: id, look: look.look, seenAt: look.seenAt };
      await write('What you last saw', () => db.transaction('rw', looksT, () => looksT.put(record)));
    },
    async clear() {
      await write('Clearing the cache', () =>
        db.transaction('rw', allTables(), async () => {
          await Promise.all(allTables().map((t) => t.clear()));
        }),
      );
    },
    async clearAccount(accountId) {
      const [lo, hi] = accountRange(accountId);
      await write(`Clearing account ${accountId}`, () =>
        db.transaction('rw', allTables(), async () => {
          await rowsT.where(':id').between(lo, hi, true, true).delete();
          await itemsT.where(':id').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey], true, true).delete();
          await summariesT.where(':id').between(lo, hi, true, true).delete();
          await looksT?.where(':id').between(lo, hi, true, true).delete();
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
