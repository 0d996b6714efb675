// The two languages we have words for, and the one rule that maps any language tag onto them. Every "is this
// French?" in the code is this function: a tag's primary subtag decides, whatever its case or separator.

export type Lang = 'fr' | 'en';

/** "fr-FR", "FR", "en_GB", " fr " → "fr", "fr", "en", "fr"; null for an empty, missing or malformed value. */
export function primaryTag(tag: string | null | undefined): string | null {
  if (typeof tag !== 'string') return null;
  const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/** French for a tag whose primary subtag is `fr` (`fr`, `FR-be`, `fr_CA`); English for anything else. A prefix
 *  test would also take Frisian (`fry`, `frr`) for French. */
export function toLang(tag: string | null | undefined): Lang {
  return primaryTag(tag) === 'fr' ? 'fr' : 'en';
}

/** One language's entry of a two-language table, for any tag. */
export function pick<T>(table: Record<Lang, T>, tag: string | null | undefined): T {
  return table[toLang(tag)];
}
