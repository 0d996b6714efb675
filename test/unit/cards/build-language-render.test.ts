// The shared pipeline (buildClientSummary) against the local Sellsy and the local OpenAI fake, the language
// rule (docs/summary-contract.md §8), the text and Markdown renderings, and rules texts that pass the AI's number check.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allowedFiguresOf, checkNumbers } from '../../../lib/ai/number-check';
import type { AiSettings } from '../../../lib/ai/settings';
import { computeSummary } from '../../../lib/cards/index';
import { escapeMarkdown, renderMarkdown } from '../../../lib/format/markdown';
import { renderText } from '../../../lib/format/text';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { buildClientSummary } from '../../../lib/summary/build';
import { resolveLanguage } from '../../../lib/summary/language';
import type { Summary } from '../../../lib/summary/types';
import { reasonLabel } from '../../../lib/words/reasons';
import { type OpenAiFake, startOpenAiFake } from '../../openai-fake/server';
import { DEMO, EMPTY_CLIENT_ID, LARGE_CLIENT_ID, PROSPECT_ID } from '../../sellsy/demo';
import { type FakeSellsy, startSellsy } from '../../sellsy/server';
import { clientData, comment, estimate, invoice, opportunity, payment } from './fixture';
import { schemaErrors } from './schema';

const TODAY = '2026-11-29';

describe('resolveLanguage (contract §8)', () => {
  it.each([
    ['fr', 'en', 'en-US', 'fr'],
    ['en', 'fr', 'fr-FR', 'en'],
    ['auto', 'fr', 'en-US', 'fr'],
    ['auto', null, 'fr-CA', 'fr'],
    [null, 'FR', null, 'fr'],
    ['auto', 'de', 'fr-FR', 'en'],
    ['auto', null, null, 'en'],
    ['auto', null, 'es', 'en'],
    [undefined, '', 'fr_FR', 'fr'],
    ['auto', 'en_GB', 'fr', 'en'],
  ] as const)('setting %s, staff %s, browser %s → %s', (setting, staff, browser, want) => {
    expect(resolveLanguage(setting, staff, browser)).toBe(want);
  });
});

describe('buildClientSummary', () => {
  let sellsy: FakeSellsy;
  let ai: OpenAiFake | undefined;
  beforeAll(async () => {
    sellsy = await startSellsy({ today: TODAY });
  });
  afterAll(async () => {
    await sellsy?.close();
  });
  afterEach(async () => {
    await ai?.close();
    ai = undefined;
  });
  const api = () =>
    createSellsyApi({ apiUrl: sellsy.apiUrl, tokenUrl: sellsy.tokenUrl, auth: { kind: 'client-credentials', ...DEMO }, onWarning: () => undefined });
  const opts = {
    today: TODAY,
    now: new Date('2026-11-29T09:00:00Z'),
    languageSetting: 'auto',
    browserLanguage: 'en-US',
    sourceModeSetting: 'auto' as const,
  };
  const aiSettings = (baseURL: string): AiSettings => ({
    enabled: true,
    apiKey: 'sk-test',
    baseURL,
    model: 'gpt-4o-mini',
    redact: true,
    timeoutMs: 5000,
  });

  it('without AI: figures once, in the staff language, rules texts', async () => {
    const phases: string[] = [];
    const progress: string[] = [];
    const r = await buildClientSummary(
      { api: api() },
      {
        ...opts,
        ref: { kind: 'unknown', id: EMPTY_CLIENT_ID },
        ai: null,
        onSummary: (_s, phase) => phases.push(phase),
        onProgress: (p) => progress.push(p.phase),
      },
    );
    expect(r.status).toBe('client');
    if (r.status !== 'client') return;
    expect(phases).toEqual(['figures']);
    expect(progress.at(-1)).toBe('done');
    expect(r.summary.language).toBe('fr'); // the demo staff writes French; the setting is auto
    expect(r.summary.generatedAt).toBe('2026-11-29T09:00:00.000Z');
    expect(r.requests).toBeGreaterThan(0);
    expect(schemaErrors(r.summary)).toBeNull();
  });

  it('a prospect: not-client with its type and the resolved language', async () => {
    const r = await buildClientSummary({ api: api() }, { ...opts, ref: { kind: 'company', id: PROSPECT_ID }, languageSetting: 'en' });
    expect(r).toMatchObject({ status: 'not-client', thirdType: 'prospect', language: 'en', client: { id: PROSPECT_ID } });
  });

  it('with AI: figures first, then texts; figures unchanged', async () => {
    ai = await startOpenAiFake();
    const seen: [string, Summary][] = [];
    const r = await buildClientSummary(
      { api: api() },
      {
        ...opts,
        ref: { kind: 'company', id: LARGE_CLIENT_ID },
        ai: aiSettings(ai.baseURL),
        onSummary: (s, phase) => seen.push([phase, s]),
      },
    );
    // The large client's details come in batches first (partial summaries, lib/summary/build.ts), then the
    // complete figures, then the texts.
    const phases = seen.map(([p]) => p);
    expect(phases[0]).toBe('lists');
    expect(phases.slice(1, -2).every((p) => p === 'details')).toBe(true);
    expect(phases.slice(-2)).toEqual(['figures', 'texts']);
    const figures = seen.at(-2)![1];
    if (r.status !== 'client') throw new Error('expected a client');
    expect(r.summary.salesOverview).toEqual(figures.salesOverview);
    expect(r.summary.relationship).toEqual(figures.relationship);
    expect([r.summary.interactions.generatedBy, r.summary.recommendations.generatedBy]).toContain('llm');
    expect(schemaErrors(r.summary)).toBeNull();
  }, 60_000);

  it('with a failing AI: rules texts stay and a warning says why', async () => {
    ai = await startOpenAiFake({ script: () => ({ kind: 'status', status: 500 }) });
    const r = await buildClientSummary(
      { api: api() },
      { ...opts, ref: { kind: 'company', id: EMPTY_CLIENT_ID }, ai: { ...aiSettings(ai.baseURL), timeoutMs: 2000 } },
    );
    if (r.status !== 'client') throw new Error('expected a client');
    expect(r.summary.interactions.generatedBy).toBe('rules');
    expect(r.summary.recommendations.generatedBy).toBe('rules');
    expect(r.summary.warnings.length).toBeGreaterThan(0);
  }, 60_000);

  it('an aborted run rejects', async () => {
    const c = new AbortController();
    c.abort();
    await expect(buildClientSummary({ api: api() }, { ...opts, ref: { kind: 'company', id: LARGE_CLIENT_ID }, signal: c.signal })).rejects.toThrow();
  });
});

