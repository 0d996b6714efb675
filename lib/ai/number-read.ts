// Reads every number of a prose text the way a person would, and says what kind of figure it is from what
// stands around it: "23 674,18 €" is an amount, "90 %" a percentage, "9 jours de retard" a number of days,
// "il y a trois jours" a day three days ago, "2025" alone a year, "7 factures" or a bare "7" a count.
// Input: text already folded (unicode-text.ts), with dates and quoted names blanked out (number-check.ts).
//
// A number is one number however it is grouped: "14 157", "14'157", "14.157" (fr) and "14,157" (en) are all
// fourteen thousand one hundred and fifty-seven, never 14 and 157. A single dot or comma before exactly three
// digits is the one ambiguous case: French reads "14.000" as a grouping and "14,000" as a decimal, English the
// reverse. Numbers the reader cannot place (a time, a measure, digits glued to letters, digits spaced out one
// by one, "une dizaine") come back with no kind: the check refuses them.

import { toLang } from '../words/lang';
import { shiftDays } from './number-dates';
import { APPROXIMATE, isNumberWord, MAGNITUDE_SUFFIX, multiplierWord, RATIO_WORDS, readWords, type WordToken } from './number-words';
import { foldWord } from './unicode-text';

export type FigureKind = 'amount' | 'count' | 'percent' | 'days' | 'weeks' | 'months' | 'years' | 'year' | 'rank' | 'ratio' | 'ref';

/** Why a number has no kind. */
export type Unplaced = 'time' | 'measure' | 'code' | 'approximate' | 'spaced' | 'unit';

export interface NumberRead {
  /** As written (in the folded text). */
  raw: string;
  /** Canonical decimal: "1234.5", "12000". */
  value: string;
  /** What it may be, most likely first; empty when it could not be placed. */
  kinds: FigureKind[];
  unplaced?: Unplaced;
  /** ISO code of the currency written next to an amount. */
  currency?: string;
  /** "il y a 3 jours", "three weeks ago": the day it names. */
  agoDate?: string;
}

interface Tok extends WordToken {
  start: number;
  end: number;
  value?: string;
  int?: boolean;
  grouped?: boolean;
}

/** "001234.500" → "1234.5"; "0.00" → "0". Input: digits with an optional "." decimal point. */
export function canonicalNumber(plain: string): string {
  const [intRaw = '', fracRaw = ''] = plain.split('.');
  const int = intRaw.replace(/^0+(?=\d)/, '') || '0';
  const frac = fracRaw.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** value × 10^k, exactly, on the decimal string. */
function scale(value: string, factor: number): string {
  const k = Math.round(Math.log10(factor));
  const [int = '0', frac = ''] = value.split('.');
  const digits = int + frac.padEnd(k, '0');
  const cut = int.length + k;
  return canonicalNumber(`${digits.slice(0, cut)}.${digits.slice(cut)}`);
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const GROUP_SEPARATORS = new Set([' ', "'", '.', ',']);

function lexNumber(text: string, i: number, fr: boolean): { end: number; value: string; int: boolean; grouped: boolean } {
  let j = i;
  while (isDigit(text[j])) j++;
  const first = text.slice(i, j);
  let intDigits = first;
  let sep: string | null = null;
  let groups = 0;
  if (first.length <= 3) {
    for (;;) {
      const c = text[j];
      if (c === undefined || !GROUP_SEPARATORS.has(c) || (sep !== null && c !== sep)) break;
      const next = text.slice(j + 1, j + 5);
      if (!/^\d{3}(?!\d)/.test(next)) break;
      sep = c;
      intDigits += next.slice(0, 3);
      j += 4;
      groups++;
    }
  }
  let frac = '';
  const c = text[j];
  if ((c === ',' || c === '.') && c !== sep && isDigit(text[j + 1])) {
    let k = j + 1;
    while (isDigit(text[k])) k++;
    frac = text.slice(j + 1, k);
    j = k;
  }
  // One group after a dot or a comma, and no other separator to tell: a decimal in the language that writes
  // decimals so ("14,000" is fourteen in French, "14.000" fourteen in English).
  if (groups === 1 && !frac && sep === (fr ? ',' : '.')) {
    intDigits = first;
    frac = text.slice(i + first.length + 1, i + first.length + 4);
  }
  return {
    end: j,
    value: canonicalNumber(frac ? `${intDigits}.${frac}` : intDigits),
    int: !/[1-9]/.test(frac),
    grouped: groups > 0 && !!sep && intDigits !== first,
  };
}

const WORD = /[\p{L}\p{M}]+/uy;

function lex(text: string, fr: boolean): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let sp = true;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\t') {
      sp = true;
      i++;
      continue;
    }
    if (isDigit(c)) {
      const n = lexNumber(text, i, fr);
      toks.push({ t: 'num', s: text.slice(i, n.end), fold: '', sp, start: i, end: n.end, value: n.value, int: n.int, grouped: n.grouped });
      i = n.end;
    } else {
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      if (m) {
        toks.push({ t: 'word', s: m[0], fold: foldWord(m[0]), sp, start: i, end: i + m[0].length });
        i += m[0].length;
      } else {
        const ch = String.fromCodePoint(text.codePointAt(i)!);
        toks.push({ t: 'sym', s: ch, fold: ch, sp, start: i, end: i + ch.length });
        i += ch.length;
      }
    }
    sp = false;
  }
  return toks;
}

