import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedFiguresOf, checkNumbers } from '../../../lib/ai/number-check';
import { type NumberRead, readNumbers } from '../../../lib/ai/number-read';
import { digitValue, foldForReading } from '../../../lib/ai/unicode-text';
import { baseSummary } from './fixture';

const TODAY = '2026-11-29';
/** value:kind of each number read (kinds joined by "|"; "?" for a number the reader could not place). */
const read = (text: string, lang = 'fr') =>
  readNumbers(foldForReading(text), lang, TODAY).map((n: NumberRead) => `${n.value}:${n.kinds.join('|') || `?${n.unplaced ?? ''}`}`);

describe('digits of any script', () => {
  it.each([
    ['１２ ０００ €', '12000:amount'],
    ['𝟏𝟐 000 €', '12000:amount'],
    ['١٢٠٠٠ €', '12000:amount'],
    ['१२००० €', '12000:amount'], // Devanagari
    ['১২ %', '12:percent'], // Bengali
    ['⁸⁰ %', '80:percent'],
    ['⑫ factures', '12:count'],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual([expected]);
  });
  it('maps every decimal digit Unicode has to its value', () => {
    for (let cp = 0; cp < 0x20000; cp++) {
      const c = String.fromCodePoint(cp);
      if (!/\p{Nd}/u.test(c)) continue;
      const folded = foldForReading(c);
      expect(folded, `U+${cp.toString(16)}`).toMatch(/^[0-9]$/);
      expect(Number(folded)).toBe(digitValue(c));
    }
    expect(digitValue('٣')).toBe(3);
    expect(digitValue('𝟗')).toBe(9);
  });
});

describe('groupings read as one number', () => {
  it.each([
    ['14 157 €', 'fr', '14157:amount'],
    ['14\u00A0157 €', 'fr', '14157:amount'],
    ['14\u202F157 €', 'fr', '14157:amount'],
    ['14\u2009157 €', 'fr', '14157:amount'],
    ["14'157 €", 'fr', '14157:amount'],
    ['14’157 €', 'fr', '14157:amount'],
    ['14.157 €', 'fr', '14157:amount'], // a dot groups in French
    ['14,157 €', 'fr', '14.157:amount'], // a comma is the French decimal
    ['€14,157', 'en', '14157:amount'], // a comma groups in English
    ['€14.157', 'en', '14.157:amount'],
    ['1.234.567,89 €', 'fr', '1234567.89:amount'],
    ['1,234,567.89 €', 'fr', '1234567.89:amount'], // English grouping in a French text: two separators tell
    ['€1 234 567.89', 'en', '1234567.89:amount'],
    ['1 304 131,40 €', 'en', '1304131.4:amount'],
    ['48210.40 €', 'fr', '48210.4:amount'],
  ])('%s (%s)', (text, lang, expected) => {
    expect(read(text, lang)).toEqual([expected]);
  });
  it('a year then a count stay two numbers; digits spaced one by one are not a figure', () => {
    expect(read('en 2025 7 achats')).toEqual(['2025:year|count', '7:count']);
    expect(read('1 2 0 0 0 €')).toEqual(['0:?spaced']);
    expect(read('06 12 34 56 78')).toEqual(['0:?spaced']);
  });
});

describe('magnitudes', () => {
  it.each([
    ['82 k€', '82000:amount'],
    ['82k€', '82000:amount'],
    ['82 K€', '82000:amount'],
    ['1,2 M€', '1200000:amount'],
    ['3 Md€', '3000000000:amount'],
    ['2 Mds €', '2000000000:amount'],
    ['12 mille euros', '12000:amount'],
    ['1,5 million d’euros', '1500000:amount'],
    ['3 milliards d’euros', '3000000000:amount'],
    ['deux millions d’euros', '2000000:amount'],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual([expected]);
  });
  it.each([
    ['$2bn', '2000000000:amount'],
    ['€1.3M', '1300000:amount'],
    ['12 thousand euros', '12000:amount'],
    ['a million dollars', '1000000:amount'],
    ['2 billion euros', '2000000000:amount'],
  ])('%s (en)', (text, expected) => {
    expect(read(text, 'en')).toEqual([expected]);
  });
  it('"m" is a metre, "km" not a k', () => {
    expect(read('12 m de câble')).toEqual(['12:?measure']);
    expect(read('12 km')).toEqual(['12:?measure']);
  });
});

describe('numbers and ordinals in words', () => {
  it.each([
    ['douze mille euros', '12000:amount'],
    ['trois factures', '3:count'],
    ['vingt-et-un jours', '21:days'],
    ['vingt et un jours', '21:days'],
    ['soixante et onze jours', '71:days'],
    ['quatre-vingt-dix jours', '90:days'],
    ['quatre-vingts factures', '80:count'],
    ['soixante-dix-sept factures', '77:count'],
    ['dix-sept factures', '17:count'],
    ['deux cents factures', '200:count'],
    ['mille deux cents euros', '1200:amount'],
    ['deux mille vingt-cinq', '2025:year|count'],
    ['cinquante pour cent', '50:percent'],
    ['la troisième facture', '3:rank'],
    ['le premier achat', '1:rank'],
    ['la vingt-et-unième relance', '21:rank'],
    ['la 3e facture', '3:rank'],
    ['le 1er achat', '1:rank'],
    ['neuf factures', '9:count'],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual([expected]);
  });
  it.each([
    ['twelve thousand euros', '12000:amount'],
    ['three invoices', '3:count'],
    ['twenty-one days', '21:days'],
    ['one hundred and five days', '105:days'],
    ['a hundred invoices', '100:count'],
    ['ninety-nine percent', '99:percent'],
    ['the third invoice', '3:rank'],
    ['the twenty-first reminder', '21:rank'],
    ['the 2nd estimate', '2:rank'],
    ['one invoice', '1:count'],
  ])('%s (en)', (text, expected) => {
    expect(read(text, 'en')).toEqual([expected]);
  });
  it('two number words that do not make one number are two numbers', () => {
    expect(read('deux trois jours')).toEqual(['2:count', '3:days']);
  });
});

