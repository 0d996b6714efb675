// Every endpoint the local Sellsy serves, asked for several seeded objects: each field it emits must exist in the
// real OpenAPI response schema of that endpoint, and enum fields must hold enum values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_SALES,
  EMPTY_CLIENT_ID,
  HOSTILE_CLIENT_ID,
  INDIVIDUAL_CLIENT_ID,
  LARGE_CLIENT_ID,
  OTHER_CLIENT_ID,
  PROSPECT_ID,
  SUPPLIER_ID,
} from '../../sellsy/demo';
import type { FakeSellsy } from '../../sellsy/server';
import { call, start, token } from './helpers';
import { check, responseSchema } from './openapi';

let s: FakeSellsy;
let tok: string;
let salesTok: string;
beforeAll(async () => {
  // The quota is not under test here.
  s = await start({ perSecondQuota: 1e6, perMinuteQuota: 1e7 });
  tok = await token(s);
  salesTok = await token(s, DEMO_SALES);
});
afterAll(() => s.close());

const COMPANIES = [LARGE_CLIENT_ID, PROSPECT_ID, SUPPLIER_ID, EMPTY_CLIENT_ID, HOSTILE_CLIENT_ID, OTHER_CLIENT_ID];

async function expectFits(method: 'GET' | 'POST', path: string, specPath: string, body?: unknown, t = tok) {
  const r = await call(s, t, method, path, body);
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
  const errors = check(r.body, responseSchema(specPath, method.toLowerCase() as 'get' | 'post'));
  expect(errors.slice(0, 15), `${method} ${path}`).toEqual([]);
  return r.body;
}

describe('lists and searches fit the OpenAPI', () => {
  const resources: [string, (id: number) => Record<string, unknown>][] = [
    ['invoices', (id) => ({ related_objects: [{ type: 'company', id }] })],
    ['credit-notes', (id) => ({ related_objects: [{ type: 'company', id }] })],
    ['estimates', (id) => ({ related_objects: [{ type: 'company', id }] })],
    ['orders', (id) => ({ related_objects: [{ type: 'company', id }] })],
    ['payments', (id) => ({ related_objects: [{ type: 'company', id }] })],
    ['opportunities', (id) => ({ related_objects: [{ type: 'company', id }] })],
    ['comments', (id) => ({ companies: [id] })],
    ['tasks', (id) => ({ companies: [id] })],
    ['phone-calls', (id) => ({ companies: [id] })],
    ['calendar-events', (id) => ({ companies: [id] })],
    ['items', () => ({})],
    ['companies', (id) => ({ id: [id] })],
    ['individuals', () => ({})],
  ];
  for (const [resource, filters] of resources) {
    it(`GET /${resource} and POST /${resource}/search`, async () => {
      const list = await expectFits('GET', `/${resource}?limit=100`, `/${resource}`);
      expect(list.data.length).toBeGreaterThan(0);
      for (const id of [LARGE_CLIENT_ID, OTHER_CLIENT_ID, HOSTILE_CLIENT_ID]) {
        await expectFits('POST', `/${resource}/search?limit=100`, `/${resource}/search`, { filters: filters(id) });
      }
    });
  }
  it('individual-related searches', async () => {
    for (const r of ['invoices', 'estimates', 'payments', 'opportunities']) {
      const b = await expectFits('POST', `/${r}/search`, `/${r}/search`, {
        filters: { related_objects: [{ type: 'individual', id: INDIVIDUAL_CLIENT_ID }] },
      });
      expect(b.data.length, r).toBeGreaterThan(0);
    }
    for (const r of ['comments', 'tasks', 'phone-calls', 'calendar-events']) {
      const b = await expectFits('POST', `/${r}/search`, `/${r}/search`, { filters: { individuals: [INDIVIDUAL_CLIENT_ID] } });
      expect(b.data.length, r).toBeGreaterThan(0);
    }
  });
  it('every invoice, estimate, credit note and payment of the whole seed, page by page', async () => {
    for (const r of ['invoices', 'estimates', 'credit-notes', 'payments', 'comments']) {
      let offset: string | null = null;
      let seen = 0;
      for (;;) {
        const b: any = await expectFits('GET', `/${r}?limit=100${offset ? `&offset=${offset}` : ''}`, `/${r}`);
        seen += b.data.length;
        if (b.data.length < 100) break;
        offset = b.pagination.offset;
      }
      expect(seen).toBeGreaterThan(0);
    }
  });
  it('embeds on lists', async () => {
    await expectFits('GET', '/invoices?embed[]=company&embed[]=individual&limit=50', '/invoices');
    await expectFits('GET', '/estimates?embed[]=company&limit=50', '/estimates');
    await expectFits('GET', '/companies?embed[]=invoices&embed[]=estimates&embed[]=opportunities&embed[]=orders&embed[]=main_contact', '/companies');
  });
});

