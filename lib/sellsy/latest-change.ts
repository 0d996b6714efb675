// When a client's newest document or activity was created, in one small request per collection: the
// newest record of each (limit 1, newest first), nothing else. A cached summary older than that is
// marked stale. Documents have no "updated" field (docs/sellsy-api/openapi.yaml), so this sees additions, not edits.

import type { ClientKind } from '../client-data';
import type { SellsyApi } from './api';

interface Probe {
  resource: string;
  order: string;
  filters: 'documents' | 'people';
  invoicingOnly?: boolean;
}

// `created` where the endpoint can order by it; elsewhere ids, which Sellsy assigns in creation order.
const PROBES: readonly Probe[] = [
  { resource: 'invoices', order: 'created', filters: 'documents', invoicingOnly: true },
  { resource: 'credit-notes', order: 'created', filters: 'documents', invoicingOnly: true },
  { resource: 'estimates', order: 'created', filters: 'documents' },
  { resource: 'opportunities', order: 'created', filters: 'documents' },
  { resource: 'comments', order: 'created', filters: 'people' },
  { resource: 'tasks', order: 'id', filters: 'people' },
  { resource: 'phone-calls', order: 'id', filters: 'people' },
  { resource: 'calendar-events', order: 'id', filters: 'people' },
];

export interface LatestChangeOptions {
  client: { kind: ClientKind; id: number };
  sourceMode: 'invoicing' | 'sales';
  signal?: AbortSignal;
}

/** The number of requests latestChangeAt sends for that source mode. */
export function latestChangeRequests(sourceMode: 'invoicing' | 'sales'): number {
  return PROBES.filter((p) => sourceMode === 'invoicing' || !p.invoicingOnly).length;
}

/** The latest `created` (ISO date-time) among the client's documents and activities, or null when none has one. */
export async function latestChangeAt(api: SellsyApi, opts: LatestChangeOptions): Promise<string | null> {
  const { kind, id } = opts.client;
  const filters = {
    documents: { related_objects: [{ type: kind, id }] },
    people: kind === 'company' ? { companies: [id] } : { individuals: [id] },
  };
  const probes = PROBES.filter((p) => opts.sourceMode === 'invoicing' || !p.invoicingOnly);
  const pages = await Promise.all(
    probes.map((p) =>
      api.post<{ data?: unknown }>(
        `/${p.resource}/search`,
        { filters: filters[p.filters] },
        { limit: 1, order: p.order, direction: 'desc', 'field[]': ['id', 'created'] },
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
