// @vitest-environment happy-dom
// The panel as a rep reads it (issue 16): a chart with one measure, evidence that stays short, one date style
// per language in every rendering, totals that say what they leave out, a status line for screen readers, and
// labels the style sheet never breaks inside a word. Real layout is measured in the Chromium e2e (test/e2e/ux.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { barGeometry } from '@/components/panel/BarChart';
import { EnvContext, makeEnv } from '@/components/panel/env';
import { InteractionsCard } from '@/components/panel/InteractionsCard';
import { OpenDocumentsCard } from '@/components/panel/OpenDocumentsCard';
import { RecommendationsCard } from '@/components/panel/RecommendationsCard';
import { RelationshipCard } from '@/components/panel/RelationshipCard';
import { SalesOverviewCard } from '@/components/panel/SalesOverviewCard';
// happy-dom events have no isTrusted: these tests are the user.
import { AcceptEventContext } from '@/components/panel/user-events';
import { factsOf } from '@/lib/ai/facts';
import { computeSummary } from '@/lib/cards/index';
import { formatDate, formatMoney } from '@/lib/format/intl';
import { renderMarkdown } from '@/lib/format/markdown';
import { renderText } from '@/lib/format/text';
import type { Summary } from '@/lib/summary/types';
import { clientData, invoice, payment } from '../cards/fixture';
import { invoicingSummary, salesSummary } from './fixture';
import { PAGE, setup } from './harness';

afterEach(cleanup);

const texts = { pending: false, draft: signal(''), error: null, onRetry: () => {} };
function renderCards(summary: Summary) {
  return render(
    <AcceptEventContext.Provider value={() => true}>
      <EnvContext.Provider value={makeEnv(summary, (type, id) => `https://www.sellsy.com/${type}/${id}`)}>
        <RelationshipCard />
        <OpenDocumentsCard />
        <SalesOverviewCard />
        <InteractionsCard texts={texts} />
        <RecommendationsCard texts={texts} />
      </EnvContext.Provider>
    </AcceptEventContext.Provider>,
  ).container;
}

describe('the yearly chart shows one measure: the amounts', () => {
  it('bars are as long as the amounts, on one scale; a negative year goes to the other side of the zero line', () => {
    // Issue 16: a bar labelled 54 (documents) was shorter than one labelled 52; the amounts decide now.
    const g = barGeometry(['5400.00', '10800.00', '-2700.00']);
    expect(g.zero).toBeCloseTo(2700 / 13500);
    expect(g.bars[1]!.width).toBeCloseTo(2 * g.bars[0]!.width);
    expect(g.bars[0]!.left).toBeCloseTo(g.zero);
    expect(g.bars[2]!).toMatchObject({ negative: true });
    expect(g.bars[2]!.left + g.bars[2]!.width).toBeCloseTo(g.zero);
    expect(g.bars[2]!.width).toBeCloseTo(g.bars[0]!.width / 2);
    // All zero, or unreadable: no bar, no NaN.
    expect(barGeometry(['0.00', '0.00'])).toEqual({ zero: 0, bars: [0, 1].map(() => ({ left: 0, width: 0, negative: false })) });
    expect(barGeometry(['x']).bars[0]!.width).toBe(0);
  });

  it.each(['fr', 'en'])('each row is a year and its amount; the counts are a line of their own; a list a screen reader reads (%s)', (lang) => {
    const s = invoicingSummary(lang);
    s.salesOverview.byYear[2] = { year: 2026, total: '-300.00', count: 0 };
    const c = renderCards(s);
    const chart = c.querySelector('[data-chart="byYear"]')!;
    expect(chart.tagName).toBe('UL');
    // Named by the figure's heading, so the list is announced as "Achats par année".
    const title = c.querySelector(`#${chart.getAttribute('aria-labelledby')}`);
    expect(title?.textContent).toBe(lang === 'fr' ? 'Achats par année' : 'Purchases by year');
    const rows = [...chart.querySelectorAll('li')];
    expect(rows.map((r) => r.textContent)).toEqual(s.salesOverview.byYear.map((y) => `${y.year}${formatMoney(y.total, 'EUR', lang)}`));
    // The bars are drawing: hidden from screen readers, which read the rows' text.
    for (const track of chart.querySelectorAll('.bar-track')) expect(track.getAttribute('aria-hidden')).toBe('true');
    const neg = chart.querySelector<HTMLElement>('.bar.negative')!;
    expect(neg.dataset.year).toBe('2026');
    expect(Number(neg.dataset.left) + Number(neg.dataset.width)).toBeCloseTo(Number(chart.getAttribute('data-zero')), 3);
    const bar2025 = chart.querySelector<HTMLElement>('.bar[data-year="2025"]')!;
    expect(Number(bar2025.dataset.left)).toBeCloseTo(Number(chart.getAttribute('data-zero')), 3);
    // No count is printed on or in the chart; they are stated apart, with their years.
    expect(chart.textContent).not.toMatch(/\b(10|12)\b(?! ?[,.\d])/);
    expect(c.querySelector('[data-counts="salesOverview.byYear"]')?.textContent).toBe(
      lang === 'fr' ? 'Nombre d’achats : 10 en 2024 · 12 en 2025 · 0 en 2026' : 'Number of purchases: 10 in 2024 · 12 in 2025 · 0 in 2026',
    );
  });
});

