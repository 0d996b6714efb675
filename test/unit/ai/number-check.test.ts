import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factsOf } from '../../../lib/ai/facts';
import { allowedFiguresOf, canonicalNumber, checkNumbers } from '../../../lib/ai/number-check';
import { formatDate, formatMoney, formatNumber } from '../../../lib/format/intl';
import { baseSummary, largeSummary } from './fixture';

const fr = allowedFiguresOf(baseSummary('fr'), [6, 3]);
const en = allowedFiguresOf(baseSummary('en'), [6, 3]);

describe('canonicalNumber', () => {
  it('drops leading and trailing zeros', () => {
    expect(canonicalNumber('001234.500')).toBe('1234.5');
    expect(canonicalNumber('0.00')).toBe('0');
    expect(canonicalNumber('12')).toBe('12');
  });
});

describe('checkNumbers in French', () => {
  it('accepts every figure as lib/format/intl.ts writes it (narrow no-break spaces included)', () => {
    const text = `Le client a acheté pour ${formatMoney('48210.40', 'EUR', 'fr')} ; il reste ${formatMoney('1234.50', 'EUR', 'fr')} en retard depuis le ${formatDate('2026-09-19', 'fr')}, soit ${formatNumber(71, 'fr')} jours. Délai moyen ${formatNumber(38.5, 'fr')} jours.`;
    expect(text).toMatch(/\u202f/); // the real formatter's narrow no-break space is really tested
    expect(checkNumbers(text, fr, 'fr')).toEqual({ ok: true, offending: [] });
  });
  it('accepts plain spaces, no-break spaces and the raw amount', () => {
    expect(checkNumbers('48 210,40 € puis 48\u00A0210,40 € ou 48210.40', fr, 'fr').ok).toBe(true);
  });
  it('rejects an invented or rounded amount and names it', () => {
    const r = checkNumbers('Le total atteint 48 000 € et 999 999,99 €.', fr, 'fr');
    expect(r.ok).toBe(false);
    expect(r.offending).toEqual(['48 000', '999 999,99']);
  });
  it('reads percentages and ordinals by their number', () => {
    expect(checkNumbers('Probabilité de 60 % pour le four.', fr, 'fr').ok).toBe(true);
    expect(checkNumbers('Probabilité de 75 %.', fr, 'fr').ok).toBe(false);
    expect(checkNumbers('C’est la 3e facture payée en retard.', fr, 'fr').ok).toBe(true);
    expect(checkNumbers('C’est la 4e relance.', fr, 'fr').ok).toBe(false);
  });
  it('checks dates in every French form, including "1er"', () => {
    expect(checkNumbers('Échéance le 1er déc. 2026, relance le 19 septembre 2026, le 19/09/2026 ou 2026-09-19.', fr, 'fr').ok).toBe(true);
    expect(checkNumbers('Échéance le 2 décembre 2026.', fr, 'fr')).toEqual({ ok: false, offending: ['2 décembre 2026'] });
    expect(checkNumbers('Commande de mars 2019, appel du 20 nov.', fr, 'fr').ok).toBe(true);
    expect(checkNumbers('Commande de février 2019.', fr, 'fr').ok).toBe(false);
  });
  it('lets document numbers and names with digits through, not the numbers around them', () => {
    expect(checkNumbers('Relancer F-2026-0290 et parler du Four à sole 2027.', fr, 'fr').ok).toBe(true);
    expect(checkNumbers('Relancer F-2026-0290 pour 17 €.', fr, 'fr').offending).toEqual(['17']);
  });
  it('accepts years and counts, and the windows given', () => {
    expect(checkNumbers('En 2025, 7 achats ; sur les 6 derniers mois, 2 commentaires ; 3 ans.', fr, 'fr').ok).toBe(true);
    expect(checkNumbers('En 2021, rien.', fr, 'fr').ok).toBe(false);
  });
  it('reads two numbers side by side when their grouped reading is not a figure, never "1 001" as 1 and 1', () => {
    expect(checkNumbers('en 2025 7 achats', fr, 'fr').ok).toBe(true);
    expect(checkNumbers('les 6 120 sacs', fr, 'fr').ok).toBe(true);
    const one = { numbers: new Set(['1']), dates: new Set<string>(), literals: [] };
    expect(checkNumbers('1 001,00 €', one, 'fr').ok).toBe(false);
    expect(checkNumbers('1 001 €', one, 'fr').ok).toBe(false);
  });
  it('does not take a time of day for a figure', () => {
    expect(checkNumbers('Rendez-vous à 14h30.', fr, 'fr').ok).toBe(false);
  });
  it('passes a text without numbers', () => {
    expect(checkNumbers('Relation cordiale, rien à signaler.', fr, 'fr')).toEqual({ ok: true, offending: [] });
  });
});

