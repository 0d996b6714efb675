// Dates in prose, French and English, as people write them: "2026-09-19", "19/09/2026", "19.09.26", "1er déc.
// 2026", "le premier décembre", "December 1st, 2026", "the third of March", "mars 2026", and the relative ones
// that name a day or a period from today ("hier", "yesterday", "la semaine dernière", "last month", "lundi
// dernier"). Each is read into what it could mean; the check passes it when one reading is a computed date.

export interface DateRead {
  raw: string;
  /** Start and end (inclusive) of each reading, ISO; a day is a range of one. */
  ranges: [string, string][];
  /** For a month and day without a year ("12 mars"): any year fits. */
  monthDay?: [number, number][];
  /** The readings that are one exact day, for trusted texts. */
  exact: string[];
}

const FR_MONTHS: [string, number][] = [
  ['janvier', 1],
  ['janv', 1],
  ['février', 2],
  ['fevrier', 2],
  ['févr', 2],
  ['fevr', 2],
  ['mars', 3],
  ['avril', 4],
  ['avr', 4],
  ['mai', 5],
  ['juin', 6],
  ['juillet', 7],
  ['juil', 7],
  ['août', 8],
  ['aout', 8],
  ['septembre', 9],
  ['sept', 9],
  ['octobre', 10],
  ['oct', 10],
  ['novembre', 11],
  ['nov', 11],
  ['décembre', 12],
  ['decembre', 12],
  ['déc', 12],
  ['dec', 12],
];
// English month names only capitalised: "may" is also a verb, "march" a walk.
const EN_MONTHS: [string, number][] = [
  ['January', 1],
  ['Jan', 1],
  ['February', 2],
  ['Feb', 2],
  ['March', 3],
  ['Mar', 3],
  ['April', 4],
  ['Apr', 4],
  ['May', 5],
  ['June', 6],
  ['Jun', 6],
  ['July', 7],
  ['Jul', 7],
  ['August', 8],
  ['Aug', 8],
  ['September', 9],
  ['Sept', 9],
  ['Sep', 9],
  ['October', 10],
  ['Oct', 10],
  ['November', 11],
  ['Nov', 11],
  ['December', 12],
  ['Dec', 12],
];
const MONTHS = new Map<string, number>();
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
for (const [name, n] of FR_MONTHS) {
  MONTHS.set(name, n);
  MONTHS.set(cap(name), n);
}
for (const [name, n] of EN_MONTHS) MONTHS.set(name, n);
const byLength = (a: string, b: string) => b.length - a.length;
const MONTH_ALT = [...MONTHS.keys()].sort(byLength).join('|');

// Days in words: French says "le premier", then cardinals; English uses ordinals ("the third of March").
const FR_UNITS = ['un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'];
const FR_DAYS: [string, number][] = [
  ['premier', 1],
  ...FR_UNITS.map((w, i): [string, number] => [w, i + 1]),
  ...['dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize'].map((w, i): [string, number] => [w, i + 10]),
  ['dix-sept', 17],
  ['dix-huit', 18],
  ['dix-neuf', 19],
  ['vingt', 20],
  ['vingt et un', 21],
  ['vingt-et-un', 21],
  ...FR_UNITS.slice(1).map((w, i): [string, number] => [`vingt-${w}`, i + 22]),
  ['trente', 30],
  ['trente et un', 31],
  ['trente-et-un', 31],
];
const EN_ORD = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const EN_DAYS: [string, number][] = [
  ...EN_ORD.map((w, i): [string, number] => [w, i + 1]),
  ...['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'].map(
    (w, i): [string, number] => [w, i + 10],
  ),
  ['twentieth', 20],
  ...EN_ORD.map((w, i): [string, number] => [`twenty-${w}`, i + 21]),
  ['thirtieth', 30],
  ['thirty-first', 31],
];
const DAY_WORDS = new Map<string, number>();
for (const [w, n] of [...FR_DAYS, ...EN_DAYS]) {
  DAY_WORDS.set(w, n);
  DAY_WORDS.set(cap(w), n);
}
const DAY_WORD_ALT = [...DAY_WORDS.keys()].sort(byLength).join('|');
const ORD = '(?:er|re|ère|e|ème|eme|è|st|nd|rd|th)?';
const DAY = `(\\d{1,2}${ORD}|${DAY_WORD_ALT})`;
const B = '(?<![\\p{L}\\p{N}])'; // a start boundary that knows accented letters
const E = '(?![\\p{L}\\p{N}])';