describe('evidence stays short', () => {
  function withEvidence(lang: string, n: number, type = 'invoice'): Summary {
    const s = invoicingSummary(lang);
    const base = s.sources!['relationship.totalPurchases']!;
    base.included = Array.from({ length: n }, (_, i) => ({ type, id: 500 + i, number: `FAC-2026-${String(i).padStart(4, '0')}` }));
    s.recommendations.items = [
      {
        action: 'Revoir les conditions de paiement',
        reason: `${n} factures payées en retard.`,
        evidence: base.included.map((d) => ({ type: d.type, id: d.id })),
      },
    ];
    return s;
  }

  it.each(['fr', 'en'])('many records: how many, the first three, then "and N more" opening the full list (%s)', (lang) => {
    const c = renderCards(withEvidence(lang, 44));
    const line = c.querySelector('[data-recommendation="0"] .reco-evidence')!;
    expect(line.getAttribute('data-evidence-count')).toBe('44');
    expect(line.querySelectorAll('[data-evidence]')).toHaveLength(3);
    expect(line.querySelector('.evidence-head')?.textContent).toBe(lang === 'fr' ? 'Sur la base de 44 factures : ' : 'Based on 44 invoices: ');
    // The head said "invoices": the links give the numbers alone.
    expect(line.querySelector('[data-evidence="invoice:500"]')?.textContent).toBe('FAC-2026-0000');
    const more = line.querySelector<HTMLButtonElement>('[data-action="evidence-more"]')!;
    expect(more.textContent).toBe(lang === 'fr' ? 'et 41 de plus' : 'and 41 more');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(line.querySelector(`#${more.getAttribute('aria-controls')}`)).not.toBeNull();
    fireEvent.click(more);
    expect(line.querySelectorAll('[data-evidence]')).toHaveLength(44);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(more);
    expect(line.querySelectorAll('[data-evidence]')).toHaveLength(3);
  });

  it('three records or fewer are all named, with their kind; mixed kinds count as documents', () => {
    const c = renderCards(withEvidence('fr', 3));
    const line = c.querySelector('[data-recommendation="0"] .reco-evidence')!;
    expect(line.querySelectorAll('[data-evidence]')).toHaveLength(3);
    expect(line.querySelector('[data-action="evidence-more"]')).toBeNull();
    expect(line.textContent).toBe('Sur la base de Facture FAC-2026-0000, Facture FAC-2026-0001, Facture FAC-2026-0002');
    const mixed = withEvidence('en', 5);
    mixed.recommendations.items[0]!.evidence.push({ type: 'call', id: 301 });
    const m = renderCards(mixed).querySelector('[data-recommendation="0"] .reco-evidence')!;
    expect(m.querySelector('.evidence-head')?.textContent).toBe('Based on 6 documents: ');
    expect(m.querySelector('[data-evidence="invoice:500"]')?.textContent).toBe('Invoice FAC-2026-0000');
  });

  it.each(['fr', 'en'])('the Markdown copy and the terminal text say how many and name three (%s)', (lang) => {
    const s = withEvidence(lang, 44);
    const want =
      lang === 'fr'
        ? 'Sur la base de 44 factures : FAC-2026-0000, FAC-2026-0001, FAC-2026-0002 … et 41 de plus'
        : 'Based on 44 invoices: FAC-2026-0000, FAC-2026-0001, FAC-2026-0002 … and 41 more';
    expect(renderText(s)).toContain(want);
    expect(renderMarkdown(s).replace(/\\(.)/g, '$1')).toContain(want);
    expect(renderText(s)).not.toContain('FAC-2026-0003');
  });

  it('the rules put first the records to look at first', () => {
    const TODAY = '2026-11-29';
    // Late invoices: the longest overdue first (the one the sentence names).
    const newer = invoice({ status: 'late', date: '2026-10-01', due_date: '2026-11-01', remaining: '10.00', number: 'F-NEW' });
    const older = invoice({ status: 'late', date: '2026-06-01', due_date: '2026-07-01', remaining: '10.00', number: 'F-OLD' });
    // Late payments: the latest ones first.
    const paid = [1, 2, 3].map((m) => invoice({ date: `2026-0${m}-01`, due_date: `2026-0${m}-10`, number: `F-P${m}` }));
    const s = computeSummary(
      clientData({ invoices: [newer, older, ...paid], payments: paid.map((p, i) => payment([p.id], `2026-0${i + 1}-20T10:00:00Z`)) }),
      { today: TODAY, language: 'en', generatedAt: `${TODAY}T08:00:00.000Z` },
    );
    const late = s.recommendations.items.find((r) => r.action.startsWith('Chase'))!;
    expect(late.evidence.map((e) => e.id)).toEqual([older.id, newer.id]);
    const terms = s.recommendations.items.find((r) => r.action === 'Review the payment terms')!;
    expect(terms.evidence.map((e) => e.id)).toEqual([paid[2]!.id, paid[1]!.id, paid[0]!.id]);
  });
});

