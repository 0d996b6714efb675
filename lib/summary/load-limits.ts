// How often the panel may make the background work, whoever clicks: a page script that could press
// Refresh in a loop (67 loads, 1 044 Sellsy requests and 104 LLM completions in 20 s, before the panel's
// shadow root was closed) now gets at most one load of a client per 10 s. The budgets, by what they protect:
// Sellsy's quota and the user's LLM bill per client, and the quota per tab (a page that navigates itself
// from client to client with the panel open).
import type { PageRef, WaitReason } from '../messages';
import type { RateRule } from '../rate-limit';

export const LOAD_LIMITS = {
  /** Computed loads of one client: open without a cached summary, refresh, retry-texts. */
  client: { max: 1, windowMs: 10_000 },
  /** Computed loads in one tab, whatever the client. */
  tab: { max: 10, windowMs: 60_000 },
  /** Loads of one client that ask the LLM for its texts (two completions each). */
  llm: { max: 3, windowMs: 60_000 },
  /** Freshness checks of a cached summary in one tab (one request per collection each). */
  freshness: { max: 10, windowMs: 60_000 },
} as const;

/** Who asked: the tab the panel is in (none in tests and for requests that come from no tab). */
export interface RequestSource {
  tabId?: number;
}

/**
 * The budgets a computed load takes from. `account` names the Sellsy access the load uses (its API URL and
 * client id, never a secret): ids are unique only within an account, so another account's client 48201 is
 * another client.
 */
export function loadRules(page: PageRef, account: string, source: RequestSource | undefined, withLlm: boolean): RateRule[] {
  const client = `${account}|${page.origin}/${page.thirdType}/${page.id}`;
  const rules: RateRule[] = [{ key: `client:${client}`, ...LOAD_LIMITS.client }];
  if (source?.tabId !== undefined) rules.push({ key: `tab:${source.tabId}`, ...LOAD_LIMITS.tab });
  if (withLlm) rules.push({ key: `llm:${client}`, ...LOAD_LIMITS.llm });
  return rules;
}

/** The budget a freshness check takes from; none without a tab. */
export function freshnessRules(source: RequestSource | undefined): RateRule[] {
  return source?.tabId === undefined ? [] : [{ key: `freshness:${source.tabId}`, ...LOAD_LIMITS.freshness }];
}

/** Which limit a refused rule is, for the panel's words. */
export function waitReasonOf(rule: RateRule): WaitReason {
  return rule.key.startsWith('tab:') ? 'tab' : rule.key.startsWith('llm:') ? 'llm' : 'client';
}