describe('words that look like numbers but are not', () => {
  it.each([
    ['Le client veut un four neuf.', 'fr'],
    ['Une facture est en retard.', 'fr'],
    ['Un devis a été lu.', 'fr'],
    ['Des mille-feuilles et des quatre-quarts.', 'fr'],
    ['Une chambre double avec vue.', 'fr'],
    ['Faire le point sur la commande.', 'fr'],
    ['Il y a des factures en retard.', 'fr'],
    ['Depuis au moins une semaine.', 'fr'],
    ['M. Durand et MM. Martin ont signé un CDI.', 'fr'],
    ['Un second four est à l’étude.', 'fr'],
    ['I think this one is the oldest.', 'en'],
    ['No one answered; each one of them is late.', 'en'],
    ['A one-off order for at least a week.', 'en'],
    ['They may ask; they march on.', 'en'],
    ['THE CLIENT WANTS A MIX OF LIGHTS.', 'en'],
    ['Un client B2B, des plans en 3D au format A4.', 'fr'],
  ])('%s', (text, lang) => {
    expect(read(text, lang)).toEqual([]);
  });
});

describe('Roman numerals', () => {
  it('reads them when they stand as numbers, never one letter or a word in capitals', () => {
    expect(read('Le client a XII factures en retard.')).toEqual(['12:count']);
    expect(read('au XXIe siècle')).toEqual(['21:rank']);
    expect(read('MMXXV')).toEqual(['2025:year|count']);
    expect(read('I am sure, said the client.', 'en')).toEqual([]);
    expect(read('Louis XIV', 'en')).toEqual(['14:count']);
  });
});

describe('units and contexts', () => {
  it.each([
    ['8 %', '8:percent'],
    ['8 pour cent', '8:percent'],
    ['71 jours de retard', '71:days'],
    ['6 derniers mois', '6:months'],
    ['trois dernières années', '3:years'],
    ['3 semaines', '3:weeks'],
    ['depuis 2 mois', '2:months'],
    ['il y a 3 factures en retard', '3:count'], // "il y a" as "there are"
    ['EUR 1 234,50', '1234.5:amount'],
    ['1 234,50 EUR', '1234.5:amount'],
    ['1 234,50 € HT', '1234.5:amount'],
    ['1 234,50 HT', '1234.5:amount'],
    ['-120,00 €', '120:amount'],
    ['#88', '88:ref'],
    ['n°4521', '4521:ref'],
    ['14h30', '14:?time'],
    ['à 10 h', '10:?time'],
    ['14:30', '14:?time'],
    ['25 kg', '25:?measure'],
    ['FY2025', '2025:?code'],
    ['env12000 €', '12000:?code'],
    ['En 2025 l’activité a ralenti.', '2025:year|count'],
    ['3x plus', '3:ratio'],
    ['3 fois plus', '3:ratio'],
    ['3 fois', '3:count'],
    ['a doublé', '2:ratio'],
    ['la moitié', '0.5:ratio'],
    ['une dizaine de factures', '0:?approximate'],
    ['de 12 à 15 jours', '12:days', '15:days'],
    ['entre 2 et 3 %', '2:percent', '3:percent'],
    ['38,5', '38.5:amount|count|days'],
  ])('%s', (text, ...expected) => {
    expect(read(text)).toEqual(expected);
  });
  it('"il y a trois jours" and "three days ago" name a day', () => {
    expect(readNumbers('il y a trois jours', 'fr', TODAY)).toEqual([{ raw: 'trois', value: '3', kinds: [], agoDate: '2026-11-26' }]);
    expect(readNumbers('three days ago', 'en', TODAY)).toEqual([{ raw: 'three', value: '3', kinds: [], agoDate: '2026-11-26' }]);
    expect(readNumbers('a week ago', 'en', TODAY)[0]!.kinds).toEqual(['weeks']);
  });
  it('English amounts and currencies', () => {
    expect(readNumbers('US$12', 'en', TODAY)[0]).toMatchObject({ kinds: ['amount'], currency: 'USD' });
    expect(readNumbers('12 $US', 'fr', TODAY)[0]).toMatchObject({ kinds: ['amount'], currency: 'USD' });
    expect(readNumbers('CA$12', 'en', TODAY)[0]).toMatchObject({ kinds: ['amount'], currency: 'CAD' });
    expect(readNumbers('£12', 'en', TODAY)[0]).toMatchObject({ kinds: ['amount'], currency: 'GBP' });
  });
});

describe('bad input', () => {
  const allowed = allowedFiguresOf(baseSummary('fr'));
  it('never throws, whatever the text, and a text with a digit it cannot account for is refused', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('fr', 'en'), (text, lang) => {
        const r = checkNumbers(text, allowed, lang);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
  it('reads a long text in linear time (no pathological pattern)', () => {
    const text = `${'1 '.repeat(20_000)}${'a-'.repeat(20_000)}${'vingt-'.repeat(5_000)}`;
    expect(checkNumbers(text, allowed, 'fr').ok).toBe(false);
  });
});
