// Whether a cached summary is behind the client's data: one small request per collection
// (lib/sellsy/latest-change.ts) says when the newest document or activity was created.
import type { SellsyApi } from '../sellsy/api';
import { latestChangeAt, latestChangeRequests } from '../sellsy/latest-change';
import type { StoredSummary } from '../store/types';
import type { Summary } from './types';

/** A cached summary older than this is checked against the client's newest document or activity. */
export const FRESHNESS_CHECK_AFTER_MS = 10 * 60_000;

export type LatestChangeAt = typeof latestChangeAt;

/**
 * Null when the summary is too recent to be worth a check (it is what the rep just saw: checking would
 * spend quota for nothing); otherwise whether something newer exists, and the requests the check cost.
 */
export async function checkFreshness(
  api: SellsyApi,
  cached: StoredSummary<Summary>,
  opts: { now: Date; signal: AbortSignal; latestChangeAt?: LatestChangeAt },
): Promise<{ stale: boolean; requests: number } | null> {
  const savedAt = Date.parse(cached.savedAt);
  if (!(opts.now.getTime() - savedAt > FRESHNESS_CHECK_AFTER_MS)) return null;
  const { client, sourceMode } = cached.summary;
  const latest = await (opts.latestChangeAt ?? latestChangeAt)(api, {
    client: { kind: client.type, id: client.id },
    sourceMode,
    signal: opts.signal,
  });
  return { stale: latest !== null && Date.parse(latest) > savedAt, requests: latestChangeRequests(sourceMode) };
}
