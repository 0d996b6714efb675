// The panel's use case (lib/summary/service.ts) in Node, with fakes: no port, no browser. Each test
// collects the events one request emits; `handle` resolves once the request is answered.
import { describe, expect, it, vi } from 'vitest';
import { createAccountMap } from '@/entrypoints/background/accounts';
import type { PanelEvent, PanelRequest } from '@/lib/messages';
import { SellsyError } from '@/lib/sellsy/errors';
import { latestChangeRequests } from '@/lib/sellsy/latest-change';
import { signedOutError } from '@/lib/sellsy/session';
import { sellsyConnection } from '@/lib/settings/derive';
import { applyPatch } from '@/lib/settings/patch';
import { defaultSettings, type Settings } from '@/lib/settings/types';
import type { buildClientSummary } from '@/lib/summary/build';
import { createSummaryService, type SummaryServiceDeps } from '@/lib/summary/service';
import { memoryKv } from '@/test/unit/memory-kv';
import { deferred, fakeApi, fakeStore, PAGE, summaryOf } from '../extension/bg-fakes';

const CONFIGURED = applyPatch(defaultSettings(), { sellsy: { clientId: 'cid', clientSecret: 'sec' } });
type BuildFn = typeof buildClientSummary;

function setup(over: Partial<SummaryServiceDeps> & { settings?: Settings } = {}) {
  const api = fakeApi(90001);
  const cache = fakeStore();
  const accounts = createAccountMap(memoryKv());
  const build = vi.fn<BuildFn>(async (_deps, opts) => {
    const s = summaryOf('Fresh');
    opts.onProgress?.({ phase: 'client', done: 1, total: 1 });
    opts.onSummary?.(s, 'figures');
    // like generateTexts: the whole text so far, each time it grows
    opts.onInteractionsDelta?.('Hello ');
    opts.onInteractionsDelta?.('Hello world');
    const withTexts = { ...s, interactions: { ...s.interactions, summary: 'Hello world', generatedBy: 'llm' as const } };
    opts.onSummary?.(withTexts, 'texts');
    return { status: 'client', summary: withTexts, requests: 12, accountId: '90001' };
  });
  const { settings, ...rest } = over;
  const deps: SummaryServiceDeps = {
    loadSettings: async () => settings ?? CONFIGURED,
    connectionFor: (s) => sellsyConnection(s),
    makeApi: () => api,
    openStore: async () => cache.store,
    accounts,
    build,
    aiSettings: () => null,
    today: () => '2026-11-29',
    now: () => new Date('2026-11-29T05:00:00.000Z'),
    browserLanguage: () => 'en-US',
    ...rest,
  };
  const service = createSummaryService(deps);
  /** Answers one request to the end and returns what it emitted (as structured clone carries it). */
  const ask = async (request: PanelRequest, signal = new AbortController().signal): Promise<PanelEvent[]> => {
    const events: PanelEvent[] = [];
    await service.handle(request, (e) => events.push(structuredClone(e)), signal);
    return events;
  };
  return { api, cache, accounts, build, deps, service, ask };
}

const types = (events: { type: string; phase?: string }[]) => events.map((e) => (e.type === 'summary' ? `summary:${e.phase}` : e.type));

