// Numbers written in words, French and English: "douze mille", "quatre-vingt-dix-sept", "vingt et un",
// "twenty-one", "a hundred and five", ordinals ("troisième", "third", "vingt-et-unième"), and the words around
// numbers that multiply ("million", "k", "Md") or only approximate ("une dizaine", "dozens").
// Words are looked up without accents, lower case (foldWord), so "deuxieme" reads like "deuxième".

export const SMALL: Record<string, number> = {
  zero: 0,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  septante: 70,
  huitante: 80,
  octante: 80,
  nonante: 90,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

export const HUNDRED = new Set(['cent', 'cents', 'hundred']);

// A text in one language may borrow the other's number words ("twelve mille"), except those that are words of
// its own: "four" is an oven in French; "un", "une", "cent", "sept", "neuf", "premier" mean other things in English.
const NOT_IN_FRENCH = new Set(['four']);
const NOT_IN_ENGLISH = new Set(['un', 'une', 'cent', 'cents', 'sept', 'neuf', 'premier', 'premiere', 'premiers', 'premieres']);
const foreign = (word: string, fr: boolean) => (fr ? NOT_IN_FRENCH : NOT_IN_ENGLISH).has(word);
const small = (word: string, fr: boolean) => (foreign(word, fr) ? undefined : SMALL[word]);
const hundred = (word: string, fr: boolean) => !foreign(word, fr) && HUNDRED.has(word);
const ordinal = (word: string, fr: boolean) => (foreign(word, fr) ? undefined : ORDINALS[word]);

/** Multipliers written as words after a number ("douze mille", "1,5 million"). French "billion" is 10^12. */
export function multiplierWord(word: string, fr: boolean): number | undefined {
  switch (word) {
    case 'mille':
    case 'thousand':
      return 1e3;
    case 'million':
    case 'millions':
      return 1e6;
    case 'milliard':
    case 'milliards':
      return 1e9;
    case 'billion':
    case 'billions':
      return fr ? 1e12 : 1e9;
    case 'trillion':
      return 1e12;
    default:
      return undefined;
  }
}

/** Suffixes glued or next to digits ("82 k€", "1,2 M€", "3 Mds", "$2bn"), case as written: "m" is a metre. */
export const MAGNITUDE_SUFFIX: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  M: 1e6,
  Mio: 1e6,
  mio: 1e6,
  Mn: 1e6,
  mn: 1e6,
  Md: 1e9,
  Mds: 1e9,
  Mrd: 1e9,
  Mrds: 1e9,
  Mia: 1e9,
  bn: 1e9,
  Bn: 1e9,
  B: 1e9,
};

/** Words that only say "about so many": never a computed figure. */
export const APPROXIMATE = new Set([
  'dizaine',
  'dizaines',
  'douzaine',
  'douzaines',
  'quinzaine',
  'quinzaines',
  'vingtaine',
  'vingtaines',
  'trentaine',
  'quarantaine',
  'cinquantaine',
  'soixantaine',
  'centaine',
  'centaines',
  'millier',
  'milliers',
  'dozen',
  'dozens',
  'hundreds',
  'thousands',
  'score',
  'scores',
]);

/** Words that state a ratio the code never computed ("a doublé", "half of", "twice as many"). */
// Looked up in lower case with accents: "doublé" is a ratio, "chambre double" is a room.
export const RATIO_WORDS: Record<string, number> = {
  doublé: 2,
  doublée: 2,
  doublés: 2,
  doublées: 2,
  doublant: 2,
  doubled: 2,
  doubling: 2,
  twice: 2,
  triplé: 3,
  triplée: 3,
  triplés: 3,
  tripled: 3,
  thrice: 3,
  quadruplé: 4,
  quadrupled: 4,
  moitié: 0.5,
  half: 0.5,
  halved: 0.5,
  thirds: 0.33,
  quarters: 0.25,
  fifths: 0.2,
};

interface Ordinal {
  value: number;
  /** "centième", "millième": multiplies like "cent", "mille". */
  multiplier?: boolean;
}

const ORDINALS: Record<string, Ordinal> = {};
const addOrdinal = (words: string[], value: number, multiplier = false) => {
  for (const w of words) {
    ORDINALS[w] = { value, multiplier };
    if (!w.endsWith('s')) ORDINALS[`${w}s`] = { value, multiplier };
  }
};
addOrdinal(['premier', 'premiere', 'first'], 1);
addOrdinal(['unieme'], 1);
addOrdinal(['deuxieme', 'second', 'seconde'], 2);
addOrdinal(['troisieme', 'third'], 3);
addOrdinal(['quatrieme', 'fourth'], 4);
addOrdinal(['cinquieme', 'fifth'], 5);
addOrdinal(['sixieme', 'sixth'], 6);
addOrdinal(['septieme', 'seventh'], 7);
addOrdinal(['huitieme', 'eighth'], 8);
addOrdinal(['neuvieme', 'ninth'], 9);
addOrdinal(['dixieme', 'tenth'], 10);
addOrdinal(['onzieme', 'eleventh'], 11);
addOrdinal(['douzieme', 'twelfth'], 12);
addOrdinal(['treizieme', 'thirteenth'], 13);
addOrdinal(['quatorzieme', 'fourteenth'], 14);
addOrdinal(['quinzieme', 'fifteenth'], 15);
addOrdinal(['seizieme', 'sixteenth'], 16);
addOrdinal(['seventeenth'], 17);
addOrdinal(['eighteenth'], 18);
addOrdinal(['nineteenth'], 19);
addOrdinal(['vingtieme', 'twentieth'], 20);
addOrdinal(['trentieme', 'thirtieth'], 30);
addOrdinal(['quarantieme', 'fortieth'], 40);
addOrdinal(['cinquantieme', 'fiftieth'], 50);
addOrdinal(['soixantieme', 'sixtieth'], 60);
addOrdinal(['septantieme', 'seventieth'], 70);
addOrdinal(['huitantieme', 'octantieme', 'eightieth'], 80);
addOrdinal(['nonantieme', 'ninetieth'], 90);
addOrdinal(['centieme', 'hundredth'], 100, true);
addOrdinal(['millieme', 'thousandth'], 1e3, true);
addOrdinal(['millionieme', 'millionth'], 1e6, true);
addOrdinal(['milliardieme', 'billionth'], 1e9, true);