describe('one date style per language, in every rendering', () => {
  it('two forms from Intl, the month always named; French writes the first of the month "1er"', () => {
    expect(formatDate('2026-10-01', 'fr')).toBe('1er oct. 2026');
    expect(formatDate('2026-10-01', 'fr', 'long')).toBe('1er octobre 2026');
    expect(formatDate('2026-10-02', 'fr')).toBe('2 oct. 2026');
    expect(formatDate('2026-10-11', 'fr', 'long')).toBe('11 octobre 2026');
    expect(formatDate('2026-05-05', 'en')).toBe('May 5, 2026');
    expect(formatDate('2026-10-01', 'en', 'long')).toBe('October 1, 2026');
    expect(formatDate('2026-03-01', 'fr-CA', 'long')).toBe('1er mars 2026');
    expect(formatDate('not a date', 'fr')).toBe('not a date');
  });

  const FR_MONTH =
    '(?:janv\\.|févr\\.|mars|avr\\.|mai|juin|juil\\.|août|sept\\.|oct\\.|nov\\.|déc\\.|janvier|février|avril|juillet|septembre|octobre|novembre|décembre)';
  const EN_MONTH =
    '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)';
  const DATES = {
    fr: new RegExp(`\\b(?:1er|[12]?\\d|3[01]) ${FR_MONTH} \\d{4}`, 'g'),
    en: new RegExp(`\\b${EN_MONTH} (?:[12]?\\d|3[01]), \\d{4}`, 'g'),
  };
  /** Dates written with digits only ("5/5/26", "01/10/2026", "2026-10-01"): none may reach a reader. */
  const NUMERIC_DATE = /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/;

  it.each(['fr', 'en'] as const)('panel, Markdown, terminal text and prompts (%s)', (lang) => {
    const s = invoicingSummary(lang);
    const panel = renderCards(s).textContent ?? '';
    const outputs = { panel, markdown: renderMarkdown(s).replace(/\\(.)/g, '$1'), text: renderText(s), facts: factsOf(s).text };
    for (const [name, out] of Object.entries(outputs)) {
      expect(out, name).not.toMatch(NUMERIC_DATE);
      expect(out.match(DATES[lang])?.length ?? 0, name).toBeGreaterThan(3);
    }
    // The fixture's dates, as each form: lists short, headlines long; the 1st of October as French writes it.
    if (lang === 'fr') {
      expect(panel).toContain('4 mars 2019'); // first purchase: a headline
      expect(panel).toContain('F-2026-0090 · 1er sept. 2026'); // a list entry
      expect(outputs.text).toContain('Premier achat : 4 mars 2019');
      expect(outputs.text).toContain('échéance 1er oct. 2026');
    } else {
      expect(panel).toContain('March 4, 2019');
      expect(panel).toContain('F-2026-0090 · Sep 1, 2026');
      expect(outputs.text).toContain('due Oct 1, 2026');
      expect(outputs.text).toContain('First purchase: March 4, 2019');
      expect(outputs.markdown).toContain('as of November 29, 2026');
    }
  });
});