const pad = (n: number) => String(n).padStart(2, '0');
export function isoOf(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 ? `${y}-${pad(m)}-${pad(d)}` : null;
}
const dayOf = (s: string) => DAY_WORDS.get(s) ?? Number.parseInt(s, 10);
const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
const exactly = (raw: string, isos: (string | null)[]): DateRead | null => {
  const days = isos.filter((x): x is string => !!x);
  return days.length ? { raw, ranges: days.map((d) => [d, d]), exact: days } : null;
};

function dayMonthYear(raw: string, day: number, monthName: string, year: string | undefined): DateRead | null {
  const month = MONTHS.get(monthName)!;
  if (year === undefined) return day >= 1 && day <= 31 ? { raw, ranges: [], monthDay: [[month, day]], exact: [] } : null;
  return exactly(raw, [isoOf(Number(year), month, day)]);
}
const monthRange = (y: number, m: number): [string, string] => [
  `${y}-${pad(m)}-01`,
  `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`,
];

const ABSOLUTE: { re: RegExp; read: (m: RegExpExecArray) => DateRead | null }[] = [
  {
    re: new RegExp(`${B}(\\d{4})-(\\d{2})-(\\d{2})(?:[T ][\\d:.]+Z?)?${E}`, 'gu'),
    read: (m) => exactly(m[0], [isoOf(+m[1]!, +m[2]!, +m[3]!)]),
  },
  {
    // 01/03/2026 (fr: day first) or 03/01/2026 (en: month first): both readings are offered; also 01.03.26.
    re: new RegExp(`${B}(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${E}`, 'gu'),
    read: (m) => {
      const y = fullYear(m[4]!);
      return exactly(m[0], [isoOf(y, +m[3]!, +m[1]!), isoOf(y, +m[1]!, +m[3]!)]);
    },
  },
  {
    // 1 mars 2026, 1er mars 2026, le premier mars, 1 March 2026, 1st of March 2026, the third of March
    re: new RegExp(`${B}${DAY}\\s+(?:of\\s+)?(${MONTH_ALT})\\.?(?:,?\\s+(\\d{4}))?${E}`, 'gu'),
    read: (m) => dayMonthYear(m[0], dayOf(m[1]!), m[2]!, m[3]),
  },
  {
    // Mar 1, 2026, March 1st 2026, March the third
    re: new RegExp(`${B}(${MONTH_ALT})\\.?\\s+(?:the\\s+)?${DAY}(?:,?\\s+(\\d{4}))?${E}`, 'gu'),
    read: (m) => dayMonthYear(m[0], dayOf(m[2]!), m[1]!, m[3]),
  },
  {
    // mars 2026, March 2026, March of 2026
    re: new RegExp(`${B}(${MONTH_ALT})\\.?\\s+(?:of\\s+)?(\\d{4})${E}`, 'gu'),
    read: (m) => ({ raw: m[0], ranges: [monthRange(+m[2]!, MONTHS.get(m[1]!)!)], exact: [] }),
  },
  {
    // 19/09 (no year): a day of a month, either order.
    re: new RegExp(`${B}(\\d{1,2})/(\\d{1,2})(?![\\p{L}\\p{N}/])`, 'gu'),
    read: (m) => {
      const a: [number, number] = [+m[2]!, +m[1]!];
      const b: [number, number] = [+m[1]!, +m[2]!];
      const ok = ([mo, d]: [number, number]) => mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
      const readings = [a, b].filter(ok);
      return readings.length ? { raw: m[0], ranges: [], monthDay: readings, exact: [] } : null;
    },
  },
];

function shift(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
function weekdayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
}

