// A collection's row of the table as the body of a Sellsy search: whose records, and for activities since when.
import { addDays } from '../dates';
import type { Collection } from './collections';
import type { ClientKey } from './data';
import { interactionsWindowStart } from './windows';

/** The filter naming the client: documents by `related_objects`, activities by `companies`/`individuals`. */
export function clientFilter(filter: Collection['filter'], client: ClientKey): Record<string, unknown> {
  if (filter === 'documents') return { related_objects: [{ type: client.kind, id: client.id }] };
  return client.kind === 'company' ? { companies: [client.id] } : { individuals: [client.id] };
}

/** The full filter of a list: the client, and for activities a lower bound a few days before the window. */
export function searchFilter(c: Pick<Collection, 'filter' | 'since'>, client: ClientKey, today: string): Record<string, unknown> {
  const filters = clientFilter(c.filter, client);
  if (!c.since) return filters;
  const start = addDays(interactionsWindowStart(today), -c.since.marginDays);
  return { ...filters, [c.since.filter]: { start: `${start}T00:00:00+00:00` } };
}