describe('a total that leaves documents out says so where it stands', () => {
  function withCHF(lang: string): Summary {
    const s = invoicingSummary(lang);
    const chf = { id: 99, number: 'F-CHF-1', date: '2026-11-01', amount: '89.40', remaining: '89.40', dueDate: '2026-12-01', currency: 'CHF' };
    s.openDocuments.invoicesToPay = { count: 2, total: '419.88', items: [...s.openDocuments.invoicesToPay!.items, chf] };
    s.sources!['openDocuments.invoicesToPay'] = {
      included: [{ type: 'invoice', id: 98, number: 'F-2026-0098', currency: 'EUR' }],
      excluded: [{ type: 'invoice', id: 99, number: 'F-CHF-1', currency: 'CHF', reason: 'currency:CHF' }],
    };
    s.sources!['salesOverview.byYear.2026'] = {
      included: [],
      excluded: [
        { type: 'invoice', id: 13, currency: 'USD', reason: 'currency:USD' },
        { type: 'invoice', id: 14, currency: 'USD', reason: 'currency:USD' },
        { type: 'credit-note', id: 15, currency: 'USD', reason: 'currency:USD' },
        { type: 'invoice', id: 16, reason: 'status:draft' },
      ],
    };
    return s;
  }

  it.each([
    ['fr', 'Devise principale (EUR) seulement, hors 1 facture en CHF.', 'Devise principale (EUR) seulement, hors 2 factures en USD, 1 avoir en USD.'],
    [
      'en',
      'Main currency (EUR) only: 1 invoice in CHF not included.',
      'Main currency (EUR) only: 2 invoices in USD, 1 credit note in USD not included.',
    ],
  ])('under the figure, counted from its sources (%s)', (lang, toPay, byYear) => {
    const c = renderCards(withCHF(lang));
    expect(c.querySelector('[data-figure="openDocuments.invoicesToPay"] .fig-note [data-note="main-currency"]')?.textContent).toBe(toPay);
    // The button is described by it, so a screen reader hears it with the total.
    const button = c.querySelector('[data-figure="openDocuments.invoicesToPay"] button')!;
    expect(c.querySelector(`#${button.getAttribute('aria-describedby')}`)?.textContent).toBe(toPay);
    expect(c.querySelector('[data-note-for="salesOverview.byYear"]')?.textContent).toBe(byYear);
    // Totals that leave nothing out say nothing.
    expect(c.querySelector('[data-figure="openDocuments.invoicesLate"] [data-note]')).toBeNull();
    expect(c.querySelector('[data-figure="openDocuments.opportunities"] [data-note]')).toBeNull();
    const text = renderText(withCHF(lang));
    expect(text).toContain(toPay);
    expect(text).toContain(byYear);
  });
});

