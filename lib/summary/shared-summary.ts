// The newest summary a colleague shared on a client's record: one small request (the client's comments,
// newest first), then a verdict against the live data. Its texts are reused only when it was computed from the
// same data (same fingerprint) and every number and cited record in them is one of the live summary's. The
// author and the date come from Sellsy's own fields, never from the block.
import { buildRequests } from '../ai/prompts';
import { cleanName } from '../ai/sanitize';
import { DEFAULT_AI_SETTINGS } from '../ai/settings';
import { figuresForTexts, rejectText } from '../ai/text-checks';
import { owns } from '../client/ownership';
import type { Related } from '../client/records';
import type { SellsyApi } from '../sellsy/api';
import { toLang } from '../words/lang';
import { changedParts, type DataFacts, SNAPSHOT_PARTS, type SnapshotPart } from './fingerprint';
import { parseSharedComment, type SharedBlock, type SharedTexts } from './shared-comment';
import type { Summary } from './types';

/** Comments read to find the newest shared summary: a share older than this many comments is not looked for. */
export const SHARED_LOOKUP_LIMIT = 10;
/** The windows the prompts name (six months, three years), as generateTexts allows them. */
const MIN_RECOMMENDATIONS = 2;

export interface SharedComment {
  commentId: number;
  /** When Sellsy says the comment was written. */
  created: string;
  /** The comment's owner as Sellsy names it (staff first and last name), or null when not given. */
  author: string | null;
  block: SharedBlock;
}

type ClientKey = { type: 'company' | 'individual'; id: number };

function ownerName(owner: unknown): string | null {
  if (!owner || typeof owner !== 'object') return null;
  const o = owner as { firstname?: unknown; lastname?: unknown };
  const name = [o.firstname, o.lastname]
    .filter((x): x is string => typeof x === 'string')
    .join(' ')
    .trim();
  return name ? cleanName(name) : null;
}

/** The newest comment of the client that is a summary shared for it, among the last SHARED_LOOKUP_LIMIT. */
export async function findSharedSummary(api: SellsyApi, client: ClientKey, signal?: AbortSignal): Promise<SharedComment | null> {
  const res = await api.post<unknown>(
    '/comments/search',
    { filters: { related_objects: [{ type: client.type, id: client.id }] } },
    { limit: SHARED_LOOKUP_LIMIT, order: 'created', direction: 'desc', 'embed[]': ['owner'] },
    signal ? { signal } : undefined,
  );
  const data = (res as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return null;
  const found: SharedComment[] = [];
  for (const c of data) {
    if (!c || typeof c !== 'object') continue;
    const { id, created, related, description, _embed } = c as Record<string, unknown>;
    if (!Number.isSafeInteger(id) || typeof created !== 'string' || !Number.isFinite(Date.parse(created))) continue;
    // The search filters on the client; a comment that does not name it in `related` (not only by id) is not
    // trusted to be about it.
    if (!owns({ kind: client.type, id: client.id }, 'related', { related: related as Related[] | null })) continue;
    const block = parseSharedComment(description, client);
    if (block) found.push({ commentId: id as number, created, author: ownerName((_embed as { owner?: unknown } | undefined)?.owner), block });
  }
  // Newest first whatever order came back.
  found.sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || b.commentId - a.commentId);
  return found[0] ?? null;
}

export type OutdatedReason = 'data' | 'language' | 'numbers';

/** What the panel shows of a shared summary. */
export interface SharedView {
  commentId: number;
  author: string | null;
  sharedAt: string;
  computedAt: string;
  /** Computed from the same data as the live summary. */
  sameData: boolean;
  /** The parts of the data that differ (empty when sameData). */
  changed: SnapshotPart[];
  /** 'reused': its LLM texts are the ones shown; 'outdated': they are not (see why); 'none': it had none. */
  texts: 'reused' | 'outdated' | 'none';
  outdatedBecause: OutdatedReason | null;
  /** The shared texts themselves when outdated, to be shown as such (plain text). */
  outdatedTexts: SharedTexts | null;
}

export interface SharedVerdict {
  view: SharedView;
  /** The texts to show instead of the LLM's, or null. */
  reuse: SharedTexts | null;
}

/** Each text checked as generateTexts checks a fresh one: right language, only the live summary's numbers, live evidence. */
function textsPass(live: Summary, texts: SharedTexts): boolean {
  const requests = buildRequests(live, { ...DEFAULT_AI_SETTINGS, enabled: true });
  const figures = figuresForTexts(live, requests);
  const lang = live.language;
  if (texts.interactions !== null) {
    if (live.interactions.items.length === 0) return false;
    if (rejectText(texts.interactions, figures.interactions, lang)) return false;
  }
  if (texts.recommendations !== null) {
    const recs = texts.recommendations;
    const evidence = requests.find((r) => r.purpose === 'recommendations')?.evidence ?? new Set<string>();
    if (recs.length < MIN_RECOMMENDATIONS) return false;
    // As a fresh set: the language and the asks are judged over all of them, the numbers one by one.
    const all = recs.map((r) => `${r.action}\n${r.reason}`).join('\n');
    const whole = rejectText(all, figures.recommendations, lang);
    if (whole && whole.kind !== 'numbers') return false;
    for (const r of recs) {
      if (rejectText(`${r.action}\n${r.reason}`, figures.recommendations, lang)) return false;
      if (r.evidence.some((e) => !evidence.has(`${e.type}:${e.id}`))) return false;
    }
  }
  return true;
}

/** Whether a shared summary's texts can stand for the live summary's, and what to show of it. Without the
 * live summary's facts (a summary cached by an older version) nothing can be told the same. */
export function judgeShared(found: SharedComment, live: Summary, facts: DataFacts | null): SharedVerdict {
  const { block } = found;
  const sameData = !!facts && block.fingerprint === facts.fingerprint.value && block.sourceMode === live.sourceMode;
  const hasTexts = block.texts.interactions !== null || block.texts.recommendations !== null;
  let because: OutdatedReason | null = null;
  if (hasTexts) {
    if (!sameData) because = 'data';
    else if (toLang(block.language) !== toLang(live.language)) because = 'language';
    else if (!textsPass(live, block.texts)) because = 'numbers';
  }
  const view: SharedView = {
    commentId: found.commentId,
    author: found.author,
    sharedAt: found.created,
    computedAt: block.generatedAt,
    sameData,
    changed: sameData ? [] : facts ? changedParts(block.parts, facts.fingerprint.parts) : [...SNAPSHOT_PARTS],
    texts: !hasTexts ? 'none' : because ? 'outdated' : 'reused',
    outdatedBecause: because,
    outdatedTexts: because ? block.texts : null,
  };
  return { view, reuse: hasTexts && !because ? block.texts : null };
}

/** The live figures with the shared texts in place of the rules' (or the LLM's) ones. */
export function withSharedTexts(figures: Summary, texts: SharedTexts): Summary {
  return {
    ...figures,
    interactions: texts.interactions === null ? figures.interactions : { ...figures.interactions, summary: texts.interactions, generatedBy: 'llm' },
    recommendations: texts.recommendations === null ? figures.recommendations : { items: texts.recommendations, generatedBy: 'llm' },
  };
}
