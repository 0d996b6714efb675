// POST /batch, the sales-only account, the request log, response headers and CORS, injected faults.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SALES, INDIVIDUAL_CLIENT_ID, LARGE_CLIENT_ID } from '../../sellsy/demo';
import type { FakeSellsy } from '../../sellsy/server';
import { call, start, token } from './helpers';

let s: FakeSellsy | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const line = (uri: string, query?: object) => `${JSON.stringify({ uri, method: 'GET', ...(query ? { query } : {}) })}\n{}\n`;

describe('POST /batch', () => {
  it('answers 207 with one response per sub-request, in order, as the bare detail objects', async () => {
    s = await start();
    const tok = await token(s);
    const inv = s.db.accounts.invoicing.invoices.slice(0, 3);
    const body = inv.map((i) => line(`/invoices/${i.id}`)).join('') + line('/invoices/1') + line('/comments', { limit: 2 }) + line('/v2/items/1001');
    const r = await call(s, tok, 'POST', '/batch', body, 'text/plain');
    expect(r.status).toBe(207);
    expect(r.body.error).toBe(false);
    expect(r.body.responses.map((x: any) => x.code)).toEqual([200, 200, 200, 404, 200, 200]);
    expect(r.body.responses.slice(0, 3).map((x: any) => x.response.id)).toEqual(inv.map((i) => i.id));
    expect(Array.isArray(r.body.responses[0].response.rows)).toBe(true);
    expect(r.body.responses[3].response.error.code).toBe(404);
    expect(r.body.responses[4].response.data).toHaveLength(2);
    expect(r.body.responses[5].response.id).toBe(1001);
    const entry = s.log.find((e) => e.path === '/v2/batch')!;
    expect(entry.subRequests).toBe(6);
    expect(entry.status).toBe(207);
  });

  it('answers 400 beyond batchMaxSize, for an odd number of lines, for lines that are not JSON', async () => {
    s = await start({ perSecondQuota: 1000, batchMaxSize: 3 });
    const tok = await token(s);
    const four = Array.from({ length: 4 }, () => line(`/companies/${LARGE_CLIENT_ID}`)).join('');
    for (const body of [four, `{"uri":"/items","method":"GET"}\n`, 'hello\n{}\n', '', '{"method":"GET"}\n{}\n']) {
      const r = await call(s, tok, 'POST', '/batch', body, 'text/plain');
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe(400);
    }
    s.options.batchMaxSize = 50;
    expect((await call(s, tok, 'POST', '/batch', four, 'text/plain')).status).toBe(207);
  });

  it('gives the sales-only account a 403 inside the batch for invoices', async () => {
    s = await start();
    const r = await call(s, await token(s, DEMO_SALES), 'POST', '/batch', line('/invoices/10001') + line('/estimates/30001'), 'text/plain');
    expect(r.body.responses.map((x: any) => x.code)).toEqual([403, 200]);
  });
});

describe('sales-only access', () => {
  it('answers 403 with the error body on every invoice, credit-note and payment endpoint', async () => {
    s = await start();
    const tok = await token(s, DEMO_SALES);
    expect(s.db.accounts.sales.invoices.length).toBeGreaterThan(0);
    for (const [m, p] of [
      ['GET', '/invoices'],
      ['POST', '/invoices/search'],
      ['GET', '/invoices/10001'],
      ['GET', '/credit-notes'],
      ['POST', '/credit-notes/search'],
      ['GET', '/payments'],
      ['POST', '/payments/search'],
    ] as const) {
      const r = await call(s, tok, m, p, m === 'POST' ? { filters: {} } : undefined);
      expect(r.status, p).toBe(403);
      expect(r.body.error).toMatchObject({ code: 403, message: expect.any(String) });
    }
    for (const p of ['/estimates', '/opportunities', '/comments', '/staffs/me']) expect((await call(s, tok, 'GET', p)).status).toBe(200);
    const me = await call(s, tok, 'GET', '/staffs/me?embed[]=licenses');
    expect(me.body._embed.licenses).toEqual([{ id: expect.any(String), code: 'pack_prospecting_sale', enabled: true }]);
    const c = await call(s, tok, 'GET', `/companies/${LARGE_CLIENT_ID}?embed[]=invoices`);
    expect(c.body._embed.invoices).toBeNull();
  });

  it('forbidInvoices applies the sales-only behaviour to the invoicing account too', async () => {
    s = await start();
    const tok = await token(s);
    expect((await call(s, tok, 'GET', '/invoices')).status).toBe(200);
    s.options.forbidInvoices = true;
    expect((await call(s, tok, 'GET', '/invoices')).status).toBe(403);
    expect((await call(s, tok, 'GET', '/estimates')).status).toBe(200);
  });
});

