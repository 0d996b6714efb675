// docs/summary-contract.md §8: the texts' language is the user's setting, else the Sellsy user's language (the closest the API
// gives to the account's), else the browser's. The first one present decides; what we do not write is English.

export type SummaryLanguage = 'fr' | 'en';
const SUPPORTED: readonly SummaryLanguage[] = ['fr', 'en'];

/** "fr-FR", "FR", "en_GB" → "fr", "fr", "en"; null for an empty or missing value. */
export function primaryTag(tag: string | null | undefined): string | null {
  if (typeof tag !== 'string') return null;
  const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

export function resolveLanguage(
  setting: string | null | undefined,
  staffLanguage: string | null | undefined,
  browserLanguage: string | null | undefined,
): SummaryLanguage {
  const chosen = setting && setting !== 'auto' ? primaryTag(setting) : null;
  const tag = chosen ?? primaryTag(staffLanguage) ?? primaryTag(browserLanguage);
  return SUPPORTED.includes(tag as SummaryLanguage) ? (tag as SummaryLanguage) : 'en';
}