describe('the summary service', () => {
  it('computes on first open: progress, figures, deltas, texts, then saves under the account', async () => {
    const { ask, cache, build, api, accounts } = setup();
    const events = await ask({ type: 'open', page: PAGE, language: 'fr-FR' });
    expect(cache.puts).toHaveLength(1);
    expect(types(events)).toEqual(['progress', 'summary:figures', 'interactions-delta', 'interactions-delta', 'summary:texts']);
    expect(events.filter((e) => e.type === 'interactions-delta').map((e) => (e as { text: string }).text)).toEqual(['Hello ', 'world']);
    expect(cache.puts[0]).toMatchObject({ accountId: '90001', kind: 'company', id: PAGE.id });
    expect((cache.puts[0]!.summary as { interactions: { summary: string } }).interactions.summary).toBe('Hello world');
    const opts = build.mock.calls[0]![1];
    expect(opts).toMatchObject({
      ref: { kind: 'unknown', id: PAGE.id },
      today: '2026-11-29',
      browserLanguage: 'fr-FR',
      languageSetting: 'auto',
      sourceModeSetting: 'auto',
      ai: null,
    });
    // The account id comes out of the load itself (which reads /staffs/me): no request of the service's own.
    expect(api.calls).toEqual([]);
    expect(await accounts.get(sellsyConnection(CONFIGURED)!)).toBe('90001');
  });

  it('without an LLM the figures’ summary is also the final one: figures, then texts', async () => {
    const { ask, cache } = setup({
      build: async (_d, opts) => {
        opts.onSummary?.(summaryOf('Rules only'), 'figures');
        return { status: 'client', summary: summaryOf('Rules only'), requests: 9, accountId: '90001' };
      },
    });
    const events = await ask({ type: 'open', page: PAGE });
    expect(cache.puts).toHaveLength(1);
    expect(types(events)).toEqual(['summary:figures', 'summary:texts']);
    expect(events[1]).toMatchObject({ requests: 9 });
  });

  it('with the LLM on: figures (recorded for the LLM), the streamed text, then texts; saved once', async () => {
    const onFigures = vi.fn();
    const ai = { enabled: true, apiKey: 'k', baseURL: 'http://127.0.0.1:1/v1', model: 'm', redact: true, timeoutMs: 1000 };
    const { ask, cache, build } = setup({ aiSettings: () => ai, onFigures });
    const events = await ask({ type: 'refresh', page: PAGE });
    expect(types(events)).toEqual(['progress', 'summary:figures', 'interactions-delta', 'interactions-delta', 'summary:texts']);
    expect(build.mock.calls[0]![1].ai).toBe(ai);
    expect(onFigures).toHaveBeenCalledTimes(1);
    expect(onFigures.mock.calls[0]![0]).toMatchObject({ client: { name: 'Fresh' }, interactions: { generatedBy: 'rules' } });
    expect(onFigures.mock.calls[0]![1]).toBe(ai);
    const final = events.at(-1) as Extract<PanelEvent, { type: 'summary' }>;
    expect(final.summary.interactions).toMatchObject({ summary: 'Hello world', generatedBy: 'llm' });
    expect(cache.puts).toHaveLength(1);
    expect((cache.puts[0]!.summary as { interactions: { generatedBy: string } }).interactions.generatedBy).toBe('llm');
  });

  it('answers a cached summary at once, without computing; then one request looks for a shared summary', async () => {
    const { ask, cache, build, accounts, api } = setup();
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    // Saved five minutes before now: too fresh to be checked.
    cache.seed('90001', summaryOf('Cached'), '2026-11-29T04:55:00.000Z');
    const events = await ask({ type: 'open', page: PAGE });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'summary', phase: 'cached', savedAt: '2026-11-29T04:55:00.000Z', stale: false });
    expect((events[0] as { summary: { client: { name: string } } }).summary.client.name).toBe('Cached');
    // Nobody shared a summary of this client: the panel is told so.
    expect(events[1]).toEqual({ type: 'shared', shared: null });
    expect(build).not.toHaveBeenCalled();
    expect(api.calls).toEqual(['POST /comments/search']);
  });

  it('checks an older cached summary against the newest document or activity, and marks it stale', async () => {
    const checked: unknown[] = [];
    let newest: string | null = '2026-11-28T09:00:00.000Z';
    const { ask, cache, build, accounts } = setup({
      latestChangeAt: async (_api, opts) => {
        checked.push({ client: opts.client, sourceMode: opts.sourceMode });
        return newest;
      },
    });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'), '2026-11-28T10:00:00.000Z');
    // Nothing newer than the save: one cached answer, unmarked.
    const first = await ask({ type: 'open', page: PAGE });
    expect(checked).toHaveLength(1);
    expect(types(first)).toEqual(['summary:cached', 'shared']);
    expect(checked[0]).toEqual({ client: { kind: 'company', id: PAGE.id }, sourceMode: 'invoicing' });
    // An invoice created after the save: the same summary again, marked stale, with what the check cost.
    newest = '2026-11-28T15:00:00+00:00';
    const second = (await ask({ type: 'open', page: PAGE })).filter((e) => e.type !== 'shared');
    expect(second).toHaveLength(2);
    expect(second[0]).toMatchObject({ type: 'summary', phase: 'cached', stale: false });
    expect(second[1]).toMatchObject({ type: 'summary', phase: 'cached', stale: true, savedAt: '2026-11-28T10:00:00.000Z' });
    expect(second[1]).toMatchObject({ requests: latestChangeRequests('invoicing') });
    expect(build).not.toHaveBeenCalled();
  });

  it('a failed freshness check leaves the cached summary unmarked and is only logged', async () => {
    const warnings: string[] = [];
    const { ask, cache, accounts } = setup({
      latestChangeAt: async () => {
        throw new Error('Sellsy answered 503');
      },
      onWarning: (m) => warnings.push(m),
    });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'), '2026-11-28T10:00:00.000Z');
    const events = await ask({ type: 'open', page: PAGE });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('freshness check failed: Sellsy answered 503');
    expect(types(events)).toEqual(['summary:cached', 'shared']);
  });

  it('a peek answers the cached summary, or no-cache, and never computes or calls Sellsy', async () => {
    const { ask, cache, build, accounts, api } = setup();
    // Account not learnt yet: nothing can be cached for it, and a peek does not ask Sellsy who it is.
    expect(await ask({ type: 'peek', page: PAGE })).toEqual([{ type: 'no-cache' }]);
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    expect(await ask({ type: 'peek', page: PAGE })).toEqual([{ type: 'no-cache' }]);
    cache.seed('90001', summaryOf('Cached'), '2026-11-28T10:00:00.000Z');
    const events = await ask({ type: 'peek', page: PAGE });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'summary', phase: 'cached', savedAt: '2026-11-28T10:00:00.000Z', requests: 0 });
    expect(build).not.toHaveBeenCalled();
    expect(api.calls).toEqual([]);
    expect(cache.puts).toEqual([]);
  });

  it('a peek without credentials answers no-cache, not the no-credentials message of an open panel', async () => {
    const { ask, build, api } = setup({ settings: defaultSettings() });
    expect(await ask({ type: 'peek', page: PAGE })).toEqual([{ type: 'no-cache' }]);
    expect(build).not.toHaveBeenCalled();
    expect(api.calls).toEqual([]);
  });

  it('a peek whose cache cannot be read answers no-cache and logs why', async () => {
    const warnings: string[] = [];
    const { ask, accounts } = setup({
      openStore: async () => {
        throw new Error('IndexedDB is closed');
      },
      onWarning: (m) => warnings.push(m),
    });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    expect(await ask({ type: 'peek', page: PAGE })).toEqual([{ type: 'no-cache' }]);
    expect(warnings).toEqual(['cache read failed: IndexedDB is closed']);
  });

  it('finds an individual’s cached summary too', async () => {
    const { ask, cache, accounts, build } = setup();
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Particulier', { client: { type: 'individual', id: PAGE.id, name: 'Particulier' } }));
    const events = (await ask({ type: 'open', page: PAGE })).filter((e) => e.type !== 'shared');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'summary', phase: 'cached' });
    expect(build).not.toHaveBeenCalled();
  });

  it('refresh recomputes even when cached', async () => {
    const { ask, cache, accounts, build } = setup();
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'));
    const events = await ask({ type: 'refresh', page: PAGE });
    expect(cache.puts).toHaveLength(1);
    expect(build).toHaveBeenCalledTimes(1);
    expect(types(events)).not.toContain('summary:cached');
  });

  it('retry-texts recomputes too, in the browser’s language (the request carries none)', async () => {
    const { ask, accounts, cache, build } = setup();
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'));
    const events = await ask({ type: 'retry-texts', page: PAGE });
    expect(build).toHaveBeenCalledTimes(1);
    expect(build.mock.calls[0]![1].browserLanguage).toBe('en-US');
    expect(types(events).at(-1)).toBe('summary:texts');
  });

  it('an error keeps the cached summary and says so', async () => {
    const { ask, cache, accounts } = setup({
      build: async (_d, opts) => {
        opts.onProgress?.({ phase: 'documents', done: 1, total: 5 });
        throw new Error('Sellsy answered HTTP 500');
      },
    });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'));
    const events = await ask({ type: 'refresh', page: PAGE });
    expect(events.at(-1)).toEqual({ type: 'error', scope: 'load', message: 'Sellsy answered HTTP 500', keptCached: true });
    expect(cache.puts).toHaveLength(0);
    const kept = await cache.store.getSummary<{ client: { name: string } }>('90001', 'company', PAGE.id);
    expect(kept?.summary.client.name).toBe('Cached');
  });

  it('a failure after the figures is a texts error, and nothing partial is saved', async () => {
    const { ask, cache } = setup({
      build: async (_d, opts) => {
        opts.onSummary?.(summaryOf('Partial'), 'figures');
        throw new Error('LLM timed out');
      },
    });
    const events = await ask({ type: 'open', page: PAGE });
    expect(types(events)).toEqual(['summary:figures', 'error']);
    expect(events.at(-1)).toMatchObject({ scope: 'texts', message: 'LLM timed out' });
    expect(cache.puts).toHaveLength(0);
  });

  it('no credentials → no-credentials, nothing fetched', async () => {
    const { ask, build, api } = setup({ settings: defaultSettings() });
    expect(await ask({ type: 'open', page: PAGE })).toEqual([{ type: 'no-credentials' }]);
    expect(build).not.toHaveBeenCalled();
    expect(api.calls).toEqual([]);
  });

  it('a prospect becomes not-client and is not cached', async () => {
    const { ask, cache, accounts } = setup({
      build: async () => ({
        status: 'not-client',
        accountId: '90001',
        thirdType: 'prospect',
        client: { kind: 'company', id: 5, name: 'Prospect SA' },
        language: 'fr',
      }),
    });
    const events = await ask({ type: 'open', page: PAGE });
    expect(events).toEqual([{ type: 'not-client', thirdType: 'prospect', name: 'Prospect SA', language: 'fr' }]);
    expect(cache.puts).toHaveLength(0);
    // The account is learnt all the same: the next open can look in the cache.
    expect(await accounts.get(sellsyConnection(CONFIGURED)!)).toBe('90001');
  });

  it('a contact page gets a clear message, in the page’s language or the chosen one', async () => {
    const { ask, build } = setup();
    const contact = { thirdType: 'people' as const, id: 301, origin: PAGE.origin };
    const events = await ask({ type: 'open', page: contact, language: 'fr' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', scope: 'load', keptCached: false });
    expect((events[0] as { message: string }).message).toMatch(/contact/);
    expect((events[0] as { message: string }).message).toMatch(/^Cette page/);
    const english = await setup({ settings: applyPatch(CONFIGURED, { language: 'en' }) }).ask({ type: 'open', page: contact, language: 'fr' });
    expect((english[0] as { message: string }).message).toMatch(/^This page is a contact’s/);
    expect(build).not.toHaveBeenCalled();
  });

  it('a cache that cannot be written leaves the summary shown and says so', async () => {
    const { ask, cache } = setup();
    cache.failWrites(new Error('The browser’s storage is full'));
    const events = await ask({ type: 'open', page: PAGE });
    expect(events.at(-1)?.type).toBe('error');
    expect(types(events).slice(0, -1)).toContain('summary:texts');
    expect(events.at(-1)).toMatchObject({ scope: 'load', keptCached: true, message: 'The browser’s storage is full' });
  });

  it('a cache that cannot be opened: the summary is computed and shown, not saved, and the reason logged', async () => {
    const warnings: string[] = [];
    const { ask, build } = setup({
      openStore: async () => {
        throw new Error('IndexedDB is closed');
      },
      onWarning: (m) => warnings.push(m),
    });
    const events = await ask({ type: 'open', page: PAGE });
    expect(build.mock.calls[0]![0]).not.toHaveProperty('store');
    expect(types(events).at(-1)).toBe('summary:texts');
    expect(warnings).toEqual(['cache unavailable: IndexedDB is closed']);
  });

  it('an unexpected failure (settings unreadable) is one load error, and logged', async () => {
    const warnings: string[] = [];
    const { ask } = setup({
      loadSettings: async () => {
        throw new Error('storage gone');
      },
      onWarning: (m) => warnings.push(m),
    });
    expect(await ask({ type: 'open', page: PAGE })).toEqual([{ type: 'error', scope: 'load', message: 'storage gone', keptCached: false }]);
    expect(warnings).toEqual(['summary service: storage gone']);
  });

  it('a request aborted by a newer one says nothing more, and its pipeline sees the abort', async () => {
    const gate = deferred<void>();
    const signals: AbortSignal[] = [];
    const { service, cache } = setup({
      build: async (_d, opts) => {
        signals.push(opts.signal!);
        const name = signals.length === 1 ? 'Old' : 'New';
        if (name === 'Old') await gate.promise;
        opts.onProgress?.({ phase: 'client', done: 1, total: 1 });
        opts.onSummary?.(summaryOf(name), 'figures');
        return { status: 'client', summary: summaryOf(name), requests: 1, accountId: '90001' };
      },
    });
    const older = new AbortController();
    const oldEvents: PanelEvent[] = [];
    const first = service.handle({ type: 'open', page: PAGE }, (e) => oldEvents.push(e), older.signal);
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    // What the port does on a newer request: abort the older run, then start the new one.
    older.abort();
    const newEvents: PanelEvent[] = [];
    await service.handle({ type: 'refresh', page: PAGE }, (e) => newEvents.push(e), new AbortController().signal);
    gate.resolve();
    await first;
    expect(signals[0]!.aborted).toBe(true);
    expect(oldEvents).toEqual([]);
    expect(types(newEvents)).toEqual(['progress', 'summary:figures', 'summary:texts']);
    // Only the newer run's summary is saved.
    expect(cache.puts.map((p) => (p.summary as { client: { name: string } }).client.name)).toEqual(['New']);
  });

  it('records what the LLM gets once the figures are ready, only when AI is on', async () => {
    const onFigures = vi.fn();
    const ai = { enabled: true, apiKey: 'k', baseURL: 'http://127.0.0.1:1/v1', model: 'm', redact: true, timeoutMs: 1000 };
    const { ask, cache } = setup({ aiSettings: () => ai, onFigures });
    await ask({ type: 'open', page: PAGE });
    expect(cache.puts).toHaveLength(1);
    expect(onFigures).toHaveBeenCalledTimes(1);
    expect(onFigures.mock.calls[0]![1]).toBe(ai);
    const off = vi.fn();
    await setup({ onFigures: off }).ask({ type: 'refresh', page: PAGE });
    expect(off).not.toHaveBeenCalled();
  });
});