describe('checkNumbers in English', () => {
  it('accepts figures as Intl writes them in English', () => {
    const text = `Total purchases ${formatMoney('48210.40', 'EUR', 'en')}, ${formatMoney('1234.50', 'EUR', 'en')} overdue since ${formatDate('2026-09-19', 'en')} (${formatNumber(71, 'en')} days), average delay ${formatNumber(38.5, 'en')} days.`;
    expect(checkNumbers(text, en, 'en')).toEqual({ ok: true, offending: [] });
  });
  it('rejects invented figures', () => {
    expect(checkNumbers('They owe €1,234.51.', en, 'en').offending).toEqual(['1,234.51']);
    expect(checkNumbers('They owe €987,654.32.', en, 'en').ok).toBe(false);
  });
  it('reads English dates, ordinals and percentages', () => {
    expect(checkNumbers('Due December 1st, 2026; read on Nov 5, 2026; 60% likely; the 3rd late payment.', en, 'en').ok).toBe(true);
    expect(checkNumbers('Due December 2, 2026.', en, 'en').ok).toBe(false);
    expect(checkNumbers('The 4th late payment.', en, 'en').ok).toBe(false);
  });
  it('does not read "may" as a month', () => {
    expect(checkNumbers('They may 3 times ask.', en, 'en').ok).toBe(true); // 3 is an allowed figure (late payments)
  });
  it('ignores signs: a credit note may be written without its minus', () => {
    const s = baseSummary('en');
    s.salesOverview.byYear[0]!.total = '-120.00';
    expect(checkNumbers('A credit of €120.00 in 2024.', allowedFiguresOf(s), 'en').ok).toBe(true);
  });
});

describe('allowedFiguresOf', () => {
  it('takes figures and dates, never ids nor the text of notes', () => {
    const s = baseSummary('en');
    s.interactions.items[0]!.text = 'They said the total is 4242.';
    const a = allowedFiguresOf(s);
    expect(a.numbers.has('48210.4')).toBe(true);
    expect(a.numbers.has('71')).toBe(true);
    expect(a.dates.has('2026-11-20')).toBe(true);
    expect(a.numbers.has('4242')).toBe(false);
    expect(a.numbers.has('9001')).toBe(false); // an interaction id
    expect(a.numbers.has('501')).toBe(false); // the client id
  });
});

describe('properties', () => {
  const cents = fc.bigInt({ min: 0n, max: 10n ** 13n });
  const amount = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
  const only = (...values: string[]) => ({ numbers: new Set(values.map(canonicalNumber)), dates: new Set<string>(), literals: [] });

  it.each(['fr', 'en'])('an amount formatted by lib/format/intl.ts passes exactly when it is the computed one (%s)', (lang) => {
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        const text = `Total : ${formatMoney(amount(b), 'EUR', lang)}.`;
        expect(checkNumbers(text, only(amount(a)), lang).ok).toBe(a === b);
      }),
      { numRuns: 300 },
    );
  });

  it.each(['fr', 'en'] as const)('every figure of the facts given to the model passes (%s)', (lang) => {
    const many = baseSummary(lang);
    const late = many.openDocuments.invoicesLate!;
    late.items = Array.from({ length: 12 }, (_, i) => ({ ...late.items[0]!, id: 500 + i, daysLate: 100 + i }));
    late.count = 12;
    for (const s of [baseSummary(lang), largeSummary(lang), many]) {
      const f = factsOf(s);
      const facts = f.text.replace(/\[[a-z-]+:\d+\]/g, ''); // the tags hold ids, which the texts never state
      expect(checkNumbers(facts, allowedFiguresOf(s, [6, 3, ...f.extraNumbers]), lang)).toEqual({ ok: true, offending: [] });
    }
    expect(factsOf(many).extraNumbers).toEqual([4]); // "(and 4 more not listed)"
    expect(factsOf(many).text).toContain(lang === 'fr' ? '(et 4 autres non listés)' : '(and 4 more not listed)');
  });
});
