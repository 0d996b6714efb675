import { describe, expect, it, vi } from 'vitest';
import { createAccountMap } from '@/entrypoints/background/accounts';
import { type BuildFn, type SummaryPortDeps, servePanelPort } from '@/entrypoints/background/summary-port';
import { SellsyError } from '@/lib/sellsy/errors';
import { signedOutError } from '@/lib/sellsy/session';
import { applyPatch, defaultSettings, type KeyValue, type Settings, sellsyConnection } from '@/lib/settings';
import { contentSender, deferred, fakeApi, fakePort, fakeStore, GUARD, PAGE, settle, summaryOf } from './bg-fakes';

const CONFIGURED = applyPatch(defaultSettings(), { sellsy: { clientId: 'cid', clientSecret: 'sec' } });

function memoryKv(): KeyValue {
  const data = new Map<string, unknown>();
  return {
    get: async (k) => data.get(k),
    set: async (k, v) => {
      data.set(k, v);
    },
  };
}

function setup(over: Partial<SummaryPortDeps> & { settings?: Settings } = {}) {
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
  const deps: SummaryPortDeps = {
    guard: GUARD,
    loadSettings: async () => over.settings ?? CONFIGURED,
    connectionFor: (s) => sellsyConnection(s),
    makeApi: () => api,
    openStore: async () => cache.store,
    accounts,
    build,
    aiSettings: () => null,
    today: () => '2026-11-29',
    now: () => new Date('2026-11-29T05:00:00.000Z'),
    browserLanguage: () => 'en-US',
    ...over,
  };
  return { api, cache, accounts, build, deps };
}

const types = (events: { type: string; phase?: string }[]) => events.map((e) => (e.type === 'summary' ? `summary:${e.phase}` : e.type));