const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY', '₣': 'CHF', '₹': 'INR', '₽': 'RUB', '₩': 'KRW' };
const DOLLAR_PREFIX: Record<string, string> = { US: 'USD', CA: 'CAD', A: 'AUD', AU: 'AUD', NZ: 'NZD', HK: 'HKD', S: 'SGD', SG: 'SGD', MX: 'MXN' };
const ISO_CODES = new Set(
  'EUR USD GBP CHF CAD AUD NZD JPY CNY HKD SGD SEK NOK DKK PLN CZK HUF RON BGN TRY RUB INR BRL MXN ZAR MAD TND DZD XOF XAF XPF AED SAR ILS KRW'.split(
    ' ',
  ),
);
const CURRENCY_WORDS: Record<string, string> = {
  euro: 'EUR',
  euros: 'EUR',
  dollar: 'USD',
  dollars: 'USD',
  livre: 'GBP',
  livres: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  sterling: 'GBP',
  franc: 'CHF',
  francs: 'CHF',
  yen: 'JPY',
};
const TAX_WORDS = new Set(['HT', 'TTC', 'HTVA', 'TVAC']);

const UNITS: Record<string, FigureKind | Unplaced> = {
  jour: 'days',
  jours: 'days',
  journee: 'days',
  journees: 'days',
  j: 'days',
  day: 'days',
  days: 'days',
  semaine: 'weeks',
  semaines: 'weeks',
  week: 'weeks',
  weeks: 'weeks',
  wk: 'weeks',
  wks: 'weeks',
  mois: 'months',
  month: 'months',
  months: 'months',
  an: 'years',
  ans: 'years',
  annee: 'years',
  annees: 'years',
  year: 'years',
  years: 'years',
  yr: 'years',
  yrs: 'years',
  heure: 'time',
  heures: 'time',
  h: 'time',
  hour: 'time',
  hours: 'time',
  hr: 'time',
  hrs: 'time',
  minute: 'time',
  minutes: 'time',
  min: 'time',
  seconde: 'time',
  secondes: 'time',
  second: 'time',
  seconds: 'time',
  sec: 'time',
  am: 'time',
  pm: 'time',
  kg: 'measure',
  g: 'measure',
  t: 'measure',
  tonne: 'measure',
  tonnes: 'measure',
  ton: 'measure',
  tons: 'measure',
  m: 'measure',
  km: 'measure',
  cm: 'measure',
  mm: 'measure',
  l: 'measure',
  cl: 'measure',
  ml: 'measure',
  w: 'measure',
  kw: 'measure',
  kwh: 'measure',
  v: 'measure',
  lm: 'measure',
  lux: 'measure',
  metre: 'measure',
  metres: 'measure',
  meter: 'measure',
  meters: 'measure',
  litre: 'measure',
  litres: 'measure',
  liter: 'measure',
  liters: 'measure',
  points: 'unit',
  point: 'unit',
  pts: 'unit',
  pt: 'unit',
  centimes: 'unit',
  cents: 'unit',
  pence: 'unit',
};
/** Words that may stand between a number and its unit: "six derniers mois", "three calendar years". */
const UNIT_ADJECTIVES = new Set(
  'derniers dernieres dernier derniere prochains prochaines prochain prochaine ouvres ouvrables calendaires civils civiles pleins pleines entiers entieres complets completes consecutifs consecutives last next past previous full calendar business working consecutive straight whole'.split(
    ' ',
  ),
);
/** Nouns counted in a summary: after one of them a number is a count, never a year. */
const COUNT_NOUNS = new Set(
  'facture factures devis achat achats commande commandes avoir avoirs opportunite opportunites appel appels commentaire commentaires tache taches reunion reunions evenement evenements note notes interaction interactions document documents produit produits paiement paiements relance relances client clients contact contacts visite visites article articles unite unites piece pieces echange echanges email emails mail mails message messages invoice invoices estimate estimates quote quotes purchase purchases order orders opportunity opportunities call calls comment comments task tasks event events meeting meetings product products payment payments reminder reminders customer customers visit visits item items unit units'.split(
    ' ',
  ),
);
const ORDINAL_SUFFIX = new Set('er re ere e eme em nd nde nds ndes st rd th es emes ers res eres'.split(' '));
const COMPARATIVES = new Set('plus moins more less fewer as superieur inferieur higher lower greater larger bigger smaller'.split(' '));
/** Lone words that are numbers only when a counted noun or a unit follows: "neuf factures", not "un four neuf". */
const AMBIGUOUS = new Set(['un', 'une', 'one', 'neuf', 'second', 'seconde', 'seconds', 'secondes', 'cent', 'sept']);
const ROMAN = /^(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
/** Capitals that spell a Roman numeral but are words or acronyms in these languages. */
const ROMAN_STOP = new Set('CD CV DC MC MD MM CM DM CC CL XL LI MI DI MIX DIV CIV LIV CDI CLI DCI MCD MDC DIX'.split(' '));

function romanValue(s: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]!]!;
    const b = v[s[i + 1]!] ?? 0;
    total += a < b ? -a : a;
  }
  return total;
}