describe('the status line for screen readers', () => {
  it('is there from the start and follows the load: progress, figures, the result', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
    });
    const live = () => t.view.container.querySelector('[data-live="status"]');
    expect(live()?.getAttribute('role')).toBe('status');
    expect(live()?.getAttribute('aria-live')).toBe('polite');
    const seen = [live()?.textContent];
    act(() => t.emit({ type: 'progress', progress: { phase: 'documents', done: 2, total: 9 } } as never));
    seen.push(live()?.textContent);
    act(() => t.emit({ type: 'progress', progress: { phase: 'done', done: 9, total: 9 } } as never));
    seen.push(live()?.textContent);
    const summary = invoicingSummary('fr');
    act(() => t.emit({ type: 'summary', summary, phase: 'figures', savedAt: null, stale: false, requests: 3 } as never));
    seen.push(live()?.textContent);
    act(() => t.emit({ type: 'summary', summary, phase: 'texts', savedAt: null, stale: false, requests: 3 } as never));
    seen.push(live()?.textContent);
    expect(seen).toEqual([
      'Chargement du résumé : fiche client…',
      'Chargement du résumé : documents…',
      'Calcul des chiffres…',
      'Chiffres affichés ; textes en cours de rédaction.',
      'Résumé prêt.',
    ]);
  });

  it('says why there is no summary for a prospect', () => {
    const t = setup({ browserLanguage: 'en-US' });
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
    });
    act(() => t.emit({ type: 'not-client', thirdType: 'prospect', name: 'X', language: 'en' } as never));
    expect(t.view.container.querySelector('[data-live="status"]')?.textContent).toBe(
      'The summary exists only for clients: this record is a prospect.',
    );
  });
});

describe('labels never break inside a word', () => {
  const css = readFileSync(join(import.meta.dirname, '../../../components/panel/panel.css'), 'utf8');
  const rules = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selector: m[1]!.trim(), body: m[2]! }));
  it('no rule on a label breaks words anywhere or hyphenates', () => {
    const labels = /\.fig-label|\.fig-value|h3|h4|\.doc-name|\.ref\b|\.btn|\.link-btn|\.bar-amount|\.evidence-head|\.reco-evidence|\.fig-note|\.note/;
    const labelRules = rules.filter((r) => labels.test(r.selector));
    expect(labelRules.length).toBeGreaterThan(5);
    for (const r of labelRules)
      expect(r.body, r.selector).not.toMatch(/word-break:\s*break-all|overflow-wrap:\s*anywhere|word-wrap:\s*anywhere|hyphens:\s*auto/);
    // And none anywhere else makes every element of the panel do it.
    for (const r of rules.filter((x) => /\.panel \*/.test(x.selector))) expect(r.body).not.toMatch(/break-all|anywhere|hyphens:\s*auto/);
  });

  it('a figure that has no value in sales mode puts its reason under the label, not beside it', () => {
    const c = renderCards(salesSummary('fr'));
    const el = c.querySelector('[data-figure="salesOverview.latePayments"]')!;
    expect(el.querySelector('.fig-row')?.textContent).toBe('Factures payées en retard');
    expect(el.querySelector('.fig-note')?.textContent).toBe('disponible avec une licence Facturation');
  });
});
