// The panel's use case, behind the background's port: `open` answers from the cache at once when it can
// (and checks an older cached summary for newer data), otherwise computes; `refresh` always computes;
// `retry-texts` computes again (the texts need the figures of the same run); `peek` reads the cache only;
// `prepare` is a peek, or with the setting on, phase 1 ready for the click (lib/summary/preparations.ts).
// A computation shows its phases as they come (lib/summary/build.ts): partial summaries while the
// details arrive, cached as such only where no complete summary is, and completed on the next open.
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
import {
  type BuildOptions,
  type BuildPhase,
  type BuildResult,
  buildClientSummary,
  type FirstStage,
  finishClientSummary,
  startClientSummary,
} from './build';
import { cachedFacts, findCachedSummary, saveSummary } from './cache';
import type { DataFacts } from './fingerprint';
import { checkFreshness, type LatestChangeAt } from './freshness';
import { resolveLanguage } from './language';
import { recordLook } from './last-look';
import { freshnessRules, loadRules, type RequestSource, waitReasonOf } from './load-limits';
import { clientRefOf } from './page';
import { isPartial } from './partial';
import { createPreparations, type Preparation } from './preparations';
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
  /** Its two halves, for a page prepared before the click (lib/summary/build.ts unless a test hands in others). */
  stages?: { start: typeof startClientSummary; finish: typeof finishClientSummary };
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

/** What a prepared phase 1 must have been made with to serve an `open`. */
function settingsKey(settings: Settings, conn: SellsyConnection, today: string): string {
  const a = conn.auth;
  const who = a.kind === 'token' ? `token:${a.accessToken.length}:${a.accessToken.slice(-6)}` : `${a.kind}:${a.clientId}`;
  return JSON.stringify([conn.apiUrl, who, settings.language, settings.sourceMode, today]);
}