interface Base {
  start: number;
  end: number;
  value: string;
  int: boolean;
  grouped?: boolean;
  ordinal?: boolean;
  magnitude?: boolean;
  ratio?: boolean;
  unplaced?: Unplaced;
  /** The single word a lone word number was read from ("un", "neuf"). */
  lone?: string;
}

const isAllCapsWord = (t: Tok | undefined) => t?.t === 'word' && t.s.length >= 2 && t.s === t.s.toUpperCase() && t.s !== t.s.toLowerCase();

export function readNumbers(text: string, lang: string, today: string | null): NumberRead[] {
  const fr = toLang(lang) === 'fr';
  const toks = lex(text, fr);
  const at = (k: number): Tok | undefined => toks[k];
  const word = (k: number): string | undefined => (toks[k]?.t === 'word' ? toks[k]!.fold : undefined);
  const sym = (k: number): string | undefined => (toks[k]?.t === 'sym' ? toks[k]!.s : undefined);
  const glued = (k: number) => !!toks[k] && !toks[k]!.sp;
  const out: (NumberRead & { from: number; to: number; explicit: boolean })[] = [];

  /** After a number's own tokens: "mille", "million", "k", "Md" multiply it. */
  function magnitude(b: Base): Base {
    const n = at(b.end);
    if (n?.t !== 'word') return b;
    const suffix = MAGNITUDE_SUFFIX[n.s];
    const mult = suffix ?? (n.sp ? multiplierWord(n.fold, fr) : undefined);
    // A suffix letter must stand alone ("k€", "12 k"), never start a word ("12 km").
    if (mult === undefined || (suffix !== undefined && at(b.end + 1)?.t === 'word' && glued(b.end + 1))) return b;
    return { ...b, value: scale(b.value, mult), end: b.end + 1, int: true, magnitude: true };
  }

  function digitsAt(i: number): Base | 'skip' {
    const tok = toks[i]!;
    // Digits spaced out one group at a time ("1 2 0 0 0", a phone number): not a figure anyone writes.
    let j = i;
    while (at(j + 1)?.t === 'num' && at(j + 1)!.start === at(j)!.end + 1 && text[at(j)!.end] === ' ' && !at(j)!.grouped && !at(j + 1)!.grouped) j++;
    if (j - i >= 2) return { start: i, end: j + 1, value: '0', int: true, unplaced: 'spaced' };
    const b: Base = { start: i, end: i + 1, value: tok.value!, int: tok.int!, grouped: tok.grouped };
    // One digit inside a word is a name, not a figure: "B2B", "3D", "A4", "MP3", "4G".
    const oneDigit = tok.s.length === 1;
    const prev = at(i - 1);
    if (prev?.t === 'word' && !tok.sp) {
      // Digits glued after letters: "x3" multiplies; more than one digit ("FY2025", "env12000") is a code.
      if (prev.fold === 'x') return { ...b, ratio: true };
      return oneDigit ? 'skip' : { ...b, unplaced: 'code' };
    }
    const next = at(i + 1);
    if (next?.t === 'word' && !next.sp) {
      if (ORDINAL_SUFFIX.has(next.fold)) return { ...b, end: i + 2, ordinal: true };
      if (MAGNITUDE_SUFFIX[next.s] !== undefined) return magnitude(b);
      if (!(next.fold in UNITS) && next.fold !== 'x' && !TAX_WORDS.has(next.s)) return oneDigit ? 'skip' : { ...b, end: i + 2, unplaced: 'code' };
    }
    return magnitude(b);
  }

  /** Is a counted noun or a unit next (one adjective may stand between)? */
  function unitOrNounAfter(k: number): boolean {
    const counted = (w: string | undefined) => w !== undefined && (COUNT_NOUNS.has(w) || w in UNITS || w in CURRENCY_WORDS);
    const s = sym(k);
    if (s === '%' || (s !== undefined && s in CURRENCY_SYMBOLS)) return true;
    return counted(word(k)) || (word(k) !== undefined && counted(word(k + 1)));
  }
  const ilYaBefore = (k: number) => word(k - 3) === 'il' && word(k - 2) === 'y' && word(k - 1) === 'a';

  function wordsAt(i: number): Base | 'skip' | null {
    const tok = toks[i]!;
    const lower = tok.s.toLowerCase();
    if (lower in RATIO_WORDS) return { start: i, end: i + 1, value: String(RATIO_WORDS[lower]), int: false, ratio: true };
    if (APPROXIMATE.has(tok.fold)) return { start: i, end: i + 1, value: '0', int: true, unplaced: 'approximate' };
    // "a month ago", "an hour ago": the article stands for one.
    if ((tok.fold === 'a' || tok.fold === 'an') && word(i + 1) !== undefined && word(i + 1)! in UNITS && word(i + 2) === 'ago')
      return { start: i, end: i + 1, value: '1', int: true };
    const r = readWords(toks, i, fr);
    if (!r) return null;
    // A number word hyphenated to another word is part of a noun: "mille-feuille", "quatre-quarts", "one-off".
    if (sym(r.end) === '-' && glued(r.end) && at(r.end + 1)?.t === 'word' && glued(r.end + 1) && !isNumberWord(word(r.end + 1)!, fr)) {
      const after = word(r.end + 1)!;
      if (after in RATIO_WORDS) return { start: i, end: r.end + 2, value: String(RATIO_WORDS[after]), int: false, ratio: true };
      return 'skip';
    }
    if (sym(i - 1) === '-' && glued(i) && at(i - 2)?.t === 'word' && glued(i - 1) && !isNumberWord(word(i - 2)!, fr)) return 'skip';
    const base: Base = { start: i, end: r.end, value: String(r.value), int: true, ordinal: r.ordinal };
    if (r.words === 1) {
      const w = tok.fold;
      // "premier", "first" name the first purchase, the first invoice: rank 1, always true of something listed.
      if (w === 'sept' && !fr && tok.s === 'Sept') return null; // the month
      if (AMBIGUOUS.has(w)) {
        if (w === 'un' || w === 'une') {
          // The indefinite article: a number only in "il y a un mois" / "a month ago" shapes.
          const unit = word(r.end);
          const isDuration = unit !== undefined && ['days', 'weeks', 'months', 'years'].includes(UNITS[unit] as string);
          if (!(isDuration && (ilYaBefore(i) || word(r.end + 1) === 'ago'))) return null;
        } else if (!unitOrNounAfter(r.end)) return null;
        base.lone = w;
      }
    }
    return magnitude(base);
  }

  function romanAt(i: number): Base | null {
    const tok = toks[i]!;
    const m = /^([MDCLXVI]{2,})(e|er|ème|eme|th|st|nd|rd)?$/.exec(tok.s);
    if (!m || !ROMAN.test(m[1]!) || ROMAN_STOP.has(m[1]!)) return null;
    // In a text written in capitals the letters are words, not numerals.
    const prevWord = toks
      .slice(0, i)
      .reverse()
      .find((t) => t.t === 'word');
    const nextWord = toks.slice(i + 1).find((t) => t.t === 'word');
    if (isAllCapsWord(prevWord) || isAllCapsWord(nextWord)) return null;
    return magnitude({ start: i, end: i + 1, value: String(romanValue(m[1]!)), int: true, ordinal: !!m[2] });
  }

  function classify(b: Base): { read: NumberRead; end: number; explicit: boolean } {
    const raw = text.slice(toks[b.start]!.start, toks[b.end - 1]!.end);
    const bare = (kinds: FigureKind[], end: number, explicit: boolean, extra: Partial<NumberRead> = {}) => ({
      read: { raw, value: b.value, kinds, ...extra },
      end,
      explicit,
    });
    if (b.unplaced) return bare([], b.end, true, { unplaced: b.unplaced });
    if (b.ratio) return bare(['ratio'], b.end, true);
    const k = b.end;

    // Before the number: a currency, a reference mark, "il y a".
    let p = b.start - 1;
    if ((sym(p) === '-' || sym(p) === '+') && glued(b.start)) p--;
    const ps = sym(p);
    if (ps !== undefined && ps in CURRENCY_SYMBOLS) {
      const prefix = at(p - 1)?.t === 'word' && glued(p) ? DOLLAR_PREFIX[at(p - 1)!.s] : undefined;
      return bare(['amount'], k, true, { currency: ps === '$' && prefix ? prefix : CURRENCY_SYMBOLS[ps] });
    }
    if (at(p)?.t === 'word' && ISO_CODES.has(at(p)!.s)) return bare(['amount'], k, true, { currency: at(p)!.s });
    if (ps === '#' || (ps === '°' && (word(p - 1) === 'n' || word(p - 1) === 'no')) || ['numero', 'number', 'num', 'ref'].includes(word(p) ?? ''))
      return bare(['ref'], k, true);
    if (ps === '.' && word(p - 1) === 'no' && at(p - 1)!.s !== 'no') return bare(['ref'], k, true);
    if (ps === '×') return bare(['ratio'], k, true);
    const ago = ilYaBefore(b.start);

    if (b.ordinal) return bare(['rank'], k, true);

    // After it: %, a currency, a unit.
    const s0 = sym(k);
    if (s0 === '%') return bare(['percent'], k + 1, true);
    if (s0 === '‰') return bare([], k + 1, true, { unplaced: 'unit' });
    const w0 = word(k);
    if ((w0 === 'pour' || w0 === 'per') && word(k + 1) === 'cent') return bare(['percent'], k + 2, true);
    if (w0 === 'pourcent' || w0 === 'percent' || w0 === 'pct') return bare(['percent'], k + 1, true);
    if (s0 !== undefined && s0 in CURRENCY_SYMBOLS) {
      const suffix = s0 === '$' && at(k + 1)?.t === 'word' && glued(k + 1) ? DOLLAR_PREFIX[at(k + 1)!.s] : undefined;
      return bare(['amount'], suffix ? k + 2 : k + 1, true, { currency: suffix ?? CURRENCY_SYMBOLS[s0] });
    }
    if (at(k)?.t === 'word' && ISO_CODES.has(at(k)!.s)) return bare(['amount'], k + 1, true, { currency: at(k)!.s });
    {
      // "douze mille euros", "deux millions d'euros", "a million dollars"
      let q = k;
      if (word(q) === 'de' || word(q) === 'of') q++;
      else if (word(q) === 'd' && sym(q + 1) === "'") q += 2;
      const cw = word(q);
      if (cw !== undefined && cw in CURRENCY_WORDS) return bare(['amount'], q + 1, true, { currency: CURRENCY_WORDS[cw] });
    }
    if (at(k)?.t === 'word' && TAX_WORDS.has(at(k)!.s)) return bare(['amount'], k + 1, true);
    // Times of day: "14h30", "14:30", "9 h".
    if ((w0 === 'h' && (at(k + 1)?.t === 'num' ? glued(k + 1) : true)) || (s0 === ':' && glued(k) && at(k + 1)?.t === 'num' && glued(k + 1)))
      return bare([], at(k + 1)?.t === 'num' ? k + 2 : k + 1, true, { unplaced: 'time' });
    let u = k;
    if (w0 !== undefined && UNIT_ADJECTIVES.has(w0) && word(k + 1) !== undefined && word(k + 1)! in UNITS) u = k + 1;
    // "l'", "d'", "m'" are elisions ("en 2025 l'activité"), never a litre or a metre.
    const unitWord = sym(u + 1) === "'" && glued(u + 1) ? undefined : word(u);
    if (unitWord !== undefined && unitWord in UNITS) {
      const unit = UNITS[unitWord]!;
      if (unit === 'time' || unit === 'measure' || unit === 'unit') return bare([], u + 1, true, { unplaced: unit });
      const kind = unit as FigureKind;
      // "il y a 3 jours", "3 days ago" name a day: true when it is a date of the summary. "Three weeks ago" is
      // a rounding of some number of days: only true as a duration the code states (none, usually).
      const isAgo = ago || word(u + 1) === 'ago';
      const end = word(u + 1) === 'ago' ? u + 2 : u + 1;
      if (isAgo && kind === 'days') return bare([], end, true, today ? { agoDate: shiftDays(today, -Number(b.value)) } : {});
      return bare([kind], end, true);
    }
    if (s0 === '×' || (w0 === 'x' && glued(k))) return bare(['ratio'], k + 1, true);
    if (w0 === 'fois' || w0 === 'times') {
      const ratio = COMPARATIVES.has(word(k + 1) ?? '');
      return bare([ratio ? 'ratio' : 'count'], k + 1, true);
    }
    if (b.magnitude) return bare(['amount', 'count'], k, false);
    if (w0 !== undefined && COUNT_NOUNS.has(w0)) return bare(['count'], k, true);
    const n = Number(b.value);
    if (b.int && !b.grouped && /^\d{4}$/.test(b.value) && n >= 1900 && n <= 2199) return bare(['year', 'count'], k, false);
    if (b.int) return bare(['count'], k, false);
    return bare(['amount', 'count', 'days'], k, false);
  }

  let i = 0;
  while (i < toks.length) {
    const tok = toks[i]!;
    let b: Base | 'skip' | null = null;
    if (tok.t === 'num') b = digitsAt(i);
    else if (tok.t === 'word') b = wordsAt(i) ?? romanAt(i);
    if (b === 'skip') {
      i++;
      while (toks[i] && (toks[i]!.t !== 'word' || !toks[i]!.sp) && toks[i]!.t !== 'num') i++;
      continue;
    }
    if (!b) {
      i++;
      continue;
    }
    const c = classify(b);
    out.push({ ...c.read, from: b.start, to: c.end, explicit: c.explicit });
    i = Math.max(c.end, i + 1);
  }

  // "12 à 15 jours", "entre 2 et 3 %", "10-12 k€": a bare number takes the unit of the one it ranges to.
  for (let m = out.length - 2; m >= 0; m--) {
    const a = out[m]!;
    const bNext = out[m + 1]!;
    if (a.explicit || !bNext.explicit || bNext.kinds.length === 0 || bNext.agoDate) continue;
    const between = toks.slice(a.to, bNext.from);
    const connector = between.length === 1 && (['-', '–'].includes(between[0]!.s) || ['a', 'to', 'ou', 'or', 'et', 'and'].includes(between[0]!.fold));
    if (!connector) continue;
    a.kinds = [...bNext.kinds];
    a.explicit = true;
    if (bNext.currency) a.currency = bNext.currency;
  }
  return out.map(({ from: _f, to: _t, explicit: _e, ...r }) => r);
}