describe('request log and headers', () => {
  it('logs method, path, query, body, status and account of every request', async () => {
    s = await start();
    const tok = await token(s);
    await call(s, tok, 'POST', '/invoices/search?limit=2&embed[]=company&embed[]=individual', {
      filters: { related_objects: [{ type: 'individual', id: INDIVIDUAL_CLIENT_ID }] },
    });
    await call(s, await token(s, DEMO_SALES), 'GET', '/invoices');
    await fetch(`${s.apiUrl}/staffs/me`);
    const api = s.log.filter((e) => e.path.startsWith('/v2'));
    expect(api).toEqual([
      {
        at: expect.any(Number),
        answeredAt: expect.any(Number),
        method: 'POST',
        path: '/v2/invoices/search',
        query: { limit: '2', 'embed[]': ['company', 'individual'] },
        body: { filters: { related_objects: [{ type: 'individual', id: INDIVIDUAL_CLIENT_ID }] } },
        status: 200,
        account: 'invoicing',
      },
      { at: expect.any(Number), answeredAt: expect.any(Number), method: 'GET', path: '/v2/invoices', query: {}, status: 403, account: 'sales' },
      { at: expect.any(Number), answeredAt: expect.any(Number), method: 'GET', path: '/v2/staffs/me', query: {}, status: 401, account: null },
    ]);
    // When each answer left: after its arrival (the latency's second half in between).
    for (const e of api) expect(e.answeredAt!).toBeGreaterThanOrEqual(e.at);
    expect(s.log.filter((e) => e.path === '/oauth2/access-tokens')).toHaveLength(2);
    s.resetLog();
    expect(s.log).toEqual([]);
  });

  it('puts X-Request-Id, quota headers and CORS on API answers, errors, tokens and pages; answers preflights', async () => {
    s = await start();
    const tok = await token(s);
    const answers = [
      await fetch(`${s.apiUrl}/companies/${LARGE_CLIENT_ID}`, { headers: { authorization: `Bearer ${tok}` } }),
      await fetch(`${s.apiUrl}/companies/1`, { headers: { authorization: `Bearer ${tok}` } }),
      await fetch(`${s.apiUrl}/companies/1`),
      await fetch(s.tokenUrl, { method: 'POST', body: 'grant_type=client_credentials' }),
    ];
    const ids = new Set<string>();
    for (const r of answers) {
      ids.add(r.headers.get('x-request-id')!);
      for (const h of ['second', 'minute', 'day', 'month']) expect(r.headers.get(`x-quota-remaining-by-${h}`), h).toMatch(/^\d+$/);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(r.headers.get('access-control-expose-headers')).toBe('x-request-id');
      expect(r.headers.get('content-type')).toContain('application/json');
    }
    expect(ids.size).toBe(4);
    const pre = await fetch(`${s.apiUrl}/invoices/search`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://example.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('*');
    const page = await fetch(`${s.origin}/thirds/client/${LARGE_CLIENT_ID}`);
    expect(page.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('the db is live', () => {
  it('an object a test pushes (unknown status, malformed amount) is served at once, rows stripped from lists', async () => {
    s = await start();
    const tok = await token(s);
    const db = s.db.accounts.invoicing;
    const odd: Record<string, any> = {
      ...structuredClone(db.invoices[0]!),
      id: 99999,
      status: 'scheduled',
      amounts: { ...db.invoices[0]!.amounts, total_excl_tax: '12,50' },
    };
    db.invoices.push(odd);
    const r = await call(s, tok, 'POST', '/invoices/search?order=id&direction=desc&limit=1', {
      filters: { related_objects: [{ type: 'company', id: LARGE_CLIENT_ID }] },
    });
    expect(r.body.data[0]).toMatchObject({ id: 99999, status: 'scheduled', amounts: { total_excl_tax: '12,50' } });
    expect(r.body.data[0]).not.toHaveProperty('rows');
    expect((await call(s, tok, 'GET', '/invoices/99999')).body.rows).toEqual(odd.rows);
    db.invoices.pop();
    expect((await call(s, tok, 'GET', '/invoices/99999')).status).toBe(404);
  });
});

describe('faults', () => {
  it('errorRate 1 turns every API answer into a 500, 502 or 503 with the error body; 0 turns it off', async () => {
    s = await start({ errorRate: 1 });
    const tok = await token(s);
    const codes = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const r = await call(s, tok, 'GET', '/currencies');
      codes.add(r.status);
      expect(r.body.error.code).toBe(r.status);
    }
    expect([...codes].every((c) => [500, 502, 503].includes(c))).toBe(true);
    s.options.errorRate = 0;
    expect((await call(s, tok, 'GET', '/currencies')).status).toBe(200);
  });

  it('errorRate draws from a seeded PRNG: two servers fail the same requests', async () => {
    const run = async () => {
      const x = await start({ errorRate: 0.3, perSecondQuota: 1000 });
      const tok = await token(x);
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await call(x, tok, 'GET', '/currencies')).status);
      await x.close();
      return out;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(a.filter((c) => c === 200).length).toBeGreaterThan(5);
    expect(a.filter((c) => c >= 500).length).toBeGreaterThan(2);
  });

  it('cutBodyRate 1 cuts the body and destroys the socket', async () => {
    s = await start({ cutBodyRate: 1 });
    await expect(
      fetch(s.tokenUrl, { method: 'POST', body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret' }).then((r) =>
        r.text(),
      ),
    ).rejects.toThrow();
    s.options.cutBodyRate = 0;
    const tok = await token(s);
    s.options.cutBodyRate = 1;
    await expect(fetch(`${s.apiUrl}/invoices?limit=100`, { headers: { authorization: `Bearer ${tok}` } }).then((r) => r.json())).rejects.toThrow();
  });

  it('stallMs delays the answer (an aborting client gives up first)', async () => {
    s = await start({ stallMs: 5_000 });
    const tok = await token(s);
    await expect(
      fetch(`${s.apiUrl}/currencies`, { headers: { authorization: `Bearer ${tok}` }, signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    s.options.stallMs = 0;
    expect((await call(s, tok, 'GET', '/currencies')).status).toBe(200);
  });
});
