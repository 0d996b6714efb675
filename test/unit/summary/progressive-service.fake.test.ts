// The panel's use case with the staged pipeline against the local Sellsy (its request log counts what each
// request costs): a page prepared before the click spends phase 1's requests and no more, leaving the page
// cancels it, the click goes on from it; a load closed halfway leaves a partial summary that the next open
// shows and completes, reading no detail twice; a complete cached summary is never replaced by a partial one.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccountMap } from '@/entrypoints/background/accounts';
import type { PanelEvent, PanelRequest } from '@/lib/messages';
import { createRateLimiter, type RateLimiter } from '@/lib/rate-limit';
import { createSellsyApi } from '@/lib/sellsy/api';
import { sellsyConnection } from '@/lib/settings/derive';
import { applyPatch } from '@/lib/settings/patch';
import { defaultSettings, type Settings } from '@/lib/settings/types';
import { openStore } from '@/lib/store/open-store';
import type { ResumeStore } from '@/lib/store/types';
import { buildClientSummary } from '@/lib/summary/build';
import { createSummaryService, type SummaryServiceDeps } from '@/lib/summary/service';
import type { Summary } from '@/lib/summary/types';
import { DEMO, LARGE_CLIENT_ID } from '@/test/sellsy/demo';
import { DEFAULT_OPTIONS, type FakeSellsy, type RequestLogEntry, startSellsy } from '@/test/sellsy/server';
import { memoryKv } from '@/test/unit/memory-kv';

const TODAY = '2026-11-29';
const NOW = new Date('2026-11-29T09:00:00.000Z');
let sellsy: FakeSellsy;

beforeAll(async () => {
  sellsy = await startSellsy({ today: TODAY });
});
afterAll(async () => {
  await sellsy?.close();
});
beforeEach(() => {
  Object.assign(sellsy.options, DEFAULT_OPTIONS, { perSecondQuota: 5000, perMinuteQuota: 100_000 });
  sellsy.resetLog();
});

function setup(over: { prepare?: boolean; limiter?: RateLimiter } = {}) {
  const settings: Settings = applyPatch(defaultSettings(), {
    sellsy: {
      apiUrl: sellsy.apiUrl,
      tokenUrl: sellsy.tokenUrl,
      authKind: 'client-credentials',
      clientId: DEMO.clientId,
      clientSecret: DEMO.clientSecret,
    },
    prepareOnOpen: over.prepare ?? true,
  });
  const store: ResumeStore = openStore({ indexedDB: new IDBFactory(), IDBKeyRange, name: `progressive-${Math.random()}` });
  // One API client per connection, as the background's pool keeps it.
  const api = createSellsyApi({ ...sellsyConnection(settings)!, onWarning: () => undefined });
  const deps: SummaryServiceDeps = {
    loadSettings: async () => settings,
    connectionFor: (s) => sellsyConnection(s),
    makeApi: () => api,
    openStore: async () => store,
    accounts: createAccountMap(memoryKv()),
    aiSettings: () => null,
    today: () => TODAY,
    now: () => NOW,
    browserLanguage: () => 'fr-FR',
    ...(over.limiter ? { limiter: over.limiter } : {}),
  };
  const service = createSummaryService(deps);
  const page = { thirdType: 'client' as const, id: LARGE_CLIENT_ID, origin: sellsy.origin };
  /** Starts one request; `events` fills as it answers. */
  const start = (type: PanelRequest['type'], signal = new AbortController().signal) => {
    const events: PanelEvent[] = [];
    const done = service.handle({ type, page } as PanelRequest, (e) => events.push(e), signal, { tabId: 7 });
    return { events, done };
  };
  const ask = async (type: PanelRequest['type'], signal?: AbortSignal) => {
    const r = start(type, signal);
    await r.done;
    return r.events;
  };
  return { service, store, page, start, ask, settings };
}

const kinds = (events: PanelEvent[]) =>
  events.filter((e) => e.type !== 'progress').map((e) => (e.type === 'summary' ? `summary:${e.phase}` : e.type));
