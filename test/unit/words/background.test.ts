// The background's own sentences follow the same language rule as everything else: any case, any separator.
import { describe, expect, it } from 'vitest';
import { createActionHandler } from '@/entrypoints/background/action';
import { backgroundWords } from '@/lib/words/background';

async function toolbarTitle(uiLanguage: string): Promise<string> {
  const titles: string[] = [];
  const onClick = createActionHandler({
    sendMessage: async () => undefined,
    setBadgeText: () => undefined,
    setTitle: (d) => {
      titles.push(d.title);
    },
    allowLocal: false,
    uiLanguage: () => uiLanguage,
    markTab: async () => undefined,
  });
  await onClick({ id: 1, url: 'https://example.org/' });
  return titles[0] ?? '';
}

describe('the toolbar button’s title', () => {
  it.each(['fr', 'FR-be', 'fr_CA'])('%s → French', async (tag) => {
    expect(await toolbarTitle(tag)).toBe(backgroundWords('fr').toolbar.elsewhere);
  });
  it.each(['en-US', 'de', 'fry', ''])('%j → English', async (tag) => {
    expect(await toolbarTitle(tag)).toBe(backgroundWords('en').toolbar.elsewhere);
  });
  it('the two languages differ', () => {
    expect(backgroundWords('fr').toolbar.elsewhere).not.toBe(backgroundWords('en').toolbar.elsewhere);
    expect(backgroundWords('fr').contactPage).toMatch(/contact/);
  });
});
