// The one rule for "is this French?": the primary subtag, whatever its case or separator.
import { describe, expect, it } from 'vitest';
import { primaryTag, toLang } from '@/lib/words/lang';

describe('toLang', () => {
  it.each([
    ['fr', 'fr'],
    ['FR', 'fr'],
    ['fr-FR', 'fr'],
    ['FR-be', 'fr'],
    ['fr_CA', 'fr'],
    [' fr-ch ', 'fr'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['de-DE', 'en'],
    // Frisian starts with "fr" too: a prefix test took it for French.
    ['fry', 'en'],
    ['frr-DE', 'en'],
    ['french', 'en'],
    ['', 'en'],
    ['  ', 'en'],
  ] as const)('%j → %s', (tag, want) => {
    expect(toLang(tag)).toBe(want);
  });

  it('a missing or non-string tag is English', () => {
    expect(toLang(null)).toBe('en');
    expect(toLang(undefined)).toBe('en');
    expect(toLang(42 as unknown as string)).toBe('en');
  });

  it('primaryTag keeps two- and three-letter primary subtags, lower case', () => {
    expect(primaryTag('PT_br')).toBe('pt');
    expect(primaryTag('fry')).toBe('fry');
    expect(primaryTag('x')).toBeNull();
    expect(primaryTag('1234')).toBeNull();
  });
});
