// @vitest-environment happy-dom
// The page cannot drive the extension. (1) Every handler in the panel ignores untrusted events (what a page
// script's click() or dispatchEvent makes), keys included; (2) the background's limits (lib/rate-limit.ts,
// lib/summary/load-limits.ts, used by the summary service) allow one load of a client per 10 s, ten loads
// per tab and three with the LLM per client per minute, and say "wait a moment" otherwise; (3) the panel
// shows that wait. The closed shadow root is checked in Chromium (test/e2e/hardening.ts, H4 and H5).
import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEventsOnly } from '@/components/panel/user-events';
import { createAccountMap } from '@/entrypoints/background/accounts';
import { servePanelPort } from '@/entrypoints/background/summary-port';
import type { PanelEvent, PanelRequest } from '@/lib/messages';
import { createRateLimiter } from '@/lib/rate-limit';
import { sellsyConnection } from '@/lib/settings/derive';
import { applyPatch } from '@/lib/settings/patch';
import { defaultSettings } from '@/lib/settings/types';
import type { buildClientSummary } from '@/lib/summary/build';
import { LOAD_LIMITS } from '@/lib/summary/load-limits';
import { createSummaryService, type SummaryServiceDeps } from '@/lib/summary/service';
import { memoryKv } from '@/test/unit/memory-kv';
import { contentSender, fakeApi, fakePort, fakeStore, GUARD, PAGE, settle, summaryOf } from '../extension/bg-fakes';
import { invoicingSummary } from '../panel/fixture';
import { PAGE as PANEL_PAGE, setup as panelSetup } from '../panel/harness';

afterEach(cleanup);

describe('the rate limiter', () => {
  it('takes from every budget or from none, and says when there is room again', () => {
    let t = 1_000;
    const limiter = createRateLimiter(() => t);
    const client = { key: 'client:a', max: 1, windowMs: 10_000 };
    const tab = { key: 'tab:1', max: 2, windowMs: 60_000 };
    expect(limiter.take([client, tab])).toEqual({ ok: true });
    t += 4_000;
    expect(limiter.take([client, tab])).toEqual({ ok: false, retryInMs: 6_000, rule: client });
    t += 6_000;
    expect(limiter.take([client, tab])).toEqual({ ok: true });
    // The tab's two are spent: a new client is refused too, and the refused take cost nothing.
    expect(limiter.take([{ ...client, key: 'client:b' }, tab])).toEqual({ ok: false, retryInMs: 50_000, rule: tab });
    t += 50_000;
    expect(limiter.take([{ ...client, key: 'client:b' }, tab])).toEqual({ ok: true });
  });

  it('keeps a bounded number of budgets however many names it is given', () => {
    let t = 0;
    const limiter = createRateLimiter(() => t);
    for (let i = 0; i < 5_000; i++) {
      t += 1;
      expect(limiter.take([{ key: `client:${i}`, max: 1, windowMs: 10_000 }]).ok).toBe(true);
    }
    // The latest are remembered: a second take of the last one is still refused.
    expect(limiter.take([{ key: 'client:4999', max: 1, windowMs: 10_000 }]).ok).toBe(false);
  });
});

const CONFIGURED = applyPatch(defaultSettings(), { sellsy: { clientId: 'cid', clientSecret: 'sec' } });
type BuildFn = typeof buildClientSummary;