export function createSummaryService(deps: SummaryServiceDeps): SummaryService {
  const build = deps.build ?? buildClientSummary;
  const stages = deps.stages ?? { start: startClientSummary, finish: finishClientSummary };
  const preparations = createPreparations(() => deps.now().getTime());
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

  /** What the pipeline is handed, besides the callbacks. */
  function buildOptions(run: Pick<Run, 'ref' | 'settings' | 'signal'> & { request: PanelRequest }, ai: AiSettings | null): BuildOptions {
    return {
      ref: run.ref,
      today: deps.today(),
      now: deps.now(),
      languageSetting: run.settings.language,
      browserLanguage: languageOf(run.request),
      sourceModeSetting: run.settings.sourceMode,
      ai,
      signal: run.signal,
    };
  }

  /**
   * A partial summary is kept where no complete one is (a cached one is never replaced by a partial one),
   * so the next open shows it at once and completes it.
   */
  async function savePartial(run: Run, accountId: string | null, summary: Summary): Promise<void> {
    if (!run.store || !accountId || (run.cached && !isPartial(run.cached.summary))) return;
    try {
      const now = await findCachedSummary(run.store, accountId, run.request.page);
      if (now && !isPartial(now.summary)) return;
      await saveSummary(run.store, accountId, summary, deps.now().toISOString());
    } catch (e) {
      warn(`partial summary not cached: ${errorMessage(e)}`);
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

  /**
   * Runs the pipeline (or finishes a prepared phase 1), relaying its progress, summaries and streamed text.
   * Null when it failed or was aborted.
   */
  async function compute(run: Run, first?: FirstStage): Promise<{ result: BuildResult; textsSent: boolean; partialSaved: Promise<void> } | null> {
    const { api, emit } = run;
    const ai = deps.aiSettings(run.settings);
    const startRequests = api.stats().requests;
    const appended = appendedText();
    let figuresSent = false;
    let anySent = false;
    let textsSent = false;
    let partial: Summary | null = null;
    let partialSaved: Promise<void> = Promise.resolve();
    let accountId = first?.accountId ?? run.accountId;
    // What the LLM is about to get is recorded once it is sure to get it: texts taken from a colleague's
    // shared summary call no LLM. (A pipeline that never asks, a test's, records at its texts.)
    let forLlm: Summary | null = null;
    const recordSent = () => {
      if (forLlm && ai?.enabled) deps.onFigures?.(forLlm, ai);
      forLlm = null;
    };
    const onSummary = (summary: Summary, phase: BuildPhase) => {
      // Once the complete figures are on screen, a failure only costs the texts; a 'texts' summary is the final one.
      anySent = true;
      if (phase === 'texts') {
        textsSent = true;
        recordSent();
      } else if (phase === 'figures') {
        figuresSent = true;
        forLlm = summary;
      } else {
        if (phase === 'lists') partialSaved = savePartial(run, accountId, summary);
        partial = summary;
      }
      const requests = (first?.requests ?? 0) + api.stats().requests - startRequests;
      emit({ type: 'summary', summary, phase, savedAt: deps.now().toISOString(), stale: false, requests });
    };
    const opts: BuildOptions = {
      ...buildOptions(run, ai),
      onAccount: (id) => {
        accountId = id;
        // Remembered at once: a load closed before its end still leaves its partial summary findable.
        if (id !== run.accountId) void deps.accounts.set(run.conn, id).catch((e: unknown) => warn(`account not remembered: ${errorMessage(e)}`));
      },
      onProgress: (progress) => emit({ type: 'progress', progress }),
      onSummary,
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
    };
    try {
      let result: BuildResult;
      if (first) {
        if (first.pending) onSummary(first.summary, 'lists');
        result = await stages.finish(run.store ? { api, store: run.store } : { api }, first, opts);
      } else {
        result = await build(run.store ? { api, store: run.store } : { api }, opts);
      }
      return run.signal.aborted ? null : { result, textsSent, partialSaved };
    } catch (e) {
      // Closed, cut by the quota or failed halfway: the rows read are cached already, the partial summary is kept to show.
      await partialSaved;
      if (partial && !figuresSent) await savePartial(run, accountId, partial);
      if (!run.signal.aborted) {
        const keptCached = run.cached !== null || anySent;
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
  function admit(
    run: Pick<Run, 'conn' | 'settings' | 'source' | 'emit' | 'cached'> & { request: { page: PageRef } },
    quiet = false,
  ): (() => void) | null {
    const limiter = deps.limiter;
    if (!limiter) return () => undefined;
    const withLlm = deps.aiSettings(run.settings)?.enabled === true;
    const auth = run.conn.auth;
    const account = `${run.conn.apiUrl}|${'clientId' in auth ? auth.clientId : auth.kind}`;
    const rules = loadRules(run.request.page, account, run.source, withLlm);
    const admission = limiter.take(rules);
    if (admission.ok) return () => limiter.giveBack(rules.filter((r) => waitReasonOf(r) !== 'tab'));
    if (!quiet) run.emit({ type: 'wait', reason: waitReasonOf(admission.rule), retryInMs: admission.retryInMs, keptCached: run.cached !== null });
    return null;
  }

  async function answer(
    request: SummaryRequest,
    emit: Emit,
    signal: AbortSignal,
    prepared: Preparation | null,
    source?: RequestSource,
  ): Promise<void> {
    const run = await prepare(request, emit, signal, source);
    if (!run) return;
    if (run.cached && request.type === 'open') {
      const cached = run.cached;
      emit(cachedEvent(cached, false, 0));
      // A partial one is shown, then completed; a complete one is only checked for newer data.
      if (!isPartial(cached.summary)) {
        const facts = cachedFacts(cached);
        await showChanges(run, run.accountId, cached.summary, facts);
        await Promise.all([markIfStale(run, cached), showShared(run, cached.summary, facts)]);
        return;
      }
    }
    if (signal.aborted) return;

    // A page prepared before the click took the client's share of the limits already: its click goes on from it.
    const first = request.type === 'open' && prepared ? await preparedStage(run, prepared) : null;
    if (signal.aborted) return;
    const giveBack = first ? () => undefined : admit(run);
    if (!giveBack) return;
    const computed = await compute(run, first ?? undefined);
    if (!computed) {
      if (signal.aborted) giveBack();
      return;
    }
    const { result, textsSent, partialSaved } = computed;
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
        await partialSaved; // the complete summary is written last
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

  /** The page's prepared phase 1, when it was made with this open's settings; its progress is shown meanwhile. */
  async function preparedStage(run: Run, prepared: Preparation): Promise<FirstStage | null> {
    if (prepared.settingsKey !== settingsKey(run.settings, run.conn, deps.today())) return null;
    prepared.listen((progress) => run.emit({ type: 'progress', progress }));
    const stage = await prepared.stage;
    if (!stage || run.signal.aborted) return null;
    preparations.consume(run.request.page);
    return stage;
  }

  /**
   * `prepare`: a peek, unless the setting is on and the page's cached summary is not complete; then phase 1,
   * answered as its summary (no detail is read: the click goes on from it).
   */
  async function preparePage(
    request: Extract<PanelRequest, { type: 'prepare' }>,
    emit: Emit,
    signal: AbortSignal,
    source?: RequestSource,
  ): Promise<void> {
    const settings = await deps.loadSettings();
    const conn = deps.connectionFor(settings, request.page);
    const ref = clientRefOf(request.page);
    if (!settings.prepareOnOpen || !conn || !ref || request.page.thirdType !== 'client') return peek(request.page, emit);
    let store: ResumeStore | null = null;
    try {
      store = await deps.openStore();
    } catch (e) {
      warn(`cache unavailable: ${errorMessage(e)}`);
    }
    const cached = await readCache(store, await deps.accounts.get(conn), request.page);
    if (cached && !isPartial(cached.summary)) return emit(cachedEvent(cached, false, 0));
    if (signal.aborted) return;

    const key = settingsKey(settings, conn, deps.today());
    let held = preparations.hold(request.page, signal);
    let giveBack: (() => void) | null = null;
    if (!held || held.settingsKey !== key) {
      // A new phase 1 takes its share of the limits like a load; refused, the page simply is not prepared
      // (the panel is closed: nothing to say), and the click computes as usual.
      held = null;
      giveBack = admit({ request, conn, settings, source, emit, cached }, true);
      if (!giveBack) return emit(cached ? cachedEvent(cached, false, 0) : { type: 'no-cache' });
    }
    const preparation = held
      ? held
      : preparations.start(
          request.page,
          key,
          async (inner, onProgress) => {
            const api = deps.makeApi(conn);
            const stage = await stages.start(store ? { api, store } : { api }, {
              ...buildOptions({ ref, settings, request, signal: inner }, null),
              onProgress,
            });
            if (stage.status !== 'client') return null;
            await deps.accounts.set(conn, stage.accountId).catch((e: unknown) => warn(`account not remembered: ${errorMessage(e)}`));
            return stage;
          },
          signal,
        );
    preparation.listen((progress) => {
      if (!signal.aborted) emit({ type: 'progress', progress });
    });
    const stage = await preparation.stage;
    // Cancelled before its end (the page left, no click took it over): it computed nothing, so the client's
    // share of the limits goes back, as for a load called off; another tab may open the client at once.
    if (!stage) giveBack?.();
    if (signal.aborted) return;
    if (!stage) return emit(cached ? cachedEvent(cached, false, 0) : { type: 'no-cache' });
    emit({
      type: 'summary',
      summary: stage.summary,
      phase: stage.pending ? 'lists' : 'figures',
      savedAt: deps.now().toISOString(),
      stale: false,
      requests: stage.requests,
    });
  }

  return {
    async handle(request, emit, signal, source) {
      // A newer request or a closed panel: what the old run has left to say is dropped here.
      const send: Emit = (event) => {
        if (!signal.aborted) emit(event);
      };
      // Taken over at once: the port has just aborted the page's `prepare` to hand over this `open`.
      const prepared = request.type === 'open' ? preparations.hold(request.page, signal) : null;
      try {
        if (request.type === 'peek') await peek(request.page, send);
        else if (request.type === 'prepare') await preparePage(request, send, signal, source);
        else if (request.type === 'share-preview' || request.type === 'share') {
          try {
            await (request.type === 'share' ? share.confirm(request, send, signal) : share.preview(request, send));
          } catch (e) {
            // Settings or the cache unreadable: before any post, so nothing was posted.
            warn(`share: ${errorMessage(e)}`);
            send({ type: 'share', state: 'failed', reason: request.type === 'share' ? 'not-posted' : 'not-saved', detail: errorMessage(e) });
          }
        } else await answer(request, send, signal, prepared, source);
      } catch (e) {
        warn(`summary service: ${errorMessage(e)}`);
        send({ type: 'error', scope: 'load', message: errorMessage(e), keptCached: false });
      }
    },
  };
}
