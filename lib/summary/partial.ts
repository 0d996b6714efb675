// A summary whose details are still arriving (phases 'lists' and 'details' of lib/summary/build.ts): it says
// how far the details are, and the documents not read yet are not called unreadable in the top products'
// sources (docs/summary-contract.md §8, §9).
import type { DocKey } from '../client/data';
import type { Summary } from './types';

/** Source paths whose `no-rows` exclusions are documents still to read while the summary is partial. */
const PRODUCT_LISTS = ['salesOverview.topProductsByQuantity', 'salesOverview.topProductsByRevenue'];

export const ROWS_PENDING = 'rows-pending';

/** `summary` marked partial: `read` of `total` details settled, `pending` the documents not read yet. */
export function markPartial(summary: Summary, progress: { read: number; total: number; pending: ReadonlySet<DocKey> }): Summary {
  const sources = summary.sources ? { ...summary.sources } : undefined;
  if (sources && progress.pending.size) {
    for (const path of PRODUCT_LISTS) {
      const s = sources[path];
      if (!s) continue;
      sources[path] = {
        included: s.included,
        excluded: s.excluded.map((d) =>
          d.reason === 'no-rows' && progress.pending.has(`${d.type}:${d.id}` as DocKey) ? { ...d, reason: ROWS_PENDING } : d,
        ),
      };
    }
  }
  return { ...summary, ...(sources ? { sources } : {}), partial: { detailsRead: progress.read, detailsTotal: progress.total } };
}

/** Whether a summary is partial; a summary saved before summaries carried the mark was complete. */
export function isPartial(summary: Summary): boolean {
  return summary.partial !== undefined;
}
