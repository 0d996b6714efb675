// @vitest-environment happy-dom
// The panel's team features: share (preview of the exact text, Confirm / Cancel, the outcome), what a colleague
// shared (used or outdated, and why), and "since your last look" with links, in the Markdown copy too.
import { act, cleanup, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelEvent } from '@/lib/messages';
import type { SummaryChanges } from '@/lib/summary/changes';
import type { SharedView } from '@/lib/summary/shared-summary';
import { invoicingSummary } from './fixture';
import { PAGE, setup } from './harness';

afterEach(cleanup);

const summary = invoicingSummary('fr');
const ready = (phase: 'texts' | 'figures' = 'texts'): PanelEvent => ({
  type: 'summary',
  summary,
  phase,
  savedAt: new Date().toISOString(),
  stale: false,
  requests: 3,
});

function opened(opts: Parameters<typeof setup>[0] = {}) {
  const t = setup(opts);
  act(() => {
    t.model.setPage(PAGE);
    t.model.show();
    t.emit(ready());
  });
  const q = (sel: string) => t.view.container.querySelector<HTMLElement>(sel);
  return { ...t, q };
}

const VIEW: SharedView = {
  commentId: 70123,
  author: 'Camille Martin',
  sharedAt: '2026-11-28T10:00:00+01:00',
  computedAt: '2026-11-28T08:55:00.000Z',
  sameData: true,
  changed: [],
  texts: 'reused',
  outdatedBecause: null,
  outdatedTexts: null,
};

describe('share with the team', () => {
  it('shows exactly what will be posted, and posts only on Confirm', () => {
    const t = opened();
    fireEvent.click(t.q('[data-action="share"]')!);
    expect(t.sent.at(-1)).toEqual({ type: 'share-preview', page: PAGE, generatedAt: summary.generatedAt });
    const text = '<p><strong>Résumé client — Boulangerie &lt;b&gt;</strong></p>\n<p>resume-client-sellsy/v1 {&quot;v&quot;:1}</p>';
    act(() => t.emit({ type: 'share', state: 'preview', previewId: 'p1234567', text }));
    // The comment's exact source, as text: nothing of it is rendered as markup.
    expect(t.q('[data-share-text]')!.textContent).toBe(text);
    expect(t.q('[data-share-text] strong')).toBeNull();
    expect(t.sent.filter((r) => r.type === 'share')).toEqual([]);
    fireEvent.click(t.q('[data-action="share-confirm"]')!);
    expect(t.sent.at(-1)).toEqual({ type: 'share', page: PAGE, previewId: 'p1234567' });
    expect(t.q('[data-share="preview"]')).toBeNull();
    act(() => {
      t.emit({ type: 'share', state: 'posted' });
      t.emit({ type: 'shared', shared: VIEW });
    });
    expect(t.q('[data-share="posted"]')!.textContent).toBe('Résumé partagé sur la fiche Sellsy du client.');
    expect(t.q('[data-shared]')!.textContent).toContain('Partagé par Camille Martin le');
  });

  it('Cancel posts nothing', () => {
    const t = opened();
    fireEvent.click(t.q('[data-action="share"]')!);
    act(() => t.emit({ type: 'share', state: 'preview', previewId: 'p1234567', text: '<p>x</p>' }));
    fireEvent.click(t.q('[data-action="share-cancel"]')!);
    expect(t.q('[data-share="preview"]')).toBeNull();
    expect(t.sent.filter((r) => r.type === 'share')).toEqual([]);
  });

  it('a token without the right to write comments: one clear sentence', () => {
    const t = opened();
    fireEvent.click(t.q('[data-action="share"]')!);
    act(() => t.emit({ type: 'share', state: 'failed', reason: 'forbidden', detail: 'POST /comments answered HTTP 403' }));
    const alert = t.q('[data-share="failed"]')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toMatch(/ne permet pas d’écrire des commentaires.*comments\.write.*rien n’a été publié/);
  });

  it('cannot share a summary whose texts are still being written', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(ready('figures'));
    });
    expect(t.view.container.querySelector<HTMLButtonElement>('[data-action="share"]')!.disabled).toBe(true);
  });

  it('closing the panel while posting says it cannot tell whether it landed', () => {
    const t = opened();
    fireEvent.click(t.q('[data-action="share"]')!);
    act(() => t.emit({ type: 'share', state: 'preview', previewId: 'p1234567', text: '<p>x</p>' }));
    fireEvent.click(t.q('[data-action="share-confirm"]')!);
    act(() => t.ports.at(-1)!.drop());
    expect(t.model.team.share.value).toEqual({ state: 'failed', reason: 'unknown', detail: '' });
  });
});

