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
function names(related: Ownable['related'], c: ClientKey): boolean {
  if (!Array.isArray(related)) return false;
  for (let i = 0; i < related.length; i++) if (isClient(related[i], c)) return true;
  return false;
}

/** The rule as a predicate, built once per list (the engine runs it over every document of a large client). */
export function ownedBy(client: ClientKey, rule: OwnershipRule): (record: Ownable) => boolean {
  const c = { kind: client.kind, id: client.id };
  return (r) => owns(c, rule, r);
}

/** The same rule as a plain function, for the engine's loops: a predicate made per summary is a new closure each
 * time, and V8 compiles the loop that calls it again for every summary. */
export function owns(client: ClientKey, rule: OwnershipRule, r: Ownable): boolean {
  switch (rule) {
    case 'related':
      return names(r.related, client);
    case 'related-or-id':
      return names(r.related, client) || (client.kind === 'company' ? r.company_id === client.id : r.individual_id === client.id);
    case 'payer':
      return !Array.isArray(r.related) && isClient(r.related as Related | null | undefined, client);
  }
}
