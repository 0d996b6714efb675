// @vitest-environment happy-dom
// Names from the CRM go through one cleaning step (lib/format/crm-name.ts) wherever they are shown: the panel,
// the Markdown copy, the terminal text, the prompts' facts and the rules' sentences. Tags are removed as text,
// bidi controls and invisible characters dropped, a product's reference shown once; the JSON keeps the values as
// they came, with the reordering characters escaped.
import { signal } from '@preact/signals';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
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
import { crmName, docNumberText, pipelineStep, productLabel } from '@/lib/format/crm-name';
import { toSafeJson } from '@/lib/format/json';
import { renderMarkdown } from '@/lib/format/markdown';
import { renderText } from '@/lib/format/text';
import type { Summary } from '@/lib/summary/types';
import { clientData, invoice, opportunity, row } from '../cards/fixture';
import { invoicingSummary } from './fixture';
import { setup } from './harness';

afterEach(cleanup);

const RLO = '\u202e';
const PDF = '\u202c';
/** Every character that can reorder or hide text on screen. */
const REORDERING = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff\u00ad]|\udb40[\udc00-\udc7f]/;
const texts = { pending: false, draft: signal(''), error: null, onRetry: () => {} };

function panelText(summary: Summary): { text: string; root: Element } {
  const { container } = render(
    <AcceptEventContext.Provider value={() => true}>
      <EnvContext.Provider value={makeEnv(summary, (type, id) => `https://www.sellsy.com/${type}/${id}`)}>
        <RelationshipCard />
        <OpenDocumentsCard />
        <SalesOverviewCard />
        <InteractionsCard texts={texts} />
        <RecommendationsCard texts={texts} />
      </EnvContext.Provider>
    </AcceptEventContext.Provider>,
  );
  return { text: container.textContent ?? '', root: container };
}