function service(over: Partial<SummaryServiceDeps> = {}) {
  let now = Date.parse('2026-11-29T09:00:00.000Z');
  const build = vi.fn<BuildFn>(async (_deps, opts) => {
    const s = summaryOf('Fresh');
    opts.onSummary?.(s, 'figures');
    return { status: 'client', summary: s, requests: 12, accountId: '90001' };
  });
  const cache = fakeStore();
  const svc = createSummaryService({
    loadSettings: async () => CONFIGURED,
    connectionFor: (s) => sellsyConnection(s),
    makeApi: () => fakeApi(90001),
    openStore: async () => cache.store,
    accounts: createAccountMap(memoryKv()),
    build,
    aiSettings: () => null,
    today: () => '2026-11-29',
    now: () => new Date(now),
    browserLanguage: () => 'fr-FR',
    limiter: createRateLimiter(() => now),
    ...over,
  });
  const ask = async (request: PanelRequest, tabId = 7, signal = new AbortController().signal): Promise<PanelEvent[]> => {
    const events: PanelEvent[] = [];
    await svc.handle(request, (e) => events.push(structuredClone(e)), signal, { tabId });
    return events;
  };
  return {
    ask,
    build,
    cache,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('the summary service limits loads', () => {
  it('Refresh every 50 ms for 20 s (what a page script did): 2 loads, every other request told to wait', async () => {
    const s = service();
    const kinds = new Map<string, number>();
    for (let t = 0; t < 20_000; t += 50) {
      for (const e of await s.ask({ type: 'refresh', page: PAGE })) kinds.set(e.type, (kinds.get(e.type) ?? 0) + 1);
      s.advance(50);
    }
    expect(s.build).toHaveBeenCalledTimes(2);
    expect(kinds.get('wait')).toBe(400 - 2);
  });

  it('the wait says which limit and for how long; a cached summary on screen is kept', async () => {
    const s = service();
    await s.ask({ type: 'refresh', page: PAGE });
    s.advance(3_000);
    expect(await s.ask({ type: 'refresh', page: PAGE })).toEqual([{ type: 'wait', reason: 'client', retryInMs: 7_000, keptCached: true }]);
    s.advance(7_000);
    expect((await s.ask({ type: 'refresh', page: PAGE })).map((e) => e.type)).toEqual(['summary', 'summary']);
  });

  it("another Sellsy account's client with the same id is another client", async () => {
    let settings = CONFIGURED;
    const s = service({ loadSettings: async () => settings });
    await s.ask({ type: 'refresh', page: PAGE });
    settings = applyPatch(CONFIGURED, { sellsy: { clientId: 'other-account', clientSecret: 'sec2' } });
    expect((await s.ask({ type: 'refresh', page: PAGE })).map((e) => e.type)).toEqual(['summary', 'summary']);
    settings = CONFIGURED;
    expect((await s.ask({ type: 'refresh', page: PAGE }))[0]).toMatchObject({ type: 'wait', reason: 'client' });
  });

  it('an open answered from the cache costs nothing; retry-texts counts as a load', async () => {
    const s = service();
    await s.ask({ type: 'open', page: PAGE }); // computes and caches
    for (let i = 0; i < 5; i++) expect((await s.ask({ type: 'open', page: PAGE }))[0]).toMatchObject({ type: 'summary', phase: 'cached' });
    expect(s.build).toHaveBeenCalledTimes(1);
    expect(await s.ask({ type: 'retry-texts', page: PAGE })).toEqual([{ type: 'wait', reason: 'client', retryInMs: 10_000, keptCached: true }]);
  });

  it("a load called off (the panel closed) gives the client's share back, not the tab's", async () => {
    const s = service();
    s.build.mockImplementation(
      (_deps, opts) => new Promise((_resolve, reject) => opts.signal!.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    for (let i = 0; i < LOAD_LIMITS.tab.max; i++) {
      const ctrl = new AbortController();
      const asked = s.ask({ type: 'refresh', page: PAGE }, 7, ctrl.signal);
      await settle();
      ctrl.abort();
      expect(await asked).toEqual([]);
    }
    expect(s.build).toHaveBeenCalledTimes(LOAD_LIMITS.tab.max);
    expect(await s.ask({ type: 'refresh', page: PAGE })).toEqual([{ type: 'wait', reason: 'tab', retryInMs: 60_000, keptCached: false }]);
  });

  it('a tab gets ten loads a minute across clients (a page that navigates itself from client to client)', async () => {
    const s = service();
    const refused: PanelEvent[] = [];
    for (let id = 1; id <= 15; id++) {
      const events = await s.ask({ type: 'open', page: { ...PAGE, id: 60_000 + id } });
      refused.push(...events.filter((e) => e.type === 'wait'));
      s.advance(1_000);
    }
    expect(s.build).toHaveBeenCalledTimes(LOAD_LIMITS.tab.max);
    expect(refused).toHaveLength(5);
    expect(refused[0]).toMatchObject({ type: 'wait', reason: 'tab', keptCached: false });
    // Another tab has its own budget.
    await s.ask({ type: 'open', page: { ...PAGE, id: 61_000 } }, 8);
    expect(s.build).toHaveBeenCalledTimes(LOAD_LIMITS.tab.max + 1);
  });

  it('with the LLM on, three loads of a client a minute', async () => {
    const ai = { enabled: true, apiKey: 'k', baseURL: 'http://127.0.0.1:1/v1', model: 'm', redact: true, timeoutMs: 1000 };
    const s = service({ aiSettings: () => ai });
    const types: string[] = [];
    for (let i = 0; i < 5; i++) {
      types.push(((await s.ask({ type: 'refresh', page: PAGE })).at(-1) as { type: string; reason?: string }).reason ?? 'loaded');
      s.advance(11_000);
    }
    expect(types).toEqual(['loaded', 'loaded', 'loaded', 'llm', 'llm']);
    expect(s.build).toHaveBeenCalledTimes(LOAD_LIMITS.llm.max);
  });

  it('through the port: the tab the service limits by is the sender’s', async () => {
    const handle = vi.fn(async () => undefined);
    const port = fakePort(contentSender());
    servePanelPort(port, { guard: GUARD, service: { handle } });
    port.send({ type: 'refresh', page: PAGE });
    await settle();
    expect(handle.mock.calls[0]).toHaveLength(4);
    expect((handle.mock.calls[0] as unknown[])[3]).toEqual({ tabId: 7 });
  });
});

describe('the panel ignores untrusted events', () => {
  const summary = (phase: 'figures' | 'texts' = 'texts') => ({
    type: 'summary' as const,
    summary: invoicingSummary('fr'),
    phase,
    savedAt: '2026-11-29T08:00:00.000Z',
    stale: false,
    requests: 12,
  });
  /** An event a browser made (isTrusted is the browser's own flag; happy-dom lacks it, so the test says it). */
  const trusted = <E extends Event>(e: E): E => Object.defineProperty(e, 'isTrusted', { value: true });

  function openPanel() {
    const t = panelSetup({ acceptEvent: userEventsOnly, toMarkdown: (() => '## md') as never });
    act(() => {
      t.model.setPage(PANEL_PAGE);
      t.model.show();
    });
    act(() => t.emit(summary()));
    return t;
  }

  it('clicks and keys a script makes on Refresh, Copy, Close, a figure, "show more" and Escape do nothing', () => {
    const t = openPanel();
    const sentBefore = t.sent.length;
    const root = t.root()!;
    for (const sel of ['[data-action="refresh"]', '[data-action="copy"]', '[data-action="close"]', '.fig-btn', '.link-btn']) {
      const el = root.querySelector<HTMLElement>(sel);
      if (!el) continue;
      act(() => el.click());
      act(() => void fireEvent.click(el));
      act(() => void fireEvent.keyDown(el, { key: 'Enter' }));
    }
    act(() => void fireEvent.keyDown(root, { key: 'Escape' }));
    expect(t.sent.length).toBe(sentBefore);
    expect(t.model.open.value).toBe(true);
    expect(root.querySelector('[data-sources-for]')).toBeNull();
    expect(root.querySelector('[data-action="copy"]')!.textContent).toBe('Copier en Markdown');
  });

  it("the error's Retry, the texts' Retry and Open the options do nothing on a script's click", () => {
    const t = openPanel();
    act(() => t.emit({ type: 'error', scope: 'load', message: 'boom', keptCached: true }));
    act(() => t.emit(summary('figures')));
    act(() => t.emit({ type: 'error', scope: 'texts', message: 'llm down', keptCached: true }));
    act(() => t.emit({ type: 'error', scope: 'load', message: 'boom', keptCached: true }));
    const before = t.sent.length;
    const buttons = [...t.root()!.querySelectorAll<HTMLButtonElement>('[data-error] button')];
    expect(buttons.length).toBe(3); // the load's, and the texts' in the interactions and recommendations cards
    for (const b of buttons) act(() => b.click());
    expect(t.sent.length).toBe(before);
    const u = panelSetup({ acceptEvent: userEventsOnly });
    act(() => {
      u.model.setPage(PANEL_PAGE);
      u.model.show();
    });
    act(() => u.emit({ type: 'no-credentials' }));
    act(() => u.root()!.querySelector<HTMLButtonElement>('[data-message="no-credentials"] button')!.click());
    expect(u.openOptions.calls).toBe(0);
  });

  it("the same controls work for the browser's own events (the rule is isTrusted, nothing else)", () => {
    const t = openPanel();
    const root = t.root()!;
    act(() => void root.querySelector('.fig-btn')!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true }))));
    expect(root.querySelector('[data-sources-for]')).not.toBeNull();
    act(() => void root.querySelector('[data-action="refresh"]')!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true }))));
    expect(t.sent.at(-1)).toMatchObject({ type: 'refresh' });
    act(() => void root.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))));
    expect(t.model.open.value).toBe(false);
  });
});

