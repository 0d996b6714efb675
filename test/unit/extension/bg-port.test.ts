// The port's wiring: who it serves, what it hands to the summary service, what it posts back, and the
// aborts (a newer request, a closed panel). The use case itself is tested in test/unit/summary/service.test.ts.
import { describe, expect, it, vi } from 'vitest';
import { createAccountMap } from '@/entrypoints/background/accounts';
import { servePanelPort } from '@/entrypoints/background/summary-port';
import type { PanelEvent, PanelRequest } from '@/lib/messages';
import { sellsyConnection } from '@/lib/settings/derive';
import { applyPatch } from '@/lib/settings/patch';
import { defaultSettings } from '@/lib/settings/types';
import type { buildClientSummary } from '@/lib/summary/build';
import { createSummaryService, type SummaryService, type SummaryServiceDeps } from '@/lib/summary/service';
import { memoryKv } from '@/test/unit/memory-kv';
import { contentSender, deferred, fakeApi, fakePort, fakeStore, GUARD, PAGE, settle, summaryOf } from './bg-fakes';

const CONFIGURED = applyPatch(defaultSettings(), { sellsy: { clientId: 'cid', clientSecret: 'sec' } });

function setup(over: Partial<SummaryServiceDeps> = {}) {
  const api = fakeApi(90001);
  const cache = fakeStore();
  const build = vi.fn<typeof buildClientSummary>(async (_deps, opts) => {
    const s = summaryOf('Fresh');
    opts.onProgress?.({ phase: 'client', done: 1, total: 1 });
    opts.onSummary?.(s, 'figures');
    opts.onInteractionsDelta?.('Hello ');
    opts.onInteractionsDelta?.('Hello world');
    const withTexts = { ...s, interactions: { ...s.interactions, summary: 'Hello world', generatedBy: 'llm' as const } };
    opts.onSummary?.(withTexts, 'texts');
    return { status: 'client', summary: withTexts, requests: 12, accountId: '90001' };
  });
  const service = createSummaryService({
    loadSettings: async () => CONFIGURED,
    connectionFor: (s) => sellsyConnection(s),
    makeApi: () => api,
    openStore: async () => cache.store,
    accounts: createAccountMap(memoryKv()),
    build,
    aiSettings: () => null,
    today: () => '2026-11-29',
    now: () => new Date('2026-11-29T05:00:00.000Z'),
    browserLanguage: () => 'en-US',
    ...over,
  });
  return { cache, build, deps: { guard: GUARD, service } };
}

const types = (events: { type: string; phase?: string }[]) => events.map((e) => (e.type === 'summary' ? `summary:${e.phase}` : e.type));