describe('what a colleague shared', () => {
  it('reused texts say so', () => {
    const t = opened();
    act(() => t.emit({ type: 'shared', shared: VIEW }));
    const el = t.q('[data-shared]')!;
    expect(el.dataset.sharedTexts).toBe('reused');
    expect(el.textContent).toContain('Partagé par Camille Martin le 28 nov. 2026');
    expect(el.textContent).toContain('sans appel au modèle de langue');
  });

  it('outdated texts say what changed, and show as plain text on demand', () => {
    const t = opened();
    const hostile = 'Le client <img src=x onerror=alert(1)> doit 987 654,32 €';
    act(() =>
      t.emit({
        type: 'shared',
        shared: {
          ...VIEW,
          author: null,
          sameData: false,
          changed: ['invoices', 'payments'],
          texts: 'outdated',
          outdatedBecause: 'data',
          outdatedTexts: { interactions: hostile, recommendations: [{ action: 'Relancer', reason: 'En retard', evidence: [] }] },
        },
      }),
    );
    const el = t.q('[data-shared]')!;
    expect(el.textContent).toContain('Partagé par un collaborateur');
    expect(el.textContent).toContain('Ses textes sont dépassés : factures, paiements ont changé depuis.');
    expect(el.querySelector('.outdated-text')!.textContent).toBe(hostile);
    expect(el.querySelector('img')).toBeNull();
    // The cards keep their own texts.
    expect(t.q('[data-text="interactions.summary"]')!.textContent).toBe(summary.interactions.summary);
  });

  it('no shared summary: nothing shown; a new page forgets the old one', () => {
    const t = opened();
    act(() => t.emit({ type: 'shared', shared: null }));
    expect(t.q('[data-shared]')).toBeNull();
    act(() => t.emit({ type: 'shared', shared: VIEW }));
    act(() => t.model.setPage({ ...PAGE, id: 1002 }));
    expect(t.model.team.shared.value).toBeNull();
  });
});

const CHANGES: SummaryChanges = {
  since: '2026-11-20T09:00:00.000Z',
  currency: 'EUR',
  changes: [
    { kind: 'invoice-new', ref: { type: 'invoice', id: 5, number: 'FAC-5' }, date: '2026-11-28', amount: '250.00', currency: 'EUR', links: [] },
    {
      kind: 'payment-received',
      ref: { type: 'payment', id: 42, number: 'REG-42' },
      date: '2026-11-27',
      amount: '600.00',
      currency: 'EUR',
      links: [{ type: 'invoice', id: 2, number: 'FAC-2' }],
    },
    {
      kind: 'opportunity-moved',
      ref: { type: 'opportunity', id: 51, number: 'Terrasse' },
      date: null,
      amount: '5000.00',
      currency: 'EUR',
      links: [],
      field: 'status',
      from: 'open',
      to: 'won',
    },
  ],
  totals: [
    { key: 'totalPurchases', before: '1950.00', after: '2200.00', delta: '250.00', refs: [{ type: 'invoice', id: 5, number: 'FAC-5' }], refCount: 1 },
  ],
};

describe('since your last look', () => {
  it('lists the changes by kind, each linked to its records, and the totals', () => {
    const t = opened();
    act(() => t.emit({ type: 'changes', changes: CHANGES }));
    const card = t.q('[data-card="since-last-look"]')!;
    expect(card.querySelector('h3')!.textContent).toBe('Depuis votre dernière consultation (le 20 nov. 2026)');
    expect([...card.querySelectorAll('[data-kind]')].map((g) => g.getAttribute('data-kind'))).toEqual([
      'invoice-new',
      'payment-received',
      'opportunity-moved',
      'totals',
    ]);
    expect(card.querySelector('[data-kind="invoice-new"] a')!.getAttribute('href')).toBe('http://127.0.0.1:8787/invoice/5');
    const payment = card.querySelector('[data-change="payment-received"]')!;
    expect(payment.querySelector('a[data-doc="invoice:2"]')).not.toBeNull();
    expect(card.querySelector('[data-change="opportunity-moved"]')!.textContent).toContain('ouverte → gagnée');
    const total = card.querySelector('[data-total="totalPurchases"]')!;
    expect(total.textContent).toMatch(/1\u202f950,00\u00a0€ → 2\u202f200,00\u00a0€ \(\+250,00\u00a0€\)/);
  });

  it('nothing to list: one short sentence', () => {
    const t = opened();
    act(() => t.emit({ type: 'changes', changes: { ...CHANGES, changes: [], totals: [] } }));
    expect(t.q('[data-message="nothing-new"]')!.textContent).toBe('Rien de nouveau depuis votre dernière consultation, le 20 nov. 2026.');
  });

  it('the Markdown copy ends with it', async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (x: string) => void copied.push(x) } });
    const t = opened({ toMarkdown: (() => '## Résumé\n') as never });
    act(() => t.emit({ type: 'changes', changes: CHANGES }));
    fireEvent.click(t.q('[data-action="copy"]')!);
    await waitFor(() => expect(copied).toHaveLength(1));
    expect(copied[0]).toContain('## Résumé\n\n### Depuis votre dernière consultation');
    expect(copied[0]).toContain('- **Nouvelles factures** (1)');
    expect(copied[0]).toContain('  - Facture FAC\\-5 : 28 nov\\. 2026');
    expect(copied[0]).toContain('  - Total des achats : ');
  });
});
