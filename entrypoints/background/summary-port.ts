// The panel's port: one per page the panel shows. `open` answers from the cache at once when it can,
// otherwise computes; `refresh` always computes; `retry-texts` computes again (the texts need the
// figures of the same run). A cached summary is never replaced by a partial one: it is saved only
// once the whole computation has succeeded.

import type { AiSettings } from '@/lib/ai/settings';
import type { LoadProgress } from '@/lib/client-data';
import type { PageRef, PanelEvent, PanelRequest } from '@/lib/messages';
import type { SellsyApi } from '@/lib/sellsy/api';
import { latestChangeAt, latestChangeRequests } from '@/lib/sellsy/latest-change';
import type { ClientRef } from '@/lib/sellsy/load-client';
import { isSignedOut } from '@/lib/sellsy/oauth';
import type { SellsyConnection } from '@/lib/settings/derive';
import type { Settings } from '@/lib/settings/types';
import type { ResumeStore, StoredSummary } from '@/lib/store/types';
import type { BuildResult } from '@/lib/summary/build';
import type { Summary } from '@/lib/summary/types';
import type { AccountMap } from './accounts';
import { acceptPanelRequest, contentScriptPage, type GuardContext } from './guard';
import type { PortLike } from './types';

export type { BuildResult };

/** lib/summary/build.ts's buildClientSummary, as the background calls it. */
export type BuildFn = (
  deps: { api: SellsyApi; store?: ResumeStore },
  opts: {
    ref: ClientRef;
    today: string;
    now: Date;
    languageSetting: Settings['language'];
    browserLanguage: string;
    sourceModeSetting: Settings['sourceMode'];
    ai: AiSettings | null;
    onProgress?: (p: LoadProgress) => void;
    onSummary?: (summary: Summary, phase: 'figures' | 'texts') => void;
    onInteractionsDelta?: (text: string) => void;
    signal?: AbortSignal;
  },
) => Promise<BuildResult>;

export interface SummaryPortDeps {
  guard: GuardContext;
  loadSettings(): Promise<Settings>;
  /** The connection for a page: the configured one, or (local builds) the local fake's. Null: none. */
  connectionFor(settings: Settings, page: PageRef): SellsyConnection | null;
  makeApi(conn: SellsyConnection): SellsyApi;
  openStore(): Promise<ResumeStore>;
  accounts: AccountMap;
  build: BuildFn;
  aiSettings(settings: Settings): AiSettings | null;
  /** Today's date where the user is, YYYY-MM-DD. */
  today(): string;
  now(): Date;
  browserLanguage(): string;
  /** Called once a summary's figures are ready and the LLM is on, with what its texts request carries. */
  onFigures?(summary: Summary, ai: AiSettings): void;
  onWarning?(message: string): void;
  /** lib/sellsy/latest-change.ts's latestChangeAt unless a test hands in another. */
  latestChangeAt?: typeof latestChangeAt;
}

/** A cached summary older than this is checked against the client's newest document or activity. */
export const FRESHNESS_CHECK_AFTER_MS = 10 * 60_000;

function errorMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m || 'Unknown error';
}

/** The cached summary for the record a page shows; /thirds/{type}/{id} may be a company or an individual. */
async function findCached(store: ResumeStore, accountId: string, page: PageRef): Promise<StoredSummary<Summary> | null> {
  return (await store.getSummary<Summary>(accountId, 'company', page.id)) ?? (await store.getSummary<Summary>(accountId, 'individual', page.id));
}

export function refOf(page: PageRef): ClientRef | null {
  // A /peoples/ page is a contact: it has no purchases of its own, and its id is not a third's id.
  return page.thirdType === 'people' ? null : { kind: 'unknown', id: page.id };
}