describe('the panel port', () => {
  it('hands an accepted request to the service and posts its events in order', async () => {
    const { deps, cache, build } = setup();
    const port = fakePort(contentSender());
    expect(servePanelPort(port, deps)).toBe(true);
    port.send({ type: 'open', page: PAGE, language: 'fr-FR' });
    await vi.waitFor(() => expect(cache.puts).toHaveLength(1));
    expect(types(port.events)).toEqual(['progress', 'summary:figures', 'interactions-delta', 'interactions-delta', 'summary:texts']);
    expect(port.events.filter((e) => e.type === 'interactions-delta').map((e) => (e as { text: string }).text)).toEqual(['Hello ', 'world']);
    expect(build.mock.calls[0]![1]).toMatchObject({ ref: { kind: 'unknown', id: PAGE.id }, browserLanguage: 'fr-FR' });
  });

  it('passes the request as the guard cleaned it, with a signal of its own', async () => {
    const seen: { request: PanelRequest; signal: AbortSignal }[] = [];
    const service: SummaryService = {
      handle: async (request, emit, signal) => {
        seen.push({ request, signal });
        emit({ type: 'no-cache' });
      },
    };
    const port = fakePort(contentSender());
    servePanelPort(port, { guard: GUARD, service });
    port.send({ type: 'peek', page: { ...PAGE, extra: 'dropped' }, language: 'fr' });
    await vi.waitFor(() => expect(port.events).toEqual([{ type: 'no-cache' }]));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.request).toEqual({ type: 'peek', page: PAGE });
    expect(seen[0]!.signal.aborted).toBe(false);
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

  it('a newer request on the same port aborts the older run, whose late events are dropped', async () => {
    const gate = deferred<void>();
    const signals: AbortSignal[] = [];
    // A service that answers the first request late, the second at once, each emitting after its work.
    const service: SummaryService = {
      handle: async (request, emit, signal) => {
        signals.push(signal);
        if (signals.length === 1) await gate.promise;
        emit({ type: 'not-client', thirdType: 'prospect', name: request.type, language: 'en' });
      },
    };
    const port = fakePort(contentSender());
    servePanelPort(port, { guard: GUARD, service });
    port.send({ type: 'open', page: PAGE });
    port.send({ type: 'refresh', page: PAGE });
    await vi.waitFor(() => expect(port.events).toHaveLength(1));
    expect(signals[0]!.aborted).toBe(true);
    gate.resolve();
    await settle();
    expect(port.events).toEqual([{ type: 'not-client', thirdType: 'prospect', name: 'refresh', language: 'en' }]);
  });

  it('a share request runs beside the summary request: neither aborts the other; a closed panel aborts both', async () => {
    const gate = deferred<void>();
    const signals = new Map<string, AbortSignal>();
    const service: SummaryService = {
      handle: async (request, emit, signal) => {
        signals.set(request.type, signal);
        if (request.type === 'open') await gate.promise;
        emit(request.type === 'share' ? { type: 'share', state: 'posted' } : { type: 'no-cache' });
      },
    };
    const port = fakePort(contentSender());
    servePanelPort(port, { guard: GUARD, service });
    port.send({ type: 'open', page: PAGE });
    port.send({ type: 'share', page: PAGE, previewId: 'a1b2c3d4e5f6' });
    await vi.waitFor(() => expect(port.events).toEqual([{ type: 'share', state: 'posted' }]));
    expect(signals.get('open')!.aborted).toBe(false);
    gate.resolve();
    await vi.waitFor(() => expect(port.events).toHaveLength(2));
    expect(port.events[1]).toEqual({ type: 'no-cache' });

    const slow = deferred<void>();
    const late: SummaryService = {
      handle: async (request, emit, signal) => {
        signals.set(`late-${request.type}`, signal);
        await slow.promise;
        emit({ type: 'share', state: 'posted' });
      },
    };
    const other = fakePort(contentSender());
    servePanelPort(other, { guard: GUARD, service: late });
    other.send({ type: 'share-preview', page: PAGE, generatedAt: '2026-11-29T08:00:00.000Z' });
    await vi.waitFor(() => expect(signals.has('late-share-preview')).toBe(true));
    other.closeFromPanel();
    expect(signals.get('late-share-preview')!.aborted).toBe(true);
    slow.resolve();
    await settle();
    expect(other.events).toEqual([]);
  });

  it('a page gone between the check and the post: no crash, and nothing more is posted', async () => {
    const emits: (() => void)[] = [];
    const service: SummaryService = {
      handle: (_request, emit) =>
        new Promise<void>((resolve) => {
          emits.push(() => {
            emit({ type: 'no-cache' });
            resolve();
          });
        }),
    };
    const port = fakePort(contentSender());
    servePanelPort(port, { guard: GUARD, service });
    port.send({ type: 'peek', page: PAGE });
    await vi.waitFor(() => expect(emits).toHaveLength(1));
    port.disconnected = true; // postMessage now throws, as a disconnected port does
    expect(() => emits[0]!()).not.toThrow();
    port.disconnected = false;
    port.send({ type: 'peek', page: PAGE });
    await vi.waitFor(() => expect(emits).toHaveLength(2));
    emits[1]!();
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

  it('serves a page that loaded as Sellsy’s home and moved to a client inside the app (the sender URL stays the home’s)', async () => {
    const { deps, build } = setup();
    const home = `${PAGE.origin}/`;
    const port = fakePort(contentSender(home, { tab: { id: 7, url: `${PAGE.origin}/thirds/client/${PAGE.id}` } }));
    expect(servePanelPort(port, deps)).toBe(true);
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(types(port.events)).toContain('summary:texts'));
    expect(build).toHaveBeenCalledTimes(1);
    expect(port.disconnected).toBe(false);
  });

  it('a service that rejects anyway is logged, not left unhandled', async () => {
    const warnings: string[] = [];
    const service: SummaryService = {
      handle: async () => {
        throw new Error('broken service');
      },
    };
    const port = fakePort(contentSender());
    servePanelPort(port, { guard: GUARD, service, onWarning: (m) => warnings.push(m) });
    port.send({ type: 'open', page: PAGE });
    await vi.waitFor(() => expect(warnings).toEqual(['summary port: broken service']));
    expect(port.events satisfies PanelEvent[]).toEqual([]);
  });
});
