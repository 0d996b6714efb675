// The panel's state as signals, driven by the background's PanelEvents over one port per page.
// No browser API here: the content script hands in `connect` (a runtime port) and the clock, so unit
// tests drive the model with a fake port.
import { computed, signal } from '@preact/signals';
import { MAX_INTERACTIONS_CHARS } from '@/lib/ai/limits';
import type { LoadProgress } from '@/lib/client/progress';
import type { PageRef, PanelEvent, PanelRequest, RequestMap, SummaryPhase, WaitReason } from '@/lib/messages';
import type { Summary } from '@/lib/summary/types';
import { createTeamModel } from './team-model';

export interface PanelPort {
  post(request: PanelRequest): void;
  onEvent(listener: (event: PanelEvent) => void): void;
  /** Called when the other side goes away (service worker stopped, extension reloaded). */
  onClose(listener: () => void): void;
  close(): void;
}

export type PanelStatus = 'idle' | 'loading' | 'no-credentials' | 'signed-out' | 'not-client' | 'ready' | 'error' | 'waiting';
/**
 * What the panel root exposes as data-state: 'partial' while the top products fill in (every other figure is
 * there), 'figures' while the texts are still coming, 'ready' once all five cards are there, 'waiting' when the
 * background's limits refused a load and nothing is on screen.
 */
export type PanelDataState =
  | 'closed'
  | 'idle'
  | 'loading'
  | 'no-credentials'
  | 'signed-out'
  | 'not-client'
  | 'error'
  | 'partial'
  | 'figures'
  | 'ready'
  | 'waiting';

/** The background's answer to `sellsy:sign-in` (undefined: no answer at all). */
export type SignInAnswer = RequestMap['sellsy:sign-in']['res'] | { error: string } | undefined;

export interface PanelModelDeps {
  connect(): PanelPort;
  /** The browser's language, for the interface before a summary says which language it is in. */
  browserLanguage: string;
  /** A monotonic clock in ms (performance.now in the page). */
  clock?: () => number;
  /** Remembers open/closed across pages. */
  saveOpen?(open: boolean): void;
  /** Asks the background to open Sellsy's sign-in window (runtime message `sellsy:sign-in`). */
  signIn?(): Promise<SignInAnswer>;
}

function samePage(a: PageRef | null, b: PageRef | null): boolean {
  return a === b || (!!a && !!b && a.id === b.id && a.thirdType === b.thirdType && a.origin === b.origin);
}

