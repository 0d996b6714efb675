// The one pipeline from a client reference to its summary, shared by the command line and the extension's
// background, in three phases:
//  1. lists (record, user, every list page, and the rows the cache holds): every figure but the two
//     top-product lists, reported as 'lists' (marked partial, lib/summary/partial.ts) when details are missing;
//  2. details, newest first: the top products fill in, one 'details' summary per batch (the card engine's
//     startSummary/addDetails recomputes only what rows feed), then the complete figures ('figures', rules texts);
//  3. the two texts: a colleague's shared texts written for the same data when they are at hand, else the
//     LLM's when it is on ('texts'). They wait for phase 2: the recommendations' facts (lib/ai/facts.ts) list
//     the top products, and the rules' own recommendations name the first one.
// Phase 1 and phases 2–3 are also two calls (startClientSummary, finishClientSummary), so a page can be
// prepared before the click and finished by it. The figures never wait for the LLM. A summary shared as a
// comment is not an interaction with the client.

import { generateTexts } from '../ai/generate';
import type { AiSettings } from '../ai/settings';
import { type SummaryRun, startSummary } from '../cards/index';
import type { ClientData, SourceModeSetting } from '../client/data';
import type { LoadProgress } from '../client/progress';
import type { SellsyApi } from '../sellsy/api';
import { type ClientRef, type LoadedLists, loadClientDetails, loadClientLists } from '../sellsy/load-client';
import type { ResumeStore } from '../store/types';
import { type DataFacts, dataFactsOf } from './fingerprint';
import { resolveLanguage, type SummaryLanguage } from './language';
import { markPartial } from './partial';
import { parseSharedComment, type SharedTexts } from './shared-comment';
import { withSharedTexts } from './shared-summary';
import type { Summary } from './types';

export interface BuildDeps {
  api: SellsyApi;
  store?: ResumeStore;
}

/** Which phase a summary comes from: 'lists' and 'details' are partial, 'figures' and 'texts' complete. */
export type BuildPhase = 'lists' | 'details' | 'figures' | 'texts';

export interface BuildOptions {
  ref: ClientRef;
  /** The user's local date, YYYY-MM-DD. */
  today: string;
  now: Date;
  languageSetting: string | null | undefined;
  browserLanguage: string | null | undefined;
  sourceModeSetting: SourceModeSetting;
  ai?: AiSettings | null;
  onProgress?: (p: LoadProgress) => void;
  /** The Sellsy account the credentials opened, as soon as the load knows it (before any summary). */
  onAccount?: (accountId: string) => void;
  onSummary?: (summary: Summary, phase: BuildPhase) => void;
  onInteractionsDelta?: (text: string) => void;
  /** Called once the figures are reported, before any LLM call: texts it returns are used instead of the LLM's. */
  beforeTexts?: (figures: Summary, facts: DataFacts) => Promise<SharedTexts | null>;
  signal?: AbortSignal;
}

type NotClientResult = {
  status: 'not-client';
  accountId: string;
  thirdType: 'prospect' | 'supplier';
  client: { kind: 'company' | 'individual'; id: number; name: string };
  language: SummaryLanguage;
};

/** `accountId`: the Sellsy account the credentials opened (cache key), read by the load itself. */
export type BuildResult = { status: 'client'; summary: Summary; requests: number; accountId: string; facts?: DataFacts } | NotClientResult;

/** What phase 1 ends with for a client; phase 2 may be run by a later request (finishClientSummary). */
export interface FirstStage {
  status: 'client';
  accountId: string;
  lists: LoadedLists;
  language: SummaryLanguage;
  /** Phase 1's summary: partial when phase 2 has something to fetch, else already complete. */
  summary: Summary;
  /** Whether phase 2 has anything to fetch (details, or names of products). */
  pending: boolean;
  requests: number;
  run: SummaryRun;
  /** The client's comments less the summaries shared as comments (no interaction with the client). */
  comments: ClientData['comments'];
}