function richSummary(lang: string): Summary {
  const late = invoice({ status: 'late', due_date: '2026-10-01', remaining: '1234.56', number: 'F-LATE', date: '2026-09-01' });
  const paidLate = [invoice({ date: '2026-01-01', due_date: '2026-01-31' }), invoice({ date: '2026-02-01', due_date: '2026-03-03' })];
  return computeSummary(
    clientData({
      client: { kind: 'company', id: 100, name: 'Studio [54] *bold*', thirdType: 'client' },
      invoices: [late, ...paidLate, invoice({ date: '2024-03-01', amount: '99.99' }), invoice({ currency: 'USD' })],
      payments: paidLate.map((i) => payment([i.id], '2026-04-01T10:00:00Z')),
      estimates: [
        estimate({ status: 'read', date: '2026-11-01', number: 'D-READ' }),
        estimate({ status: 'sent', date: '2026-11-20', expiry_date: '2026-12-05', number: 'D-SENT' }),
      ],
      opportunities: [opportunity({ due_date: '2026-11-01', name: 'Hall 2027' })],
      comments: [comment('2026-11-20T10:00:00+01:00', 'Wants <b>[a link](http://evil)</b> and 3 pallets')],
    }),
    { today: TODAY, language: lang, generatedAt: '2026-11-29T08:00:00.000Z' },
  );
}

