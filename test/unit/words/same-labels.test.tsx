// @vitest-environment happy-dom
// One summary of the demo's large client, in both languages and both licences, rendered four ways: the panel,
// the Markdown copy, the terminal text and the prompts' facts. Every figure must carry its catalogue name in
// each of them; a figure missing from one rendering, or named otherwise there, fails.

import { cleanup, render } from '@testing-library/preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvContext, makeEnv } from '@/components/panel/env';
import { InteractionsCard } from '@/components/panel/InteractionsCard';
import { OpenDocumentsCard } from '@/components/panel/OpenDocumentsCard';
import { RecommendationsCard } from '@/components/panel/RecommendationsCard';
import { RelationshipCard } from '@/components/panel/RelationshipCard';
import { SalesOverviewCard } from '@/components/panel/SalesOverviewCard';
// happy-dom events have no isTrusted: these tests are the user.
import { AcceptEventContext } from '@/components/panel/user-events';
import { factsOf } from '@/lib/ai/facts';
import { renderMarkdown } from '@/lib/format/markdown';
import { renderText } from '@/lib/format/text';
import { createSellsyApi } from '@/lib/sellsy/api';
import { buildClientSummary } from '@/lib/summary/build';
import type { Summary } from '@/lib/summary/types';
import { CARDS } from '@/lib/words/cards';
import { FIGURE_KEYS, FIGURE_PATHS, FIGURES, qualifiedName } from '@/lib/words/figures';
import type { Lang } from '@/lib/words/lang';
import { DEMO, DEMO_SALES, LARGE_CLIENT_ID } from '../../sellsy/demo';
import { type FakeSellsy, startSellsy } from '../../sellsy/server';

const TODAY = '2026-11-29';
const texts = { pending: false, error: null, onRetry: () => {} };
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The label at the head of a line or after " · ", then an optional "(count)", then a colon or the line's end. */
function labelled(rendering: string, label: string): boolean {
  return new RegExp(`(?:^|· )${esc(label)}(?: \\([\\d\\s\\u202f\\u00a0]+\\))?(?: ?:|$)`, 'm').test(rendering);
}
/** Markdown back to its words: list marks, bold and backslash escapes removed. */
const plainMarkdown = (md: string) =>
  md
    .replace(/^\s*- /gm, '')
    .replace(/\*\*/g, '')
    .replace(/\\(.)/g, '$1');
const plainText = (text: string) => text.replace(/^\s+/gm, '');

function panelLabels(summary: Summary): Map<string, string> {
  const { container } = render(
    <AcceptEventContext.Provider value={() => true}>
      <EnvContext.Provider value={makeEnv(summary, () => null)}>
        <RelationshipCard />
        <OpenDocumentsCard />
        <SalesOverviewCard />
        <InteractionsCard texts={texts} />
        <RecommendationsCard texts={texts} />
      </EnvContext.Provider>
    </AcceptEventContext.Provider>,
  );
  const out = new Map<string, string>();
  for (const el of container.querySelectorAll<HTMLElement>('[data-figure]')) {
    const label = el.querySelector('.fig-label')?.textContent;
    if (label) out.set(el.dataset.figure!, label);
  }
  for (const el of container.querySelectorAll<HTMLElement>('[data-figure-title]')) out.set(el.dataset.figureTitle!, el.textContent ?? '');
  out.set('cards', [...container.querySelectorAll('section.card h3')].map((h) => h.textContent).join('|'));
  cleanup();
  return out;
}

describe('one wording per figure: panel, Markdown, terminal text and prompts agree', () => {
  let sellsy: FakeSellsy;
  const summaries: { account: string; lang: Lang; summary: Summary }[] = [];
  beforeAll(async () => {
    sellsy = await startSellsy({ today: TODAY });
    for (const [account, auth] of [
      ['invoicing', DEMO],
      ['sales only', DEMO_SALES],
    ] as const) {
      const api = createSellsyApi({
        apiUrl: sellsy.apiUrl,
        tokenUrl: sellsy.tokenUrl,
        auth: { kind: 'client-credentials', ...auth },
        onWarning: () => undefined,
      });
      for (const lang of ['fr', 'en'] as const) {
        const r = await buildClientSummary(
          { api },
          {
            ref: { kind: 'company', id: LARGE_CLIENT_ID },
            today: TODAY,
            now: new Date('2026-11-29T09:00:00Z'),
            languageSetting: lang,
            browserLanguage: 'en-US',
            sourceModeSetting: 'auto',
          },
        );
        if (r.status !== 'client') throw new Error('the large client is a client');
        summaries.push({ account, lang, summary: r.summary });
      }
    }
  }, 120_000);
  afterAll(async () => {
    await sellsy?.close();
  });

  it('builds the four summaries it compares', () => {
    expect(summaries.map((s) => `${s.account}/${s.summary.language}/${s.summary.sourceMode}`)).toEqual([
      'invoicing/fr/invoicing',
      'invoicing/en/invoicing',
      'sales only/fr/sales',
      'sales only/en/sales',
    ]);
  });

  it.each(['invoicing/fr', 'invoicing/en', 'sales only/fr', 'sales only/en'])('%s: every figure under its catalogue name', (which) => {
    const { lang, summary } = summaries.find((s) => `${s.account}/${s.lang}` === which)!;
    const panel = panelLabels(summary);
    const markdown = plainMarkdown(renderMarkdown(summary));
    const text = plainText(renderText(summary));
    const facts = factsOf(summary).text;
    const missing: string[] = [];
    for (const key of FIGURE_KEYS) {
      const words = FIGURES[lang][key];
      if (panel.get(FIGURE_PATHS[key]) !== words.name) missing.push(`panel ${key}: ${JSON.stringify(panel.get(FIGURE_PATHS[key]))}`);
      if (!labelled(markdown, words.name)) missing.push(`markdown ${key}`);
      if (!labelled(text, words.name)) missing.push(`text ${key}`);
      // The prompts carry the name with its unit and qualifier, from the same entry.
      if (!facts.includes(qualifiedName(words))) missing.push(`prompt ${key}`);
    }
    expect(missing).toEqual([]);
    const cards = Object.values(CARDS[lang]).map((c) => c.name);
    expect(panel.get('cards')).toBe(cards.join('|'));
    for (const [i, name] of cards.entries()) {
      expect(text).toContain(`${i + 1}. ${name}`);
      expect(markdown).toContain(`### ${i + 1}. ${name}`);
    }
    for (const name of cards.slice(0, 4)) expect(facts).toContain(name);
  });

  it('the two languages name every figure differently (nothing left untranslated)', () => {
    for (const key of FIGURE_KEYS) expect(FIGURES.fr[key].name).not.toBe(FIGURES.en[key].name);
  });
});
