// The panel's use case, behind the background's port: `open` answers from the cache at once when it can
// (and checks an older cached summary for newer data), otherwise computes; `refresh` always computes;
// `retry-texts` computes again (the texts need the figures of the same run); `peek` reads the cache only.
// Computing and freshness checks are bounded per client and per tab (lib/summary/load-limits.ts).
// Each request's answer is a sequence of PanelEvents (lib/messages.ts says which, per request) handed to
// `emit`; nothing is emitted once the request's signal has aborted (a newer request, a closed panel).
// Beside each summary shown: what changed since this user's last look, and the newest summary a colleague
// shared on the record (whose texts a computation takes instead of calling the LLM when they fit).
// Sharing (preview, then post) is lib/summary/share.ts.
// Plain TypeScript: the background hands in its browser-backed pieces, tests hand in fakes.

import type { AiSettings } from '../ai/settings';
import type { PageRef, PanelEvent, PanelRequest } from '../messages';
import type { RateLimiter } from '../rate-limit';
import type { SellsyApi } from '../sellsy/api';
import { isSignedOut } from '../sellsy/oauth';
import type { SellsyConnection } from '../settings/derive';
import type { Settings } from '../settings/types';
import type { ResumeStore, StoredSummary } from '../store/types';
import { backgroundWords } from '../words/background';
import { type BuildResult, buildClientSummary } from './build';
import { cachedFacts, findCachedSummary, saveSummary } from './cache';
import type { DataFacts } from './fingerprint';
import { checkFreshness, type LatestChangeAt } from './freshness';
import { resolveLanguage } from './language';
import { recordLook } from './last-look';
import { freshnessRules, loadRules, type RequestSource, waitReasonOf } from './load-limits';
import { clientRefOf } from './page';
import { createShareFlow } from './share';
import type { SharedTexts } from './shared-comment';
import { findSharedSummary, judgeShared } from './shared-summary';
import type { Summary } from './types';

/** Which Sellsy account a connection opens, remembered between runs: the cache key before any request. */
export interface AccountIds {
  get(conn: SellsyConnection): Promise<string | null>;
  set(conn: SellsyConnection, accountId: string): Promise<void>;
}

export interface SummaryServiceDeps {
  loadSettings(): Promise<Settings>;
  /** The connection for a page: the configured one, or (local builds) the local fake's. Null: none. */
  connectionFor(settings: Settings, page: PageRef): SellsyConnection | null;
  makeApi(conn: SellsyConnection): SellsyApi;
  openStore(): Promise<ResumeStore>;
  accounts: AccountIds;
  aiSettings(settings: Settings): AiSettings | null;
  /** Today's date where the user is, YYYY-MM-DD. */
  today(): string;
  now(): Date;
  browserLanguage(): string;
  /** Called once a summary's figures are ready and the LLM is on, with what its texts request carries. */
  onFigures?(summary: Summary, ai: AiSettings): void;
  /** What went wrong without being the user's concern (a cache miss, a failed freshness check). */
  onWarning?(message: string): void;
  /** lib/summary/build.ts's pipeline unless a test hands in another. */
  build?: typeof buildClientSummary;
  /** lib/sellsy/latest-change.ts's probe unless a test hands in another. */
  latestChangeAt?: LatestChangeAt;
  /**
   * Bounds how often loads and freshness checks run (lib/summary/load-limits.ts); the background hands in
   * one over its clock. Without it nothing is limited (tests of other behaviour).
   */
  limiter?: RateLimiter;
}

export type Emit = (event: PanelEvent) => void;

export interface SummaryService {
  /** Answers one request through `emit`. Never rejects: a failure is an `error` event. `source` says which tab asked. */
  handle(request: PanelRequest, emit: Emit, signal: AbortSignal, source?: RequestSource): Promise<void>;
}

type SummaryRequest = Extract<PanelRequest, { type: 'open' | 'refresh' | 'retry-texts' }>;

