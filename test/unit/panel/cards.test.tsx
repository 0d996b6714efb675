// @vitest-environment happy-dom

import { signal } from '@preact/signals';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvContext, makeEnv } from '@/components/panel/env';
import { InteractionsCard } from '@/components/panel/InteractionsCard';
import { OpenDocumentsCard } from '@/components/panel/OpenDocumentsCard';
import { RecommendationsCard } from '@/components/panel/RecommendationsCard';
import { RelationshipCard } from '@/components/panel/RelationshipCard';
import { SalesOverviewCard } from '@/components/panel/SalesOverviewCard';
import { AcceptEventContext } from '@/components/panel/user-events';
import { formatDate, formatMoney } from '@/lib/format/intl';
import { renderText } from '@/lib/format/text';
import type { Summary } from '@/lib/summary/types';
import { reasonLabel } from '@/lib/words/reasons';
import { emptySummary, invoicingSummary, salesSummary } from './fixture';

afterEach(cleanup);

const links = (type: string, id: number) => `https://www.sellsy.com/${type}/${id}`;
const texts = { pending: false, draft: signal(''), error: null, onRetry: () => {} };

function renderCards(summary: Summary) {
  // happy-dom has no isTrusted: the test's clicks stand for the user's.
  return render(
    <AcceptEventContext.Provider value={() => true}>
      <EnvContext.Provider value={makeEnv(summary, links)}>
        <RelationshipCard />
        <OpenDocumentsCard />
        <SalesOverviewCard />
        <InteractionsCard texts={texts} />
        <RecommendationsCard texts={texts} />
      </EnvContext.Provider>
    </AcceptEventContext.Provider>,
  );
}
const fig = (c: Element, path: string) => {
  const el = c.querySelector<HTMLElement>(`[data-figure="${path}"]`);
  if (!el) throw new Error(`no figure ${path}`);
  return el;
};

