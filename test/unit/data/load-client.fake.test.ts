// loadClient against the local Sellsy fake (test/sellsy): real HTTP on 127.0.0.1, the demo account.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../../lib/client/collections';
import type { ClientData } from '../../../lib/client/data';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { type LoadClientOptions, loadClient } from '../../../lib/sellsy/load-client';
import { openStore } from '../../../lib/store/open-store';
import type { ResumeStore } from '../../../lib/store/types';
import { DEMO, DEMO_SALES, INDIVIDUAL_CLIENT_ID, LARGE_CLIENT_ID, OTHER_CLIENT_ID, PROSPECT_ID } from '../../sellsy/demo';
import { DEFAULT_OPTIONS, type FakeSellsy, startSellsy } from '../../sellsy/server';

const TODAY = '2026-11-29';
type Obj = Record<string, any>;
let sellsy: FakeSellsy;

beforeAll(async () => {
  sellsy = await startSellsy({ today: TODAY });
});
afterAll(async () => {
  await sellsy?.close();
});
// Quota pacing has its own tests; here a roomy quota keeps each load short.
const fast = () => Object.assign(sellsy.options, DEFAULT_OPTIONS, { perSecondQuota: 5000, perMinuteQuota: 100_000 });
afterEach(() => {
  fast();
  sellsy.resetLog();
});

function load(over: Partial<LoadClientOptions> = {}, creds: { clientId: string; clientSecret: string } = DEMO) {
  const api = createSellsyApi({
    apiUrl: sellsy.apiUrl,
    tokenUrl: sellsy.tokenUrl,
    auth: { kind: 'client-credentials', ...creds },
    onWarning: () => undefined,
  });
  return loadClient(api, { ref: { kind: 'company', id: LARGE_CLIENT_ID }, today: TODAY, sourceModeSetting: 'auto', ...over }).then((r) => ({
    r,
    api,
  }));
}
async function loadData(over: Partial<LoadClientOptions> = {}, creds: { clientId: string; clientSecret: string } = DEMO): Promise<ClientData> {
  const { r } = await load(over, creds);
  if (r.status !== 'client') throw new Error(`expected a client, got ${r.status}`);
  return r.data;
}
const db = () => sellsy.db.accounts.invoicing;
const relatedTo = (doc: Obj, type: string, id: number) => (doc.related as Obj[]).some((r) => r.type === type && r.id === id);
const logged = (pathPart: string) => sellsy.log.filter((e) => e.path.includes(pathPart));
const detailsFetched = () => logged('/batch').reduce((s, e) => s + (e.subRequests ?? 0), 0);
const freshStore = (): ResumeStore => openStore({ indexedDB: new IDBFactory(), IDBKeyRange, name: 'fake-test' });