const WEEKDAYS: Record<string, number> = {
  dimanche: 0,
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
const WEEKDAY_ALT = Object.keys(WEEKDAYS).join('|');

/** Relative dates, on text folded for matching (lower case, no accents), against today. */
const RELATIVE: { re: RegExp; read: (m: RegExpExecArray, today: string) => [string, string][] }[] = [
  { re: /(?<![\p{L}])(?:avant-hier|the day before yesterday)(?![\p{L}])/gu, read: (_m, t) => [[shift(t, -2), shift(t, -2)]] },
  { re: /(?<![\p{L}-])(?:hier|yesterday)(?![\p{L}])/gu, read: (_m, t) => [[shift(t, -1), shift(t, -1)]] },
  {
    re: /(?<![\p{L}])(?:la semaine (?:derniere|passee)|last week|the previous week|the past week)(?![\p{L}])/gu,
    read: (_m, t) => {
      const monday = shift(t, -((weekdayOf(t) + 6) % 7) - 7);
      return [[monday, shift(monday, 6)]];
    },
  },
  {
    re: /(?<![\p{L}])(?:le mois (?:dernier|passe)|last month|the previous month)(?![\p{L}])/gu,
    read: (_m, t) => {
      const [y, m] = t.split('-').map(Number) as [number, number];
      return [m === 1 ? monthRange(y - 1, 12) : monthRange(y, m - 1)];
    },
  },
  {
    re: /(?<![\p{L}])(?:l'an (?:dernier|passe)|l'annee (?:derniere|passee)|last year|the previous year)(?![\p{L}])/gu,
    read: (_m, t) => {
      const y = Number(t.slice(0, 4)) - 1;
      return [[`${y}-01-01`, `${y}-12-31`]];
    },
  },
  {
    re: new RegExp(`(?<![\\p{L}])(?:(${WEEKDAY_ALT}) (?:dernier|passe)|last (${WEEKDAY_ALT}))(?![\\p{L}])`, 'gu'),
    read: (m, t) => {
      const wd = WEEKDAYS[(m[1] ?? m[2])!]!;
      const back = (weekdayOf(t) - wd + 7) % 7 || 7;
      return [[shift(t, -back), shift(t, -back)]];
    },
  },
];

/** Lower case without accents, one character for one, so that a match's index is also the original's. */
function foldSameLength(text: string): string {
  let out = '';
  for (const c of text) {
    const f = c.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    out += f.length === c.length ? f : c;
  }
  return out;
}

/**
 * Finds the dates of a text (already folded for reading) and returns them with the text where each was found
 * blanked out, so that their digits are not read again as numbers.
 */
export function readDates(text: string, today: string | null): { dates: DateRead[]; rest: string } {
  const dates: DateRead[] = [];
  let rest = text;
  for (const { re, read } of ABSOLUTE) {
    rest = rest.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const got = read(m);
      if (!got) return m[0];
      dates.push(got);
      return ' \u0001 ';
    });
  }
  // Relative dates name no digit: they are found on a copy folded character by character (same length, so
  // positions match), and need today to mean anything.
  let folded = foldSameLength(rest);
  for (const { re, read } of RELATIVE) {
    for (const m of folded.matchAll(re)) {
      const raw = rest.slice(m.index, m.index + m[0].length);
      dates.push(today ? { raw, ranges: read(m as RegExpExecArray, today), exact: [] } : { raw, ranges: [], exact: [] });
      const blank = (s: string) => s.slice(0, m.index) + ' '.repeat(m[0].length) + s.slice(m.index + m[0].length);
      rest = blank(rest);
      folded = blank(folded);
    }
  }
  return { dates, rest };
}

export function dateAllowed(d: DateRead, allowedDates: string[]): boolean {
  for (const [from, to] of d.ranges) if (allowedDates.some((x) => x >= from && x <= to)) return true;
  for (const [m, day] of d.monthDay ?? []) if (allowedDates.some((x) => x.endsWith(`-${pad(m)}-${pad(day)}`))) return true;
  return false;
}

export { shift as shiftDays };