export function createPanelModel(deps: PanelModelDeps) {
  const clock = deps.clock ?? (() => performance.now());
  const open = signal(false);
  const page = signal<PageRef | null>(null);
  const status = signal<PanelStatus>('idle');
  const summary = signal<Summary | null>(null);
  const phase = signal<SummaryPhase | null>(null);
  const savedAt = signal<string | null>(null);
  const stale = signal(false);
  const progress = signal<LoadProgress | null>(null);
  const loadError = signal<{ message: string; keptCached: boolean } | null>(null);
  const textsError = signal<string | null>(null);
  /** The interactions summary as it streams in, before the final texts arrive. */
  const draft = signal('');
  const notClient = signal<{ thirdType: 'prospect' | 'supplier'; name: string; language: string } | null>(null);
  /** Sign in with Sellsy has ended (or never happened): the panel offers Sign in, over a kept summary if any. */
  const signedOut = signal(false);
  const signInStatus = signal<{ state: 'idle' | 'running' } | { state: 'failed'; reason: string; message: string }>({ state: 'idle' });
  /** The background refused the last load for now (its limits): why, and in how many seconds to ask again. */
  const wait = signal<{ reason: WaitReason; seconds: number } | null>(null);
  /** Clock time of the last open/refresh/navigation request: data-painted-at is measured from it. */
  const requestedAt = signal<number | null>(null);
  const paintedAt = signal<number | null>(null);
  const figuresPaintedAt = signal<number | null>(null);
  /** When the request's first summary was painted, partial or not (phase 1's figures on a cold load). */
  const firstPaintedAt = signal<number | null>(null);
  /** The details of this load are still arriving (a partial summary of it is on screen). */
  const detailsLoading = signal(false);
  /** When the request's first summary arrived from the background: paint time minus this is our rendering. */
  const summaryAt = signal<number | null>(null);

  const language = computed(() => summary.value?.language ?? notClient.value?.language ?? deps.browserLanguage);
  const textsPending = computed(() => phase.value === 'figures' && textsError.value === null);
  /** The summary on screen is partial (its top products rest on part of the documents): never shown as final. */
  const partial = computed(() => summary.value?.partial != null);
  const dataState = computed<PanelDataState>(() => {
    if (!open.value) return 'closed';
    if (status.value === 'ready') return partial.value ? 'partial' : textsPending.value ? 'figures' : 'ready';
    return status.value;
  });

  let port: PanelPort | null = null;
  /** A cached summary that arrived while the panel was closed (a peek): the next show paints it at once. */
  let peeked = false;
  /** The port's request is the page's `prepare`: its phase-1 summary is kept like a peeked one. */
  let preparing = false;
  const team = createTeamModel({ send: (r) => send(r), page: () => page.value, summary: () => summary.value });

  function send(request: PanelRequest): void {
    if (!port) {
      const p = deps.connect();
      port = p;
      p.onEvent((event) => {
        if (port === p) handle(event);
      });
      p.onClose(() => {
        if (port !== p) return;
        port = null;
        team.interrupted();
        // The background went away mid-load (service worker stopped, extension updated): say so, keep what is shown.
        if (status.value === 'loading' || progress.value !== null || textsPending.value || detailsLoading.value) {
          progress.value = null;
          detailsLoading.value = false;
          if (textsPending.value) textsError.value = 'disconnected';
          else {
            loadError.value = { message: 'disconnected', keptCached: summary.value !== null };
            if (!summary.value) status.value = 'error';
          }
        }
      });
    }
    preparing = false;
    port.post(request);
  }
  function dropPort(): void {
    const p = port;
    port = null;
    preparing = false;
    if (p) team.interrupted();
    p?.close();
  }
  function reset(): void {
    peeked = false;
    status.value = 'idle';
    summary.value = null;
    phase.value = null;
    savedAt.value = null;
    stale.value = false;
    progress.value = null;
    loadError.value = null;
    textsError.value = null;
    draft.value = '';
    notClient.value = null;
    signedOut.value = false;
    signInStatus.value = { state: 'idle' };
    wait.value = null;
    paintedAt.value = null;
    figuresPaintedAt.value = null;
    firstPaintedAt.value = null;
    summaryAt.value = null;
    detailsLoading.value = false;
    team.reset();
  }
  function startMeasure(): void {
    requestedAt.value = clock();
    paintedAt.value = null;
    figuresPaintedAt.value = null;
    firstPaintedAt.value = null;
    summaryAt.value = null;
  }

  function handle(event: PanelEvent): void {
    if (team.handle(event)) return;
    switch (event.type) {
      case 'no-credentials':
        status.value = 'no-credentials';
        progress.value = null;
        detailsLoading.value = false;
        return;
      case 'signed-out':
        // Nothing is lost: a summary on screen stays, with the Sign in button over it.
        signedOut.value = true;
        progress.value = null;
        detailsLoading.value = false;
        if (!summary.value) status.value = 'signed-out';
        return;
      case 'progress':
        // A closed panel being prepared shows nothing; while the details arrive, the card counts them.
        if (!open.value || detailsLoading.value) return;
        progress.value = event.progress;
        if (status.value !== 'ready') status.value = 'loading';
        return;
      case 'no-cache':
        if (!open.value) dropPort(); // the peek is answered; a closed panel keeps no port open
        return;
      case 'summary':
        if (!open.value) {
          // Only a peek (or a page's prepared phase 1) answers a closed panel: keep its summary for the click, and let the port go.
          if (event.phase !== 'cached' && !(preparing && (event.phase === 'lists' || event.phase === 'figures'))) return;
          peeked = true;
          dropPort();
        } else peeked = false;
        if (summaryAt.value === null && requestedAt.value !== null) summaryAt.value = Math.max(0, clock() - requestedAt.value);
        summary.value = event.summary;
        phase.value = event.phase;
        savedAt.value = event.savedAt;
        stale.value = event.stale;
        status.value = 'ready';
        notClient.value = null;
        if (event.phase !== 'cached') {
          progress.value = null;
          loadError.value = null;
          signedOut.value = false;
        }
        detailsLoading.value = open.value && (event.phase === 'lists' || event.phase === 'details' || (event.phase === 'cached' && partial.value));
        if (event.phase !== 'figures') draft.value = '';
        if (event.phase === 'figures') textsError.value = null;
        return;
      case 'interactions-delta': {
        // Never more than a text may hold (the background stops longer streams too): a flood cannot fill the page.
        const room = MAX_INTERACTIONS_CHARS - draft.value.length;
        if (room > 0) draft.value += event.text.slice(0, room);
        return;
      }
      case 'not-client':
        notClient.value = { thirdType: event.thirdType, name: event.name, language: event.language };
        status.value = 'not-client';
        progress.value = null;
        detailsLoading.value = false;
        return;
      case 'wait':
        progress.value = null;
        wait.value = { reason: event.reason, seconds: Math.max(1, Math.ceil(event.retryInMs / 1000)) };
        if (!summary.value) status.value = 'waiting';
        return;
      case 'error':
        progress.value = null;
        if (event.scope === 'load') detailsLoading.value = false;
        if (event.scope === 'texts') {
          textsError.value = event.message;
          return;
        }
        loadError.value = { message: event.message, keptCached: event.keptCached };
        if (!summary.value) status.value = 'error';
        return;
    }
  }

  function request(type: 'open' | 'refresh'): void {
    const p = page.value;
    if (!p) return;
    startMeasure();
    if (status.value !== 'ready') status.value = 'loading';
    loadError.value = null;
    wait.value = null;
    send({ type, page: p, language: deps.browserLanguage });
  }

  /** Opens the panel and asks for the current page's summary. */
  function show(): void {
    if (!open.value) deps.saveOpen?.(true);
    open.value = true;
    const p = page.value;
    if (peeked && summary.value && p) {
      // The cached answer is already here: the click costs one render, not a round trip. The open
      // request still goes, for the background to say whether something newer makes it stale.
      peeked = false;
      startMeasure();
      summaryAt.value = 0;
      send({ type: 'open', page: p, language: deps.browserLanguage });
      return;
    }
    request('open');
  }
  function hide(): void {
    peeked = false;
    if (open.value) deps.saveOpen?.(false);
    open.value = false;
    dropPort();
    // A load cut short by closing must not leave the panel stuck on its progress bar when reopened.
    if (status.value === 'loading') status.value = 'idle';
    progress.value = null;
    detailsLoading.value = false;
  }

  return {
    open,
    page,
    status,
    summary,
    phase,
    savedAt,
    stale,
    progress,
    loadError,
    textsError,
    draft,
    notClient,
    signedOut,
    signInStatus,
    wait,
    requestedAt,
    paintedAt,
    figuresPaintedAt,
    firstPaintedAt,
    summaryAt,
    language,
    textsPending,
    partial,
    detailsLoading,
    dataState,
    team,
    show,
    hide,
    toggle(): void {
      if (open.value) hide();
      else show();
    },
    /** The page changed (first load or single-page navigation); null when it is not a record page. */
    setPage(next: PageRef | null): void {
      if (samePage(page.value, next)) return;
      dropPort();
      reset();
      page.value = next;
      if (open.value && next) request('open');
      else if (next) {
        // A peek, or with the setting on (the background knows it) phase 1 ready for the click.
        send({ type: 'prepare', page: next, language: deps.browserLanguage });
        preparing = true;
      }
    },
    refresh(): void {
      request('refresh');
    },
    /** After a refused load: recompute the summary on screen, or ask for one. */
    retryAfterWait(): void {
      request(summary.value ? 'refresh' : 'open');
    },
    /** The panel's Sign in: the background opens Sellsy's window; once signed in, the summary is asked for again. */
    async signIn(): Promise<void> {
      if (!deps.signIn || signInStatus.value.state === 'running') return;
      signInStatus.value = { state: 'running' };
      let answer: SignInAnswer;
      try {
        answer = await deps.signIn();
      } catch (e) {
        answer = { error: e instanceof Error ? e.message : String(e) };
      }
      if (answer && 'ok' in answer && answer.ok) {
        signInStatus.value = { state: 'idle' };
        signedOut.value = false;
        // A summary on screen is recomputed with the new sign-in; otherwise the open is asked again.
        request(summary.value ? 'refresh' : 'open');
        return;
      }
      const reason = answer && 'reason' in answer ? answer.reason : 'failed';
      const message = !answer ? 'disconnected' : 'message' in answer ? answer.message : answer.error;
      signInStatus.value = { state: 'failed', reason, message };
    },
    /** After a failed load: recompute (a cached summary is already on screen) or ask again. */
    retryLoad(): void {
      request(loadError.value?.keptCached ? 'refresh' : 'open');
    },
    retryTexts(): void {
      const p = page.value;
      if (!p) return;
      textsError.value = null;
      phase.value = 'figures';
      draft.value = '';
      send({ type: 'retry-texts', page: p });
    },
    /** Called by the view once a state has been painted, to publish the time since the request. */
    markPainted(state: PanelDataState): void {
      const t0 = requestedAt.value;
      // A reopened panel still shows the previous summary while it asks again: only the answer to this
      // request counts as painted, or a cleared cache would look instant.
      if (t0 === null || summaryAt.value === null) return;
      const elapsed = Math.max(0, clock() - t0);
      if (firstPaintedAt.value === null) firstPaintedAt.value = elapsed;
      if (state === 'ready' && paintedAt.value === null) paintedAt.value = elapsed;
      if ((state === 'figures' || state === 'ready') && figuresPaintedAt.value === null) figuresPaintedAt.value = elapsed;
    },
    /** For tests and teardown. */
    dispose(): void {
      dropPort();
    },
  };
}

export type PanelModel = ReturnType<typeof createPanelModel>;