/** Any word that can be part of a number written in words. */
export function isNumberWord(word: string, fr: boolean): boolean {
  return small(word, fr) !== undefined || hundred(word, fr) || multiplierWord(word, fr) !== undefined || ordinal(word, fr) !== undefined;
}

export interface WordsRead {
  value: number;
  ordinal: boolean;
  /** Index after the last word token used. */
  end: number;
  /** How many number words were read (a lone "un", "neuf" or "one" is often not a number). */
  words: number;
}

/** What the reader needs of a token: its folded text when it is a word, and whether a space precedes it. */
export interface WordToken {
  t: 'num' | 'word' | 'sym';
  s: string;
  fold: string;
  sp: boolean;
}

/** May `v` follow `current` in one number ("vingt" + "trois", "soixante" + "douze"), or does a new one start? */
function continues(current: number, v: number): boolean {
  if (current === 0) return true;
  const r = current % 100;
  if (r === 0) return v < 100;
  if (r === 60 || r === 80) return v < 20;
  if (r === 10) return v >= 7 && v <= 9; // dix-sept, dix-huit, dix-neuf
  if (r % 10 === 0 && r >= 20) return v < 10;
  return false;
}

/**
 * Reads the number written in words that starts at token `i`, if any: words joined by spaces, hyphens, and "et"
 * / "and" where the languages put them ("vingt et un", "one hundred and five"). Stops before a word that would
 * not continue the same number ("deux trois" is two numbers).
 */
export function readWords(tokens: WordToken[], i: number, fr: boolean): WordsRead | null {
  let total = 0;
  let current = 0;
  let lastMultiplier = Number.POSITIVE_INFINITY;
  let words = 0;
  let isOrdinal = false;
  let j = i;
  let end = i;
  // "a hundred", "an hundred", "a thousand": the article stands for one.
  const first = tokens[i];
  if (!fr && first?.t === 'word' && (first.fold === 'a' || first.fold === 'an')) {
    const next = tokens[i + 1];
    if (next?.t === 'word' && (hundred(next.fold, fr) || multiplierWord(next.fold, fr) !== undefined)) {
      current = 1;
      words = 1;
      j = end = i + 1;
    } else return null;
  }
  while (j < tokens.length) {
    const tok = tokens[j]!;
    // Between two words of one number: one space or one hyphen.
    if (words > 0) {
      if (tok.t === 'sym' && tok.s === '-' && !tok.sp && tokens[j + 1]?.t === 'word' && !tokens[j + 1]!.sp) {
        j++;
        continue;
      }
    }
    if (tok.t !== 'word') break;
    if (words > 0 && !tok.sp && tokens[j - 1]?.t === 'word') break;
    const w = tok.fold;
    if (words > 0 && (w === 'et' || w === 'and')) {
      const next = tokens[j + 1]?.t === 'sym' && tokens[j + 1]!.s === '-' ? tokens[j + 2] : tokens[j + 1];
      const nw = next?.t === 'word' ? next.fold : '';
      const r = current % 100;
      const etOk = w === 'et' && [20, 30, 40, 50, 60].includes(r) && ['un', 'une', 'onze', 'unieme', 'onzieme'].includes(nw);
      const nv = small(nw, fr);
      const andOk = w === 'and' && (current >= 100 || total > 0) && current % 100 === 0 && nv !== undefined && nv < 100;
      if (!etOk && !andOk) break;
      j++;
      continue;
    }
    const ord = ordinal(w, fr);
    const v = small(w, fr);
    const mult = multiplierWord(w, fr);
    if (v !== undefined) {
      if ((w === 'vingt' || w === 'vingts') && current % 100 === 4)
        current += 76; // quatre-vingt(s)
      else if (continues(current, v)) current += v;
      else break;
    } else if (hundred(w, fr)) {
      if (current >= 100) break;
      current = (current || 1) * 100;
    } else if (mult !== undefined) {
      if (mult >= lastMultiplier) break;
      total += (current || 1) * mult;
      current = 0;
      lastMultiplier = mult;
    } else if (ord) {
      if (ord.multiplier) {
        if (ord.value === 100) {
          if (current >= 100) break;
          current = (current || 1) * 100;
        } else {
          if (ord.value >= lastMultiplier) break;
          total += (current || 1) * ord.value;
          current = 0;
        }
      } else if (w.startsWith('premier') && words > 0) {
        break; // "vingt et unième", never "vingt premier"
      } else if (continues(current, ord.value)) current += ord.value;
      else break;
      isOrdinal = true;
      words++;
      j++;
      end = j;
      break;
    } else break;
    words++;
    j++;
    end = j;
  }
  if (words === 0) return null;
  return { value: total + current, ordinal: isOrdinal, end, words };
}
