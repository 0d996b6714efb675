// Share with the team: the summary on screen posted as one comment on the client's record in Sellsy, only after
// the user has seen exactly what will be posted and confirmed. The preview is rendered here and kept until
// the confirmation, which posts those very bytes once: one POST /comments, so a comment is either there whole
// or not at all. When Sellsy never answers, one search tells whether it landed.
import type { PageRef, PanelEvent, ShareFailure } from '../messages';
import { SellsyError } from '../sellsy/errors';
import { cachedFacts, findCachedSummary } from './cache';
import type { DataFacts } from './fingerprint';
import type { SummaryServiceDeps } from './service';
import { renderSharedComment, type SharedBlock, sharedBlockOf } from './shared-comment';
import { findSharedSummary, judgeShared, type SharedComment } from './shared-summary';
import type { Summary } from './types';

/** A preview not confirmed within this is forgotten: the user previews again. */
export const PREVIEW_TTL_MS = 15 * 60_000;
const MAX_PENDING = 20;

/** The body of POST /comments (CommentCreateItem in the OpenAPI). */
export interface CommentCreateBody {
  description: string;
  related: [{ type: 'company' | 'individual'; id: number }];
}

export interface ShareDraft {
  block: SharedBlock;
  body: CommentCreateBody;
}

/** The comment for a summary: the text previewed is `body.description`, byte for byte what is posted. */
export function shareDraft(summary: Summary, facts: DataFacts, id: string): ShareDraft {
  const block = sharedBlockOf(summary, facts, id);
  return {
    block,
    body: { description: renderSharedComment(summary, block), related: [{ type: summary.client.type, id: summary.client.id }] },
  };
}

type Emit = (event: PanelEvent) => void;
type ShareDeps = Pick<SummaryServiceDeps, 'loadSettings' | 'connectionFor' | 'makeApi' | 'openStore' | 'accounts' | 'now' | 'onWarning'> & {
  randomId?: () => string;
};

interface Pending {
  page: PageRef;
  accountId: string;
  summary: Summary;
  facts: DataFacts;
  draft: ShareDraft;
  at: number;
}

const randomId = () => globalThis.crypto.randomUUID().replace(/-/g, '');
const failed = (reason: ShareFailure, detail = ''): PanelEvent => ({ type: 'share', state: 'failed', reason, detail });
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)) || 'Unknown error';

export function createShareFlow(deps: ShareDeps) {
  const pending = new Map<string, Pending>();
  const newId = deps.randomId ?? randomId;
  const now = () => deps.now().getTime();

  function forget(): void {
    for (const [id, p] of pending) if (now() - p.at > PREVIEW_TTL_MS) pending.delete(id);
    while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
  }

  /** The connection and account a page's requests use now; null when none is configured. */
  async function accountFor(page: PageRef) {
    const settings = await deps.loadSettings();
    const conn = deps.connectionFor(settings, page);
    if (!conn) return null;
    return { conn, accountId: await deps.accounts.get(conn) };
  }

  async function preview(request: { page: PageRef; generatedAt: string }, emit: Emit): Promise<void> {
    const account = await accountFor(request.page);
    if (!account) return emit(failed('no-credentials'));
    // The summary on screen is the one cached once its computation ended: the one the user means to share.
    const cached = account.accountId ? await findCachedSummary(await deps.openStore(), account.accountId, request.page) : null;
    const facts = cached ? cachedFacts(cached) : null;
    if (!cached || !facts || cached.summary.generatedAt !== request.generatedAt) return emit(failed('not-saved'));
    forget();
    const draft = shareDraft(cached.summary, facts, newId());
    const previewId = newId();
    pending.set(previewId, { page: request.page, accountId: account.accountId!, summary: cached.summary, facts, draft, at: now() });
    emit({ type: 'share', state: 'preview', previewId, text: draft.body.description });
  }

  function postedView(p: Pending, created: unknown): SharedComment {
    const c = (created ?? {}) as { id?: unknown; created?: unknown; _embed?: { owner?: { firstname?: unknown; lastname?: unknown } } };
    const owner = c._embed?.owner;
    const author = [owner?.firstname, owner?.lastname].filter((x): x is string => typeof x === 'string').join(' ') || null;
    return {
      commentId: Number.isSafeInteger(c.id) ? (c.id as number) : 0,
      created: typeof c.created === 'string' ? c.created : deps.now().toISOString(),
      author,
      block: p.draft.block,
    };
  }

  async function confirm(request: { page: PageRef; previewId: string }, emit: Emit, signal: AbortSignal): Promise<void> {
    const p = pending.get(request.previewId);
    // One post per preview, whatever happens next: a second click cannot post it twice.
    pending.delete(request.previewId);
    if (!p || now() - p.at > PREVIEW_TTL_MS || p.page.id !== request.page.id || p.page.origin !== request.page.origin) {
      return emit(failed('expired'));
    }
    const account = await accountFor(request.page);
    if (!account) return emit(failed('no-credentials'));
    if (account.accountId !== p.accountId) return emit(failed('expired'));
    const api = deps.makeApi(account.conn);
    const done = (comment: SharedComment) => {
      emit({ type: 'share', state: 'posted' });
      emit({ type: 'shared', shared: judgeShared(comment, p.summary, p.facts).view });
    };
    try {
      done(postedView(p, await api.post<unknown>('/comments', p.draft.body, { 'embed[]': ['owner'] }, { signal, write: true })));
      return;
    } catch (e) {
      if (signal.aborted) return;
      const kind = e instanceof SellsyError ? e.kind : 'network';
      if (kind === 'forbidden' || kind === 'payment-required') return emit(failed('forbidden', errorText(e)));
      // A 4xx is Sellsy refusing the comment: nothing was created. Anything else may have landed.
      if (kind !== 'network' && kind !== 'timeout' && kind !== 'server' && kind !== 'invalid-data') return emit(failed('not-posted', errorText(e)));
      try {
        const found = await findSharedSummary(api, p.draft.body.related[0], signal);
        if (found?.block.id === p.draft.block.id) return done(found);
        return emit(failed('not-posted', errorText(e)));
      } catch (again) {
        if (signal.aborted) return;
        deps.onWarning?.(`share: could not tell whether the comment landed: ${errorText(again)}`);
        return emit(failed('unknown', errorText(e)));
      }
    }
  }

  return { preview, confirm, pendingCount: () => pending.size };
}
