// "Since your last look", kept per account and client in the store: the summary the panel last showed this
// user, recorded when it is shown (not when it is computed), with the comparison made at that moment. Showing
// the same summary again gives the same comparison; a newer one is compared with the last one shown, then
// takes its place.
import type { ResumeStore } from '../store/types';
import { compareLooks, type Look, lookOf, type SummaryChanges } from './changes';
import type { DataFacts } from './fingerprint';
import type { Summary } from './types';

interface LookRecord {
  v: 1;
  look: Look;
  /** What showing it listed (null: nothing to compare with then). */
  changes: SummaryChanges | null;
}

function readRecord(value: unknown): LookRecord | null {
  const r = value as Partial<LookRecord> | null;
  return r && r.v === 1 && r.look && typeof r.look.generatedAt === 'string' && r.look.snapshot ? (r as LookRecord) : null;
}

/**
 * Records `summary` as shown now and returns what changed since the one shown before it, or null when this
 * user never saw this client before (or the record is unreadable).
 */
export async function recordLook(
  store: ResumeStore,
  accountId: string,
  summary: Summary,
  facts: DataFacts,
  now: Date,
): Promise<SummaryChanges | null> {
  const { type, id } = summary.client;
  const stored = await store.getLook(accountId, type, id);
  const previous = stored ? readRecord(stored.look) : null;
  if (previous && previous.look.generatedAt === summary.generatedAt) return previous.changes;
  const live = lookOf(summary, facts);
  const changes = previous && stored ? compareLooks(previous.look, live, stored.seenAt) : null;
  const record: LookRecord = { v: 1, look: live, changes };
  await store.putLook(accountId, type, id, { look: record, seenAt: now.toISOString() });
  return changes;
}
