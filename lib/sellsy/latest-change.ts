// When a client's newest document or activity was created, in one small request per collection of the table
// that has a probe (lib/client/collections.ts): the newest record of each (limit 1, newest first), nothing
// else. A cached summary older than that is marked stale. Documents have no "updated" field (docs/sellsy-api/openapi.yaml),
// so this sees additions, not edits.

import { collectionsFor } from '../client/collections';
import type { ClientKey, SourceMode } from '../client/data';
import { clientFilter } from '../client/search-filters';
import type { SellsyApi } from './api';

export interface LatestChangeOptions {
  client: ClientKey;
  sourceMode: SourceMode;
  signal?: AbortSignal;
}

const probesFor = (sourceMode: SourceMode) => collectionsFor(sourceMode).filter((c) => c.probe !== null);

/** The number of requests latestChangeAt sends for that source mode. */
export function latestChangeRequests(sourceMode: SourceMode): number {
  return probesFor(sourceMode).length;
}

/** The latest `created` (ISO date-time) among the client's documents and activities, or null when none has one. */
export async function latestChangeAt(api: SellsyApi, opts: LatestChangeOptions): Promise<string | null> {
  const pages = await Promise.all(
    probesFor(opts.sourceMode).map((c) =>
      api.post<{ data?: unknown }>(
        `/${c.resource}/search`,
        { filters: clientFilter(c.filter, opts.client) },
        { limit: 1, order: c.probe!, direction: 'desc', 'field[]': ['id', 'created'] },
        { signal: opts.signal },
      ),
    ),
  );
  let best: number | null = null;
  for (const page of pages) {
    const first = Array.isArray(page?.data) ? (page.data[0] as { created?: unknown } | undefined) : undefined;
    const t = typeof first?.created === 'string' ? Date.parse(first.created) : NaN;
    if (!Number.isNaN(t) && (best === null || t > best)) best = t;
  }
  return best === null ? null : new Date(best).toISOString();
}
