// @vitest-environment happy-dom
// The panel while a summary comes in phases: every figure but the top products first, the top products filling
// in with "n of N documents read", visibly partial (Copy disabled, with why), then the complete summary.
import { act, cleanup, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { SummaryPhase } from '@/lib/messages';
import type { Summary } from '@/lib/summary/types';
import { invoicingSummary } from './fixture';
import { PAGE, setup } from './harness';

afterEach(cleanup);

const complete = invoicingSummary('fr');
function partialOf(read: number, total: number, products = read > 0): Summary {
  const s = invoicingSummary('fr');
  return {
    ...s,
    salesOverview: {
      ...s.salesOverview,
      topProductsByQuantity: products ? s.salesOverview.topProductsByQuantity.slice(0, 2) : [],
      topProductsByRevenue: products ? s.salesOverview.topProductsByRevenue.slice(0, 2) : [],
    },
    partial: { detailsRead: read, detailsTotal: total },
  };
}
const event = (summary: Summary, phase: SummaryPhase) => ({
  type: 'summary' as const,
  summary,
  phase,
  savedAt: '2026-11-29T09:00:00.000Z',
  stale: false,
  requests: 21,
});

describe('a summary shown in phases', () => {
  it('lists, then details, then the complete figures: partial until then, never presented as final', async () => {
    const t = setup({ toMarkdown: (() => '## md') as never });
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
    });
    act(() => t.emit({ type: 'progress', progress: { phase: 'documents', done: 3, total: 9 } }));
    t.advance(4000);
    act(() => t.emit(event(partialOf(0, 249), 'lists')));
    const root = () => t.root()!;
    expect(root().dataset.state).toBe('partial');
    expect(root().dataset.phase).toBe('lists');
    // Every card is there; the top products say they are being read.
    expect(t.view.container.querySelectorAll('section.card')).toHaveLength(5);
    expect(t.figure('relationship.totalPurchases')).not.toBeNull();
    const read = t.view.container.querySelector('[data-details-read]')!;
    expect(read.getAttribute('data-details-read')).toBe('0/249');
    expect(read.textContent).toContain('0 document lu sur 249');
    expect(read.textContent).toContain('Listes provisoires');
    expect(t.view.container.querySelector('[data-empty="salesOverview.topProductsByQuantity"]')?.textContent).toBe('Lecture des documents…');
    // Copy is shown disabled, with the reason; Refresh waits for the load.
    const copy = t.view.container.querySelector<HTMLButtonElement>('[data-action="copy"]')!;
    expect(copy.disabled).toBe(true);
    expect(copy.dataset.copyBlocked).toBe('partial');
    expect(copy.title).toBe('La copie sera possible une fois tous les documents lus.');
    expect(t.view.container.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.disabled).toBe(true);
    await waitFor(() => expect(root().dataset.firstPaintedAt).toBe('4000.0'));
    expect(root().hasAttribute('data-figures-painted-at')).toBe(false);
    expect(root().hasAttribute('data-painted-at')).toBe(false);

    // The details' progress goes to the card, not to the bar over the panel.
    act(() => t.emit({ type: 'progress', progress: { phase: 'details', done: 60, total: 249 } }));
    expect(t.view.container.querySelector('.progress')).toBeNull();
    t.advance(10_000);
    act(() => t.emit(event(partialOf(120, 249), 'details')));
    expect(root().dataset.state).toBe('partial');
    expect(t.view.container.querySelector('[data-details-read]')?.textContent).toContain('120 documents lus sur 249');
    const list = t.view.container.querySelector('[data-products="salesOverview.topProductsByQuantity"]')!;
    expect(list.getAttribute('data-partial')).toBe('true');
    expect(list.querySelectorAll('li').length).toBeGreaterThan(0);

    t.advance(40_000);
    act(() => t.emit(event(complete, 'figures')));
    expect(root().dataset.state).toBe('figures');
    expect(t.view.container.querySelector('[data-details-read]')).toBeNull();
    expect(t.view.container.querySelector('[data-products="salesOverview.topProductsByQuantity"]')?.hasAttribute('data-partial')).toBe(false);
    const enabled = t.view.container.querySelector<HTMLButtonElement>('[data-action="copy"]')!;
    expect(enabled.disabled).toBe(false);
    expect(enabled.hasAttribute('data-copy-blocked')).toBe(false);
    await waitFor(() => expect(root().dataset.figuresPaintedAt).toBe('54000.0'));
    expect(root().dataset.firstPaintedAt).toBe('4000.0');
    act(() => t.emit(event(complete, 'texts')));
    expect(root().dataset.state).toBe('ready');
  });

  it('a load that fails halfway keeps the partial summary, marked so, and Refresh works again', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(event(partialOf(40, 249), 'details'));
      t.emit({ type: 'error', scope: 'load', message: 'Sellsy’s quota is spent', keptCached: true });
    });
    expect(t.root()?.dataset.state).toBe('partial');
    expect(t.view.container.querySelector('[data-error="load"]')).not.toBeNull();
    expect(t.view.container.querySelector<HTMLButtonElement>('[data-action="refresh"]')!.disabled).toBe(false);
  });

  it('a cached partial summary is shown partial, and the load that completes it goes on', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(event(partialOf(40, 249), 'cached'));
    });
    expect(t.root()?.dataset.state).toBe('partial');
    expect(t.root()?.dataset.phase).toBe('cached');
    act(() => t.emit(event(partialOf(40, 249), 'lists')));
    act(() => t.emit(event(complete, 'figures')));
    act(() => t.emit(event(complete, 'texts')));
    expect(t.root()?.dataset.state).toBe('ready');
  });

  it('phase 1 prepared while the panel was closed is kept and painted on the click, which goes on from it', async () => {
    const t = setup();
    act(() => t.model.setPage(PAGE));
    expect(t.sent).toEqual([{ type: 'prepare', page: PAGE, language: 'fr-FR' }]);
    // The preparation's progress shows nothing on a closed panel.
    act(() => t.emit({ type: 'progress', progress: { phase: 'documents', done: 3, total: 9 } }));
    act(() => t.emit(event(partialOf(0, 249), 'lists')));
    expect(t.root()).toBeNull();
    expect(t.ports[0]!.closed).toBe(true);
    act(() => t.model.show());
    expect(t.root()?.dataset.state).toBe('partial');
    await waitFor(() => expect(t.root()?.dataset.firstPaintedAt).toBe('0.0'));
    expect(t.sent.map((r) => r.type)).toEqual(['prepare', 'open']);
  });

  it('a partial summary of another run reaching a closed panel that is not being prepared is dropped', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
    });
    act(() => t.model.hide());
    act(() => t.model.show());
    act(() => t.model.hide());
    // The closed panel's port is gone: nothing it gets is kept.
    act(() => t.emit(event(partialOf(0, 249), 'lists')));
    act(() => t.model.show());
    expect(t.root()?.dataset.state).toBe('loading');
  });
});
