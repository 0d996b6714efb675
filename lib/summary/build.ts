// The one pipeline from a client reference to its summary, shared by the command line and the extension's
// background: load the data, compute the figures (rules texts), report them, then let the LLM rewrite the
// two texts when it is on, unless texts written for the same data are at hand (a colleague's shared summary).
// The figures never wait for the LLM. A summary shared as a comment is not an interaction with the client.

import { generateTexts } from '../ai/generate';
import type { AiSettings } from '../ai/settings';
import { computeSummary } from '../cards/index';
import type { SourceModeSetting } from '../client/data';
import type { LoadProgress } from '../client/progress';
import type { SellsyApi } from '../sellsy/api';
import { type ClientRef, loadClient } from '../sellsy/load-client';
import type { ResumeStore } from '../store/types';
import { type DataFacts, dataFactsOf } from './fingerprint';
import { resolveLanguage, type SummaryLanguage } from './language';
import { parseSharedComment, type SharedTexts } from './shared-comment';
import { withSharedTexts } from './shared-summary';
import type { Summary } from './types';

export interface BuildDeps {
  api: SellsyApi;
  store?: ResumeStore;
}

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
  onSummary?: (summary: Summary, phase: 'figures' | 'texts') => void;
  onInteractionsDelta?: (text: string) => void;
  /** Called once the figures are reported, before any LLM call: texts it returns are used instead of the LLM's. */
  beforeTexts?: (figures: Summary, facts: DataFacts) => Promise<SharedTexts | null>;
  signal?: AbortSignal;
}

/** `accountId`: the Sellsy account the credentials opened (cache key), read by the load itself. */
export type BuildResult =
  | { status: 'client'; summary: Summary; requests: number; accountId: string; facts?: DataFacts }
  | {
      status: 'not-client';
      accountId: string;
      thirdType: 'prospect' | 'supplier';
      client: { kind: 'company' | 'individual'; id: number; name: string };
      language: SummaryLanguage;
    };

export async function buildClientSummary(deps: BuildDeps, opts: BuildOptions): Promise<BuildResult> {
  const loaded = await loadClient(deps.api, {
    ref: opts.ref,
    today: opts.today,
    sourceModeSetting: opts.sourceModeSetting,
    ...(deps.store ? { store: deps.store } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (loaded.status === 'not-client') {
    return {
      status: 'not-client',
      accountId: loaded.accountId,
      thirdType: loaded.thirdType,
      client: loaded.client,
      language: resolveLanguage(opts.languageSetting, loaded.staffLanguage, opts.browserLanguage),
    };
  }
  const language = resolveLanguage(opts.languageSetting, loaded.data.staffLanguage, opts.browserLanguage);
  const { kind, id } = loaded.data.client;
  const data = { ...loaded.data, comments: loaded.data.comments.filter((c) => !parseSharedComment(c.description, { type: kind, id })) };
  const figures = computeSummary(data, { today: opts.today, language, generatedAt: opts.now.toISOString() });
  opts.onSummary?.(figures, 'figures');
  const facts = await dataFactsOf(data, figures);
  const done = (summary: Summary): BuildResult => ({ status: 'client', summary, requests: loaded.requests, accountId: data.accountId, facts });
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
