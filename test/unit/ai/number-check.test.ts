import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factsOf } from '../../../lib/ai/facts';
import {
  type AllowedFigures,
  addFigure,
  allowedFiguresOf,
  canonicalNumber,
  checkNumbers,
  emptyFigures,
  type FigureKind,
} from '../../../lib/ai/number-check';
import { formatDate, formatMoney, formatNumber } from '../../../lib/format/intl';
import { baseSummary, largeSummary } from './fixture';

const fr = allowedFiguresOf(baseSummary('fr'), [6, 3]);
const en = allowedFiguresOf(baseSummary('en'), [6, 3]);

/** Only these figures, of this kind. */
function only(kind: FigureKind, ...values: string[]): AllowedFigures {
  const a = emptyFigures();
  for (const v of values) addFigure(a, kind, v);
  return a;
}

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
  // Behaviour changed on purpose: "6 120" is how French writes six thousand one hundred and twenty, so it is
  // read as one number (issue 14: "14 157 €" passed because 14 and 157 were each allowed).
  it('reads a grouped number as one number, never as its groups; a year then a count stay two numbers', () => {
    expect(checkNumbers('en 2025 7 achats', fr, 'fr').ok).toBe(true);
    expect(checkNumbers('les 6 120 sacs', fr, 'fr')).toEqual({ ok: false, offending: ['6 120'] });
    const one = only('amount', '1');
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
    expect(a.values.amount.has('48210.4')).toBe(true);
    expect(a.values.days.has('71')).toBe(true);
    expect(a.values.count.has('71')).toBe(false); // a number of days is not a count
    expect(a.values.percent.has('60')).toBe(true);
    expect(a.values.year.has('2019')).toBe(true);
    expect(a.dates.has('2026-11-20')).toBe(true);
    expect(a.currencies).toEqual(new Set(['EUR']));
    const all = Object.values(a.values).flatMap((v) => [...v]);
    expect(all).not.toContain('4242');
    expect(all).not.toContain('9001'); // an interaction id
    expect(all).not.toContain('501'); // the client id
  });
});

describe('properties', () => {
  const cents = fc.bigInt({ min: 0n, max: 10n ** 13n });
  const amount = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

  it.each(['fr', 'en'])('an amount formatted by lib/format/intl.ts passes exactly when it is the computed one (%s)', (lang) => {
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        const text = `Total : ${formatMoney(amount(b), 'EUR', lang)}.`;
        expect(checkNumbers(text, only('amount', amount(a)), lang).ok).toBe(a === b);
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

describe('a number must be a computed figure of the same kind', () => {
  // baseSummary: 3 late payments (a count), 71 days late, 60 % probability, years 2019 and 2024-2026.
  it.each([
    ['Les ventes ont baissé de 3 %.', '3'], // a count as a percentage
    ['Un acompte de 2025 € a été versé.', '2025'], // a year as an amount
    ['Il reste 3 € à payer.', '3'],
    ['60 factures sont en retard.', '60'], // a percentage as a count
    ['Le client a 71 factures.', '71'], // days as a count
    ['Depuis 3 jours.', '3'], // a count as days
    ['La 71e facture.', '71e'], // days as a rank
    ['Depuis 6 jours.', '6'], // the six-month window is months
    ['Depuis 6 ans.', '6'],
    ['Le client doit 12 000,00 $.', '12 000,00'], // the right figure in another currency
  ])('%s', (text, bad) => {
    expect(checkNumbers(text, fr, 'fr')).toEqual({ ok: false, offending: [bad] });
  });
  it('the same figures of the right kind pass', () => {
    expect(
      checkNumbers(
        '3 factures payées en retard, 71 jours de retard, probabilité de 60 %, en 2025, sur les 6 derniers mois et les 3 dernières années.',
        fr,
        'fr',
      ),
    ).toEqual({ ok: true, offending: [] });
    expect(checkNumbers('C’est la 3e relance, le premier achat et le 1er devis.', fr, 'fr').ok).toBe(true);
  });
  it('numbers it cannot place are refused', () => {
    expect(checkNumbers('Rappel à 9 h, 25 kg, FY2025, 1 2 0 0 0 €, une dizaine de relances.', fr, 'fr').offending).toEqual([
      '9',
      '25',
      '2025',
      '1 2 0 0 0',
      'dizaine',
    ]);
  });
  it('relative days are checked against the computed dates', () => {
    // Today is 2026-11-29; a call is dated 2026-11-20 and an invoice due 2026-09-19 (71 days late).
    expect(checkNumbers('Appel il y a neuf jours.', fr, 'fr').ok).toBe(true);
    expect(checkNumbers('Appel il y a dix jours.', fr, 'fr').offending).toEqual(['dix']);
    expect(checkNumbers('Due 71 days ago.', en, 'en').ok).toBe(true);
    expect(checkNumbers('Called three weeks ago.', en, 'en').offending).toEqual(['three']);
    expect(checkNumbers('Appel hier.', fr, 'fr').offending).toEqual(['hier']); // 2026-11-28: no such date
    expect(checkNumbers('Relance la semaine dernière.', fr, 'fr').ok).toBe(true); // 2026-11-20 is in it
    expect(checkNumbers('Relance le mois dernier.', fr, 'fr').ok).toBe(true); // October: 2026-10-02, 2026-10-15
    // Today is a Sunday: last Friday is 2026-11-27, not a date of the summary unless one is that day.
    expect(checkNumbers('Last Friday they called.', en, 'en').offending).toEqual(['Last Friday']);
    const withFriday = allowedFiguresOf({ ...baseSummary('en'), generatedAt: '2026-11-27T08:00:00Z' });
    expect(checkNumbers('Last Friday they called.', withFriday, 'en').ok).toBe(true);
    expect(checkNumbers('Vendredi dernier, appel.', withFriday, 'fr').ok).toBe(true);
  });
  it('reads dates in both languages’ usual forms', () => {
    for (const ok of [
      'le 20/11/2026',
      'le 20.11.26',
      'le 20-11-2026',
      'le vingt novembre 2026',
      'le 20 nov.',
      'le 1er décembre 2026',
      'le premier décembre',
    ])
      expect(checkNumbers(ok, fr, 'fr').offending, ok).toEqual([]);
    for (const ok of ['on 11/20/2026', 'November 20th, 2026', 'the twentieth of November', 'Nov 20', 'December the first', '20 November 2026'])
      expect(checkNumbers(ok, en, 'en').offending, ok).toEqual([]);
    expect(checkNumbers('le 21/11/2026, le vingt et un novembre', fr, 'fr').offending).toEqual(['21/11/2026', 'vingt et un novembre']);
    expect(checkNumbers('on November 21st', en, 'en').offending).toEqual(['November 21st']);
  });
});