describe('the panel port', () => {
  it('computes on first open: progress, figures, deltas, texts, then saves under the account', async () => {
    const { deps, cache, build, api, accounts } = setup();
    const port = fakePort(contentSender());
    expect(servePanelPort(port, deps)).toBe(true);
    port.send({ type: 'open', page: PAGE, language: 'fr-FR' });
    await vi.waitFor(() => expect(cache.puts).toHaveLength(1));
    expect(types(port.events)).toEqual(['progress', 'summary:figures', 'interactions-delta', 'interactions-delta', 'summary:texts']);
    expect(port.events.filter((e) => e.type === 'interactions-delta').map((e) => (e as { text: string }).text)).toEqual(['Hello ', 'world']);
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
    // The account id comes out of the load itself (which reads /staffs/me): no request of the port's own.
    expect(api.calls).toEqual([]);
    expect(await accounts.get(sellsyConnection(CONFIGURED)!)).toBe('90001');
  });

  it('without an LLM the figures’ summary is also the final one: figures, then texts', async () => {
    const { deps, cache } = setup({
      build: async (_d, opts) => {
        opts.onSummary?.(summaryOf('Rules only'), 'figures');
        return { status: 'client', summary: summaryOf('Rules only'), requests: 9, accountId: '90001' };
      },
    });
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(cache.puts).toHaveLength(1));
    expect(types(port.events)).toEqual(['summary:figures', 'summary:texts']);
    expect(port.events[1]).toMatchObject({ requests: 9 });
  });

  it('answers a cached summary at once, without computing or calling Sellsy', async () => {
    const { deps, cache, build, accounts, api } = setup();
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    // Saved five minutes before now: too fresh to be checked.
    cache.seed('90001', summaryOf('Cached'), '2026-11-29T04:55:00.000Z');
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(1));
    expect(port.events[0]).toMatchObject({ type: 'summary', phase: 'cached', savedAt: '2026-11-29T04:55:00.000Z', stale: false });
    expect((port.events[0] as { summary: { client: { name: string } } }).summary.client.name).toBe('Cached');
    expect(build).not.toHaveBeenCalled();
    expect(api.calls).toEqual([]);
  });

  it('checks an older cached summary against the newest document or activity, and marks it stale', async () => {
    const checked: unknown[] = [];
    let newest: string | null = '2026-11-28T09:00:00.000Z';
    const { deps, cache, build, accounts } = setup({
      latestChangeAt: async (_api, opts) => {
        checked.push({ client: opts.client, sourceMode: opts.sourceMode });
        return newest;
      },
    });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'), '2026-11-28T10:00:00.000Z');
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    // Nothing newer than the save: one cached answer, unmarked.
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(checked).toHaveLength(1));
    await settle();
    expect(types(port.events)).toEqual(['summary:cached']);
    expect(checked[0]).toEqual({ client: { kind: 'company', id: PAGE.id }, sourceMode: 'invoicing' });
    // An invoice created after the save: the same summary again, marked stale.
    newest = '2026-11-28T15:00:00+00:00';
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(3));
    expect(port.events[1]).toMatchObject({ type: 'summary', phase: 'cached', stale: false });
    expect(port.events[2]).toMatchObject({ type: 'summary', phase: 'cached', stale: true, savedAt: '2026-11-28T10:00:00.000Z' });
    expect(build).not.toHaveBeenCalled();
  });

  it('a failed freshness check leaves the cached summary unmarked and is only logged', async () => {
    const warnings: string[] = [];
    const { deps, cache, accounts } = setup({
      latestChangeAt: async () => {
        throw new Error('Sellsy answered 503');
      },
      onWarning: (m) => warnings.push(m),
    });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'), '2026-11-28T10:00:00.000Z');
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(warnings).toHaveLength(1));
    expect(warnings[0]).toContain('freshness check failed: Sellsy answered 503');
    expect(types(port.events)).toEqual(['summary:cached']);
  });

  it('a peek answers the cached summary, or no-cache, and never computes or calls Sellsy', async () => {
    const { deps, cache, build, accounts, api } = setup();
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    // Account not learnt yet: nothing can be cached for it, and a peek does not ask Sellsy who it is.
    port.send({ type: 'peek', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(1));
    expect(port.events[0]).toEqual({ type: 'no-cache' });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    port.send({ type: 'peek', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(2));
    expect(port.events[1]).toEqual({ type: 'no-cache' });
    cache.seed('90001', summaryOf('Cached'), '2026-11-28T10:00:00.000Z');
    port.send({ type: 'peek', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(3));
    expect(port.events[2]).toMatchObject({ type: 'summary', phase: 'cached', savedAt: '2026-11-28T10:00:00.000Z', requests: 0 });
    expect(build).not.toHaveBeenCalled();
    expect(api.calls).toEqual([]);
    expect(cache.puts).toEqual([]);
  });

  it('a peek without credentials answers no-cache, not the no-credentials message of an open panel', async () => {
    const { deps, build, api } = setup({ settings: defaultSettings() });
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'peek', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(1));
    expect(port.events[0]).toEqual({ type: 'no-cache' });
    expect(build).not.toHaveBeenCalled();
    expect(api.calls).toEqual([]);
  });

  it('finds an individual’s cached summary too', async () => {
    const { deps, cache, accounts, build } = setup();
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Particulier', { client: { type: 'individual', id: PAGE.id, name: 'Particulier' } }));
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(1));
    expect(port.events[0]).toMatchObject({ type: 'summary', phase: 'cached' });
    expect(build).not.toHaveBeenCalled();
  });

  it('refresh recomputes even when cached', async () => {
    const { deps, cache, accounts, build } = setup();
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'));
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'refresh', page: PAGE });
    await vi.waitFor(() => expect(cache.puts).toHaveLength(1));
    expect(build).toHaveBeenCalledTimes(1);
    expect(types(port.events)).not.toContain('summary:cached');
  });

  it('an error keeps the cached summary and says so', async () => {
    const { deps, cache, accounts } = setup({
      build: async (_d, opts) => {
        opts.onProgress?.({ phase: 'documents', done: 1, total: 5 });
        throw new Error('Sellsy answered HTTP 500');
      },
    });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'));
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'refresh', page: PAGE });
    await vi.waitFor(() => expect(port.events.at(-1)?.type).toBe('error'));
    expect(port.events.at(-1)).toEqual({ type: 'error', scope: 'load', message: 'Sellsy answered HTTP 500', keptCached: true });
    expect(cache.puts).toHaveLength(0);
    const kept = await cache.store.getSummary<{ client: { name: string } }>('90001', 'company', PAGE.id);
    expect(kept?.summary.client.name).toBe('Cached');
  });

  it('a failure after the figures is a texts error, and nothing partial is saved', async () => {
    const { deps, cache } = setup({
      build: async (_d, opts) => {
        opts.onSummary?.(summaryOf('Partial'), 'figures');
        throw new Error('LLM timed out');
      },
    });
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(port.events.at(-1)?.type).toBe('error'));
    expect(types(port.events)).toEqual(['summary:figures', 'error']);
    expect(port.events.at(-1)).toMatchObject({ scope: 'texts', message: 'LLM timed out' });
    expect(cache.puts).toHaveLength(0);
  });

  it('no credentials → no-credentials, nothing fetched', async () => {
    const { deps, build, api } = setup({ settings: defaultSettings() });
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(port.events).toEqual([{ type: 'no-credentials' }]));
    expect(build).not.toHaveBeenCalled();
    expect(api.calls).toEqual([]);
  });

  it('a prospect becomes not-client and is not cached', async () => {
    const { deps, cache } = setup({
      build: async () => ({
        status: 'not-client',
        accountId: '90001',
        thirdType: 'prospect',
        client: { kind: 'company', id: 5, name: 'Prospect SA' },
        language: 'fr',
      }),
    });
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(1));
    expect(port.events[0]).toEqual({ type: 'not-client', thirdType: 'prospect', name: 'Prospect SA', language: 'fr' });
    expect(cache.puts).toHaveLength(0);
  });

  it('a contact page gets a clear message, in the page’s language', async () => {
    const { deps, build } = setup();
    const url = 'https://www.sellsy.com/peoples/301';
    const port = fakePort(contentSender(url));
    servePanelPort(port, deps);
    port.send({ type: 'open', page: { thirdType: 'people', id: 301, origin: PAGE.origin }, language: 'fr' });
    await vi.waitFor(() => expect(port.events).toHaveLength(1));
    expect(port.events[0]).toMatchObject({ type: 'error', scope: 'load', keptCached: false });
    expect((port.events[0] as { message: string }).message).toMatch(/contact/);
    expect(build).not.toHaveBeenCalled();
  });

  it('a cache that cannot be written leaves the summary shown and says so', async () => {
    const { deps, cache } = setup();
    cache.failWrites(new Error('The browser’s storage is full'));
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(port.events.at(-1)?.type).toBe('error'));
    expect(types(port.events).slice(0, -1)).toContain('summary:texts');
    expect(port.events.at(-1)).toMatchObject({ scope: 'load', keptCached: true });
  });

  it('a newer request silences the older run; a closed panel gets nothing and the run is aborted', async () => {
    const gate = deferred<void>();
    let seenSignal: AbortSignal | undefined;
    const { deps } = setup({
      build: async (_d, opts) => {
        seenSignal = opts.signal;
        await gate.promise;
        opts.onSummary?.(summaryOf('Late'), 'figures');
        return { status: 'client', summary: summaryOf('Late'), requests: 1, accountId: '90001' };
      },
    });
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(seenSignal).toBeDefined());
    port.closeFromPanel();
    expect(seenSignal!.aborted).toBe(true);
    gate.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(port.events).toEqual([]);
  });

  it('serves only our content script on a Sellsy page, and ignores malformed requests', async () => {
    const { deps, build } = setup();
    const foreign = fakePort(contentSender(undefined, { id: 'another-extension' }));
    expect(servePanelPort(foreign, deps)).toBe(false);
    expect(foreign.disconnected).toBe(true);
    const elsewhere = fakePort(contentSender('https://evil.example/thirds/client/48201'));
    expect(servePanelPort(elsewhere, deps)).toBe(false);

    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: { ...PAGE, origin: 'https://evil.example' } });
    port.send({ type: 'open' });
    port.send('open');
    port.send({ type: 'steal-settings', page: PAGE });
    await new Promise((r) => setTimeout(r, 0));
    expect(build).not.toHaveBeenCalled();
    expect(port.events).toEqual([]);
  });

  it('records what the LLM gets once the figures are ready, only when AI is on', async () => {
    const onFigures = vi.fn();
    const ai = { enabled: true, apiKey: 'k', baseURL: 'http://127.0.0.1:1/v1', model: 'm', redact: true, timeoutMs: 1000 };
    const { deps, cache } = setup({ aiSettings: () => ai, onFigures });
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(cache.puts).toHaveLength(1));
    expect(onFigures).toHaveBeenCalledTimes(1);
    expect(onFigures.mock.calls[0]![1]).toBe(ai);
  });
});

