// Faults against the local Sellsy at the pipeline level (buildClientSummary over a fake-indexeddb store,
// `today` fixed) and through the background's port (the real pipeline, the real store): each faulty run
// gives exactly the clean run's summary or a clear error naming no token or secret, and the summary
// cached before stays as it was. A partial summary is never saved as complete.
// Already covered elsewhere (not repeated here): 10 % 5xx + cut bodies and a mid-load token expiry at
// the loadClient level (test/unit/data/load-client.fake.test.ts), a newer request aborting an older run
// and an unwritable cache with a scripted pipeline (test/unit/summary/service.test.ts).

import { createServer } from 'node:net';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccountMap } from '@/entrypoints/background/accounts';
import { localConnection } from '@/entrypoints/background/local-sellsy';
import { servePanelPort } from '@/entrypoints/background/summary-port';
import type { PanelEvent } from '@/lib/messages';
import { createSellsyApi, type SellsyApiConfig } from '@/lib/sellsy/api';
import { SellsyError } from '@/lib/sellsy/errors';
import { applyPatch } from '@/lib/settings/patch';
import { defaultSettings } from '@/lib/settings/types';
import { openStore } from '@/lib/store/open-store';
import type { ResumeStore } from '@/lib/store/types';
import { type BuildOptions, buildClientSummary } from '@/lib/summary/build';
import { createSummaryService, type SummaryServiceDeps } from '@/lib/summary/service';
import type { Summary } from '@/lib/summary/types';
import { DEMO, INDIVIDUAL_CLIENT_ID, LARGE_CLIENT_ID } from '@/test/sellsy/demo';
import { DEFAULT_OPTIONS, type FakeSellsy, startSellsy } from '@/test/sellsy/server';
import { memoryKv } from '@/test/unit/memory-kv';
import { contentSender, fakePort, GUARD } from '../extension/bg-fakes';

const TODAY = '2026-11-29';
const NOW = new Date('2026-11-29T09:00:00.000Z');
let sellsy: FakeSellsy;
/** Every bearer token the data layer sent, from a recording fetch: none may appear in an error. */
const tokensSeen = new Set<string>();
const clean = new Map<number, Summary>();
/** Requests the fake logged for one whole clean load of the large client. */
let cleanRequests = 0;

const recordingFetch: typeof fetch = (input, init) => {
  const auth = new Headers(init?.headers).get('authorization');
  if (auth) tokensSeen.add(auth.replace(/^Bearer\s+/i, ''));
  return globalThis.fetch(input, init);
};

const roomy = () => Object.assign(sellsy.options, DEFAULT_OPTIONS, { perSecondQuota: 5000, perMinuteQuota: 100_000 });
const freshStore = (): ResumeStore => openStore({ indexedDB: new IDBFactory(), IDBKeyRange, name: `hardening-${Math.random()}` });

function api(over: Partial<SellsyApiConfig> = {}) {
  return createSellsyApi({
    apiUrl: sellsy.apiUrl,
    tokenUrl: sellsy.tokenUrl,
    auth: { kind: 'client-credentials', ...DEMO },
    fetch: recordingFetch,
    onWarning: () => undefined,
    ...over,
  });
}

function build(id: number, over: Partial<BuildOptions> = {}, apiOver: Partial<SellsyApiConfig> = {}, store: ResumeStore = freshStore()) {
  return buildClientSummary(
    { api: api(apiOver), store },
    {
      ref: { kind: 'unknown', id },
      today: TODAY,
      now: NOW,
      languageSetting: 'auto',
      browserLanguage: 'fr-FR',
      sourceModeSetting: 'auto',
      ai: null,
      ...over,
    },
  );
}

const withoutTime = (s: Summary) => ({ ...s, generatedAt: 'x' });

/** The run's outcome: the clean summary exactly, or an error that says what failed and carries no secret. */
async function cleanOrClearError(id: number, run: Promise<unknown>): Promise<'same' | SellsyError> {
  let result: unknown;
  try {
    result = await run;
  } catch (e) {
    expectClearError(e);
    return e as SellsyError;
  }
  const r = result as { status: string; summary: Summary };
  expect(r.status).toBe('client');
  expect(withoutTime(r.summary)).toEqual(withoutTime(clean.get(id)!));
  return 'same';
}

