// A generated text is read the way a person sees it: a digit is a digit whatever its script or width, a space is
// a space whatever its width, and characters nobody sees are gone. The checks read this folded text, never the
// raw one, so "１２ ０００ €", "𝟏𝟐 000 €" and "١٢ ٠٠٠ €" all read 12 000 €.

/** Format characters (zero-width, bidi controls, soft hyphen, tags…): invisible, so they must not split a number. */
const FORMAT = /\p{Cf}/gu;
const DECIMAL_DIGIT = /\p{Nd}/u;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;

/**
 * The value of a decimal digit of any script. Unicode encodes every set of decimal digits as ten consecutive code
 * points, 0 to 9 (a stability guarantee), and adjacent sets each start at their zero: the distance to the start
 * of the run, modulo 10, is the value.
 */
export function digitValue(ch: string): number {
  let cp = ch.codePointAt(0)!;
  const self = cp;
  while (cp > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - 1))) cp--;
  return (self - cp) % 10;
}

/**
 * NFKC (full-width, mathematical, superscript and circled digits, ligatures, "Ⅻ" → "XII", no-break and narrow
 * no-break spaces → space), then the digits NFKC leaves alone (Arabic-Indic, Devanagari…) mapped to 0-9, every
 * dash a hyphen can stand for made "-", every apostrophe "'", every space but the newline " ".
 */
export function foldForReading(text: string): string {
  return text
    .replace(FORMAT, '')
    .normalize('NFKC')
    .replace(NON_ASCII_DIGIT, (d) => String(digitValue(d)))
    .replace(/[\u066B]/g, '.') // Arabic decimal separator
    .replace(/[\u066C]/g, ',') // Arabic thousands separator
    .replace(/[\u2010-\u2013\u2212\uFE63]/g, '-')
    .replace(/[\u2018\u2019\u201B\u02BC\u00B4\u2032]/g, "'")
    .replace(/[\u3002\uFF61]/g, '.')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]/g, ' ');
}

/** Letters other scripts lend to a look-alike address ("ѕеllѕу.соm" in Cyrillic): folded to the Latin ones. */
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ɩ: 'i',
  ı: 'i',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ℓ: 'l',
};
const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');

/** foldForReading, lower case, accents removed and look-alike letters made Latin: for matching words and addresses. */
export function foldForMatching(text: string): string {
  return foldForReading(text)
    .toLowerCase()
    .replace(CONFUSABLE_RE, (c) => CONFUSABLES[c]!)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** A word without its accents, lower case: the key the number words are looked up by ("Deuxième" → "deuxieme"). */
export function foldWord(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}