/** Wires one port. Returns false (and disconnects) when the port is not ours to serve. */
export function servePanelPort(port: PortLike, deps: SummaryPortDeps): boolean {
  const senderPage = contentScriptPage(port.sender, deps.guard);
  if (!senderPage) {
    port.disconnect();
    return false;
  }
  let closed = false;
  let current: AbortController | null = null;

  const post = (run: AbortController, event: PanelEvent) => {
    if (closed || current !== run) return; // a newer request or a closed panel: drop what the old run says
    try {
      port.postMessage(event);
    } catch {
      closed = true; // the page went away between our check and the post
    }
  };

  port.onDisconnect.addListener(() => {
    closed = true;
    current?.abort();
    current = null;
  });
  port.onMessage.addListener((message) => {
    const request = acceptPanelRequest(message, senderPage, deps.guard);
    if (!request) return;
    current?.abort();
    const run = new AbortController();
    current = run;
    void handle(request, run).catch((e) => {
      deps.onWarning?.(`summary port: ${errorMessage(e)}`);
      post(run, { type: 'error', scope: 'load', message: errorMessage(e), keptCached: false });
    });
  });

  /** The page's language as the content script saw it, else the browser's. */
  const languageOf = (request: PanelRequest): string => ('language' in request && request.language) || deps.browserLanguage();

  /** After a cached answer: one small request per collection says whether something newer exists. */
  async function markIfStale(api: SellsyApi, cached: StoredSummary<Summary>, run: AbortController): Promise<void> {
    const savedAt = Date.parse(cached.savedAt);
    // A summary a few minutes old is what the rep just saw: checking it would spend quota for nothing.
    if (!(deps.now().getTime() - savedAt > FRESHNESS_CHECK_AFTER_MS)) return;
    const { client, sourceMode } = cached.summary;
    try {
      const latest = await (deps.latestChangeAt ?? latestChangeAt)(api, {
        client: { kind: client.type, id: client.id },
        sourceMode,
        signal: run.signal,
      });
      if (latest !== null && Date.parse(latest) > savedAt) {
        post(run, {
          type: 'summary',
          summary: cached.summary,
          phase: 'cached',
          savedAt: cached.savedAt,
          stale: true,
          requests: latestChangeRequests(sourceMode),
        });
      }
    } catch (e) {
      // A sign-in that has ended is the rep's concern: the cached summary stays, with a Sign in button.
      if (isSignedOut(e) && !run.signal.aborted) post(run, { type: 'signed-out', keptCached: true });
      // Otherwise the cached summary stays on screen unmarked; the failure is not the rep's concern but is logged.
      else if (!run.signal.aborted) deps.onWarning?.(`freshness check failed: ${errorMessage(e)}`);
    }
  }

  /** The cache alone: an answer for a closed panel must cost no API request and say nothing alarming. */
  async function peek(page: PageRef, run: AbortController): Promise<void> {
    const settings = await deps.loadSettings();
    const conn = deps.connectionFor(settings, page);
    const accountId = conn && refOf(page) ? await deps.accounts.get(conn) : null;
    let cached: StoredSummary<Summary> | null = null;
    if (accountId) {
      try {
        cached = await findCached(await deps.openStore(), accountId, page);
      } catch (e) {
        deps.onWarning?.(`cache read failed: ${errorMessage(e)}`);
      }
    }
    post(
      run,
      cached
        ? { type: 'summary', summary: cached.summary, phase: 'cached', savedAt: cached.savedAt, stale: false, requests: 0 }
        : { type: 'no-cache' },
    );
  }

  async function handle(request: PanelRequest, run: AbortController): Promise<void> {
    if (request.type === 'peek') return peek(request.page, run);
    const settings = await deps.loadSettings();
    const conn = deps.connectionFor(settings, request.page);
    if (!conn) {
      post(run, { type: 'no-credentials' });
      return;
    }
    const ref = refOf(request.page);
    if (!ref) {
      const fr = (settings.language === 'auto' ? languageOf(request) : settings.language).startsWith('fr');
      const message = fr
        ? 'Cette page est celle d’un contact : ouvrez la fiche de sa société ou du particulier pour voir le résumé.'
        : 'This page is a contact’s: open its company’s or the individual’s page to see the summary.';
      post(run, { type: 'error', scope: 'load', message, keptCached: false });
      return;
    }
    const api = deps.makeApi(conn);
    let store: ResumeStore | null = null;
    try {
      store = await deps.openStore();
    } catch (e) {
      deps.onWarning?.(`cache unavailable: ${errorMessage(e)}`);
    }

    let accountId = await deps.accounts.get(conn);
    let cached: StoredSummary<Summary> | null = null;
    if (store && accountId) {
      try {
        cached = await findCached(store, accountId, request.page);
      } catch (e) {
        deps.onWarning?.(`cache read failed: ${errorMessage(e)}`);
      }
    }
    if (cached && request.type === 'open') {
      post(run, { type: 'summary', summary: cached.summary, phase: 'cached', savedAt: cached.savedAt, stale: false, requests: 0 });
      await markIfStale(api, cached, run);
      return;
    }
    if (run.signal.aborted) return;

    const ai = deps.aiSettings(settings);
    const startRequests = api.stats().requests;
    let figuresSent = false;
    let textsSent = false;
    let streamed = '';
    let result: BuildResult;
    try {
      result = await deps.build(store ? { api, store } : { api }, {
        ref,
        today: deps.today(),
        now: deps.now(),
        languageSetting: settings.language,
        browserLanguage: languageOf(request),
        sourceModeSetting: settings.sourceMode,
        ai,
        signal: run.signal,
        onProgress: (progress) => post(run, { type: 'progress', progress }),
        onSummary: (summary, phase) => {
          if (phase === 'figures') {
            figuresSent = true;
            if (ai?.enabled) deps.onFigures?.(summary, ai);
          } else textsSent = true;
          post(run, {
            type: 'summary',
            summary,
            phase,
            savedAt: deps.now().toISOString(),
            stale: false,
            requests: api.stats().requests - startRequests,
          });
        },
        // The pipeline reports the whole text so far; the panel appends what is new.
        onInteractionsDelta: (textSoFar) => {
          if (!textSoFar.startsWith(streamed)) streamed = '';
          const delta = textSoFar.slice(streamed.length);
          streamed = textSoFar;
          if (delta) post(run, { type: 'interactions-delta', text: delta });
        },
      });
    } catch (e) {
      if (run.signal.aborted) return;
      if (isSignedOut(e)) post(run, { type: 'signed-out', keptCached: cached !== null || figuresSent });
      else post(run, { type: 'error', scope: figuresSent ? 'texts' : 'load', message: errorMessage(e), keptCached: cached !== null || figuresSent });
      return;
    }
    if (run.signal.aborted) return;
    // The load read the account (GET /staffs/me) anyway: remember it for the cache key of the next open.
    if (accountId !== result.accountId) {
      accountId = result.accountId;
      await deps.accounts.set(conn, accountId).catch((e: Error) => deps.onWarning?.(`account not remembered: ${errorMessage(e)}`));
    }

    if (result.status === 'not-client') {
      post(run, { type: 'not-client', thirdType: result.thirdType, name: result.client.name, language: result.language });
      return;
    }
    const summary = result.summary;
    if (!textsSent) {
      // Without an LLM the pipeline stops at its figures, whose texts are the rules' ones: those are the
      // final texts, and the panel is told so (it waits for a 'texts' summary to call itself ready).
      post(run, { type: 'summary', summary, phase: 'texts', savedAt: deps.now().toISOString(), stale: false, requests: result.requests });
    }
    if (!store) return;
    try {
      await store.putSummary(accountId, summary.client.type, summary.client.id, summary, {
        latestActivityAt: null,
        savedAt: deps.now().toISOString(),
      });
    } catch (e) {
      // The summary is on screen; only the cache missed it. Say so without hiding the summary.
      if (!run.signal.aborted) post(run, { type: 'error', scope: 'load', message: errorMessage(e), keptCached: true });
    }
  }
  return true;
}