describe('the panel port when Sign in with Sellsy has ended', () => {
  const signedOut = () => signedOutError('Signed out of Sellsy: the sign-in has expired or was revoked; sign in again');

  it('a load refused for want of a sign-in answers signed-out, not an error', async () => {
    const { deps, cache } = setup({
      build: async () => {
        throw signedOut();
      },
    });
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(1));
    expect(port.events).toEqual([{ type: 'signed-out', keptCached: false }]);
    expect(cache.puts).toHaveLength(0);
  });

  it('a refresh over a cached summary keeps it: signed-out with keptCached, the cache untouched', async () => {
    const { deps, cache, accounts } = setup({
      build: async (_d, opts) => {
        opts.onProgress?.({ phase: 'documents', done: 1, total: 5 });
        throw signedOut();
      },
    });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'));
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'refresh', page: PAGE });
    await vi.waitFor(() => expect(port.events.at(-1)?.type).toBe('signed-out'));
    expect(port.events.at(-1)).toEqual({ type: 'signed-out', keptCached: true });
    expect((await cache.store.getSummary<{ client: { name: string } }>('90001', 'company', PAGE.id))?.summary.client.name).toBe('Cached');
  });

  it('an older cached summary whose freshness check finds the sign-in ended: the summary, then signed-out', async () => {
    const warnings: string[] = [];
    const { deps, cache, accounts } = setup({
      latestChangeAt: async () => {
        throw signedOut();
      },
      onWarning: (m) => warnings.push(m),
    });
    await accounts.set(sellsyConnection(CONFIGURED)!, '90001');
    cache.seed('90001', summaryOf('Cached'), '2026-11-28T10:00:00.000Z');
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(2));
    expect(types(port.events)).toEqual(['summary:cached', 'signed-out']);
    expect(port.events[1]).toEqual({ type: 'signed-out', keptCached: true });
    expect(warnings).toEqual([]);
  });

  it('another auth error stays an error with its message', async () => {
    const { deps } = setup({
      build: async () => {
        throw new SellsyError('auth', 'Sellsy rejected the credentials', { status: 401 });
      },
    });
    const port = fakePort(contentSender());
    servePanelPort(port, deps);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(1));
    expect(port.events[0]).toMatchObject({ type: 'error', message: 'Sellsy rejected the credentials' });
  });
});