describe('the summary service when Sign in with Sellsy has ended', () => {
  const signedOut = () => signedOutError('Signed out of Sellsy: the sign-in has expired or was revoked; sign in again');

  it('a load refused for want of a sign-in answers signed-out, not an error', async () => {
    const { ask, cache } = setup({
      build: async () => {
        throw signedOut();
      },
    });
    const events = await ask({ type: 'open', page: PAGE });
    expect(events).toEqual([{ type: 'signed-out', keptCached: false }]);
    expect(cache.puts).toHaveLength(0);
  });

  it('a refresh over a cached summary keeps it: signed-out with keptCached, the cache untouched', async () => {
    const { ask, cache, accounts } = setup({
      build: async (_d, opts) => {
        opts.onProgress?.({ phase: 'documents', done: 1, total: 5 });
        throw signedOut();
      },
    });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'));
    const events = await ask({ type: 'refresh', page: PAGE });
    expect(events.at(-1)).toEqual({ type: 'signed-out', keptCached: true });
    expect((await cache.store.getSummary<{ client: { name: string } }>('90001', 'company', PAGE.id))?.summary.client.name).toBe('Cached');
  });

  it('an older cached summary whose freshness check finds the sign-in ended: the summary, then signed-out', async () => {
    const warnings: string[] = [];
    const { ask, cache, accounts } = setup({
      latestChangeAt: async () => {
        throw signedOut();
      },
      onWarning: (m) => warnings.push(m),
    });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'), '2026-11-28T10:00:00.000Z');
    // The shared-summary lookup ('shared') goes with any summary on screen; it is not the answer's outcome.
    const events = (await ask({ type: 'open', page: PAGE })).filter((e) => e.type !== 'shared');
    expect(types(events)).toEqual(['summary:cached', 'signed-out']);
    expect(events[1]).toEqual({ type: 'signed-out', keptCached: true });
    expect(warnings).toEqual([]);
  });

  it('another auth error stays an error with its message', async () => {
    const { ask } = setup({
      build: async () => {
        throw new SellsyError('auth', 'Sellsy rejected the credentials', { status: 401 });
      },
    });
    const events = await ask({ type: 'open', page: PAGE });
    expect(events[0]).toMatchObject({ type: 'error', message: 'Sellsy rejected the credentials' });
  });
});