function expectClearError(e: unknown) {
  expect(e).toBeInstanceOf(SellsyError);
  const err = e as SellsyError;
  expect(err.message.length).toBeGreaterThan(10);
  expectNoSecret(err.message);
  expectNoSecret(JSON.stringify({ ...err, stack: undefined }));
}

function expectNoSecret(text: string) {
  expect(text).not.toContain(DEMO.clientSecret);
  expect(text).not.toMatch(/Bearer\s+\S/i);
  for (const t of tokensSeen) expect(text).not.toContain(t);
}

beforeAll(async () => {
  sellsy = await startSellsy({ today: TODAY });
  roomy();
  for (const id of [LARGE_CLIENT_ID, INDIVIDUAL_CLIENT_ID]) {
    sellsy.resetLog();
    const r = await build(id);
    if (r.status !== 'client') throw new Error('expected a client');
    clean.set(id, r.summary);
    if (id === LARGE_CLIENT_ID) cleanRequests = sellsy.log.length;
  }
  expect(tokensSeen.size).toBeGreaterThan(0);
}, 60_000);
afterAll(async () => {
  await sellsy?.close();
});
afterEach(() => {
  roomy();
  sellsy.resetLog();
});

describe('pipeline faults against the local Sellsy', { timeout: 120_000 }, () => {
  // A tiny quota: every burst meets 429s. The individual client keeps the run to seconds, not minutes.
  for (const retryAfter of [false, true]) {
    it(`a 429 on every burst (2 req/s, ${retryAfter ? 'with' : 'without'} Retry-After) still gives the clean summary`, async () => {
      Object.assign(sellsy.options, { perSecondQuota: 2, retryAfter });
      const a = api();
      const r = await buildClientSummary(
        { api: a, store: freshStore() },
        {
          ref: { kind: 'unknown', id: INDIVIDUAL_CLIENT_ID },
          today: TODAY,
          now: NOW,
          languageSetting: 'auto',
          browserLanguage: 'fr-FR',
          sourceModeSetting: 'auto',
          ai: null,
        },
      );
      expect(r.status === 'client' && withoutTime(r.summary)).toEqual(withoutTime(clean.get(INDIVIDUAL_CLIENT_ID)!));
      expect(a.stats().quota429).toBeGreaterThan(0);
      expect(sellsy.log.some((e) => e.status === 429)).toBe(true);
    });
  }

  it('10 % 5xx answers: the clean summary, or a server error that names the call', async () => {
    Object.assign(sellsy.options, { errorRate: 0.1 });
    const out = await cleanOrClearError(LARGE_CLIENT_ID, build(LARGE_CLIENT_ID));
    if (out !== 'same') expect(out.kind).toBe('server');
    expect(sellsy.log.some((e) => e.status >= 500)).toBe(true);
  });

  it('bodies cut mid-way (5 %): the clean summary, or a clear error', async () => {
    Object.assign(sellsy.options, { cutBodyRate: 0.05 });
    await cleanOrClearError(LARGE_CLIENT_ID, build(LARGE_CLIENT_ID));
  });

  it('a stall longer than the API timeout ends in a timeout error naming the call, not a hang', async () => {
    Object.assign(sellsy.options, { stallMs: 1500 });
    const err = await build(INDIVIDUAL_CLIENT_ID, {}, { timeoutMs: 150 }).then(
      () => null,
      (e: unknown) => e,
    );
    expectClearError(err);
    expect((err as SellsyError).kind).toBe('timeout');
    expect((err as SellsyError).message).toMatch(/GET|POST|\//);
  });

  it('a token that expires mid-load is renewed: the clean summary', async () => {
    let expired = false;
    const out = await cleanOrClearError(
      LARGE_CLIENT_ID,
      build(LARGE_CLIENT_ID, {
        onProgress: (p) => {
          if (p.phase === 'documents' && !expired) {
            expired = true;
            sellsy.expireTokens();
          }
        },
      }),
    );
    expect(out).toBe('same');
    expect(expired).toBe(true);
    expect(sellsy.log.some((e) => e.status === 401)).toBe(true);
  });

  it('an unreachable API (closed port) is a network error naming no secret', async () => {
    const port = await closedPort();
    const err = await build(
      INDIVIDUAL_CLIENT_ID,
      {},
      {
        apiUrl: `http://127.0.0.1:${port}/v2`,
        tokenUrl: `http://127.0.0.1:${port}/oauth2/access-tokens`,
      },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expectClearError(err);
    expect(['network', 'auth']).toContain((err as SellsyError).kind);
    expect((err as SellsyError).kind).toBe('network');
  });

  it('a cache whose every write throws QuotaExceededError: the same figures, the cache miss said in the warnings', async () => {
    const store = quotaExceeded(freshStore());
    const r = await build(LARGE_CLIENT_ID, {}, {}, store);
    expect(r.status).toBe('client');
    const s = (r as { summary: Summary }).summary;
    const c = clean.get(LARGE_CLIENT_ID)!;
    expect({ ...withoutTime(s), warnings: [] }).toEqual({ ...withoutTime(c), warnings: [] });
    expect(s.warnings.some((w) => /cache/i.test(w))).toBe(true);
  });

  it('an abort mid-load (the service worker going away) rejects with the abort, and nothing after it is reported', async () => {
    const ctl = new AbortController();
    const summaries: unknown[] = [];
    const err = await build(LARGE_CLIENT_ID, {
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.phase === 'documents') ctl.abort(new DOMException('stopped', 'AbortError'));
      },
      onSummary: (s) => summaries.push(s),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect((err as Error).name === 'AbortError' || err instanceof SellsyError).toBe(true);
    expect(summaries).toEqual([]);
    expectNoSecret(String((err as Error).message));
  });
});

// --- through the port: the cache before the run is what is left after a failed one -------------------

function portDeps(store: ResumeStore, apiOver: Partial<SellsyApiConfig> = {}): SummaryServiceDeps {
  const settings = applyPatch(defaultSettings(), {});
  return {
    loadSettings: async () => settings,
    connectionFor: (_s, page) => localConnection(page.origin),
    makeApi: (conn) => createSellsyApi({ ...conn, fetch: recordingFetch, onWarning: () => undefined, ...apiOver }),
    openStore: async () => store,
    accounts: createAccountMap(memoryKv()),
    aiSettings: () => null,
    today: () => TODAY,
    now: () => NOW,
    browserLanguage: () => 'fr-FR',
  };
}

// 'shared' and 'changes' go with a summary on screen (the figures too): the answer is not over with them.
const lastMain = (events: PanelEvent[]) => events.findLast((e) => e.type !== 'shared' && e.type !== 'changes');
const isFinal = (e: PanelEvent | undefined) =>
  !!e && e.type !== 'progress' && e.type !== 'interactions-delta' && !(e.type === 'summary' && ['lists', 'details', 'figures'].includes(e.phase));

async function refresh(d: SummaryServiceDeps, id: number, beforeEnd?: (port: ReturnType<typeof fakePort>) => void) {
  const url = `${sellsy.origin}/thirds/client/${id}`;
  const port = fakePort(contentSender(url));
  expect(servePanelPort(port, { guard: { ...GUARD, allowLocal: true }, service: createSummaryService(d) })).toBe(true);
  port.send({ type: 'refresh', page: { thirdType: 'client', id, origin: sellsy.origin } });
  beforeEnd?.(port);
  await vi.waitFor(() => expect(isFinal(lastMain(port.events)) || port.disconnected).toBe(true), { timeout: 60_000, interval: 50 });
  return port;
}

/** A summary cached earlier: the clean one with a marker, so a replacement would show. */
function previous(id: number): Summary {
  return { ...clean.get(id)!, generatedAt: '2026-11-01T08:00:00.000Z', warnings: ['cached earlier'] };
}

async function seeded(id: number, store = freshStore()) {
  await store.putSummary('90001', 'individual' === clean.get(id)!.client.type ? 'individual' : 'company', id, previous(id), {
    savedAt: '2026-11-01T08:00:00.000Z',
  });
  return store;
}
const stored = (store: ResumeStore, id: number) => store.getSummary<Summary>('90001', clean.get(id)!.client.type, id);

describe('a failed refresh keeps the cached summary intact', { timeout: 120_000 }, () => {
  // The port learns the account id from /staffs/me, so the first refresh is the one that faults.
  it('a stall past the timeout: a load error, no summary event, the cache unchanged', async () => {
    const store = await seeded(INDIVIDUAL_CLIENT_ID);
    Object.assign(sellsy.options, { stallMs: 1500 });
    const port = await refresh(portDeps(store, { timeoutMs: 150 }), INDIVIDUAL_CLIENT_ID);
    const last = lastMain(port.events)!;
    expect(last).toMatchObject({ type: 'error', scope: 'load' });
    expectNoSecret(JSON.stringify(port.events));
    expect(port.events.some((e) => e.type === 'summary')).toBe(false);
    expect((await stored(store, INDIVIDUAL_CLIENT_ID))!.summary).toEqual(previous(INDIVIDUAL_CLIENT_ID));
  });

  it('the API unreachable mid-way (every answer 5xx): a load error and the cache unchanged', async () => {
    const store = await seeded(INDIVIDUAL_CLIENT_ID);
    Object.assign(sellsy.options, { errorRate: 1 });
    const port = await refresh(portDeps(store), INDIVIDUAL_CLIENT_ID);
    expect(port.events.at(-1)).toMatchObject({ type: 'error', scope: 'load' });
    expectNoSecret(JSON.stringify(port.events));
    expect((await stored(store, INDIVIDUAL_CLIENT_ID))!.summary).toEqual(previous(INDIVIDUAL_CLIENT_ID));
  });

  it('10 % 5xx and cut bodies: the cache holds either the earlier summary or exactly the clean one', async () => {
    const store = await seeded(LARGE_CLIENT_ID);
    Object.assign(sellsy.options, { errorRate: 0.1, cutBodyRate: 0.03 });
    const port = await refresh(portDeps(store), LARGE_CLIENT_ID);
    const after = (await stored(store, LARGE_CLIENT_ID))!.summary;
    const last = lastMain(port.events)!;
    if (last.type === 'error') expect(after).toEqual(previous(LARGE_CLIENT_ID));
    else expect(withoutTime(after)).toEqual(withoutTime(clean.get(LARGE_CLIENT_ID)!));
    expectNoSecret(JSON.stringify(port.events));
  });

  it('a QuotaExceededError on saving the summary: the summary is shown, the error says the cache missed it, the old entry stays', async () => {
    const store = quotaExceeded(await seeded(INDIVIDUAL_CLIENT_ID));
    const port = await refresh(portDeps(store), INDIVIDUAL_CLIENT_ID);
    const texts = port.events.find((e) => e.type === 'summary' && e.phase === 'texts') as Extract<PanelEvent, { type: 'summary' }>;
    expect(texts).toBeDefined();
    await vi.waitFor(() => expect(port.events.at(-1)).toMatchObject({ type: 'error', keptCached: true }));
    expect((await stored(store, INDIVIDUAL_CLIENT_ID))!.summary).toEqual(previous(INDIVIDUAL_CLIENT_ID));
  });

  it('the panel closing mid-load (the worker going away): the run stops, nothing is saved, the cache unchanged', async () => {
    const store = await seeded(LARGE_CLIENT_ID);
    const puts = vi.spyOn(store, 'putSummary');
    const port = await refresh(portDeps(store), LARGE_CLIENT_ID, (p) => {
      const timer = setInterval(() => {
        if (p.events.some((e) => e.type === 'progress' && e.progress.phase === 'documents')) {
          clearInterval(timer);
          p.closeFromPanel();
        }
      }, 5);
    });
    expect(port.disconnected).toBe(true);
    // The run was aborted, not left running: once what was in flight has landed, no request follows,
    // and fewer were sent than a whole load sends.
    await new Promise((r) => setTimeout(r, 500));
    const landed = sellsy.log.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(sellsy.log.length).toBe(landed);
    expect(landed).toBeLessThan(cleanRequests);
    expect(puts).not.toHaveBeenCalled();
    expect((await stored(store, LARGE_CLIENT_ID))!.summary).toEqual(previous(LARGE_CLIENT_ID));
  });
});

/** Wraps a store so that every write fails as a full disk would, like IndexedDB's QuotaExceededError. */
function quotaExceeded(store: ResumeStore): ResumeStore {
  const full = async () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  return {
    ...store,
    putRows: full,
    putItems: full,
    putSummary: full,
    getRows: store.getRows,
    getItems: store.getItems,
    getSummary: store.getSummary,
  };
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
