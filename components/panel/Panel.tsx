// The side panel: header, progress, the state messages and the five cards. Everything from the CRM is
// rendered as text nodes; there is no innerHTML anywhere in the panel.
import { computed } from '@preact/signals';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { crmName } from '@/lib/format/crm-name';
import { renderChangesMarkdown } from '@/lib/summary/changes-text';
import type { Summary } from '@/lib/summary/types';
import type { PanelWords } from '@/lib/words/panel';
import { progressiveWords } from '@/lib/words/progressive';
import { EnvContext, type LinkFor, makeEnv, wordsFor } from './env';
import { Header } from './Header';
import { InteractionsCard } from './InteractionsCard';
import type { PanelModel } from './model';
import { OpenDocumentsCard } from './OpenDocumentsCard';
import { ProgressBar } from './ProgressBar';
import { RecommendationsCard } from './RecommendationsCard';
import { RelationshipCard } from './RelationshipCard';
import { SalesOverviewCard } from './SalesOverviewCard';
import { SinceLastLook } from './SinceLastLook';
import { StatusAnnouncer } from './StatusAnnouncer';
import { TeamBar } from './TeamBar';
import { type AcceptEvent, AcceptEventContext, userEventsOnly, useUserEvents } from './user-events';

export interface PanelProps {
  model: PanelModel;
  linkFor: LinkFor;
  openOptions(): void;
  /** The summary as Markdown; the Copy button is hidden without it. */
  toMarkdown?: (summary: Summary, lang: string) => string;
  copyText?: (text: string) => Promise<boolean>;
  now?: () => Date;
  /** Which events count: the user's only (isTrusted) unless a test whose DOM lacks isTrusted says otherwise. */
  acceptEvent?: AcceptEvent;
}

/** Calls back once the browser has painted what was just committed: the next frame, then a task after it. */
function afterPaint(cb: () => void): () => void {
  let cancelled = false;
  const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: () => void) => setTimeout(f, 0);
  raf(() =>
    setTimeout(() => {
      if (!cancelled) cb();
    }, 0),
  );
  return () => {
    cancelled = true;
  };
}

