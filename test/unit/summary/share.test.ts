// Share with the team (lib/summary/share.ts, through the summary service as the port calls it): the preview is
// exactly what is posted, posted once on confirmation; a token that may not write comments gets a clear reason
// and nothing is posted; a failure mid-way leaves no comment, or is checked before saying so.
import { describe, expect, it } from 'vitest';
import { createAccountMap } from '@/entrypoints/background/accounts';
import type { PanelEvent, PanelRequest } from '@/lib/messages';
import type { SellsyApi } from '@/lib/sellsy/api';
import { SellsyError } from '@/lib/sellsy/errors';
import { sellsyConnection } from '@/lib/settings/derive';
import { applyPatch } from '@/lib/settings/patch';
import { defaultSettings } from '@/lib/settings/types';
import { createSummaryService } from '@/lib/summary/service';
import { parseSharedComment } from '@/lib/summary/shared-comment';
import type { Summary } from '@/lib/summary/types';
import { memoryKv } from '@/test/unit/memory-kv';
import { clientData, comment, invoice } from '../cards/fixture';
import { fakeStore, PAGE } from '../extension/bg-fakes';
import { computed } from './team-fixture';

const CONFIGURED = applyPatch(defaultSettings(), { sellsy: { clientId: 'cid', clientSecret: 'sec' } });
const CLIENT = { type: 'company' as const, id: PAGE.id };

type Outcome = 'ok' | SellsyError;
/** An API whose POST /comments answers as told, storing what it took; the search lists what was stored. */
function commentsApi(outcomes: Outcome[]) {
  const stored: { id: number; description: string; related: unknown; created: string }[] = [];
  const posts: { path: string; body: unknown; query: unknown }[] = [];
  const api: SellsyApi = {
    get: async () => {
      throw new Error('no GET here');
    },
    searchAll: async () => [],
    batchGet: async () => [],
    async post<T>(path: string, body: unknown, query?: unknown): Promise<T> {
      posts.push({ path, body: structuredClone(body), query });
      if (path === '/comments/search') {
        const data = [...stored].reverse();
        return { data, pagination: { limit: 10, count: data.length, total: data.length, offset: '' } } as T;
      }
      const outcome = outcomes.shift() ?? 'ok';
      const b = body as { description: string; related: unknown };
      // A lost answer: the comment was created, the client never heard back.
      if (outcome === 'ok' || (outcome.kind === 'network' && outcome.message.includes('after'))) {
        stored.push({ id: 7000 + stored.length, description: b.description, related: b.related, created: '2026-11-29T10:00:00+01:00' });
      }
      if (outcome !== 'ok') throw outcome;
      return { ...stored.at(-1)!, owner: { id: 11, type: 'staff' }, _embed: { owner: { firstname: 'Camille', lastname: 'Martin' } } } as T;
    },
    stats: () => ({ requests: posts.length, retries: 0, quota429: 0, bytes: 0, batchSubRequests: 0 }),
  };
  return { api, stored, posts };
}

async function setup(outcomes: Outcome[] = []) {
  const data = clientData({
    client: { kind: 'company', id: PAGE.id, name: 'Durand & <b>Fils</b>', thirdType: 'client' },
    invoices: [invoice({ id: 1, status: 'due', date: '2026-11-02', related: [{ type: 'company', id: PAGE.id }] })],
    comments: [comment('2026-11-02T10:00:00+01:00', 'Rappeler', { related: [{ type: 'company', id: PAGE.id }], company_id: PAGE.id })],
  });
  const { summary, facts } = await computed(data);
  const cache = fakeStore();
  cache.seed('90001', summary, '2026-11-29T04:55:00.000Z', facts);
  const accounts = createAccountMap(memoryKv());
  await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
  const sellsy = commentsApi(outcomes);
  const warnings: string[] = [];
  const service = createSummaryService({
    loadSettings: async () => CONFIGURED,
    connectionFor: (s) => sellsyConnection(s),
    makeApi: () => sellsy.api,
    openStore: async () => cache.store,
    accounts,
    aiSettings: () => null,
    today: () => '2026-11-29',
    now: () => new Date('2026-11-29T05:00:00.000Z'),
    browserLanguage: () => 'fr-FR',
    onWarning: (m) => warnings.push(m),
  });
  const ask = async (request: PanelRequest): Promise<PanelEvent[]> => {
    const events: PanelEvent[] = [];
    await service.handle(request, (e) => events.push(structuredClone(e)), new AbortController().signal);
    return events;
  };
  const preview = async (s: Summary = summary) => {
    const events = await ask({ type: 'share-preview', page: PAGE, generatedAt: s.generatedAt });
    expect(events).toHaveLength(1);
    return events[0] as Extract<PanelEvent, { type: 'share' }>;
  };
  return { summary, facts, sellsy, ask, preview, warnings };
}

const posted = (s: Awaited<ReturnType<typeof setup>>) => s.sellsy.posts.filter((p) => p.path === '/comments');

