// loadClient against a hand-written stub (the cases the shared fake does not stage on its own).
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../../lib/client/collections';
import { searchFilter } from '../../../lib/client/search-filters';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { loadClient } from '../../../lib/sellsy/load-client';
import { createScheduler } from '../../../lib/sellsy/scheduler';
import { json, stubFetch, VirtualClock } from './helpers';

type Route = (body: unknown, url: URL) => Response;

function stubSellsy(routes: Record<string, Route>) {
  const clock = new VirtualClock();
  const stub = stubFetch((call) => {
    const url = new URL(call.url);
    const key = `${call.method} ${url.pathname.replace(/^\/v2/, '')}`;
    const route = routes[key];
    if (!route) return json({ error: { code: 404, message: 'Not Found', context: null } }, 404);
    return route(call.body && call.headers['content-type'] === 'application/json' ? JSON.parse(call.body) : call.body, url);
  }, clock);
  const api = createSellsyApi({
    apiUrl: 'http://s.test/v2',
    auth: { kind: 'token', accessToken: 't' },
    fetch: stub.fetch,
    clock,
    scheduler: createScheduler({ clock }),
  });
  const paths = () => stub.calls.map((c) => `${c.method} ${new URL(c.url).pathname.replace(/^\/v2/, '')}`);
  return { api, stub, paths };
}

const list = (data: unknown[]) => () => json({ pagination: { limit: 100, count: data.length, total: data.length, offset: null }, data });
const staff = (licences: string[]) => () =>
  json({
    id: 11,
    firstname: 'A',
    lastname: 'B',
    email: 'a@b.c',
    language: 'fr',
    timezone: 'Europe/Paris',
    _embed: {
      licenses: licences.map((code, i) => ({ id: i, code, enabled: true })),
      account: { id: 555, name: 'Acme' },
      preferences: { currency: 'EUR' },
    },
  });
const estimate = (id: number, status: string, clientId: number, type = 'company') => ({
  id,
  number: `D-${id}`,
  status,
  date: '2026-05-01',
  expiry_date: null,
  created: '2026-05-01T10:00:00+02:00',
  currency: 'EUR',
  amounts: { total_excl_tax: '100.00', total: '120.00' },
  related: [{ id: clientId, type }],
});
const emptyActivity = {
  'POST /opportunities/search': list([]),
  'POST /comments/search': list([]),
  'POST /tasks/search': list([]),
  'POST /phone-calls/search': list([]),
  'POST /calendar-events/search': list([]),
};

