// Which records are this client's. Sellsy's search filters are not trusted alone: a record names several
// parties (the client, contacts, an opportunity), ids are unique only per type (a contact may have the
// client's id), and a filter applied loosely would let another client's records in. So the data layer
// keeps, and the engine counts, only what this predicate accepts.
import type { ClientKey } from './data';
import type { Related } from './records';

/**
 * - `related`: documents, whose `related` list names the client;
 * - `related-or-id`: opportunities and activities, which name it in `related` or in `company_id`/`individual_id`;
 * - `payer`: payments, whose single `related` object is the client who paid.
 */
export type OwnershipRule = 'related' | 'related-or-id' | 'payer';

export interface Ownable {
  related?: readonly Related[] | Related | null;
  company_id?: number | null;
  individual_id?: number | null;
}

const isClient = (r: Related | null | undefined, c: ClientKey) => !!r && r.type === c.kind && r.id === c.id;
const names = (related: Ownable['related'], c: ClientKey) => Array.isArray(related) && related.some((r) => isClient(r, c));

/** The rule as a predicate, built once per list (the engine runs it over every document of a large client). */
export function ownedBy(client: ClientKey, rule: OwnershipRule): (record: Ownable) => boolean {
  const c = { kind: client.kind, id: client.id };
  switch (rule) {
    case 'related':
      return (r) => names(r.related, c);
    case 'related-or-id':
      return (r) => names(r.related, c) || (c.kind === 'company' ? r.company_id === c.id : r.individual_id === c.id);
    case 'payer':
      return (r) => !Array.isArray(r.related) && isClient(r.related as Related | null | undefined, c);
  }
}