describe('share with the team', () => {
  it('previews the exact text, posts nothing until confirmed, then posts that very text once', async () => {
    const s = await setup();
    const preview = await s.preview();
    expect(preview).toMatchObject({ type: 'share', state: 'preview' });
    if (preview.state !== 'preview') throw new Error('no preview');
    expect(s.sellsy.posts).toEqual([]);
    // The CRM name's tags are removed as text, as every rendering does, and what stays is escaped.
    expect(preview.text).toContain('Durand &amp; Fils');
    expect(preview.text).not.toMatch(/<\/?b>|&lt;b&gt;/);
    expect(parseSharedComment(preview.text, CLIENT)).toMatchObject({ fingerprint: s.facts.fingerprint.value, generatedAt: s.summary.generatedAt });

    const events = await s.ask({ type: 'share', page: PAGE, previewId: preview.previewId });
    expect(posted(s)).toHaveLength(1);
    expect(posted(s)[0]).toEqual({
      path: '/comments',
      body: { description: preview.text, related: [CLIENT] },
      query: { 'embed[]': ['owner'] },
    });
    expect(events[0]).toEqual({ type: 'share', state: 'posted' });
    expect(events[1]).toMatchObject({ type: 'shared', shared: { commentId: 7000, author: 'Camille Martin', sameData: true } });
    // One post per preview: confirming again posts nothing more.
    expect(await s.ask({ type: 'share', page: PAGE, previewId: preview.previewId })).toEqual([
      { type: 'share', state: 'failed', reason: 'expired', detail: '' },
    ]);
    expect(posted(s)).toHaveLength(1);
  });

  it('a token without the right to write comments: a clear reason, nothing posted', async () => {
    const s = await setup([new SellsyError('forbidden', 'POST /comments answered HTTP 403: insufficient privileges', { status: 403 })]);
    const preview = await s.preview();
    if (preview.state !== 'preview') throw new Error('no preview');
    const events = await s.ask({ type: 'share', page: PAGE, previewId: preview.previewId });
    expect(events).toEqual([{ type: 'share', state: 'failed', reason: 'forbidden', detail: expect.stringContaining('403') }]);
    expect(s.sellsy.stored).toEqual([]);
  });

  it('Sellsy refusing the body (4xx): not posted, and no search needed', async () => {
    const s = await setup([new SellsyError('bad-request', 'POST /comments answered HTTP 400', { status: 400 })]);
    const preview = await s.preview();
    if (preview.state !== 'preview') throw new Error('no preview');
    expect(await s.ask({ type: 'share', page: PAGE, previewId: preview.previewId })).toEqual([
      { type: 'share', state: 'failed', reason: 'not-posted', detail: expect.stringContaining('400') },
    ]);
    expect(s.sellsy.posts.map((p) => p.path)).toEqual(['/comments']);
  });

  it('a failure mid-way that created nothing: one search says so, and nothing half-posted remains', async () => {
    const s = await setup([new SellsyError('server', 'POST /comments answered HTTP 503 (gave up after 5 attempts)', { status: 503 })]);
    const preview = await s.preview();
    if (preview.state !== 'preview') throw new Error('no preview');
    const events = await s.ask({ type: 'share', page: PAGE, previewId: preview.previewId });
    expect(events).toEqual([{ type: 'share', state: 'failed', reason: 'not-posted', detail: expect.stringContaining('503') }]);
    expect(s.sellsy.posts.map((p) => p.path)).toEqual(['/comments', '/comments/search']);
    expect(s.sellsy.stored).toEqual([]);
  });

  it('an answer lost after Sellsy created the comment: the search finds it whole, and it is said posted', async () => {
    const s = await setup([new SellsyError('network', 'POST /comments failed after the request was sent')]);
    const preview = await s.preview();
    if (preview.state !== 'preview') throw new Error('no preview');
    const events = await s.ask({ type: 'share', page: PAGE, previewId: preview.previewId });
    expect(events.map((e) => e.type)).toEqual(['share', 'shared']);
    expect(events[0]).toEqual({ type: 'share', state: 'posted' });
    expect(s.sellsy.stored).toHaveLength(1);
    expect(s.sellsy.stored[0]!.description).toBe(preview.text);
  });

  it('when even the check fails, it says it cannot tell, rather than "not posted"', async () => {
    const s = await setup([new SellsyError('timeout', 'POST /comments took longer than 30000 ms')]);
    const preview = await s.preview();
    if (preview.state !== 'preview') throw new Error('no preview');
    s.sellsy.api.post = async <T>(path: string): Promise<T> => {
      s.sellsy.posts.push({ path, body: null, query: null });
      throw new SellsyError(path === '/comments' ? 'timeout' : 'network', `${path} failed`);
    };
    const events = await s.ask({ type: 'share', page: PAGE, previewId: preview.previewId });
    expect(events).toEqual([{ type: 'share', state: 'failed', reason: 'unknown', detail: expect.any(String) }]);
    expect(s.warnings.join()).toContain('could not tell whether the comment landed');
  });

  it('a preview of another summary than the cached one, or of none, is refused: nothing to post', async () => {
    const s = await setup();
    expect(await s.preview({ ...s.summary, generatedAt: '2026-11-28T08:00:00.000Z' })).toEqual({
      type: 'share',
      state: 'failed',
      reason: 'not-saved',
      detail: '',
    });
    expect(await s.ask({ type: 'share', page: PAGE, previewId: 'nosuchpreview' })).toEqual([
      { type: 'share', state: 'failed', reason: 'expired', detail: '' },
    ]);
    // A preview is for its page only.
    const preview = await s.preview();
    if (preview.state !== 'preview') throw new Error('no preview');
    expect(await s.ask({ type: 'share', page: { ...PAGE, id: PAGE.id + 1 }, previewId: preview.previewId })).toEqual([
      { type: 'share', state: 'failed', reason: 'expired', detail: '' },
    ]);
    expect(s.sellsy.posts).toEqual([]);
  });
});