describe.each([
  [
    'fr',
    ['Relation client', 'Documents en cours', 'Aperçu des ventes', 'Dernières interactions', 'Recommandations'],
    'Premier achat',
    'Factures en retard',
  ],
  ['en', ['Client relationship', 'Open documents', 'Sales overview', 'Latest interactions', 'Recommendations'], 'First purchase', 'Late invoices'],
] as const)('the five cards in %s', (lang, titles, firstLabel, lateLabel) => {
  it('titles each card in the summary language', () => {
    const { container } = renderCards(invoicingSummary(lang));
    expect([...container.querySelectorAll('section.card h3')].map((h) => h.textContent)).toEqual(titles);
  });

  it('card 1: first and last purchase, total, with raw values and Intl formatting', () => {
    const { container } = renderCards(invoicingSummary(lang));
    const first = fig(container, 'relationship.firstPurchase');
    expect(first.dataset.value).toBe('2019-03-04');
    expect(first.dataset.amount).toBe('1200.00');
    expect(first.textContent).toContain(firstLabel);
    // A headline date: the long form.
    expect(first.textContent).toContain(formatDate('2019-03-04', lang, 'long'));
    const total = fig(container, 'relationship.totalPurchases');
    expect(total.dataset.value).toBe('45210.35');
    expect(total.textContent).toContain(formatMoney('45210.35', 'EUR', lang));
    // What the total leaves out is said under it, counted from its sources (one USD invoice excluded).
    expect(total.querySelector('[data-note="main-currency"]')?.textContent).toBe(
      lang === 'fr' ? 'Devise principale (EUR) seulement, hors 1 facture en USD.' : 'Main currency (EUR) only: 1 invoice in USD not included.',
    );
    expect(container.querySelector('[data-note="other-currency"]')).toBeNull();
  });

  it('card 2: open lists with counts, totals, days late and links', () => {
    const { container } = renderCards(invoicingSummary(lang));
    const late = fig(container, 'openDocuments.invoicesLate');
    expect(late.dataset.value).toBe('1500.00');
    expect(late.dataset.count).toBe('1');
    expect(late.textContent).toContain(lateLabel);
    const item = container.querySelector('[data-doc="invoice:90"]')!;
    expect(item.textContent).toContain(lang === 'fr' ? '59 j de retard' : '59 days late');
    expect(item.querySelector('a')?.getAttribute('href')).toBe('https://www.sellsy.com/invoice/90');
    expect(fig(container, 'openDocuments.estimatesSent').dataset.count).toBe('0');
    const opp = container.querySelector('[data-doc="opportunity:7"]')!;
    expect(opp.textContent).toContain('Ventes › Proposition');
    expect(fig(container, 'openDocuments.opportunities').dataset.value).toBe('5000.00');
  });

  it('card 3: yearly totals as bars and figures, averages, top products, payments', () => {
    const { container } = renderCards(invoicingSummary(lang));
    expect(container.querySelectorAll('[data-chart="byYear"] .bar')).toHaveLength(3);
    const y2025 = fig(container, 'salesOverview.byYear.2025');
    expect([y2025.dataset.value, y2025.dataset.count]).toEqual(['15000.50', '12']);
    // One measure per row: the year and its amount; the count is on a line of its own.
    expect(y2025.textContent).toBe(`2025${formatMoney('15000.50', 'EUR', lang)}`);
    expect(container.querySelector('[data-counts="salesOverview.byYear"]')?.textContent).toBe(
      lang === 'fr' ? 'Nombre d’achats : 10 en 2024 · 12 en 2025 · 8 en 2026' : 'Number of purchases: 10 in 2024 · 12 in 2025 · 8 in 2026',
    );
    expect(fig(container, 'salesOverview.averagePerYear').dataset.value).toBe('10');
    expect(fig(container, 'salesOverview.averageBasket').dataset.value).toBe('1200.03');
    const q = fig(container, 'salesOverview.topProductsByQuantity.0');
    expect([q.dataset.name, q.dataset.value]).toEqual(['Farine T65', '120.5']);
    const r = fig(container, 'salesOverview.topProductsByRevenue.0');
    expect([r.dataset.name, r.dataset.value]).toEqual(['Four à sole', '8000.00']);
    expect(fig(container, 'salesOverview.averagePaymentDelayDays').textContent).toContain(lang === 'fr' ? '23,5 j' : '23.5 days');
    expect(fig(container, 'salesOverview.latePayments').dataset.value).toBe('3');
    // One name for this figure in the panel, the Markdown copy and the prompts (the panel said "Paiements en retard").
    expect(fig(container, 'salesOverview.latePayments').querySelector('.fig-label')?.textContent).toBe(
      lang === 'fr' ? 'Factures payées en retard' : 'Invoices paid late',
    );
  });

  it('card 4: counts, summary text and collapsed items', () => {
    const { container } = renderCards(invoicingSummary(lang));
    expect(fig(container, 'interactions.counts.comments').dataset.value).toBe('2');
    expect(fig(container, 'interactions.counts.events').dataset.value).toBe('0');
    expect(container.querySelector('[data-text="interactions.summary"]')?.textContent).toContain('second four');
    const details = container.querySelector('details.interaction-items') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelectorAll('li')).toHaveLength(2);
  });

  it('card 5: actions with reasons and evidence links', () => {
    const { container } = renderCards(invoicingSummary(lang));
    const items = container.querySelectorAll('[data-recommendation]');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('Relancer la facture F-2026-0090');
    const evidence = items[0]!.querySelector('a[data-evidence="invoice:90"]');
    expect(evidence?.getAttribute('href')).toBe('https://www.sellsy.com/invoice/90');
    // Evidence carries only type and id: the number comes from the document lists of the same summary.
    expect(evidence?.textContent).toBe(lang === 'fr' ? 'Facture F-2026-0090' : 'Invoice F-2026-0090');
    expect(items[1]!.querySelector('[data-evidence="call:301"]')?.textContent).toBe(lang === 'fr' ? 'Appel #301' : 'Call #301');
  });
});

describe('long lists', () => {
  it('show five entries, then a button for the rest', () => {
    const s = invoicingSummary('en');
    const base = s.openDocuments.invoicesLate!.items[0]!;
    s.openDocuments.invoicesLate = { count: 8, total: '12000.00', items: Array.from({ length: 8 }, (_, i) => ({ ...base, id: 200 + i })) };
    const { container } = renderCards(s);
    const late = () => container.querySelectorAll('[data-doc^="invoice:2"]');
    expect(late()).toHaveLength(5);
    const more = [...container.querySelectorAll('button.link-btn')].find((b) => b.textContent === 'Show 3 more')!;
    fireEvent.click(more);
    expect(late()).toHaveLength(8);
    expect(more.textContent).toBe('Show less');
  });
});

describe('sales mode', () => {
  it.each(['fr', 'en'])('says why the invoice-only figures are missing (%s)', (lang) => {
    const { container } = renderCards(salesSummary(lang));
    const why = lang === 'fr' ? 'disponible avec une licence Facturation' : 'available with an invoicing licence';
    for (const path of [
      'openDocuments.invoicesToPay',
      'openDocuments.invoicesLate',
      'salesOverview.averagePaymentDelayDays',
      'salesOverview.latePayments',
    ]) {
      const el = fig(container, path);
      expect(el.dataset.value).toBe('null');
      expect(el.textContent).toContain(why);
      expect(el.querySelector('button')).toBeNull();
      // The explanation sits under the figure, not in its value column beside the label.
      expect(el.querySelector('.fig-note [data-why="invoicing-only"]')?.textContent).toBe(why);
      expect(el.querySelector('.fig-value')).toBeNull();
    }
  });
});

