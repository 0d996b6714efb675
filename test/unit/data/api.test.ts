import { describe, expect, it } from 'vitest';
import type { DataWarning } from '../../../lib/client/warnings';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { errorFromResponse } from '../../../lib/sellsy/errors';
import { createScheduler } from '../../../lib/sellsy/scheduler';
import { json, type Responder, stubFetch, VirtualClock } from './helpers';

function setup(respond: Responder) {
  const clock = new VirtualClock();
  const stub = stubFetch(respond, clock);
  const warnings: DataWarning[] = [];
  const api = createSellsyApi({
    apiUrl: 'http://s.test/v2',
    auth: { kind: 'token', accessToken: 't' },
    fetch: stub.fetch,
    clock,
    scheduler: createScheduler({ clock }),
    onWarning: (m) => warnings.push(m),
  });
  return { stub, api, warnings };
}

const page = (ids: number[], offset: string | null, limit = 100) =>
  json({ pagination: { limit, count: ids.length, total: 999, offset }, data: ids.map((id) => ({ id })) });

describe('searchAll', () => {
  it('follows the seek cursor with limit=100 until a short page, posting the filters and field[]', async () => {
    const pages = [[...Array(100).keys()].map((i) => i + 1), [...Array(100).keys()].map((i) => i + 101), [201, 202]];
    const { stub, api } = setup((call) => {
      const offset = new URL(call.url).searchParams.get('offset');
      const n = offset === null ? 0 : Number(atob(offset));
      return page(pages[n]!, btoa(String(n + 1)));
    });
    const out = await api.searchAll<{ id: number }>(
      'invoices',
      { related_objects: [{ type: 'company', id: 7 }] },
      { fields: ['id', 'amounts'], order: 'id' },
    );
    expect(out.map((x) => x.id)).toEqual([...Array(202).keys()].map((i) => i + 1));
    expect(stub.calls).toHaveLength(3);
    const first = new URL(stub.calls[0]!.url);
    expect(first.pathname).toBe('/v2/invoices/search');
    expect(first.searchParams.get('limit')).toBe('100');
    expect(first.searchParams.getAll('field[]')).toEqual(['id', 'amounts']);
    expect(stub.calls[0]!.url).toContain('field[]=id');
    expect(JSON.parse(stub.calls[0]!.body)).toEqual({ filters: { related_objects: [{ type: 'company', id: 7 }] } });
    expect(new URL(stub.calls[2]!.url).searchParams.get('offset')).toBe(btoa('2'));
  });

  it('stops on a cursor that repeats and keeps a duplicate id once, with warnings', async () => {
    const full = (from: number) => [...Array(100).keys()].map((i) => i + from);
    const { stub, api, warnings } = setup((call) => {
      const offset = new URL(call.url).searchParams.get('offset');
      if (offset === null) return page(full(1), 'A');
      return page(full(51), 'A'); // overlaps the first page and hands back the same cursor
    });
    const out = await api.searchAll<{ id: number }>('comments', {});
    expect(out).toHaveLength(150);
    expect(new Set(out.map((x) => x.id)).size).toBe(150);
    expect(stub.calls).toHaveLength(2);
    expect(warnings).toEqual([
      { code: 'cursor-repeated', resource: 'comments', cursor: 'A', pages: 2, results: 150 },
      { code: 'duplicates', resource: 'comments', count: 50 },
    ]);
  });

  it('reports a page without a data list as invalid data', async () => {
    const { api } = setup(() => json({ pagination: {} }));
    await expect(api.searchAll('invoices', {})).rejects.toMatchObject({ kind: 'invalid-data' });
  });
});