const summaries = (events: PanelEvent[]) => events.filter((e): e is Extract<PanelEvent, { type: 'summary' }> => e.type === 'summary');
const withoutTime = (s: Summary) => ({ ...s, generatedAt: 'x' });
const isDetail = (path: string) => path.endsWith('/batch') || path.includes('/items');
/** Requests other than details and catalogue: phase 1's (token, record, user, lists); a 429 sent again is one. */
// The newest shared summary on the record (one POST /comments/search with its owner embedded, once the
// figures are shown) is no list of phase 1.
const isSharedLookup = (e: RequestLogEntry) => e.path.endsWith('/comments/search') && String(e.query['embed[]'] ?? '').includes('owner');
const sharedLookups = () => sellsy.log.filter(isSharedLookup).length;
const listRequests = () => sellsy.log.filter((e) => !isDetail(e.path) && !isSharedLookup(e) && e.status !== 429).length;
const detailRequests = () => sellsy.log.filter((e) => isDetail(e.path)).length;
function detailUris(): string[] {
  return sellsy.log
    .filter((e) => e.path.endsWith('/batch') && typeof e.body === 'string')
    .flatMap((e) => [...(e.body as string).matchAll(/"uri"\s*:\s*"(\/invoices\/\d+)"/g)].map((m) => m[1]!));
}
const until = async (cond: () => boolean, ms = 20_000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Phase 1's requests of a cold load of the large client, counted on the log of a whole load. */
async function coldPhase1Requests(): Promise<number> {
  sellsy.resetLog();
  const api = createSellsyApi({
    apiUrl: sellsy.apiUrl,
    tokenUrl: sellsy.tokenUrl,
    auth: { kind: 'client-credentials', ...DEMO },
    onWarning: () => undefined,
  });
  await buildClientSummary(
    { api },
    {
      ref: { kind: 'company', id: LARGE_CLIENT_ID },
      today: TODAY,
      now: NOW,
      languageSetting: 'auto',
      browserLanguage: 'fr',
      sourceModeSetting: 'auto',
    },
  );
  const n = listRequests();
  sellsy.resetLog();
  return n;
}

describe('prepare the summary when a client page opens', { timeout: 60_000 }, () => {
  it('with the setting off, prepare is a peek: nothing is read', async () => {
    const t = setup({ prepare: false });
    expect(await t.ask('prepare')).toEqual([{ type: 'no-cache' }]);
    expect(sellsy.log).toEqual([]);
  });

  it('spends phase 1’s requests only; the click goes on from it without reading the lists again', async () => {
    const phase1 = await coldPhase1Requests();
    const t = setup();
    const prepared = await t.ask('prepare');
    expect(kinds(prepared)).toEqual(['summary:lists']);
    const lists = summaries(prepared)[0]!;
    expect(lists.summary.partial?.detailsRead).toBe(0);
    expect(detailRequests()).toBe(0);
    expect(listRequests()).toBe(phase1);
    // Nothing else goes while nobody clicks.
    await pause(300);
    expect(sellsy.log.length).toBe(phase1);

    sellsy.resetLog();
    const opened = await t.ask('open');
    const k = kinds(opened);
    expect(k[0]).toBe('summary:lists');
    expect(k.at(-1)).toBe('summary:texts');
    expect(k).toContain('summary:details');
    expect(listRequests()).toBe(0);
    expect(sharedLookups()).toBe(1);
    expect(detailRequests()).toBeGreaterThan(0);
    const final = summaries(opened).at(-1)!.summary;
    expect(final.partial).toBeUndefined();
    const cached = await t.store.getSummary<Summary>('90001', 'company', LARGE_CLIENT_ID);
    expect(cached?.summary.partial).toBeUndefined();
    expect(withoutTime(cached!.summary)).toEqual(withoutTime(final));
    // With a complete summary cached, the next page load is a peek again: nothing is read.
    sellsy.resetLog();
    expect(kinds(await t.ask('prepare'))).toEqual(['summary:cached']);
    expect(sellsy.log).toEqual([]);
  });

  it('under the background’s load limits, a page loaded again reuses its phase 1 and the click goes on from it (no wait)', async () => {
    const phase1 = await coldPhase1Requests();
    let clock = 1_000_000;
    const t = setup({ limiter: createRateLimiter(() => clock) });
    expect(kinds(await t.ask('prepare'))).toEqual(['summary:lists']);
    // The page loaded again at once: the same phase 1 answers, nothing is read again.
    clock += 1_000;
    expect(kinds(await t.ask('prepare'))).toEqual(['summary:lists']);
    expect(listRequests()).toBe(phase1);
    // The click 2 s after the page load is no new load: it finishes the prepared one, with no 'wait'.
    clock += 1_000;
    sellsy.resetLog();
    const opened = await t.ask('open');
    expect(opened.some((e) => e.type === 'wait')).toBe(false);
    expect(kinds(opened).at(-1)).toBe('summary:texts');
    expect(listRequests()).toBe(0);
  });

  it('a preparation left before its end gives the client’s share of the load limits back: another tab opens the client at once', async () => {
    Object.assign(sellsy.options, { perSecondQuota: 10 });
    let clock = 1_000_000;
    const t = setup({ limiter: createRateLimiter(() => clock) });
    const leave = new AbortController();
    const r = t.start('prepare', leave.signal);
    await until(() => r.events.some((e) => e.type === 'progress' && e.progress.phase === 'documents'));
    leave.abort();
    await r.done;
    clock += 1_000;
    Object.assign(sellsy.options, { perSecondQuota: 5000 });
    const opened = await t.ask('open');
    expect(opened.some((e) => e.type === 'wait')).toBe(false);
    expect(kinds(opened).at(-1)).toBe('summary:texts');
  });

  it('leaving the page cancels it: no request after, fewer than phase 1’s', async () => {
    const phase1 = await coldPhase1Requests();
    Object.assign(sellsy.options, { perSecondQuota: 10 });
    const t = setup();
    const leave = new AbortController();
    const r = t.start('prepare', leave.signal);
    await until(() => r.events.some((e) => e.type === 'progress' && e.progress.phase === 'documents'));
    leave.abort(); // what the port does when the page goes: its request is aborted
    await r.done;
    await pause(400);
    const landed = sellsy.log.length;
    await pause(1200);
    expect(sellsy.log.length).toBe(landed);
    expect(landed).toBeLessThan(phase1);
    expect(detailRequests()).toBe(0);
    expect(summaries(r.events)).toEqual([]);
  });

  it('a click while it runs takes it over: each list is read once', async () => {
    const phase1 = await coldPhase1Requests();
    Object.assign(sellsy.options, { perSecondQuota: 20 });
    const t = setup();
    const prepareRun = new AbortController();
    const prep = t.start('prepare', prepareRun.signal);
    await until(() => prep.events.some((e) => e.type === 'progress' && e.progress.phase === 'documents'));
    // The port: a newer request aborts the older one, then hands the new one over, in the same task.
    prepareRun.abort();
    const open = t.start('open');
    // Only phase 1 needed the tight quota (for the click to land in it).
    Object.assign(sellsy.options, { perSecondQuota: 5000 });
    await open.done;
    await prep.done;
    const k = kinds(open.events);
    expect(k[0]).toBe('summary:lists');
    expect(k.at(-1)).toBe('summary:texts');
    expect(open.events.some((e) => e.type === 'progress')).toBe(true);
    expect(listRequests()).toBe(phase1);
    expect(summaries(prep.events)).toEqual([]);
  });
});

describe('a load closed halfway', { timeout: 60_000 }, () => {
  it('leaves a partial summary, shown and completed by the next open; no detail is read twice', async () => {
    Object.assign(sellsy.options, { perSecondQuota: 50 });
    const t = setup({ prepare: false });
    const close = new AbortController();
    const first = t.start('open', close.signal);
    await until(() => summaries(first.events).filter((s) => s.phase === 'details').length >= 2);
    close.abort();
    await first.done;
    await pause(300);
    const firstUris = detailUris();
    const kept = await t.store.getSummary<Summary>('90001', 'company', LARGE_CLIENT_ID);
    expect(kept?.summary.partial).toBeDefined();
    expect(kept!.summary.partial!.detailsRead).toBeLessThan(kept!.summary.partial!.detailsTotal);

    sellsy.resetLog();
    Object.assign(sellsy.options, { perSecondQuota: 5000 });
    const second = await t.ask('open');
    const k = kinds(second);
    expect(k[0]).toBe('summary:cached');
    expect(summaries(second)[0]!.summary.partial).toBeDefined();
    expect(k.at(-1)).toBe('summary:texts');
    const secondUris = detailUris();
    expect(secondUris.filter((u) => firstUris.includes(u))).toEqual([]);
    expect(new Set([...firstUris, ...secondUris]).size).toBe(firstUris.length + secondUris.length);
    const done = await t.store.getSummary<Summary>('90001', 'company', LARGE_CLIENT_ID);
    expect(done?.summary.partial).toBeUndefined();
  });

  it('never replaces a complete cached summary with a partial one', async () => {
    const t = setup({ prepare: false });
    await t.ask('open');
    const complete = await t.store.getSummary<Summary>('90001', 'company', LARGE_CLIENT_ID);
    expect(complete?.summary.partial).toBeUndefined();
    // New invoices since: the refresh has details to read, and is closed while it reads them.
    const invoices = sellsy.db.accounts.invoicing.invoices;
    const paid = invoices.find(
      (i) => i.status === 'paid' && (i.related as { type: string; id: number }[]).some((r) => r.type === 'company' && r.id === LARGE_CLIENT_ID),
    )!;
    for (let n = 1; n <= 3; n++) invoices.push({ ...paid, id: 990_000 + n, number: `NEW-${n}`, date: TODAY });
    try {
      // A slow network, so the close lands before the few new details are read.
      Object.assign(sellsy.options, { latencyMs: 150 });
      const close = new AbortController();
      const refresh = t.start('refresh', close.signal);
      await until(() => summaries(refresh.events).some((s) => s.phase === 'lists'));
      close.abort();
      await refresh.done;
      await pause(300);
      const after = await t.store.getSummary<Summary>('90001', 'company', LARGE_CLIENT_ID);
      expect(after?.summary.partial).toBeUndefined();
      expect(withoutTime(after!.summary)).toEqual(withoutTime(complete!.summary));
    } finally {
      invoices.splice(-3, 3);
    }
  });
});
