// What a Sellsy page the panel shows says about the client to summarise.
import type { PageRef } from '../messages';
import type { BuildOptions } from './build';

/** The client a page names; /thirds/{type}/{id} may be a company or an individual, the load finds which. */
export function clientRefOf(page: PageRef): BuildOptions['ref'] | null {
  // A /peoples/ page is a contact: it has no purchases of its own, and its id is not a third's id.
  return page.thirdType === 'people' ? null : { kind: 'unknown', id: page.id };
}