describe('batchGet', () => {
  it('sends NDJSON batches of at most 50, retries failed sub-requests and surfaces the rest', async () => {
    const seen = new Map<string, number>();
    const { stub, api } = setup((call) => {
      const lines = call.body.split('\n').filter(Boolean);
      const uris = lines.filter((_, i) => i % 2 === 0).map((l) => (JSON.parse(l) as { uri: string }).uri);
      return json(
        {
          error: false,
          responses: uris.map((uri) => {
            const n = (seen.get(uri) ?? 0) + 1;
            seen.set(uri, n);
            if (uri === '/invoices/3' && n === 1) return { code: 500, response: { error: { code: 500, message: 'oops', context: null } } };
            if (uri === '/invoices/4') return { code: 404, response: { error: { code: 404, message: 'Not Found', context: 'document_not_found' } } };
            return { code: 200, response: { id: Number(uri.split('/').pop()) } };
          }),
        },
        207,
      );
    });
    const uris = [...Array(120).keys()].map((i) => `/invoices/${i + 1}`);
    const out = await api.batchGet<{ id: number }>(uris);
    expect(out).toHaveLength(120);
    expect(out.every((r, i) => r.uri === uris[i])).toBe(true);
    expect(out.filter((r) => r.ok)).toHaveLength(119);
    const missing = out[3]!;
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatchObject({ kind: 'not-found', context: 'document_not_found' });
    expect(out[2]).toMatchObject({ ok: true, data: { id: 3 } });
    // 120 → 50 + 50 + 20, then one more batch for the sub-request that failed with a 500 (a 404 is final).
    expect(stub.calls.map((c) => c.body.split('\n').filter(Boolean).length / 2)).toEqual([50, 50, 20, 1]);
    expect(stub.calls[0]!.headers['content-type']).toBe('text/plain');
    expect(api.stats().batchSubRequests).toBe(121);
  });
});

describe('errors quote no secret', () => {
  it('a 503 that echoes the token, still failing after the retries, names no token (scrubbed in the scheduler)', async () => {
    const token = 'tok-SECRET-123456';
    const clock = new VirtualClock();
    const stub = stubFetch(() => json({ error: { code: 503, message: `upstream refused token ${token}`, context: token } }, 503), clock);
    const api = createSellsyApi({
      apiUrl: 'http://s.test/v2',
      auth: { kind: 'token', accessToken: token },
      fetch: stub.fetch,
      clock,
      scheduler: createScheduler({ clock }),
    });
    const err = await api.get('/staffs/me').catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(stub.calls.length).toBeGreaterThan(1);
    expect((err as Error).message).toContain('[redacted]');
    expect(JSON.stringify(err)).not.toContain(token);
    expect((err as Error).message).not.toContain(token);
  });
  it('a token or secret of any shape quoted in an error body is scrubbed, also one this client never sent', () => {
    const body = JSON.stringify({ error: { code: 400, message: 'refused Bearer eyJabc.def-ghi with client_secret=s3cr3t&x=1' } });
    const e = errorFromResponse('GET /staffs/me', 400, body);
    expect(e.message).toContain('Bearer [redacted]');
    expect(e.message).toContain('client_secret=[redacted]');
    expect(e.message).not.toMatch(/eyJabc|s3cr3t/);
  });
});

describe('writes', () => {
  it('a write answered 502 is sent once and fails: the server may have done it, so it is never sent twice', async () => {
    const { stub, api } = setup(() => json({ error: { code: 502, message: 'bad gateway' } }, 502));
    await expect(api.post('/comments', { description: 'x' }, undefined, { write: true })).rejects.toMatchObject({ kind: 'server', status: 502 });
    expect(stub.calls).toHaveLength(1);
  });

  it('a search answered 502 is read again (nothing was written), then succeeds', async () => {
    let n = 0;
    const { stub, api } = setup(() => (n++ === 0 ? json({ error: { code: 502, message: 'bad gateway' } }, 502) : json({ data: [] })));
    await expect(api.post('/comments/search', { filters: {} })).resolves.toEqual({ data: [] });
    expect(stub.calls).toHaveLength(2);
  });

  it('a write refused with 429 (not done) is sent again after the wait', async () => {
    let n = 0;
    const { stub, api } = setup(() => (n++ === 0 ? json({ error: { code: 429, message: 'quota' } }, 429) : json({ id: 1 }, 201)));
    await expect(api.post('/comments', { description: 'x' }, undefined, { write: true })).resolves.toEqual({ id: 1 });
    expect(stub.calls).toHaveLength(2);
  });
});