describe('renderings', () => {
  it('French text: five cards, French formats', () => {
    const t = renderText(richSummary('fr'), 'fr');
    for (const title of [
      '1. Relation client',
      '2. Documents en cours',
      '3. Aperçu des ventes (2024–2026)',
      '4. Dernières interactions (depuis le 29 mai 2026)',
      '5. Recommandations',
    ]) {
      expect(t).toContain(title);
    }
    expect(t).toMatch(/Factures en retard \(1\) : reste dû 1\s234,56\s€/);
    // Said under the total it concerns (it was one sentence for the whole card, away from any total).
    expect(t).toMatch(/Total des achats : 399,99\s€ HT\n {4}Devise principale \(EUR\) seulement, hors 1 facture en USD\./);
    // Headline dates in the long form, list entries in the short one; the first of the month is "1er".
    expect(t).toContain('Premier achat : 1er mars 2024 — F-1004');
    expect(t).toContain('F-LATE — 1er sept. 2026 — ');
    expect(t).toContain('Délai de paiement moyen : ');
  });
  it('English text: English labels and formats', () => {
    const t = renderText(richSummary('en'), 'en');
    expect(t).toContain('Late invoices (1): still owed €1,234.56');
    expect(t).toContain('5. Recommendations');
    expect(t).toContain('Average basket: ');
  });
  it('sales mode says which figures need an invoicing licence', () => {
    const s = computeSummary(clientData({ sourceMode: 'sales', invoices: null, creditNotes: null, payments: null }), {
      today: TODAY,
      language: 'en',
      generatedAt: '2026-11-29T08:00:00Z',
    });
    expect(renderText(s, 'en')).toContain('Late invoices: — (available with an invoicing licence)');
    expect(renderMarkdown(s, 'fr')).toContain('disponible avec une licence Facturation');
  });
  it('Markdown: headings per card, CRM text escaped', () => {
    const md = renderMarkdown(richSummary('en'), 'en');
    expect(md).toContain('### 1\\. Client relationship');
    expect(md).toContain('Studio \\[54\\] \\*bold\\*');
    expect(md).not.toContain('](http://evil)');
    expect(md).not.toMatch(/<b>|<script/);
    expect(escapeMarkdown('a_b <i>')).toBe('a\\_b &lt;i\\>');
  });
  it('terminal and Markdown output carry no escape sequences, direction overrides or zero-width characters', () => {
    const s = richSummary('en');
    s.client.name = 'Evil \u001b[31mRed\u001b[0m \u202eesrever\u202c zero\u200bwidth';
    s.interactions.summary = 'Note \u001b]0;title\u0007 done';
    for (const out of [renderText(s, 'en'), renderMarkdown(s, 'en')]) {
      expect(out).not.toMatch(/[\u001b\u0007\u202e\u202c\u200b]/);
      expect(out).toContain('esrever');
    }
  });
  it('declinations of one item are told apart; the counts carry the panel’s labels', () => {
    const s = richSummary('fr');
    s.salesOverview.topProductsByQuantity = [
      { itemId: 1, declinationId: 11, name: 'Lampe', reference: 'L-1', quantity: '2', revenue: '10.00' },
      { itemId: 1, declinationId: 12, name: 'Lampe', reference: 'L-1', quantity: '1', revenue: '5.00' },
    ];
    s.interactions.counts = { comments: 1, tasks: 2, calls: 0, events: 1 };
    const t = renderText(s, 'fr');
    expect(t).toContain('Lampe (L-1 · déclinaison 11)');
    expect(t).toContain('Lampe (L-1 · déclinaison 12)');
    expect(t).toContain('Commentaires : 1 · Tâches : 2 · Appels : 0 · Rendez-vous : 1');
  });
  it('the rules digest drops invisible characters from the notes it quotes', () => {
    const s = computeSummary(clientData({ comments: [comment('2026-11-20T10:00:00Z', '\u202eabc\u202c\u200b note')] }), {
      today: TODAY,
      language: 'en',
      generatedAt: '2026-11-29T08:00:00Z',
    });
    expect(s.interactions.summary).toContain('"abc note"');
    expect(s.interactions.items[0]!.text).toContain('\u202e'); // items keep the CRM text as it is
  });
  it('exclusion codes read as words', () => {
    expect(reasonLabel('status:draft', 'fr')).toBe('statut « draft » non compté');
    expect(reasonLabel('status-unknown:scheduled', 'en')).toBe('unknown status "scheduled"');
    expect(reasonLabel('currency:USD', 'en')).toBe('other currency (USD)');
    expect(reasonLabel('weird', 'en')).toBe('left out (weird)');
  });
});

describe('rules texts are checkable', () => {
  it.each(['fr', 'en'])('every number and date of the %s recommendations is a computed figure', (lang) => {
    const s = richSummary(lang);
    expect(s.recommendations.items.length).toBeGreaterThanOrEqual(4);
    const allowed = allowedFiguresOf(s, [6, 3, s.interactions.items.length]);
    for (const r of s.recommendations.items) {
      const res = checkNumbers(`${r.action}\n${r.reason}`, allowed, lang);
      expect(res.offending, `${r.action} / ${r.reason}`).toEqual([]);
    }
    // The digest's own sentence (not the quoted notes) states only figures too.
    const header = s.interactions.summary.split('\n')[0]!;
    expect(checkNumbers(header, allowed, lang).offending).toEqual([]);
  });
});