describe('details fit the OpenAPI', () => {
  it('documents with rows', async () => {
    const db = s.db.accounts.invoicing;
    const pick = <T>(xs: T[]) => [xs[0]!, xs[Math.floor(xs.length / 2)]!, xs[xs.length - 1]!];
    for (const [r, list] of [
      ['invoices', db.invoices],
      ['credit-notes', db.creditNotes],
      ['estimates', db.estimates],
      ['orders', db.orders],
    ] as const) {
      // Every document with rows of each kind at least once.
      const withKinds = new Map<string, number>();
      for (const d of list) for (const row of d.rows) if (!withKinds.has(row.type)) withKinds.set(row.type, d.id);
      const ids = new Set([...pick(list).map((d) => d.id), ...withKinds.values()]);
      for (const id of ids) {
        const b = await expectFits('GET', `/${r}/${id}?embed[]=company`, `/${r}/{id}`);
        expect(Array.isArray(b.rows)).toBe(true);
      }
    }
  });
  it('companies, individuals, items, opportunities, activities', async () => {
    for (const id of COMPANIES)
      await expectFits('GET', `/companies/${id}?embed[]=invoices&embed[]=estimates&embed[]=opportunities&embed[]=main_contact`, '/companies/{id}');
    await expectFits('GET', `/individuals/${INDIVIDUAL_CLIENT_ID}?embed[]=invoices`, '/individuals/{id}');
    const db = s.db.accounts.invoicing;
    for (const item of db.items.slice(0, 30)) await expectFits('GET', `/items/${item.id}`, '/items/{id}');
    for (const [r, list] of [
      ['opportunities', db.opportunities],
      ['comments', db.comments],
      ['tasks', db.tasks],
      ['phone-calls', db.phoneCalls],
      ['calendar-events', db.calendarEvents],
      ['payments', db.payments],
    ] as const) {
      const spec = `/${r}/{id}`;
      for (const o of [list[0]!, list[list.length - 1]!]) await expectFits('GET', `/${r}/${o.id}`, spec);
    }
  });
  it('account endpoints', async () => {
    const me = await expectFits('GET', '/staffs/me?embed[]=licenses&embed[]=account&embed[]=preferences', '/staffs/{id}');
    expect(me._embed.licenses.map((l: any) => l.code)).toEqual(['pack_all_included']);
    const sales = await expectFits('GET', '/staffs/me?embed[]=licenses&embed[]=account', '/staffs/{id}', undefined, salesTok);
    expect(sales._embed.licenses.map((l: any) => l.code)).toEqual(['pack_prospecting_sale']);
    await expectFits('GET', '/settings/subscription', '/settings/subscription');
    await expectFits('GET', '/currencies', '/currencies');
    await expectFits('GET', '/scopes', '/scopes');
    const pipelines = await expectFits('GET', '/opportunities/pipelines', '/opportunities/pipelines');
    for (const p of pipelines.data) await expectFits('GET', `/opportunities/pipelines/${p.id}/steps`, '/opportunities/pipelines/{pipelineId}/steps');
  });
  it('the sales-only account fits too', async () => {
    for (const r of ['estimates', 'opportunities', 'comments', 'tasks', 'phone-calls', 'calendar-events']) {
      await expectFits('GET', `/${r}?limit=100`, `/${r}`, undefined, salesTok);
    }
    await expectFits('GET', `/companies/${LARGE_CLIENT_ID}?embed[]=invoices&embed[]=estimates`, '/companies/{id}', undefined, salesTok);
  });
});

describe('writes fit the OpenAPI', () => {
  it('POST /comments: the body as CommentCreateItem, the answer as CommentItem (201), then listed with its owner', async () => {
    const body = { description: '<p>Résumé partagé</p>', related: [{ type: 'company', id: OTHER_CLIENT_ID }] };
    expect(check(body, { $ref: '#/components/schemas/CommentCreateItem' })).toEqual([]);
    const r = await call(s, tok, 'POST', '/comments?embed[]=owner&embed[]=company', body);
    expect(r.status).toBe(201);
    expect(check(r.body, responseSchema('/comments', 'post', '201')).slice(0, 15)).toEqual([]);
    const listed = await expectFits('POST', '/comments/search?embed[]=owner&order=created&direction=desc', '/comments/search', {
      filters: { related_objects: body.related },
    });
    expect(listed.data.some((c: { id: number }) => c.id === r.body.id)).toBe(true);
    await expectFits('GET', `/comments/${r.body.id}?embed[]=owner`, '/comments/{id}');
  });
});

describe('error bodies fit the OpenAPI Error schema', () => {
  it('404, 400 and 403', async () => {
    const schema = { $ref: '#/components/schemas/Error' };
    for (const [method, path, body, t, status] of [
      ['GET', `/companies/${INDIVIDUAL_CLIENT_ID}`, undefined, tok, 404],
      ['POST', '/invoices/search', {}, tok, 400],
      ['GET', '/invoices', undefined, salesTok, 403],
      ['POST', '/comments', { related: [{ type: 'company', id: LARGE_CLIENT_ID }] }, tok, 400],
    ] as const) {
      const r = await call(s, t, method, path, body);
      expect(r.status).toBe(status);
      expect(check(r.body, schema)).toEqual([]);
      expect(r.body.error.code).toBe(status);
    }
  });
});

describe('the schema checker itself', () => {
  it('rejects an unknown field, a wrong enum value, a wrong type and a null where none is allowed', () => {
    const schema = responseSchema('/invoices/{id}', 'get');
    const good = { id: 1, number: 'F-1', status: 'paid', amounts: { total_excl_tax: '1.00' }, related: [{ id: 2, type: 'company' }] };
    expect(check(good, schema)).toEqual([]);
    expect(check({ ...good, total_paid_amount: '1.00' }, schema).join()).toContain('total_paid_amount: field not in the schema');
    expect(check({ ...good, status: 'scheduled' }, schema).join()).toContain('not in enum');
    expect(check({ ...good, id: '1' }, schema).join()).toContain('is not');
    expect(check({ ...good, related: [{ id: 2, type: 'supplier' }] }, schema).join()).toContain('not in enum');
    expect(check({ ...good, number: null }, schema).join()).toContain('not nullable');
  });
  it('follows $ref pointers into #/paths', () => {
    expect(() => responseSchema('/nowhere', 'get')).toThrow(/no operation/);
    expect(
      check(
        { data: [{ id: 1, title: 'x', bogus: 1 }], pagination: { limit: 1, count: 1, total: 1, offset: 'x' } },
        responseSchema('/tasks', 'get'),
      ).join(),
    ).toContain('bogus: field not in the schema');
  });
});