/** Phase 1. Reports its summary as 'lists' when it is partial (a complete one waits for 'figures'). */
export async function startClientSummary(deps: BuildDeps, opts: BuildOptions): Promise<FirstStage | NotClientResult> {
  const lists = await loadClientLists(deps.api, {
    ref: opts.ref,
    today: opts.today,
    sourceModeSetting: opts.sourceModeSetting,
    ...(deps.store ? { store: deps.store } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  opts.onAccount?.(lists.status === 'client' ? lists.data.accountId : lists.accountId);
  if (lists.status === 'not-client') {
    return {
      status: 'not-client',
      accountId: lists.accountId,
      thirdType: lists.thirdType,
      client: lists.client,
      language: resolveLanguage(opts.languageSetting, lists.staffLanguage, opts.browserLanguage),
    };
  }
  opts.signal?.throwIfAborted();
  const language = resolveLanguage(opts.languageSetting, lists.data.staffLanguage, opts.browserLanguage);
  const { kind, id } = lists.data.client;
  const data = { ...lists.data, comments: lists.data.comments.filter((c) => !parseSharedComment(c.description, { type: kind, id })) };
  const run = startSummary(data, { today: opts.today, language, generatedAt: opts.now.toISOString() });
  const pending = lists.missing.length > 0 || lists.unnamed > 0;
  const missing = new Set(lists.missing.map((m) => m.key));
  const summary = pending
    ? markPartial(run.summary, { read: lists.wanted.length - missing.size, total: lists.wanted.length, pending: missing })
    : run.summary;
  if (pending) opts.onSummary?.(summary, 'lists');
  return {
    status: 'client',
    accountId: lists.data.accountId,
    lists,
    language,
    summary,
    pending,
    requests: lists.requests,
    run,
    comments: data.comments,
  };
}

/** Phases 2 and 3 after `first` (which this consumes: its figures grow with the details). */
export async function finishClientSummary(deps: BuildDeps, first: FirstStage, opts: BuildOptions): Promise<BuildResult> {
  const { run } = first;
  const details = await loadClientDetails(deps.api, first.lists, {
    ...(deps.store ? { store: deps.store } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onDetails: (update) => {
      const summary = run.addDetails(update);
      opts.onSummary?.(markPartial(summary, update), 'details');
    },
  });
  opts.signal?.throwIfAborted();
  const { last } = details;
  // Nothing was missing: phase 1's figures were complete already (unless phase 2 met something to warn about).
  const figures = first.pending || last.warnings.length ? run.addDetails(last) : run.summary;
  const requests = first.requests + details.requests;
  const accountId = first.accountId;
  opts.onSummary?.(figures, 'figures');
  // The details leave the lists as they were: phase 1's comments, shared summaries left out, still stand.
  const data = { ...details.data, comments: first.comments };
  const facts = await dataFactsOf(data, figures);
  const done = (summary: Summary): BuildResult => ({ status: 'client', summary, requests, accountId, facts });
  const reused = opts.beforeTexts ? await opts.beforeTexts(figures, facts) : null;
  opts.signal?.throwIfAborted();
  if (reused) {
    const summary = withSharedTexts(figures, reused);
    opts.onSummary?.(summary, 'texts');
    return done(summary);
  }
  if (!opts.ai?.enabled) return done(figures);

  opts.signal?.throwIfAborted();
  const generated = await generateTexts(figures, opts.ai, {
    ...(opts.onInteractionsDelta ? { onInteractionsDelta: opts.onInteractionsDelta } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  opts.signal?.throwIfAborted();
  const summary: Summary = {
    ...generated.summary,
    warnings: [...new Set([...generated.summary.warnings, ...generated.warnings])],
  };
  opts.onSummary?.(summary, 'texts');
  return done(summary);
}

export async function buildClientSummary(deps: BuildDeps, opts: BuildOptions): Promise<BuildResult> {
  const first = await startClientSummary(deps, opts);
  if (first.status === 'not-client') return first;
  return finishClientSummary(deps, first, opts);
}