export function Panel({ model, linkFor, openOptions, toMarkdown, copyText, now, acceptEvent = userEventsOnly }: PanelProps) {
  const m = model;
  const open = m.open.value;
  const state = m.dataState.value;
  const summary = m.summary.value;
  const lang = m.language.value;
  const w = wordsFor(lang);
  const p = w.panel;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Timings are bound as signals: publishing them updates three attributes, not the whole panel.
  const timing = useMemo(() => {
    const ms = (v: number | null) => (v === null ? undefined : v.toFixed(1));
    return {
      painted: computed(() => ms(m.paintedAt.value)),
      figures: computed(() => ms(m.figuresPaintedAt.value)),
      first: computed(() => ms(m.firstPaintedAt.value)),
      summary: computed(() => ms(m.summaryAt.value)),
    };
  }, [m]);
  const returnFocus = useRef<Element | null>(null);
  // One context value per summary: a status change or a streamed piece does not hand the cards a new one.
  const env = useMemo(() => (summary ? makeEnv(summary, linkFor) : null), [summary, linkFor]);

  useLayoutEffect(() => {
    if (!open) return;
    // Remember where the user was, so Escape gives focus back to the page.
    // Into open shadow roots: the "Résumé" control lives in one, and its host element takes no focus.
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (active && active !== document.body) returnFocus.current = active;
    headingRef.current?.focus();
  }, [open]);

  // A layout effect runs right after the commit; Preact's useEffect would itself wait for a frame first.
  useLayoutEffect(() => {
    if (state === 'partial' || state === 'figures' || state === 'ready') return afterPaint(() => m.markPainted(state));
  }, [state, summary]);

  if (!open || !m.page.value) return null;

  const close = () => {
    m.hide();
    const back = returnFocus.current as HTMLElement | null;
    returnFocus.current = null;
    if (back && typeof back.focus === 'function' && back.isConnected) back.focus();
  };
  const user =
    <E extends Event>(handler: (e: E) => void) =>
    (e: E) => {
      if (acceptEvent(e)) handler(e);
    };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && acceptEvent(e)) {
      e.stopPropagation();
      close();
    }
  };

  const notClient = m.notClient.value;
  const title = crmName(summary?.client.name ?? notClient?.name) || w.summary.title;
  const progress = m.progress.value;
  const loadError = m.loadError.value;
  const wait = m.wait.value;
  const busy = progress !== null || m.status.value === 'loading' || m.detailsLoading.value;
  const texts = {
    pending: m.textsPending.value,
    draft: m.draft,
    error: m.textsError.value,
    onRetry: () => m.retryTexts(),
  };
  const changes = m.team.changes.value;
  // The Markdown copy ends with "since your last look" when there is one.
  const markdown = (shown: Summary) =>
    toMarkdown ? toMarkdown(shown, shown.language) + (changes ? `\n${renderChangesMarkdown(changes, shown.language)}` : '') : '';
  const attrs: Record<string, string> = { 'data-state': state };
  if (m.phase.value) attrs['data-phase'] = m.phase.value;

  return (
    <AcceptEventContext.Provider value={acceptEvent}>
      <aside
        class="panel"
        aria-label={w.summary.title}
        lang={lang}
        data-testid="panel"
        onKeyDown={onKeyDown}
        {...attrs}
        data-painted-at={timing.painted}
        data-figures-painted-at={timing.figures}
        data-first-painted-at={timing.first}
        data-summary-at={timing.summary}
      >
        <Header
          w={w}
          lang={lang}
          title={title}
          savedAt={m.savedAt.value}
          stale={m.stale.value}
          busy={busy}
          canRefresh={m.status.value === 'ready' || m.status.value === 'error'}
          onRefresh={() => m.refresh()}
          onCopy={summary && toMarkdown && !summary.partial ? () => (copyText ?? defaultCopy)(markdown(summary)) : null}
          copyBlocked={summary && toMarkdown && summary.partial ? progressiveWords(lang).copyWhenComplete : null}
          onClose={close}
          headingRef={headingRef}
          now={now}
        />
        <StatusAnnouncer state={state} progress={progress} w={w} notClient={notClient?.thirdType ?? null} />
        {progress && <ProgressBar progress={progress} w={w} lang={lang} />}
        {loadError && (
          <div class="part-error" role="alert" data-error="load">
            <span>
              {p.loadError} {loadError.keptCached && p.keptCached}
            </span>
            <span class="muted err-detail">{loadError.message === 'disconnected' ? p.disconnected : loadError.message}</span>
            <button type="button" class="btn small" onClick={user(() => m.retryLoad())}>
              {p.retry}
            </button>
          </div>
        )}
        {wait && (
          <div class="part-error" role="status" data-message="wait" data-reason={wait.reason}>
            <span>{p.wait(wait.reason, wait.seconds)}</span>
            <button type="button" class="btn small" onClick={user(() => m.retryAfterWait())}>
              {p.retry}
            </button>
          </div>
        )}
        {(state === 'signed-out' || (m.signedOut.value && summary)) && <SignInPrompt model={m} s={p} kept={!!summary} />}
        {state === 'no-credentials' && (
          <div class="state" data-message="no-credentials">
            <p>{p.noCredentials}</p>
            <button type="button" class="btn primary" onClick={user(() => openOptions())}>
              {p.openOptions}
            </button>
          </div>
        )}
        {state === 'not-client' && notClient && (
          <p class="state" data-message="not-client">
            {p.notClient(notClient.thirdType)}
          </p>
        )}
        {state === 'loading' && !progress && (
          <p class="state muted" data-message="loading">
            {p.loading}…
          </p>
        )}
        {summary && env && (
          <EnvContext.Provider value={env}>
            <TeamBar team={m.team} lang={lang} canShare={state === 'ready'} />
            <div class="cards">
              {changes && <SinceLastLook changes={changes} lang={lang} linkFor={linkFor} />}
              <RelationshipCard />
              <OpenDocumentsCard />
              <SalesOverviewCard />
              <InteractionsCard texts={texts} />
              <RecommendationsCard texts={texts} />
            </div>
            {summary.warnings.length > 0 && (
              <details class="warnings">
                <summary>
                  {w.summary.warnings} ({summary.warnings.length})
                </summary>
                <ul>
                  {summary.warnings.map((w, i) => (
                    <li key={i}>{crmName(w)}</li>
                  ))}
                </ul>
              </details>
            )}
          </EnvContext.Provider>
        )}
      </aside>
    </AcceptEventContext.Provider>
  );
}

/** Signed out of Sellsy: one button opens Sellsy's sign-in window; a summary on screen stays under it. */
function SignInPrompt({ model, s, kept }: { model: PanelModel; s: PanelWords; kept: boolean }) {
  const user = useUserEvents();
  const status = model.signInStatus.value;
  const running = status.state === 'running';
  const failure =
    status.state !== 'failed'
      ? null
      : status.reason === 'denied'
        ? s.signInDenied
        : status.reason === 'cancelled'
          ? s.signInCancelled
          : `${s.signInFailed} ${status.message === 'disconnected' ? s.disconnected : status.message}`;
  return (
    <div class={kept ? 'part-error' : 'state'} role={kept ? 'alert' : undefined} data-message="signed-out">
      <p>
        {s.signedOut} {kept && s.signedOutKept}
      </p>
      <button type="button" class="btn primary" data-action="sign-in" disabled={running} onClick={user(() => void model.signIn())}>
        {running ? s.signingIn : s.signIn}
      </button>
      {failure && (
        <p class="muted err-detail" data-sign-in-error={status.state === 'failed' ? status.reason : undefined}>
          {failure}
        </p>
      )}
    </div>
  );
}

async function defaultCopy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
