// The summaries the service keeps, keyed by Sellsy account (ids are unique only within one). A summary is
// written only once its whole computation has succeeded: a cached one is never replaced by a partial one.
import type { PageRef } from '../messages';
import type { ResumeStore, StoredSummary } from '../store/types';
import type { DataFacts } from './fingerprint';
import type { Summary } from './types';

/** The cached summary for the record a page shows; /thirds/{type}/{id} may be a company or an individual. */
export async function findCachedSummary(store: ResumeStore, accountId: string, page: PageRef): Promise<StoredSummary<Summary> | null> {
  return (await store.getSummary<Summary>(accountId, 'company', page.id)) ?? (await store.getSummary<Summary>(accountId, 'individual', page.id));
}

export function saveSummary(store: ResumeStore, accountId: string, summary: Summary, savedAt: string, facts?: DataFacts): Promise<void> {
  return store.putSummary(accountId, summary.client.type, summary.client.id, summary, {
    savedAt,
    ...(facts ? { facts } : {}),
  });
}

/** The facts saved beside a cached summary, when they are there and of the shape this version writes. */
export function cachedFacts(cached: StoredSummary<Summary>): DataFacts | null {
  const f = cached.facts as Partial<DataFacts> | undefined;
  return f && typeof f === 'object' && f.snapshot && typeof f.fingerprint?.value === 'string' ? (f as DataFacts) : null;
}
