// latestChangeAt against the local Sellsy: the newest created record among the client's documents and
// activities, one request per collection, and the newest only (a later one for another client is ignored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { latestChangeAt, latestChangeRequests } from '../../../lib/sellsy/latest-change';
import { DEMO, EMPTY_CLIENT_ID, LARGE_CLIENT_ID, OTHER_CLIENT_ID } from '../../sellsy/demo';
import { type FakeSellsy, startSellsy } from '../../sellsy/server';

const TODAY = '2026-11-29';
type Obj = Record<string, any>;
let sellsy: FakeSellsy;

beforeAll(async () => {
  sellsy = await startSellsy({ today: TODAY, perSecondQuota: 5000, perMinuteQuota: 100_000 });
});
afterAll(async () => {
  await sellsy?.close();
});

const newApi = () => createSellsyApi({ apiUrl: sellsy.apiUrl, tokenUrl: sellsy.tokenUrl, auth: { kind: 'client-credentials', ...DEMO } });
const searches = () => sellsy.log.filter((e) => e.path.endsWith('/search')).map((e) => e.path.replace(/^\/v2\//, ''));

/** The newest `created` of the demo's records of that client, computed from the seed directly. */
function newestInSeed(clientId: number): string | null {
  const acc = sellsy.db.accounts.invoicing as unknown as Record<string, Obj[]>;
  const mine = (o: Obj) => (o.related as { id: number }[] | undefined)?.some((r) => r.id === clientId) || o.company_id === clientId;
  let best: number | null = null;
  for (const key of ['invoices', 'creditNotes', 'estimates', 'opportunities', 'comments', 'tasks', 'phoneCalls', 'calendarEvents']) {
    for (const o of acc[key] ?? []) {
      if (!mine(o) || typeof o.created !== 'string') continue;
      const t = Date.parse(o.created);
      if (!Number.isNaN(t) && (best === null || t > best)) best = t;
    }
  }
  return best === null ? null : new Date(best).toISOString();
}

describe('latestChangeAt (local Sellsy)', () => {
  it('finds the newest created record of the client, one request per collection', async () => {
    const api = newApi();
    sellsy.resetLog();
    const at = await latestChangeAt(api, { client: { kind: 'company', id: LARGE_CLIENT_ID }, sourceMode: 'invoicing' });
    expect(at).not.toBeNull();
    expect(at).toBe(newestInSeed(LARGE_CLIENT_ID));
    expect(searches()).toHaveLength(latestChangeRequests('invoicing'));
    expect(latestChangeRequests('invoicing')).toBe(8);
    expect(latestChangeRequests('sales')).toBe(6);
  });

  it('sees a comment added after, and not one added to another client', async () => {
    const api = newApi();
    const acc = sellsy.db.accounts.invoicing;
    const before = await latestChangeAt(api, { client: { kind: 'company', id: LARGE_CLIENT_ID }, sourceMode: 'invoicing' });
    const template = acc.comments.find((c) => c.company_id === LARGE_CLIENT_ID)!;
    let maxId = Math.max(...acc.comments.map((c) => c.id as number));
    // Another client's newer comment: not ours.
    acc.comments.push({
      ...structuredClone(template),
      id: ++maxId,
      company_id: OTHER_CLIENT_ID,
      related: [{ id: OTHER_CLIENT_ID, type: 'company' }],
      created: '2030-01-01T10:00:00+01:00',
    });
    expect(await latestChangeAt(api, { client: { kind: 'company', id: LARGE_CLIENT_ID }, sourceMode: 'invoicing' })).toBe(before);
    acc.comments.push({ ...structuredClone(template), id: ++maxId, created: '2029-06-01T08:30:00+02:00' });
    expect(await latestChangeAt(api, { client: { kind: 'company', id: LARGE_CLIENT_ID }, sourceMode: 'invoicing' })).toBe('2029-06-01T06:30:00.000Z');
  });

  it('sales mode leaves the invoicing collections alone; a client with nothing gives null', async () => {
    const api = newApi();
    sellsy.resetLog();
    expect(await latestChangeAt(api, { client: { kind: 'company', id: EMPTY_CLIENT_ID }, sourceMode: 'sales' })).toBeNull();
    const paths = searches();
    expect(paths).toHaveLength(6);
    expect(paths.some((p) => p.startsWith('invoices') || p.startsWith('credit-notes'))).toBe(false);
  });
});