describe('a client with no documents', () => {
  it('says there is no purchase and shows empty lists, not errors', () => {
    const { container } = renderCards(emptySummary('en'));
    expect(container.querySelector('[data-empty="relationship"]')?.textContent).toBe('No purchase yet.');
    expect(container.querySelector('[data-figure="relationship.totalPurchases"]')).toBeNull();
    expect(fig(container, 'openDocuments.invoicesLate').dataset.count).toBe('0');
    expect(fig(container, 'salesOverview.averageBasket').textContent).toContain('none');
    expect(container.textContent).toContain('No interaction in the last six months.');
    expect(container.querySelector('[data-counts="salesOverview.byYear"]')?.textContent).toBe(
      'Number of purchases: 0 in 2024 · 0 in 2025 · 0 in 2026',
    );
    // No bar for a zero year, and no figure shows "NaN" for an empty scale.
    expect(container.querySelectorAll('[data-chart="byYear"] .bar')).toHaveLength(0);
    expect(container.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('French keeps zero singular', () => {
    const { container } = renderCards(emptySummary('fr'));
    expect(container.querySelector('[data-counts="salesOverview.byYear"]')?.textContent).toBe('Nombre d’achats : 0 en 2024 · 0 en 2025 · 0 en 2026');
    expect(renderText(emptySummary('fr'))).toMatch(/2025 : 0,00 HT — 0 achat$/m);
  });
});

describe('the documents behind a figure', () => {
  it('opens on click, lists counted documents with links and left-out ones with reasons in words', () => {
    const { container } = renderCards(invoicingSummary('fr'));
    const total = fig(container, 'relationship.totalPurchases');
    const button = total.querySelector('button')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(total.querySelector('.sources')).toBeNull();
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const sources = total.querySelector('[data-sources-for="relationship.totalPurchases"]')!;
    expect(sources.textContent).toContain('2 documents retenus');
    expect(sources.querySelector('[data-doc="invoice:11"] a')?.getAttribute('href')).toBe('https://www.sellsy.com/invoice/11');
    expect(sources.querySelector('[data-doc="credit-note:4"]')?.textContent).toContain('Avoir A-0004');
    expect(sources.textContent).toContain('2 documents écartés');
    expect(sources.querySelector('[data-reason="status:draft"]')?.textContent).toContain('statut « draft » non compté');
    expect(sources.querySelector('[data-reason="currency:USD"]')?.textContent).toContain('autre devise (USD)');
    fireEvent.click(button);
    expect(total.querySelector('.sources')).toBeNull();
  });

  it('falls back to the parent path and says so when a figure has no list', () => {
    const s = invoicingSummary('en');
    s.sources = { 'salesOverview.topProductsByQuantity': { included: [{ type: 'invoice', id: 60 }], excluded: [] } };
    const { container } = renderCards(s);
    const product = fig(container, 'salesOverview.topProductsByQuantity.0');
    fireEvent.click(product.querySelector('button')!);
    expect(product.querySelector('[data-doc="invoice:60"]')).not.toBeNull();
    const basket = fig(container, 'salesOverview.averageBasket');
    fireEvent.click(basket.querySelector('button')!);
    expect(basket.textContent).toContain('No document list for this figure.');
  });

  it('turns unknown reason codes into a readable phrase that keeps the code', () => {
    expect(reasonLabel('outside-window', 'en')).toBe('outside the period');
    expect(reasonLabel('no-payment', 'fr')).toBe('payée, mais aucun paiement trouvé');
    expect(reasonLabel('weird:thing', 'en')).toBe('left out (weird:thing)');
    expect(reasonLabel('', 'en')).toBe('left out ()');
    expect(reasonLabel('no-rows', 'en')).toBe('document rows unreadable');
  });
});

describe('hostile CRM text', () => {
  it('renders names, notes and recommendations as text, never as markup', () => {
    const s = invoicingSummary('en');
    const img = '<img src=x onerror="window.__xss=1">';
    const script = '<script>window.__xss=1</script>';
    s.client.name = img;
    s.interactions.items[0]!.text = script;
    s.interactions.summary = `Said ${img}`;
    s.recommendations.items[0]!.action = script;
    s.salesOverview.topProductsByQuantity[0]!.name = img;
    s.openDocuments.opportunities.items[0]!.name = `<a href="javascript:alert(1)">x</a>`;
    const { container } = renderCards(s);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
    expect(container.textContent).toContain(script);
    expect(container.textContent).toContain(img);
    expect((globalThis as { __xss?: unknown }).__xss).toBeUndefined();
  });
});

describe('warmUpFormatters', () => {
  it('accepts any language tag without throwing, and formatting still works after it', async () => {
    const { warmUpFormatters } = await import('@/components/panel/warm-up');
    expect(() => warmUpFormatters(['fr-FR', 'en', 'fr-FR', '', 'not a tag!'])).not.toThrow();
    expect(formatMoney('1234.50', 'EUR', 'en')).toBe('€1,234.50');
  });
});
