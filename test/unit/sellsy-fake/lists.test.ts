// Pagination, order, filters and projection of the local Sellsy's lists and searches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COLLIDING_CONTACT_ID,
  EMPTY_CLIENT_ID,
  INDIVIDUAL_CLIENT_ID,
  LARGE_CLIENT_CONTACT_ID,
  LARGE_CLIENT_ID,
  OTHER_CLIENT_ID,
  PROSPECT_ID,
} from '../../sellsy/demo';
import type { FakeSellsy } from '../../sellsy/server';
import { call, start, token } from './helpers';

let s: FakeSellsy;
let tok: string;
beforeAll(async () => {
  s = await start({ perSecondQuota: 1e6, perMinuteQuota: 1e7 });
  tok = await token(s);
});
afterAll(() => s.close());

const large = { filters: { related_objects: [{ type: 'company', id: LARGE_CLIENT_ID }] } };

describe('pagination', () => {
  it('walks every page with the seek cursor, and gets the same as with numeric offsets', async () => {
    const bySeek: number[] = [];
    let offset: string | null = null;
    let pages = 0;
    for (;;) {
      const r: any = await call(
        s,
        tok,
        'POST',
        `/invoices/search?limit=100&order=date&direction=desc${offset ? `&offset=${encodeURIComponent(offset)}` : ''}`,
        large,
      );
      expect(r.status).toBe(200);
      pages += 1;
      bySeek.push(...r.body.data.map((d: any) => d.id));
      expect(r.body.pagination.count).toBe(r.body.data.length);
      expect(typeof r.body.pagination.offset).toBe('string');
      if (r.body.data.length < 100) break;
      offset = r.body.pagination.offset;
    }
    const byNumber: number[] = [];
    for (let start = 0; ; start += 100) {
      const r = await call(s, tok, 'POST', `/invoices/search?limit=100&order=date&direction=desc&offset=${start}`, large);
      expect(r.body.pagination.offset).toBe(start);
      byNumber.push(...r.body.data.map((d: any) => d.id));
      if (r.body.data.length < 100) break;
    }
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(byNumber).toEqual(bySeek);
    expect(new Set(bySeek).size).toBe(bySeek.length);
    const total = (await call(s, tok, 'POST', '/invoices/search?limit=1', large)).body.pagination.total;
    expect(bySeek.length).toBe(total);
    expect(total).toBeGreaterThanOrEqual(400);
  });

  it('uses base64 of ["<last id>"] as the cursor, limit 25 by default', async () => {
    const r = await call(s, tok, 'GET', '/invoices');
    expect(r.body.data).toHaveLength(25);
    expect(r.body.pagination).toMatchObject({ limit: 25, count: 25 });
    const last = r.body.data[24].id;
    expect(JSON.parse(Buffer.from(r.body.pagination.offset, 'base64').toString())).toEqual([String(last)]);
    const next = await call(s, tok, 'GET', `/invoices?offset=${r.body.pagination.offset}`);
    expect(next.body.data[0].id).toBeGreaterThan(last);
  });

  it('orders by date desc then id, and by amount', async () => {
    const r = await call(s, tok, 'POST', '/invoices/search?limit=100&order=date&direction=desc', large);
    const dates = r.body.data.map((d: any) => d.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    const a = await call(s, tok, 'POST', '/invoices/search?limit=100&order=amount&direction=asc', large);
    const amounts = a.body.data.map((d: any) => Number(d.amounts.total_excl_tax));
    expect([...amounts].sort((x, y) => x - y)).toEqual(amounts);
  });

  it('answers 400 with the error body for limit 101, limit 0, a bad cursor, a bad order or direction', async () => {
    for (const q of ['limit=101', 'limit=0', 'limit=abc', 'offset=bm90IGEgY3Vyc29y', 'order=colour', 'direction=up']) {
      const r = await call(s, tok, 'GET', `/invoices?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error).toMatchObject({ code: 400, message: expect.any(String) });
    }
    expect((await call(s, tok, 'GET', '/invoices?limit=100')).status).toBe(200);
  });

  it('gives an empty page with a string offset past the end', async () => {
    const r = await call(s, tok, 'POST', '/invoices/search', { filters: { related_objects: [{ type: 'company', id: EMPTY_CLIENT_ID }] } });
    expect(r.body).toEqual({ data: [], pagination: { limit: 25, count: 0, total: 0, offset: '' } });
  });
});

describe('filters', () => {
  it("related_objects keeps the client's documents only, even when another client's document names one of its contacts", async () => {
    for (const resource of ['invoices', 'credit-notes', 'estimates', 'orders', 'payments', 'opportunities']) {
      const r = await call(s, tok, 'POST', `/${resource}/search?limit=100`, {
        filters: { related_objects: [{ type: 'company', id: OTHER_CLIENT_ID }] },
      });
      expect(r.status, resource).toBe(200);
      expect(r.body.data.length, resource).toBeGreaterThan(0);
      for (const d of r.body.data) {
        const rel = resource === 'payments' ? [d.related] : d.related;
        expect(rel, resource).toContainEqual({ id: OTHER_CLIENT_ID, type: 'company' });
        expect(rel).not.toContainEqual({ id: LARGE_CLIENT_ID, type: 'company' });
      }
    }
    // Documents of the other client that name the large client's contact, or a contact whose id is the large client's.
    const db = s.db.accounts.invoicing;
    const tricky = db.invoices.filter(
      (i) =>
        i.related.some((r: any) => r.type === 'contact' && (r.id === LARGE_CLIENT_CONTACT_ID || r.id === COLLIDING_CONTACT_ID)) &&
        i.related.some((r: any) => r.id === OTHER_CLIENT_ID),
    );
    expect(tricky.length).toBeGreaterThan(0);
    const all = [];
    let offset = 0;
    for (;;) {
      const r = await call(s, tok, 'POST', `/invoices/search?limit=100&offset=${offset}`, large);
      all.push(...r.body.data);
      if (r.body.data.length < 100) break;
      offset += 100;
    }
    const ids = new Set(all.map((d) => d.id));
    for (const t of tricky) expect(ids.has(t.id)).toBe(false);
    for (const d of all) expect(d.related).toContainEqual({ id: LARGE_CLIENT_ID, type: 'company' });
  });

  it('an individual id is not a company id', async () => {
    const r = await call(s, tok, 'POST', '/invoices/search', { filters: { related_objects: [{ type: 'company', id: INDIVIDUAL_CLIENT_ID }] } });
    expect(r.body.data).toEqual([]);
    const i = await call(s, tok, 'POST', '/invoices/search', { filters: { related_objects: [{ type: 'individual', id: INDIVIDUAL_CLIENT_ID }] } });
    expect(i.body.data.length).toBeGreaterThan(0);
  });

  it('companies / individuals on activities', async () => {
    for (const r of ['comments', 'tasks', 'phone-calls', 'calendar-events']) {
      const a = await call(s, tok, 'POST', `/${r}/search?limit=100`, { filters: { companies: [LARGE_CLIENT_ID] } });
      expect(a.body.data.length, r).toBeGreaterThan(0);
      for (const x of a.body.data) expect(x.company_id).toBe(LARGE_CLIENT_ID);
      const none = await call(s, tok, 'POST', `/${r}/search`, { filters: { companies: [EMPTY_CLIENT_ID] } });
      expect(none.body.data).toEqual([]);
    }
    const p = await call(s, tok, 'POST', '/comments/search', { filters: { companies: [PROSPECT_ID] } });
    expect(p.body.data).toHaveLength(1);
  });

  it('status / statuses arrays, date and created ranges, item ids', async () => {
    const st = await call(s, tok, 'POST', '/invoices/search?limit=100', { filters: { ...large.filters, status: ['late', 'due'] } });
    expect(st.body.data.length).toBeGreaterThan(0);
    for (const d of st.body.data) expect(['late', 'due']).toContain(d.status);
    const op = await call(s, tok, 'POST', '/opportunities/search', { filters: { statuses: ['won'] } });
    for (const d of op.body.data) expect(d.status).toBe('won');
    const tk = await call(s, tok, 'POST', '/tasks/search?limit=100', { filters: { statuses: ['todo'] } });
    expect(tk.body.data.every((t: any) => t.status === 'todo')).toBe(true);
    const dr = await call(s, tok, 'POST', '/invoices/search?limit=100', {
      filters: { ...large.filters, date: { start: '2025-01-01', end: '2025-03-31' } },
    });
    expect(dr.body.data.length).toBeGreaterThan(5);
    for (const d of dr.body.data) expect(d.date >= '2025-01-01' && d.date <= '2025-03-31').toBe(true);
    const cr = await call(s, tok, 'POST', '/estimates/search?limit=100', { filters: { created: { start: '2026-01-01T00:00:00+01:00' } } });
    for (const d of cr.body.data) expect(Date.parse(d.created)).toBeGreaterThanOrEqual(Date.parse('2026-01-01T00:00:00+01:00'));
    const items = await call(s, tok, 'POST', '/items/search', { filters: { id: [1001, 1005] } });
    expect(items.body.data.map((i: any) => i.id)).toEqual([1001, 1005]);
  });

  it('answers 400 for a missing or malformed filter', async () => {
    const cases: [string, unknown][] = [
      ['/invoices/search', {}],
      ['/invoices/search', { filters: [] }],
      ['/invoices/search', { filters: { related_objects: { type: 'company', id: 1 } } }],
      ['/invoices/search', { filters: { related_objects: [{ type: 'company', id: '48201' }] } }],
      ['/invoices/search', { filters: { related_objects: [{ type: 'contact', id: 1 }] } }],
      ['/invoices/search', { filters: { status: 'paid' } }],
      ['/invoices/search', { filters: { status: ['unpaid'] } }],
      ['/invoices/search', { filters: { date: { start: '2025-13-01' } } }],
      ['/invoices/search', { filters: { created: { start: '2025-01-01' } } }],
      ['/comments/search', { filters: { companies: ['x'] } }],
      ['/opportunities/search', { filters: { statuses: 'open' } }],
    ];
    for (const [path, body] of cases) {
      const r = await call(s, tok, 'POST', path, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe(400);
    }
    const raw = await fetch(`${s.apiUrl}/invoices/search`, { method: 'POST', headers: { authorization: `Bearer ${tok}` }, body: '{"filters":' });
    expect(raw.status).toBe(400);
    // Keys the spec does not define are tolerated.
    expect((await call(s, tok, 'POST', '/invoices/search', { filters: { colour: 'blue' } })).status).toBe(200);
  });
});

describe('projection, embeds, details', () => {
  it('field[] keeps the asked fields and id, nested paths included', async () => {
    const r = await call(s, tok, 'POST', '/invoices/search?limit=5&field[]=amounts.total_excl_tax&field[]=status', large);
    for (const d of r.body.data) {
      expect(Object.keys(d).sort()).toEqual(['amounts', 'id', 'status']);
      expect(Object.keys(d.amounts)).toEqual(['total_excl_tax']);
    }
    const c = await call(s, tok, 'GET', `/companies/${LARGE_CLIENT_ID}?field[]=name`);
    expect(c.body).toEqual({ id: LARGE_CLIENT_ID, name: 'Hôtellerie Durand & Fils' });
    const rows = await call(s, tok, 'GET', `/invoices/${r.body.data[0].id}?field[]=rows.amount_tax_exc`);
    expect(Object.keys(rows.body).sort()).toEqual(['id', 'rows']);
  });

  it('lists never carry rows; details do, and their rows add up', async () => {
    const list = await call(s, tok, 'POST', '/invoices/search?limit=100', large);
    for (const d of list.body.data) expect(d).not.toHaveProperty('rows');
    for (const d of list.body.data.slice(0, 20)) {
      const full = await call(s, tok, 'GET', `/invoices/${d.id}`);
      const priced = full.body.rows.filter((r: any) => 'amount_tax_exc' in r && !r.is_optional);
      const sum = priced.reduce((acc: bigint, r: any) => acc + BigInt(r.amount_tax_exc.replace('.', '')), 0n);
      expect(sum).toBe(BigInt(full.body.amounts.total_excl_tax.replace('.', '')));
    }
  });

  it('404 with the error body for absent objects, and for an individual asked as a company', async () => {
    for (const p of [
      `/companies/${INDIVIDUAL_CLIENT_ID}`,
      `/individuals/${LARGE_CLIENT_ID}`,
      '/invoices/1',
      '/items/99',
      '/estimates/abc',
      '/opportunities/pipelines/1/steps',
      '/nowhere',
    ]) {
      const r = await call(s, tok, 'GET', p);
      expect(r.status, p).toBe(404);
      expect(r.body.error).toMatchObject({ code: 404, message: expect.any(String) });
    }
  });

  it('company embeds give document counts', async () => {
    const r = await call(s, tok, 'GET', `/companies/${LARGE_CLIENT_ID}?embed[]=invoices&embed[]=estimates&embed[]=opportunities`);
    const db = s.db.accounts.invoicing;
    const mine = (l: any[]) => l.filter((d) => d.related.some((x: any) => x.type === 'company' && x.id === LARGE_CLIENT_ID)).length;
    expect(r.body._embed).toEqual({ invoices: mine(db.invoices), estimates: mine(db.estimates), opportunities: mine(db.opportunities) });
  });
});
