// Fakes for the background's modules: a port, a store, an API that counts, and a scripted pipeline.

import type { GuardContext } from '@/entrypoints/background/guard';
import type { PortLike, SenderLike } from '@/entrypoints/background/types';
import type { PanelEvent } from '@/lib/messages';
import type { SellsyApi } from '@/lib/sellsy/api';
import type { ResumeStore, StoredLook, StoredSummary } from '@/lib/store/types';
import type { Summary } from '@/lib/summary/types';

export const RUNTIME_ID = 'our-extension-id';
export const EXT_ORIGIN = 'chrome-extension://our-extension-id';
export const GUARD: GuardContext = { runtimeId: RUNTIME_ID, extensionOrigin: EXT_ORIGIN, allowLocal: false };
export const PAGE_URL = 'https://www.sellsy.com/thirds/client/48201';
export const PAGE = { thirdType: 'client' as const, id: 48201, origin: 'https://www.sellsy.com' };

export function contentSender(url = PAGE_URL, over: Partial<SenderLike> = {}): SenderLike {
  return { id: RUNTIME_ID, url, frameId: 0, tab: { id: 7, url }, ...over };
}
export function optionsSender(over: Partial<SenderLike> = {}): SenderLike {
  return { id: RUNTIME_ID, url: `${EXT_ORIGIN}/options.html`, ...over };
}

export interface FakePort extends PortLike {
  events: PanelEvent[];
  disconnected: boolean;
  send(message: unknown): void;
  closeFromPanel(): void;
}

export function fakePort(sender: SenderLike | undefined, name = 'resume-summary'): FakePort {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const port: FakePort = {
    name,
    sender,
    events: [],
    disconnected: false,
    postMessage(m) {
      if (port.disconnected) throw new Error('Attempting to use a disconnected port object');
      port.events.push(structuredClone(m) as PanelEvent);
    },
    disconnect() {
      port.disconnected = true;
    },
    onMessage: {
      addListener: (l) => {
        onMessage.push(l);
      },
    },
    onDisconnect: {
      addListener: (l) => {
        onDisconnect.push(l);
      },
    },
    send(m) {
      for (const l of onMessage) l(m);
    },
    closeFromPanel() {
      port.disconnected = true;
      for (const l of onDisconnect) l();
    },
  };
  return port;
}

export function summaryOf(name: string, extra: Partial<Summary> = {}): Summary {
  return {
    client: { type: 'company', id: PAGE.id, name },
    today: '2026-11-29',
    generatedAt: '2026-11-29T04:00:00.000Z',
    sourceMode: 'invoicing',
    currency: 'EUR',
    language: 'fr',
    warnings: [],
    excludedOtherCurrency: 0,
    relationship: { firstPurchase: null, lastPurchase: null, totalPurchases: '0.00' },
    openDocuments: {
      invoicesToPay: null,
      invoicesLate: null,
      estimatesSent: { count: 0, total: '0.00', items: [] },
      estimatesRead: { count: 0, total: '0.00', items: [] },
      opportunities: { count: 0, total: '0.00', items: [] },
    },
    salesOverview: {
      byYear: [],
      averagePerYear: 0,
      averageBasket: null,
      topProductsByQuantity: [],
      topProductsByRevenue: [],
      averagePaymentDelayDays: null,
      latePayments: null,
    },
    interactions: { from: '2026-05-29', counts: { comments: 0, tasks: 0, calls: 0, events: 0 }, items: [], summary: '', generatedBy: 'rules' },
    recommendations: { items: [], generatedBy: 'rules' },
    ...extra,
  };
}

export function fakeStore() {
  const summaries = new Map<string, StoredSummary<unknown>>();
  const looks = new Map<string, StoredLook<unknown>>();
  const puts: { accountId: string; kind: string; id: number; summary: unknown }[] = [];
  let failPut: Error | null = null;
  const store: ResumeStore = {
    getRows: async () => new Map(),
    putRows: async () => undefined,
    getItems: async () => new Map(),
    putItems: async () => undefined,
    getSummary: async <S>(a: string, k: string, id: number) => (summaries.get(`${a}|${k}|${id}`) as StoredSummary<S> | undefined) ?? null,
    putSummary: async (a, k, id, summary, meta) => {
      if (failPut) throw failPut;
      puts.push({ accountId: a, kind: k, id, summary });
      summaries.set(`${a}|${k}|${id}`, {
        summary,
        savedAt: meta.savedAt ?? 'now',
        ...(meta.facts !== undefined ? { facts: meta.facts } : {}),
      });
    },
    getLook: async <L>(a: string, k: string, id: number) => (looks.get(`${a}|${k}|${id}`) as StoredLook<L> | undefined) ?? null,
    putLook: async (a, k, id, look) => {
      if (failPut) throw failPut;
      looks.set(`${a}|${k}|${id}`, structuredClone(look));
    },
    clear: async () => {
      summaries.clear();
      looks.clear();
    },
    clearAccount: async () => undefined,
    close: () => undefined,
  };
  return {
    store,
    summaries,
    looks,
    puts,
    seed(accountId: string, summary: Summary, savedAt = '2026-11-28T10:00:00.000Z', facts?: unknown) {
      summaries.set(`${accountId}|${summary.client.type}|${summary.client.id}`, {
        summary,
        savedAt,
        ...(facts !== undefined ? { facts } : {}),
      });
    },
    failWrites(e: Error) {
      failPut = e;
    },
  };
}

/** An API that only answers GET /staffs/me and a search of comments (none), and counts its requests. */
export function fakeApi(accountId = 90001, comments: unknown[] = []): SellsyApi & { calls: string[] } {
  const calls: string[] = [];
  let requests = 0;
  return {
    calls,
    async get<T>(path: string): Promise<T> {
      calls.push(path);
      requests += 1;
      if (path === '/staffs/me') {
        return {
          id: 11,
          firstname: 'Ana',
          lastname: 'Lopez',
          email: 'a@x',
          language: 'fr',
          timezone: 'Europe/Paris',
          _embed: { account: { id: accountId, name: 'Atelier' }, licenses: [{ id: 1, code: 'pack_all_included', enabled: true }] },
        } as T;
      }
      throw new Error(`unexpected GET ${path}`);
    },
    async post<T>(path: string): Promise<T> {
      calls.push(`POST ${path}`);
      requests += 1;
      if (path === '/comments/search')
        return { data: comments, pagination: { limit: 10, count: comments.length, total: comments.length, offset: '' } } as T;
      throw new Error(`unexpected POST ${path}`);
    },
    searchAll: async () => [],
    batchGet: async () => [],
    stats: () => ({ requests, retries: 0, quota429: 0, bytes: 0, batchSubRequests: 0 }),
  };
}

/** Lets a test resolve or reject a pending promise when it chooses. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Runs pending promise callbacks (the port's handlers are async). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}