describe('loadClient (stub)', () => {
  it('stops after the record and staffs/me for a prospect', async () => {
    const { api, paths } = stubSellsy({
      'GET /companies/5': () => json({ id: 5, type: 'prospect', name: 'Maybe Corp' }),
      'GET /staffs/me': staff(['pack_all_included']),
    });
    const progress: string[] = [];
    const res = await loadClient(api, {
      ref: { kind: 'company', id: 5 },
      today: '2026-11-29',
      sourceModeSetting: 'auto',
      onProgress: (p) => progress.push(p.phase),
    });
    expect(res).toEqual({
      status: 'not-client',
      thirdType: 'prospect',
      client: { kind: 'company', id: 5, name: 'Maybe Corp' },
      staffLanguage: 'fr',
      accountId: '555',
    });
    expect(paths().sort()).toEqual(['GET /companies/5', 'GET /staffs/me']);
    expect(progress.at(-1)).toBe('done');
  });

  it('falls back to the individual on a 404 when the kind is unknown, and filters by individual', async () => {
    const bodies: Record<string, unknown> = {};
    const record: Route = (b, u) => {
      bodies[u.pathname] = b;
      return list([])();
    };
    const { api, paths } = stubSellsy({
      'GET /individuals/9': () => json({ id: 9, type: 'client', first_name: 'Ana', last_name: 'Lima' }),
      'GET /staffs/me': staff([]),
      'POST /estimates/search': (b, u) => {
        bodies[u.pathname] = b;
        return list([estimate(1, 'accepted', 9, 'individual'), estimate(2, 'accepted', 9, 'company')])();
      },
      'POST /opportunities/search': record,
      'POST /comments/search': record,
      'POST /tasks/search': record,
      'POST /phone-calls/search': record,
      'POST /calendar-events/search': record,
      'POST /batch': () => json({ error: false, responses: [{ code: 200, response: { id: 1, rows: [] } }] }, 207),
    });
    const res = await loadClient(api, { ref: { kind: 'unknown', id: 9 }, today: '2026-11-29', sourceModeSetting: 'auto' });
    if (res.status !== 'client') throw new Error('expected a client');
    expect(paths().slice(0, 3).sort()).toEqual(['GET /companies/9', 'GET /individuals/9', 'GET /staffs/me']);
    expect(res.data.client).toEqual({ kind: 'individual', id: 9, name: 'Ana Lima', thirdType: 'client' });
    expect(res.data.sourceMode).toBe('sales');
    expect(res.data.sourceModeReason).toBe('no-licence');
    expect(res.data.invoices).toBeNull();
    // Estimate 2 names company 9, not individual 9: left out.
    expect(res.data.estimates.map((e) => e.id)).toEqual([1]);
    expect(res.data.warnings).toContainEqual({ code: 'other-client', recordType: 'estimate', count: 1 });
    expect(bodies['/v2/estimates/search']).toEqual({ filters: { related_objects: [{ type: 'individual', id: 9 }] } });
    expect(bodies['/v2/comments/search']).toEqual({ filters: { individuals: [9], created: { start: '2026-05-26T00:00:00+00:00' } } });
    expect(paths()).not.toContain('POST /invoices/search');
  });

  it('switches to sales mode when invoices answer 403 in auto mode, whatever the licence says', async () => {
    const forbidden = () => json({ error: { code: 403, message: 'Forbidden', context: null } }, 403);
    const { api } = stubSellsy({
      'GET /companies/7': () => json({ id: 7, type: 'client', name: 'Acme' }),
      'GET /staffs/me': staff(['pack_invoicing_management']),
      'POST /invoices/search': forbidden,
      'POST /credit-notes/search': forbidden,
      'POST /payments/search': forbidden,
      'POST /estimates/search': list([estimate(1, 'accepted', 7), estimate(2, 'draft', 7), estimate(3, 'weird-new-status', 7)]),
      ...emptyActivity,
      'POST /batch': () => json({ error: false, responses: [{ code: 200, response: { id: 1, rows: [] } }] }, 207),
    });
    const res = await loadClient(api, { ref: { kind: 'company', id: 7 }, today: '2026-11-29', sourceModeSetting: 'auto' });
    if (res.status !== 'client') throw new Error('expected a client');
    expect(res.data).toMatchObject({
      sourceMode: 'sales',
      sourceModeReason: 'invoices-forbidden',
      invoices: null,
      creditNotes: null,
      payments: null,
    });
    expect(res.data.estimates.map((e) => e.status)).toEqual(['accepted', 'draft', 'weird-new-status']);
    // Only the counted estimate's detail is fetched.
    expect(Object.keys(res.data.rows)).toEqual(['estimate:1']);
  });

  it('a forced invoicing setting does not hide a 403', async () => {
    const forbidden = () => json({ error: { code: 403, message: 'Forbidden', context: null } }, 403);
    const { api } = stubSellsy({
      'GET /companies/7': () => json({ id: 7, type: 'client', name: 'Acme' }),
      'GET /staffs/me': staff([]),
      'POST /invoices/search': forbidden,
      'POST /credit-notes/search': forbidden,
      'POST /payments/search': forbidden,
      'POST /estimates/search': list([]),
      ...emptyActivity,
    });
    await expect(loadClient(api, { ref: { kind: 'company', id: 7 }, today: '2026-11-29', sourceModeSetting: 'invoicing' })).rejects.toMatchObject({
      kind: 'forbidden',
      status: 403,
    });
  });

  it('searches each collection of the table once, with its filter and its fields', async () => {
    const searched: { path: string; body: unknown; fields: string[] }[] = [];
    const record: Route = (b, u) => {
      searched.push({ path: u.pathname, body: b, fields: u.searchParams.getAll('field[]') });
      return list([])();
    };
    const { api } = stubSellsy({
      'GET /companies/7': () => json({ id: 7, type: 'client', name: 'Acme' }),
      'GET /staffs/me': staff(['pack_all_included']),
      ...Object.fromEntries(COLLECTIONS.map((c) => [`POST /${c.resource}/search`, record])),
    });
    const res = await loadClient(api, { ref: { kind: 'company', id: 7 }, today: '2026-11-29', sourceModeSetting: 'auto' });
    expect(res.status).toBe('client');
    expect(searched).toEqual(
      COLLECTIONS.map((c) => ({
        path: `/v2/${c.resource}/search`,
        body: { filters: searchFilter(c, { kind: 'company', id: 7 }, '2026-11-29') },
        fields: [...c.fields],
      })),
    );
  });

  it('leaves out a payment of another client and says so with a code', async () => {
    const payment = (id: number, clientId: number) => ({
      id,
      number: `P-${id}`,
      paid_at: '2026-03-01T10:00:00+01:00',
      status: 'confirmed',
      type: 'credit',
      amounts: { total: '120.00', remaining: '0.00' },
      currency: 'EUR',
      related: { id: clientId, type: 'company' },
      related_objects: [{ id: 1, type: 'invoice', amount_linked: '120.00', linked_date: '2026-03-01' }],
    });
    const { api } = stubSellsy({
      'GET /companies/7': () => json({ id: 7, type: 'client', name: 'Acme' }),
      'GET /staffs/me': staff(['pack_all_included']),
      'POST /invoices/search': list([]),
      'POST /credit-notes/search': list([]),
      'POST /payments/search': list([payment(1, 7), payment(2, 8), payment(3, 7)]),
      'POST /estimates/search': list([]),
      ...emptyActivity,
    });
    const res = await loadClient(api, { ref: { kind: 'company', id: 7 }, today: '2026-11-29', sourceModeSetting: 'auto' });
    if (res.status !== 'client') throw new Error('expected a client');
    expect(res.data.payments!.map((p) => p.id)).toEqual([1, 3]);
    expect(res.data.warnings).toEqual([{ code: 'other-client', recordType: 'payment', count: 1 }]);
  });

  it('falls back to sales mode only when the invoices list itself is refused, not a later one', async () => {
    const forbidden = () => json({ error: { code: 403, message: 'Forbidden', context: null } }, 403);
    const { api } = stubSellsy({
      'GET /companies/7': () => json({ id: 7, type: 'client', name: 'Acme' }),
      'GET /staffs/me': staff(['pack_all_included']),
      'POST /invoices/search': list([]),
      'POST /credit-notes/search': forbidden,
      'POST /payments/search': list([]),
      'POST /estimates/search': list([]),
      ...emptyActivity,
    });
    await expect(loadClient(api, { ref: { kind: 'company', id: 7 }, today: '2026-11-29', sourceModeSetting: 'auto' })).rejects.toMatchObject({
      kind: 'forbidden',
      status: 403,
    });
  });

  it('names an unreadable detail and a detail without rows in the warnings, and keeps the other rows', async () => {
    const { api } = stubSellsy({
      'GET /individuals/9': () => json({ id: 9, type: 'client', first_name: 'Ana', last_name: 'Lima' }),
      'GET /staffs/me': staff([]),
      'POST /estimates/search': list([
        estimate(1, 'accepted', 9, 'individual'),
        estimate(2, 'accepted', 9, 'individual'),
        estimate(3, 'accepted', 9, 'individual'),
      ]),
      ...emptyActivity,
      // Answered per sub-request, in the order asked: estimate 1 has rows, 2 is gone, 3 has no rows list.
      'POST /batch': (body) => {
        const answers: Record<string, unknown> = {
          '/estimates/1': { code: 200, response: { id: 1, rows: [] } },
          '/estimates/2': { code: 404, response: { error: { code: 404, message: 'Not Found', context: null } } },
          '/estimates/3': { code: 200, response: { id: 3 } },
        };
        const uris = String(body)
          .split('\n')
          .map((l) => /"uri"\s*:\s*"([^"]+)"/.exec(l)?.[1])
          .filter((u): u is string => !!u);
        return json({ error: false, responses: uris.map((u) => answers[u]) }, 207);
      },
    });
    const res = await loadClient(api, { ref: { kind: 'individual', id: 9 }, today: '2026-11-29', sourceModeSetting: 'auto' });
    if (res.status !== 'client') throw new Error('expected a client');
    expect(Object.keys(res.data.rows)).toEqual(['estimate:1']);
    // Details are read newest first (same date here: the largest id first), and warned in that order.
    expect(res.data.warnings).toEqual([
      { code: 'no-rows', doc: { type: 'estimate', id: 3, number: 'D-3' }, value: null },
      { code: 'detail-unreadable', doc: { type: 'estimate', id: 2, number: 'D-2' }, cause: 'not-found' },
    ]);
  });

  it('rejects a bad today or id before any request', async () => {
    const { api, stub } = stubSellsy({});
    await expect(loadClient(api, { ref: { kind: 'company', id: 7 }, today: '29/11/2026', sourceModeSetting: 'auto' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(loadClient(api, { ref: { kind: 'company', id: -1 }, today: '2026-11-29', sourceModeSetting: 'auto' })).rejects.toThrow(
      /positive integer/,
    );
    expect(stub.calls).toHaveLength(0);
  });
});
