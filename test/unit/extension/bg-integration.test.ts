// The port end to end in Node: the real service and pipeline (lib/summary) against the local Sellsy fake,
// the real Dexie store on fake-indexeddb, the real settings and account map. Only the browser is faked.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccountMap } from '@/entrypoints/background/accounts';
import { createLastSent } from '@/entrypoints/background/last-sent';
import { localConnection } from '@/entrypoints/background/local-sellsy';
import { createApiPool } from '@/entrypoints/background/sellsy-apis';
import { servePanelPort } from '@/entrypoints/background/summary-port';
import type { PanelEvent } from '@/lib/messages';
import { isLoopbackOrigin } from '@/lib/sellsy-web/detect';
import { aiSettingsOf, sellsyConnection } from '@/lib/settings/derive';
import { createSettingsStore, type KeyValue } from '@/lib/settings/store';
import { openStore } from '@/lib/store/open-store';
import { createSummaryService, type SummaryServiceDeps } from '@/lib/summary/service';
import { startOpenAiFake } from '@/test/openai-fake/server';
import { LARGE_CLIENT_ID, PROSPECT_ID } from '@/test/sellsy/demo';
import { type FakeSellsy, startSellsy } from '@/test/sellsy/server';
import { contentSender, fakePort, GUARD } from './bg-fakes';

let sellsy: FakeSellsy;
beforeAll(async () => {
  sellsy = await startSellsy({ today: '2026-11-29' });
});
afterAll(async () => {
  await sellsy?.close();
});

function deps(initial: Record<string, unknown> = {}): SummaryServiceDeps {
  const data = new Map<string, unknown>(Object.entries(initial));
  const kv: KeyValue = {
    get: async (k) => data.get(k),
    set: async (k, v) => {
      data.set(k, v);
    },
  };
  const settings = createSettingsStore(kv);
  const store = openStore({ indexedDB, IDBKeyRange, name: `bg-int-${Math.random()}` });
  return {
    loadSettings: () => settings.load(),
    // as a local build wires it: no credentials configured + a loopback page → the fake's demo account
    connectionFor: (s, page) => sellsyConnection(s) ?? (isLoopbackOrigin(page.origin) ? localConnection(page.origin) : null),
    makeApi: createApiPool(),
    openStore: async () => store,
    accounts: createAccountMap(kv),
    aiSettings: () => null,
    today: () => '2026-11-29',
    now: () => new Date('2026-11-29T09:00:00.000Z'),
    browserLanguage: () => 'fr-FR',
  };
}

async function run(
  d: SummaryServiceDeps,
  id: number,
  type: 'open' | 'refresh' = 'open',
  done: (events: PanelEvent[]) => boolean = () => true,
): Promise<PanelEvent[]> {
  const url = `${sellsy.origin}/thirds/client/${id}`;
  const port = fakePort(contentSender(url));
  servePanelPort(port, { guard: { ...GUARD, allowLocal: true }, service: createSummaryService(d) });
  port.send({ type, page: { thirdType: 'client', id, origin: sellsy.origin } });
  await vi
    .waitFor(
      () => {
        // 'shared' and 'changes' go with a summary on screen (the figures too): the answer is not over with them.
        const last = port.events.findLast((e) => e.type !== 'shared' && e.type !== 'changes');
        const final =
          last &&
          last.type !== 'progress' &&
          last.type !== 'interactions-delta' &&
          !(last.type === 'summary' && ['lists', 'details', 'figures'].includes(last.phase));
        expect(final && done(port.events)).toBe(true);
      },
      { timeout: 60_000, interval: 200 },
    )
    .catch((e) => {
      // Say where it stopped: the last events name the load phase that never finished.
      throw new Error(`${(e as Error).message}; last events: ${JSON.stringify(port.events.slice(-3))}`);
    });
  return port.events;
}

// A loaded machine paces the fake's quota slower: these runs get more than the default 30 s.
describe('background port against the local Sellsy', { timeout: 120_000 }, () => {
  // The cached open also looks for a summary a colleague shared on the record (lib/summary/shared-summary.ts):
  // one small request, answered after the cached summary.
  it('first open computes; the next open answers from the cache, then asks only for shared summaries', async () => {
    const d = deps();
    const first = await run(d, LARGE_CLIENT_ID);
    expect(first.some((e) => e.type === 'progress')).toBe(true);
    const summary = first.find((e) => e.type === 'summary' && e.phase === 'figures') as Extract<PanelEvent, { type: 'summary' }>;
    expect(summary.summary.client.id).toBe(LARGE_CLIENT_ID);
    expect(summary.summary.language).toBe('fr');
    expect(summary.requests).toBeGreaterThan(0);
    expect(first.at(-1)).toMatchObject({ type: 'summary', phase: 'texts' }); // no LLM: the rules' texts are final

    const store = await d.openStore();
    await vi.waitFor(async () => expect(await store.getSummary('90001', 'company', LARGE_CLIENT_ID)).not.toBeNull());
    sellsy.resetLog();
    const second = await run(d, LARGE_CLIENT_ID, 'open', (events) => events.some((e) => e.type === 'shared'));
    expect(second[0]).toMatchObject({ type: 'summary', phase: 'cached', requests: 0 });
    expect(second.slice(1)).toEqual([{ type: 'shared', shared: null }]);
    expect(sellsy.log.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v2/comments/search']);
    expect(sellsy.log[0]!.query).toMatchObject({ limit: '10', order: 'created', direction: 'desc' });
  });

  it('a prospect gets not-client', async () => {
    const events = await run(deps(), PROSPECT_ID);
    expect(events.at(-1)).toMatchObject({ type: 'not-client', thirdType: 'prospect' });
  });

  it('with an LLM: figures, streamed interaction deltas, then texts; what was sent is what the LLM got', async () => {
    const llm = await startOpenAiFake();
    try {
      const last = createLastSent();
      const settings = { version: 2, ai: { enabled: true, apiKey: 'sk-test', baseURL: llm.baseURL, model: 'fake-model', redact: true } };
      const d = { ...deps({ settings }), aiSettings: aiSettingsOf, onFigures: last.record };
      const events = await run(d, LARGE_CLIENT_ID, 'refresh');
      const kinds = events.map((e) => (e.type === 'summary' ? `summary:${e.phase}` : e.type)).filter((k) => k !== 'progress');
      // A refresh over cached rows: the partial phases (if any detail is new) come before the complete figures.
      expect(kinds.filter((k) => k !== 'summary:lists' && k !== 'summary:details')[0]).toBe('summary:figures');
      expect(kinds.at(-1)).toBe('summary:texts');
      const deltas = events.filter((e) => e.type === 'interactions-delta').map((e) => (e as { text: string }).text);
      expect(deltas.length).toBeGreaterThan(1);
      const final = events.at(-1) as Extract<PanelEvent, { type: 'summary' }>;
      expect(final.summary.interactions.generatedBy).toBe('llm');
      expect(deltas.join('').trim()).toBe(final.summary.interactions.summary);
      const sent = (await last.get())!;
      expect(sent.messages.length).toBeGreaterThan(0);
      const fenceless = (t: string) => t.replace(/[A-Za-z0-9]{16,}/g, '');
      const got = llm.requests.flatMap((r) => (r.body?.messages ?? []) as { content: string }[]).map((m) => fenceless(m.content));
      for (const m of sent.messages) expect(got).toContain(fenceless(m.content));
    } finally {
      await llm.close();
    }
  });
});