describe('crmName: one cleaning step for every name', () => {
  it('drops a right-to-left override: "gnp.exe" stays "gnp.exe" and cannot reorder what follows', () => {
    // On screen, "Rapport \u202Egnp.exe" reads "Rapport exe.png"; cleaned, it reads as it was typed.
    expect(crmName(`Rapport ${RLO}gnp.exe`)).toBe('Rapport gnp.exe');
    expect(crmName(`Rapport ${RLO}gnp.exe${PDF} (client)`)).toBe('Rapport gnp.exe (client)');
    for (const c of ['\u202a', '\u202b', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'])
      expect(crmName(`a${c}b`), `U+${c.charCodeAt(0).toString(16)}`).toBe('ab');
  });

  it('removes tags as text and decodes entities: "<i>Pipeline</i> › <b>Étape</b>" → "Pipeline › Étape"', () => {
    expect(crmName('<i>Pipeline</i> › <b>Étape</b>')).toBe('Pipeline › Étape');
    expect(pipelineStep('<i>Pipeline</i>', '<b>Étape</b>', ' › ')).toBe('Pipeline › Étape');
    expect(pipelineStep(null, '<b>Étape</b>', ' › ')).toBe('Étape');
    expect(crmName('Ombre &amp; Lumière <script>alert(1)</script>')).toBe('Ombre & Lumière');
    expect(crmName('R&D Lyon')).toBe('R&D Lyon');
    // An override written as an entity goes too: it is decoded first, then dropped.
    expect(crmName('x&#x202E;y')).toBe('xy');
  });

  it('drops invisible characters and keeps a name on one line', () => {
    expect(crmName('Zé\u200bro\ufeff \u00adsoft\u2060 tag\u{E0041}\u{E0042}')).toBe('Zéro soft tag');
    expect(crmName('  Ligne 1\n\tLigne 2\r\n ')).toBe('Ligne 1 Ligne 2');
    expect(crmName(null)).toBe('');
    expect(crmName('<b></b>')).toBe('');
  });

  it('a document number falls back to its id when nothing readable is left', () => {
    expect(docNumberText({ id: 7, number: `FAC-${RLO}0001` })).toBe('FAC-0001');
    expect(docNumberText({ id: 7, number: null })).toBe('#7');
    expect(docNumberText({ id: 7, number: '<i></i>' })).toBe('#7');
  });

  it('shows a product reference once', () => {
    expect(productLabel({ name: '', reference: 'ACC-NONAME' })).toEqual({ name: 'ACC-NONAME', reference: null });
    expect(productLabel({ name: 'ACC-NONAME', reference: 'ACC-NONAME' })).toEqual({ name: 'ACC-NONAME', reference: null });
    expect(productLabel({ name: '<b>Lampe</b>', reference: ' L-1 ' })).toEqual({ name: 'Lampe', reference: 'L-1' });
    expect(productLabel({ name: '', reference: null, itemId: 12 })).toEqual({ name: '#12', reference: null });
  });
});

/** A summary whose every name from the CRM carries markup, a right-to-left override or invisible characters. */
function hostileNames(lang: string): Summary {
  const s = invoicingSummary(lang);
  s.client.name = `<b>Boulangerie</b> ${RLO}gnp.exe${PDF} Mar\u200btin`;
  const opp = s.openDocuments.opportunities.items[0]!;
  opp.name = `<i>Fournil</i> ${RLO}gnp.exe`;
  opp.pipeline = '<i>Pipeline</i>';
  opp.step = '<b>Étape</b>';
  s.openDocuments.invoicesLate!.items[0]!.number = `<u>F-2026-0090</u>${RLO}`;
  s.salesOverview.topProductsByQuantity[0] = { ...s.salesOverview.topProductsByQuantity[0]!, name: '', reference: 'ACC-NONAME' };
  s.salesOverview.topProductsByRevenue[0] = { ...s.salesOverview.topProductsByRevenue[0]!, name: 'ACC-NONAME', reference: 'ACC-NONAME' };
  return s;
}

describe('every rendering shows the same cleaned names', () => {
  it.each(['fr', 'en'])('panel, Markdown, terminal text and prompts (%s)', (lang) => {
    const s = hostileNames(lang);
    const { text: panel, root } = panelText(s);
    const markdown = renderMarkdown(s).replace(/\\(.)/g, '$1');
    const text = renderText(s);
    const facts = factsOf(s).text;
    for (const [name, out] of [
      ['panel', panel],
      ['markdown', markdown],
      ['text', text],
      ['facts', facts],
    ] as const) {
      expect(out, name).not.toMatch(REORDERING);
      expect(out, name).not.toMatch(/<\/?[ibu]>|&lt;\/?[ibu]>/);
      expect(out, name).toContain('Fournil gnp.exe');
      expect(out, name).toContain('F-2026-0090');
      // The reference once, whether the product has no name or its name is its reference.
      expect(out.match(/ACC-NONAME/g)?.length, `${name}: ${out.match(/.*ACC-NONAME.*/g)?.join(' | ')}`).toBe(2);
      expect(out, name).not.toContain('ACC-NONAME (ACC-NONAME)');
    }
    expect(markdown).toContain('Boulangerie gnp.exe Martin');
    expect(text).toContain('Boulangerie gnp.exe Martin');
    expect(facts).toContain('Boulangerie gnp.exe Martin');
    expect(root.querySelector('[data-doc="opportunity:7"]')?.textContent).toContain('Pipeline › Étape');
    expect(text).toContain('Pipeline / Étape');
    // The panel's data attributes keep the raw values: tests compare them with the CLI's JSON.
    expect(root.querySelector('[data-figure="salesOverview.topProductsByQuantity.0"]')?.getAttribute('data-name')).toBe('');
  });

  it('the panel header shows the cleaned client name', async () => {
    const t = setup();
    const { act } = await import('@testing-library/preact');
    act(() => {
      t.model.setPage({ thirdType: 'client', id: 1001, origin: 'http://127.0.0.1:8787' });
      t.model.show();
      t.emit({ type: 'summary', summary: hostileNames('fr'), phase: 'texts', savedAt: '2026-11-29T08:00:00.000Z', stale: false, requests: 1 });
    });
    expect(t.view.container.querySelector('[data-client-name]')?.textContent).toBe('Boulangerie gnp.exe Martin');
  });

  it('the rules quote an opportunity, its step and a product by their cleaned names', () => {
    const o = opportunity({ due_date: '2026-11-28', name: `<i>Hall</i> ${RLO}gnp.exe`, step: { id: 1, name: '<b>Signature</b>' } } as never);
    const sale = invoice({ date: '2026-06-01', rows: [row(501, '2', '800.00', { reference: 'ACC-NONAME', description: null })] } as never);
    const s = computeSummary(clientData({ opportunities: [o], invoices: [sale] }), {
      today: '2026-11-29',
      language: 'fr',
      generatedAt: '2026-11-29T08:00:00.000Z',
    });
    const all = s.recommendations.items.map((r) => `${r.action} ${r.reason}`).join('\n');
    expect(all).toContain('« Hall gnp.exe »');
    expect(all).toContain('(étape : Signature)');
    expect(all).not.toMatch(REORDERING);
    expect(all).not.toMatch(/<\/?[ib]>/);
  });
});

describe('the JSON output keeps the values and escapes what reorders them', () => {
  it('round-trips exactly and writes the controls as \\u escapes', () => {
    const s = hostileNames('en');
    s.client.name = `A${RLO}B\u200bC\u{E0041}<b>x</b>`;
    const json = toSafeJson(s);
    expect(json).not.toMatch(REORDERING);
    expect(json).toContain('A\\u202eB\\u200bC\\udb40\\udc41<b>x</b>');
    expect(JSON.parse(json)).toEqual(s);
  });
});
