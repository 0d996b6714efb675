// The IndexedDB schema, one numbered version per change. Never edit a published version: add one.
//  v1: rows by [accountId+docType+id]; items by [accountId+itemId];
//      summaries by [accountId+clientKind+clientId] holding { summary, meta: { savedAt, latestActivityAt } }.
//  v2: an accountId index on every table (clearAccount), and summaries' meta moved to top-level
//      savedAt / latestActivityAt (savedAt indexed, to list or prune the oldest).
//  v3: summaries lose latestActivityAt (never written but as null: freshness is asked of Sellsy on open).
//  v4: looks by [accountId+clientKind+clientId] (what the user last saw of a client, for "since your last
//      look"); summaries may hold `facts` (the snapshot and fingerprint of their data), not indexed.
import type { Dexie, Transaction } from 'dexie';

export const LATEST_VERSION = 4;

const V2_STORES = {
  rows: '[accountId+docType+id], accountId',
  items: '[accountId+itemId], accountId',
  summaries: '[accountId+clientKind+clientId], accountId, savedAt',
};

export function declareSchema(db: Dexie, upTo: number = LATEST_VERSION): void {
  db.version(1).stores({
    rows: '[accountId+docType+id]',
    items: '[accountId+itemId]',
    summaries: '[accountId+clientKind+clientId]',
  });
  if (upTo < 2) return;
  db.version(2)
    .stores(V2_STORES)
    .upgrade(async (tx: Transaction) => {
      await tx
        .table('summaries')
        .toCollection()
        .modify((s: Record<string, unknown>) => {
          const meta = (s.meta ?? {}) as { savedAt?: string; latestActivityAt?: string | null };
          s.savedAt = meta.savedAt ?? new Date(0).toISOString();
          s.latestActivityAt = meta.latestActivityAt ?? null;
          delete s.meta;
        });
    });
  if (upTo < 3) return;
  db.version(3)
    .stores(V2_STORES)
    .upgrade(async (tx: Transaction) => {
      await tx
        .table('summaries')
        .toCollection()
        .modify((s: Record<string, unknown>) => {
          delete s.latestActivityAt;
        });
    });
  if (upTo < 4) return;
  db.version(4).stores({
    looks: '[accountId+clientKind+clientId], accountId',
  });
}