describe('the panel says to wait a moment', () => {
  it('keeps the summary on screen, says why and for how long, and asks again on Retry', () => {
    const t = panelSetup();
    act(() => {
      t.model.setPage(PANEL_PAGE);
      t.model.show();
    });
    act(() =>
      t.emit({ type: 'summary', summary: invoicingSummary('fr'), phase: 'texts', savedAt: '2026-11-29T08:00:00.000Z', stale: false, requests: 3 }),
    );
    act(() => t.model.refresh());
    act(() => t.emit({ type: 'wait', reason: 'client', retryInMs: 7_200, keptCached: true }));
    const wait = t.root()!.querySelector('[data-message="wait"]')!;
    expect(wait.getAttribute('role')).toBe('status');
    expect(wait.querySelector('span')!.textContent).toBe('Un instant : ce client vient d’être calculé. Réessayez dans 8 s.');
    expect(t.root()!.dataset.state).toBe('ready');
    expect(t.root()!.querySelectorAll('section.card')).toHaveLength(5);
    act(() => void fireEvent.click(wait.querySelector('button')!));
    expect(t.sent.at(-1)).toMatchObject({ type: 'refresh' });
    expect(t.root()!.querySelector('[data-message="wait"]')).toBeNull();
  });

  it('with nothing on screen: the state is "waiting", in the panel’s language', () => {
    const t = panelSetup({ browserLanguage: 'en-US' });
    act(() => {
      t.model.setPage(PANEL_PAGE);
      t.model.show();
    });
    act(() => t.emit({ type: 'wait', reason: 'tab', retryInMs: 41_000, keptCached: false }));
    expect(t.root()!.dataset.state).toBe('waiting');
    expect(t.root()!.querySelector('[data-message="wait"] span')!.textContent).toBe(
      'Wait a moment: many summaries were computed in this tab. Try again in 41 s.',
    );
  });
});
