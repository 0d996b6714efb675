// Links from the panel to records in Sellsy's web app, on the origin of the page the panel sits on
// (www.sellsy.com, www.sellsy.fr, or the local fake). Only routes seen in the wild are used:
// a record type whose page we do not know gets no link rather than a guessed one.

/** Old-interface overview pages, still served: `/?_f={name}&id={id}`. */
const LEGACY_OVERVIEW: Record<string, string> = {
  invoice: 'invoiceOverview',
  estimate: 'estimateOverview',
  order: 'orderOverview',
  item: 'catalogueitem',
};

function pathFor(type: string, id: number): string | null {
  const legacy = LEGACY_OVERVIEW[type];
  if (legacy) return `/?_f=${legacy}&id=${id}`;
  switch (type) {
    case 'opportunity':
      return `/prospection/opportunities/${id}`;
    case 'client':
    case 'prospect':
    case 'supplier':
      return `/thirds/${type}/${id}`;
    case 'people':
      return `/peoples/${id}`;
    default:
      return null;
  }
}

/** The page of a record in Sellsy, or null when the type has no known page or the input is not sound. */
export function recordLink(origin: string, type: string, id: number): string | null {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return null;
  }
  if ((base.protocol !== 'https:' && base.protocol !== 'http:') || base.origin !== origin.replace(/\/$/, '')) return null;
  const path = pathFor(type, id);
  return path === null ? null : base.origin + path;
}
