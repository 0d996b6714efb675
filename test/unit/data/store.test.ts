import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DocumentRow } from '../../../lib/client/records';
import { openStore } from '../../../lib/store/open-store';
import { declareSchema, LATEST_VERSION } from '../../../lib/store/schema';
import { type ResumeStore, StoreError } from '../../../lib/store/types';

const row = (id: number): DocumentRow => ({
  id,
  type: 'catalog',
  related: { id: 9, type: 'product', declination_id: null },
  quantity: '1',
  unit_amount: '5',
  reference: 'P9',
  description: null,
  amount_tax_exc: '5.00',
  amount_tax_inc: '6.00',
  is_optional: false,
});

const opened: ResumeStore[] = [];
function fresh(indexedDB = new IDBFactory()) {
  const store = openStore({ indexedDB, IDBKeyRange, name: 'test' });
  opened.push(store);
  return { store, indexedDB };
}
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

describe('store', () => {
  it('keeps rows per account and document, never a draft’s', async () => {
    const { store } = fresh();
    await store.putRows('acc1', [
      { key: 'invoice:1', status: 'paid', rows: [row(1)] },
      { key: 'invoice:2', status: 'draft', rows: [row(2)] },
      { key: 'estimate:1', status: 'accepted', rows: [row(3)] },
    ]);
    await store.putRows('acc2', [{ key: 'invoice:1', status: 'due', rows: [row(4)] }]);
    const got = await store.getRows('acc1', ['invoice:1', 'invoice:2', 'estimate:1', 'credit-note:1']);
    expect([...got.keys()]).toEqual(['invoice:1', 'estimate:1']);
    expect(got.get('invoice:1')![0]!.id).toBe(1);
    expect(got.get('estimate:1')![0]!.id).toBe(3);
    expect((await store.getRows('acc2', ['invoice:1'])).get('invoice:1')![0]!.id).toBe(4);
  });

  it('keeps item names and summaries; clearAccount clears one account, clear everything', async () => {
    const { store } = fresh();
    await store.putItems('acc1', [{ id: 9, name: 'Widget', reference: 'W-9' }]);
    await store.putItems('acc2', [{ id: 9, name: 'Other', reference: null }]);
    await store.putSummary('acc1', 'company', 7, { hello: 1 }, { savedAt: '2026-11-29T08:00:00.000Z' });
    await store.putSummary('acc2', 'company', 7, { hello: 2 }, {});
    expect(await store.getSummary('acc1', 'company', 7)).toEqual({
      summary: { hello: 1 },
      savedAt: '2026-11-29T08:00:00.000Z',
    });
    expect(await store.getSummary('acc1', 'individual', 7)).toBeNull();
    expect((await store.getItems('acc1', [9, 10])).get(9)).toEqual({ name: 'Widget', reference: 'W-9' });

    await store.clearAccount('acc1');
    expect(await store.getSummary('acc1', 'company', 7)).toBeNull();
    expect((await store.getItems('acc1', [9])).size).toBe(0);
    expect((await store.getSummary<{ hello: number }>('acc2', 'company', 7))!.summary.hello).toBe(2);
    expect((await store.getItems('acc2', [9])).get(9)!.name).toBe('Other');

    await store.clear();
    expect(await store.getSummary('acc2', 'company', 7)).toBeNull();
  });

  it('upgrades v1 data: a summary written under v1 reads under the latest version, and its indexes work', async () => {
    const indexedDB = new IDBFactory();
    const v1 = new Dexie('test', { indexedDB, IDBKeyRange });
    declareSchema(v1, 1);
    await v1.table('summaries').put({
      accountId: 'acc1',
      clientKind: 'company',
      clientId: 7,
      summary: { v: 'old' },
      meta: { savedAt: '2026-10-01T10:00:00.000Z', latestActivityAt: '2026-09-30T00:00:00.000Z' },
    });
    await v1.table('rows').put({ accountId: 'acc1', docType: 'invoice', id: 5, status: 'paid', rows: [row(5)] });
    expect(v1.verno).toBe(1);
    v1.close();

    const { store } = fresh(indexedDB);
    expect(await store.getSummary('acc1', 'company', 7)).toEqual({
      summary: { v: 'old' },
      savedAt: '2026-10-01T10:00:00.000Z',
    });
    expect((await store.getRows('acc1', ['invoice:5'])).get('invoice:5')![0]!.id).toBe(5);
    store.close();

    const check = new Dexie('test', { indexedDB, IDBKeyRange });
    declareSchema(check);
    await check.open();
    expect(check.verno).toBe(LATEST_VERSION);
    const raw = await check.table('summaries').where('savedAt').above('2026-01-01').toArray();
    expect(raw).toHaveLength(1);
    expect(raw[0].meta).toBeUndefined();
    expect(raw[0]).not.toHaveProperty('latestActivityAt');
    expect(await check.table('rows').where('accountId').equals('acc1').count()).toBe(1);
    check.close();
  });

  it('upgrades v2 data: a summary written under v2 keeps its summary and savedAt and loses latestActivityAt', async () => {
    const indexedDB = new IDBFactory();
    const v2 = new Dexie('test', { indexedDB, IDBKeyRange });
    declareSchema(v2, 2);
    await v2.table('summaries').put({
      accountId: 'acc1',
      clientKind: 'individual',
      clientId: 8,
      summary: { v: 2 },
      savedAt: '2026-11-01T10:00:00.000Z',
      latestActivityAt: null,
    });
    expect(v2.verno).toBe(2);
    v2.close();

    const { store } = fresh(indexedDB);
    expect(await store.getSummary('acc1', 'individual', 8)).toEqual({ summary: { v: 2 }, savedAt: '2026-11-01T10:00:00.000Z' });
    store.close();
    const check = new Dexie('test', { indexedDB, IDBKeyRange });
    declareSchema(check);
    await check.open();
    expect(check.verno).toBe(LATEST_VERSION);
    expect(await check.table('summaries').get(['acc1', 'individual', 8])).not.toHaveProperty('latestActivityAt');
    check.close();
  });

  it('v4: keeps a summary’s facts beside it, and one last look per account and client; both clears reach the looks', async () => {
    const { store } = fresh();
    await store.putSummary('acc1', 'company', 7, { hello: 1 }, { savedAt: '2026-11-29T08:00:00.000Z', facts: { fp: 'x' } });
    expect(await store.getSummary('acc1', 'company', 7)).toMatchObject({ summary: { hello: 1 }, facts: { fp: 'x' } });
    await store.putSummary('acc1', 'company', 8, { hello: 2 }, {});
    expect(await store.getSummary('acc1', 'company', 8)).not.toHaveProperty('facts');

    await store.putLook('acc1', 'company', 7, { look: { seen: 1 }, seenAt: '2026-11-29T08:00:00.000Z' });
    await store.putLook('acc2', 'company', 7, { look: { seen: 2 }, seenAt: '2026-11-29T09:00:00.000Z' });
    expect(await store.getLook('acc1', 'company', 7)).toEqual({ look: { seen: 1 }, seenAt: '2026-11-29T08:00:00.000Z' });
    expect(await store.getLook('acc1', 'individual', 7)).toBeNull();
    await store.putLook('acc1', 'company', 7, { look: { seen: 3 }, seenAt: '2026-11-30T08:00:00.000Z' });
    expect((await store.getLook<{ seen: number }>('acc1', 'company', 7))!.look.seen).toBe(3);
    await store.clearAccount('acc1');
    expect(await store.getLook('acc1', 'company', 7)).toBeNull();
    expect(await store.getLook('acc2', 'company', 7)).not.toBeNull();
    await store.clear();
    expect(await store.getLook('acc2', 'company', 7)).toBeNull();
  });

  it('upgrades v2 data to the latest version: summaries and rows intact, no last look yet', async () => {
    const indexedDB = new IDBFactory();
    const v2 = openStore({ indexedDB, IDBKeyRange, name: 'test', version: 2 });
    await v2.putSummary('acc1', 'company', 7, { v: 'two' }, { savedAt: '2026-10-01T10:00:00.000Z' });
    await expect(v2.putLook('acc1', 'company', 7, { look: {}, seenAt: 'x' })).rejects.toBeInstanceOf(StoreError);
    v2.close();
    const { store } = fresh(indexedDB);
    expect(await store.getSummary('acc1', 'company', 7)).toEqual({
      summary: { v: 'two' },
      savedAt: '2026-10-01T10:00:00.000Z',
    });
    expect(await store.getLook('acc1', 'company', 7)).toBeNull();
    await store.putLook('acc1', 'company', 7, { look: { ok: true }, seenAt: '2026-11-29T08:00:00.000Z' });
    expect(await store.getLook('acc1', 'company', 7)).not.toBeNull();
  });

  it('a write that hits the storage quota fails clearly and leaves earlier entries intact', async () => {
    const { store } = fresh();
    await store.putRows('acc1', [{ key: 'invoice:1', status: 'paid', rows: [row(1)] }]);
    const realPut = IDBObjectStore.prototype.put;
    let n = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++n === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    const err = await store
      .putRows('acc1', [
        { key: 'invoice:1', status: 'paid', rows: [row(99)] },
        { key: 'invoice:2', status: 'paid', rows: [row(2)] },
      ])
      .catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).quotaExceeded).toBe(true);
    expect((err as StoreError).message).toMatch(/storage is full.*earlier entries are intact/);
    const got = await store.getRows('acc1', ['invoice:1', 'invoice:2']);
    expect(got.get('invoice:1')![0]!.id).toBe(1); // not half-overwritten
    expect(got.has('invoice:2')).toBe(false);
  });
});