/** What one computing request has found before it computes. */
interface Run {
  request: SummaryRequest;
  settings: Settings;
  conn: SellsyConnection;
  ref: NonNullable<ReturnType<typeof clientRefOf>>;
  api: SellsyApi;
  store: ResumeStore | null;
  accountId: string | null;
  cached: StoredSummary<Summary> | null;
  emit: Emit;
  signal: AbortSignal;
  source?: RequestSource;
}

export function errorMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m || 'Unknown error';
}

const cachedEvent = (cached: StoredSummary<Summary>, stale: boolean, requests: number): PanelEvent => ({
  type: 'summary',
  summary: cached.summary,
  phase: 'cached',
  savedAt: cached.savedAt,
  stale,
  requests,
});

/** The pipeline reports the whole interactions text so far; the panel is sent only what to append. */
function appendedText(): (textSoFar: string) => string {
  let sent = '';
  return (textSoFar) => {
    if (!textSoFar.startsWith(sent)) sent = '';
    const delta = textSoFar.slice(sent.length);
    sent = textSoFar;
    return delta;
  };
}

export function createSummaryService(deps: SummaryServiceDeps): SummaryService {
  const build = deps.build ?? buildClientSummary;
  const warn = (message: string) => deps.onWarning?.(message);
  const share = createShareFlow(deps);

  /** The page's language as the content script saw it, else the browser's. */
  const languageOf = (request: PanelRequest): string => ('language' in request && request.language) || deps.browserLanguage();

  async function readCache(store: ResumeStore | null, accountId: string | null, page: PageRef): Promise<StoredSummary<Summary> | null> {
    if (!store || !accountId) return null;
    try {
      return await findCachedSummary(store, accountId, page);
    } catch (e) {
      warn(`cache read failed: ${errorMessage(e)}`);
      return null;
    }
  }

  /** The cache alone: an answer for a closed panel must cost no API request and say nothing alarming. */
  async function peek(page: PageRef, emit: Emit): Promise<void> {
    const settings = await deps.loadSettings();
    const conn = deps.connectionFor(settings, page);
    const accountId = conn && clientRefOf(page) ? await deps.accounts.get(conn) : null;
    let cached: StoredSummary<Summary> | null = null;
    if (accountId) {
      try {
        cached = await findCachedSummary(await deps.openStore(), accountId, page);
      } catch (e) {
        warn(`cache read failed: ${errorMessage(e)}`);
      }
    }
    emit(cached ? cachedEvent(cached, false, 0) : { type: 'no-cache' });
  }

  /** Settings, connection, client, store and cached summary; null once the request has been answered. */
  async function prepare(request: SummaryRequest, emit: Emit, signal: AbortSignal, source?: RequestSource): Promise<Run | null> {
    const settings = await deps.loadSettings();
    const conn = deps.connectionFor(settings, request.page);
    if (!conn) {
      emit({ type: 'no-credentials' });
      return null;
    }
    const ref = clientRefOf(request.page);
    if (!ref) {
      const message = backgroundWords(resolveLanguage(settings.language, null, languageOf(request))).contactPage;
      emit({ type: 'error', scope: 'load', message, keptCached: false });
      return null;
    }
    const api = deps.makeApi(conn);
    let store: ResumeStore | null = null;
    try {
      store = await deps.openStore();
    } catch (e) {
      warn(`cache unavailable: ${errorMessage(e)}`);
    }
    const accountId = await deps.accounts.get(conn);
    const cached = await readCache(store, accountId, request.page);
    return { request, settings, conn, ref, api, store, accountId, cached, emit, signal, source };
  }

  /** After a cached answer: the same summary again, marked stale, when the client has something newer. */
  async function markIfStale(run: Run, cached: StoredSummary<Summary>): Promise<void> {
    // Past the tab's budget the cached summary simply stays unmarked: the check is a nicety, not an answer.
    if (deps.limiter && !deps.limiter.take(freshnessRules(run.source)).ok) return;
    try {
      const fresh = await checkFreshness(run.api, cached, { now: deps.now(), signal: run.signal, latestChangeAt: deps.latestChangeAt });
      if (fresh?.stale) run.emit(cachedEvent(cached, true, fresh.requests));
    } catch (e) {
      if (run.signal.aborted) return;
      // A sign-in that has ended is the rep's concern: the cached summary stays, with a Sign in button.
      if (isSignedOut(e)) run.emit({ type: 'signed-out', keptCached: true });
      // Otherwise the cached summary stays on screen unmarked; the failure is not the rep's concern but is logged.
      else warn(`freshness check failed: ${errorMessage(e)}`);
    }
  }

  /** A summary is on screen: what changed since the one this user saw before, recorded as seen. */
  async function showChanges(run: Run, accountId: string | null, summary: Summary, facts: DataFacts | null): Promise<void> {
    if (!run.store || !accountId || !facts || run.signal.aborted) return;
    try {
      const changes = await recordLook(run.store, accountId, summary, facts, deps.now());
      if (changes) run.emit({ type: 'changes', changes });
    } catch (e) {
      warn(`last look not recorded: ${errorMessage(e)}`);
    }
  }

  /** The newest shared summary of the client, said to the panel; its texts when they fit the live data. */
  async function showShared(run: Run, summary: Summary, facts: DataFacts | null): Promise<SharedTexts | null> {
    try {
      const found = await findSharedSummary(run.api, { type: summary.client.type, id: summary.client.id }, run.signal);
      if (run.signal.aborted) return null;
      if (!found) {
        run.emit({ type: 'shared', shared: null });
        return null;
      }
      const verdict = judgeShared(found, summary, facts);
      run.emit({ type: 'shared', shared: verdict.view });
      return verdict.reuse;
    } catch (e) {
      // Without it the summary is whole: only the colleague's line (and the texts it could have saved) is missing.
      if (!run.signal.aborted) warn(`shared summary lookup failed: ${errorMessage(e)}`);
      return null;
    }
  }

  /** Runs the pipeline, relaying its progress, summaries and streamed text. Null when it failed or was aborted. */
  async function compute(run: Run): Promise<{ result: BuildResult; textsSent: boolean } | null> {
    const { api, emit } = run;
    const ai = deps.aiSettings(run.settings);
    const startRequests = api.stats().requests;
    const appended = appendedText();
    let figuresSent = false;
    let textsSent = false;
    // What the LLM is about to get is recorded once it is sure to get it: texts taken from a colleague's
    // shared summary call no LLM. (A pipeline that never asks, a test's, records at its texts.)
    let forLlm: Summary | null = null;
    const recordSent = () => {
      if (forLlm && ai?.enabled) deps.onFigures?.(forLlm, ai);
      forLlm = null;
    };
    try {
      const result = await build(run.store ? { api, store: run.store } : { api }, {
        ref: run.ref,
        today: deps.today(),
        now: deps.now(),
        languageSetting: run.settings.language,
        browserLanguage: languageOf(run.request),
        sourceModeSetting: run.settings.sourceMode,
        ai,
        signal: run.signal,
        onProgress: (progress) => emit({ type: 'progress', progress }),
        onSummary: (summary, phase) => {
          // Once figures are on screen, a failure only costs the texts; a 'texts' summary is the final one.
          if (phase === 'texts') {
            textsSent = true;
            recordSent();
          } else {
            figuresSent = true;
            forLlm = summary;
          }
          const requests = api.stats().requests - startRequests;
          emit({ type: 'summary', summary, phase, savedAt: deps.now().toISOString(), stale: false, requests });
        },
        onInteractionsDelta: (textSoFar) => {
          const text = appended(textSoFar);
          if (text) emit({ type: 'interactions-delta', text });
        },
        beforeTexts: async (figures, facts) => {
          await showChanges(run, run.accountId, figures, facts);
          const shared = await showShared(run, figures, facts);
          if (shared) forLlm = null;
          else recordSent();
          return shared;
        },
      });
      return run.signal.aborted ? null : { result, textsSent };
    } catch (e) {
      if (!run.signal.aborted) {
        const keptCached = run.cached !== null || figuresSent;
        if (isSignedOut(e)) emit({ type: 'signed-out', keptCached });
        else emit({ type: 'error', scope: figuresSent ? 'texts' : 'load', message: errorMessage(e), keptCached });
      }
      return null;
    }
  }

  /**
   * Takes the load's share of the limits: null (and a `wait` said) when one is spent, else a function that
   * gives the client's share back, for a load called off before it was done (the panel closed, the page
   * moved on). The tab's share is kept: a page that navigates itself from client to client still uses it up.
   */
  function admit(run: Run): (() => void) | null {
    const limiter = deps.limiter;
    if (!limiter) return () => undefined;
    const withLlm = deps.aiSettings(run.settings)?.enabled === true;
    const auth = run.conn.auth;
    const account = `${run.conn.apiUrl}|${'clientId' in auth ? auth.clientId : auth.kind}`;
    const rules = loadRules(run.request.page, account, run.source, withLlm);
    const admission = limiter.take(rules);
    if (admission.ok) return () => limiter.giveBack(rules.filter((r) => waitReasonOf(r) !== 'tab'));
    run.emit({ type: 'wait', reason: waitReasonOf(admission.rule), retryInMs: admission.retryInMs, keptCached: run.cached !== null });
    return null;
  }

  async function answer(request: SummaryRequest, emit: Emit, signal: AbortSignal, source?: RequestSource): Promise<void> {
    const run = await prepare(request, emit, signal, source);
    if (!run) return;
    if (run.cached && request.type === 'open') {
      const cached = run.cached;
      emit(cachedEvent(cached, false, 0));
      const facts = cachedFacts(cached);
      await showChanges(run, run.accountId, cached.summary, facts);
      await Promise.all([markIfStale(run, cached), showShared(run, cached.summary, facts)]);
      return;
    }
    if (signal.aborted) return;
    const giveBack = admit(run);
    if (!giveBack) return;

    const computed = await compute(run);
    if (!computed) {
      if (signal.aborted) giveBack();
      return;
    }
    const { result, textsSent } = computed;
    // The load read the account (GET /staffs/me) anyway: remember it for the cache key of the next open.
    if (run.accountId !== result.accountId) {
      await deps.accounts.set(run.conn, result.accountId).catch((e: unknown) => warn(`account not remembered: ${errorMessage(e)}`));
    }
    if (result.status === 'not-client') {
      emit({ type: 'not-client', thirdType: result.thirdType, name: result.client.name, language: result.language });
      return;
    }
    if (!textsSent) {
      // Without an LLM the pipeline stops at its figures, whose texts are the rules' ones: those are the
      // final texts, and the panel is told so (it waits for a 'texts' summary to call itself ready).
      emit({ type: 'summary', summary: result.summary, phase: 'texts', savedAt: deps.now().toISOString(), stale: false, requests: result.requests });
    }
    if (run.store) {
      try {
        await saveSummary(run.store, result.accountId, result.summary, deps.now().toISOString(), result.facts);
      } catch (e) {
        // The summary is on screen; only the cache missed it. Say so without hiding the summary.
        emit({ type: 'error', scope: 'load', message: errorMessage(e), keptCached: true });
      }
    }
    // The very first run of a connection learns its account only now: its look is recorded now, after the
    // summary is saved (the cache write comes first: it is what a next open shows).
    if (run.accountId === null && result.facts) await showChanges(run, result.accountId, result.summary, result.facts);
  }

  return {
    async handle(request, emit, signal, source) {
      // A newer request or a closed panel: what the old run has left to say is dropped here.
      const send: Emit = (event) => {
        if (!signal.aborted) emit(event);
      };
      try {
        if (request.type === 'peek') await peek(request.page, send);
        else if (request.type === 'share-preview' || request.type === 'share') {
          try {
            await (request.type === 'share' ? share.confirm(request, send, signal) : share.preview(request, send));
          } catch (e) {
            // Settings or the cache unreadable: before any post, so nothing was posted.
            warn(`share: ${errorMessage(e)}`);
            send({ type: 'share', state: 'failed', reason: request.type === 'share' ? 'not-posted' : 'not-saved', detail: errorMessage(e) });
          }
        } else await answer(request, send, signal, source);
      } catch (e) {
        warn(`summary service: ${errorMessage(e)}`);
        send({ type: 'error', scope: 'load', message: errorMessage(e), keptCached: false });
      }
    },
  };
}
