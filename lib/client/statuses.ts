// docs/summary-contract.md §2: which documents count, per type and status, for the data layer (which rows
// to fetch) and the engine (which figures a document enters). Every status the API documents is listed, so
// a value outside both sets is new to us: never counted, and named once in a warning.
import type { DocType } from './records';

const STATUSES: Record<DocType | 'opportunity', { counted: ReadonlySet<string>; known: ReadonlySet<string> }> = {
  invoice: {
    counted: new Set(['due', 'payinprogress', 'paid', 'late']),
    known: new Set(['draft', 'due', 'payinprogress', 'paid', 'late', 'cancelled']),
  },
  'credit-note': {
    counted: new Set(['stored', 'partialspend', 'spent']),
    known: new Set(['draft', 'stored', 'partialspend', 'spent', 'cancelled']),
  },
  estimate: {
    counted: new Set(['accepted', 'advanced', 'partialinvoiced', 'invoiced']),
    known: new Set(['draft', 'sent', 'read', 'accepted', 'refused', 'expired', 'advanced', 'partialinvoiced', 'invoiced', 'cancelled']),
  },
  // Opportunities are never purchases; only open/late ones are listed (card 2).
  opportunity: {
    counted: new Set(['open', 'late']),
    known: new Set(['open', 'won', 'lost', 'cancelled', 'closed', 'late']),
  },
};

export type StatusClass = 'counted' | 'not-counted' | 'unknown';

export function statusClass(type: DocType | 'opportunity', status: string): StatusClass {
  const s = STATUSES[type];
  if (s.counted.has(status)) return 'counted';
  return s.known.has(status) ? 'not-counted' : 'unknown';
}

/** The exclusion code a source list shows for a status that does not count. */
export function statusReason(type: DocType | 'opportunity', status: string): string {
  return statusClass(type, status) === 'unknown' ? `status-unknown:${status}` : `status:${status}`;
}

/** One entry per (type, unknown status) met, in order of first appearance. */
export function unknownStatuses(
  lists: { type: DocType | 'opportunity'; docs: { status: string }[] | null }[],
): { type: DocType | 'opportunity'; status: string }[] {
  const seen = new Set<string>();
  const out: { type: DocType | 'opportunity'; status: string }[] = [];
  for (const { type, docs } of lists) {
    for (const d of docs ?? []) {
      // The key string only for unknown statuses: building one per document cost more than the check.
      if (statusClass(type, d.status) !== 'unknown') continue;
      const key = `${type}\u0000${d.status}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ type, status: d.status });
      }
    }
  }
  return out;
}