describe('loadClient against the local Sellsy', () => {
  beforeAll(fast);

  it('pages through the large client’s 450+ invoices with limit=100 and keeps exactly that client’s documents', async () => {
    const data = await loadData();
    const expected = db()
      .invoices.filter((i) => relatedTo(i, 'company', LARGE_CLIENT_ID))
      .map((i) => i.id)
      .sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(400);
    expect(data.invoices!.map((i) => i.id).sort((a, b) => a - b)).toEqual(expected);
    const pages = logged('/invoices/search');
    expect(pages).toHaveLength(Math.floor(expected.length / 100) + 1);
    for (const p of pages) {
      expect(p.query.limit).toBe('100');
      expect(p.body).toEqual({ filters: { related_objects: [{ type: 'company', id: LARGE_CLIENT_ID }] } }); // no status filter
    }
    // Rows only of counted invoices dated in the window (credit notes are not purchases), all through POST /batch.
    const counted = db().invoices.filter(
      (i) =>
        relatedTo(i, 'company', LARGE_CLIENT_ID) &&
        ['due', 'payinprogress', 'paid', 'late'].includes(i.status) &&
        i.date >= '2024-01-01' &&
        i.date <= TODAY,
    );
    const countedCn = db().creditNotes.filter(
      (c) =>
        relatedTo(c, 'company', LARGE_CLIENT_ID) &&
        ['stored', 'partialspend', 'spent'].includes(c.status) &&
        c.date >= '2024-01-01' &&
        c.date <= TODAY,
    );
    expect(countedCn.length).toBeGreaterThan(0);
    expect(Object.keys(data.rows).sort()).toEqual(counted.map((i) => `invoice:${i.id}`).sort());
    expect(logged('/credit-notes/').filter((e) => e.method === 'GET')).toHaveLength(0);
    expect(logged('/invoices/').filter((e) => e.method === 'GET')).toHaveLength(0);
    // Document rows come one sub-request each; the catalogue (under 100 items) in one listing, not one call per item.
    expect(detailsFetched()).toBe(counted.length);
    expect(logged('/items/search')).toHaveLength(1);
    expect(Object.keys(data.items).length).toBeGreaterThan(1);
    expect(data).toMatchObject({
      accountId: '90001',
      sourceMode: 'invoicing',
      sourceModeReason: 'licence',
      defaultCurrency: 'EUR',
      staffLanguage: 'fr',
    });
    expect(data.warnings).toEqual([]);
    const rowsOfOne = data.rows[`invoice:${counted[0]!.id}`]!;
    expect(rowsOfOne.length).toBeGreaterThan(0);
    for (const row of Object.values(data.rows).flat()) {
      if (row!.type === 'catalog') expect(data.items[row!.related.id]?.name).toBeTruthy();
    }
  });

  it('costs the fewest quota units the limits allow: a page per started hundred of each list, a detail per counted purchase', async () => {
    const data = await loadData();
    const units = sellsy.log.reduce((n, e) => n + (e.subRequests ?? 1), 0);
    const pages = COLLECTIONS.reduce((n, c) => n + Math.floor(data[c.key]!.length / 100) + 1, 0);
    const cataloguePages = Math.ceil(db().items.length / 100);
    // token + the record + staffs/me (its preferences give the currency: no /currencies) + lists + details + catalogue
    expect(units).toBe(1 + 2 + pages + Object.keys(data.rows).length + cataloguePages);
    expect(units).toBe(271); // the bench's cold figure for this client (README)
    expect(logged('/currencies')).toHaveLength(0);
  });

  it('never lets another client’s documents in', async () => {
    const data = await loadData();
    const docs: Obj[] = [...data.invoices!, ...data.creditNotes!, ...data.estimates];
    expect(docs.every((d) => relatedTo(d, 'company', LARGE_CLIENT_ID))).toBe(true);
    const others = new Set([...db().invoices, ...db().estimates].filter((d) => relatedTo(d, 'company', OTHER_CLIENT_ID)).map((d) => d.id));
    expect(others.size).toBeGreaterThan(0);
    expect([...data.invoices!, ...data.estimates].some((d) => others.has(d.id))).toBe(false);
    expect(data.payments!.every((p) => p.related.id === LARGE_CLIENT_ID && p.related.type === 'company')).toBe(true);
    for (const a of [...data.comments, ...data.tasks, ...data.phoneCalls, ...data.calendarEvents, ...data.opportunities]) {
      expect(a.company_id === LARGE_CLIENT_ID || relatedTo(a, 'company', LARGE_CLIENT_ID)).toBe(true);
    }
  });

  it('gives exactly the same ClientData when 10 % of answers are 5xx and some bodies are cut', async () => {
    const clean = await loadData();
    Object.assign(sellsy.options, { errorRate: 0.1, cutBodyRate: 0.03 });
    const { r, api } = await load();
    expect(r.status === 'client' && r.data).toEqual(clean);
    expect(api.stats().retries).toBeGreaterThan(0);
    expect(sellsy.log.some((e) => e.status >= 500)).toBe(true);
  });

  it('renews a token that expires mid-load and still gives the same data', async () => {
    const clean = await loadData();
    sellsy.resetLog();
    let expired = false;
    const data = await loadData({
      onProgress: (p) => {
        if (p.phase === 'documents' && !expired) {
          expired = true;
          sellsy.expireTokens();
        }
      },
    });
    expect(data).toEqual(clean);
    expect(logged('/oauth2/access-tokens')).toHaveLength(2);
    expect(sellsy.log.filter((e) => e.status === 401).length).toBeGreaterThan(0);
  });

  it('loads the sales-only account in sales mode without touching invoices', async () => {
    const data = await loadData({}, DEMO_SALES);
    expect(data).toMatchObject({
      accountId: '90002',
      sourceMode: 'sales',
      sourceModeReason: 'no-licence',
      invoices: null,
      creditNotes: null,
      payments: null,
    });
    expect(data.estimates.length).toBeGreaterThan(0);
    expect(logged('/invoices').concat(logged('/credit-notes'), logged('/payments'))).toHaveLength(0);
    expect(Object.keys(data.rows).every((k) => k.startsWith('estimate:'))).toBe(true);
  });

  it('falls back to sales mode when the invoicing account’s invoices answer 403', async () => {
    sellsy.options.forbidInvoices = true;
    const data = await loadData();
    expect(data).toMatchObject({ sourceMode: 'sales', sourceModeReason: 'invoices-forbidden', invoices: null, payments: null });
    expect(logged('/invoices/search')[0]!.status).toBe(403);
  });

  it('keeps an invoice with an unknown status as is and fetches no rows for it', async () => {
    const inv = db().invoices.find((i) => relatedTo(i, 'company', LARGE_CLIENT_ID) && i.status === 'paid' && i.date >= '2025-01-01')!;
    inv.status = 'scheduled';
    try {
      const data = await loadData();
      expect(data.invoices!.find((i) => i.id === inv.id)?.status).toBe('scheduled');
      expect(data.rows[`invoice:${inv.id}`]).toBeUndefined();
    } finally {
      inv.status = 'paid';
    }
  });

  it('leaves out an invoice with a malformed amount, naming it in the warnings', async () => {
    const inv = db().invoices.find((i) => relatedTo(i, 'company', LARGE_CLIENT_ID) && i.status === 'due')!;
    const before = inv.amounts.total_excl_tax;
    inv.amounts.total_excl_tax = '1e309';
    try {
      const data = await loadData();
      expect(data.invoices!.some((i) => i.id === inv.id)).toBe(false);
      expect(data.warnings).toEqual([
        {
          code: 'malformed',
          recordType: 'invoice',
          id: inv.id,
          number: inv.number,
          field: 'amounts.total_excl_tax',
          value: '"1e309"',
          expected: 'decimal',
          orNull: false,
        },
      ]);
      expect(data.rows[`invoice:${inv.id}`]).toBeUndefined();
    } finally {
      inv.amounts.total_excl_tax = before;
    }
  });

  it('stops after the record and staffs/me for a prospect', async () => {
    const { r } = await load({ ref: { kind: 'company', id: PROSPECT_ID } });
    expect(r).toMatchObject({ status: 'not-client', thirdType: 'prospect', client: { kind: 'company', id: PROSPECT_ID }, accountId: '90001' });
    expect(sellsy.log.map((e) => e.path).sort()).toEqual(['/oauth2/access-tokens', `/v2/companies/${PROSPECT_ID}`, '/v2/staffs/me']);
  });

  it('loads an individual when the kind is unknown', async () => {
    const data = await loadData({ ref: { kind: 'unknown', id: INDIVIDUAL_CLIENT_ID } });
    expect(data.client).toMatchObject({ kind: 'individual', id: INDIVIDUAL_CLIENT_ID, thirdType: 'client' });
    expect(data.invoices!.length).toBeGreaterThan(0);
    expect(data.invoices!.every((i) => relatedTo(i, 'individual', INDIVIDUAL_CLIENT_ID))).toBe(true);
    expect(logged('/comments/search')[0]!.body).toMatchObject({ filters: { individuals: [INDIVIDUAL_CLIENT_ID] } });
  });

  it('keeps to a 5 req/s quota with at most a couple of 429s and the same data', async () => {
    const ref = { kind: 'individual' as const, id: INDIVIDUAL_CLIENT_ID };
    const clean = await loadData({ ref });
    Object.assign(sellsy.options, { perSecondQuota: 5, latencyMs: 20, retryAfter: true });
    // Start in a fresh second of the fake's quota window.
    await new Promise((r) => setTimeout(r, 1000));
    sellsy.resetLog();
    const { r, api } = await load({ ref });
    expect(r.status === 'client' && r.data).toEqual(clean);
    expect(api.stats().quota429).toBeLessThanOrEqual(2);
    expect(sellsy.log.filter((e) => e.status === 429).length).toBeLessThanOrEqual(2);
  });

  describe('with the cache', () => {
    it('a refresh with nothing new fetches no detail again; five new invoices cost exactly five details', async () => {
      const store = freshStore();
      try {
        const cold = await loadData({ store });
        expect(detailsFetched()).toBeGreaterThan(200);
        sellsy.resetLog();

        const warm = await loadData({ store });
        expect(warm).toEqual(cold);
        expect(logged('/batch')).toHaveLength(0);

        const template = db().invoices.find((i) => relatedTo(i, 'company', LARGE_CLIENT_ID) && i.status === 'paid' && i.date >= '2026-01-01')!;
        const maxId = Math.max(...db().invoices.map((i) => i.id));
        const added = [1, 2, 3, 4, 5].map((k) => ({
          ...structuredClone(template),
          id: maxId + k,
          number: `FAC-NEW-${k}`,
          status: 'due',
          date: `2026-11-2${k}`,
        }));
        db().invoices.push(...added);
        try {
          sellsy.resetLog();
          const after = await loadData({ store });
          expect(detailsFetched()).toBe(5);
          expect(after.invoices!.length).toBe(cold.invoices!.length + 5);
          for (const a of added) expect(after.rows[`invoice:${a.id}`]).toEqual(template.rows);
        } finally {
          db().invoices.splice(db().invoices.length - 5, 5);
        }
      } finally {
        store.close();
      }
    });
  });
});
