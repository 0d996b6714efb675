// The LLM writes prose; code computes figures. This check holds it to that: every number and date in a
// generated text must be one the code computed (a figure of the summary, a count, a year, the date of a
// document or interaction it was given). Anything else — a rounded total, a number read in a note, a total an
// injected note asked for — fails the text, which is then replaced by the rules' text.
//
// Numbers are compared by value, so "1 234,50 €" (fr, narrow no-break spaces), "€1,234.50" (en) and the raw
// "1234.50" are the same figure. Signs are ignored (a credit note may be written without its minus).
// Not checked: numbers written in words ("trois factures").
import type { Summary } from '../summary/types';
import { toLang } from '../words/lang';
import { cleanName } from './sanitize';

export interface AllowedFigures {
  /** Canonical decimal strings: "1234.5", "12", "2025". */
  numbers: Set<string>;
  /** ISO calendar dates "2026-03-01". */
  dates: Set<string>;
  /** Names and document numbers the text may quote verbatim even though they hold digits ("F-2025-0012"). */
  literals: string[];
}

export interface NumberCheckResult {
  ok: boolean;
  /** The numbers and dates of the text that are not allowed, as written. */
  offending: string[];
}

/** "001234.500" → "1234.5"; "0.00" → "0". Input: digits with an optional "." decimal point. */
export function canonicalNumber(plain: string): string {
  const [intRaw = '', fracRaw = ''] = plain.split('.');
  const int = intRaw.replace(/^0+(?=\d)/, '') || '0';
  const frac = fracRaw.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
// Keys whose values are identifiers or free text, not figures: ids are never stated, free text is data.
const SKIP_KEYS = new Set(['id', 'itemId', 'declinationId', 'text', 'summary', 'action', 'reason', 'warnings', 'sources', 'evidence']);
const LITERAL_KEYS = new Set(['number', 'name', 'reference', 'pipeline', 'step']);

/**
 * Every figure of the summary (raw and, through value comparison, formatted), every date and its year, the
 * names and numbers of documents, plus `extraNumbers` (e.g. the six-month window, the number of items given).
 */
export function allowedFiguresOf(summary: Summary, extraNumbers: (number | string)[] = []): AllowedFigures {
  const numbers = new Set<string>();
  const dates = new Set<string>();
  const literals = new Set<string>();
  const addNumber = (v: number | string) => {
    const s = String(v).replace(/^-/, '');
    if (DECIMAL.test(s)) numbers.add(canonicalNumber(s));
  };
  const addDate = (iso: string) => {
    const m = ISO_DATE.exec(iso);
    if (!m) return;
    dates.add(`${m[1]}-${m[2]}-${m[3]}`);
    addNumber(m[1]!);
  };
  const walk = (value: unknown, key: string) => {
    if (value === null || value === undefined || SKIP_KEYS.has(key)) return;
    if (typeof value === 'number') {
      if (Number.isFinite(value)) addNumber(value);
      if (key === 'probability' && value > 0 && value <= 1) addNumber(Math.round(value * 100));
    } else if (typeof value === 'string') {
      if (LITERAL_KEYS.has(key)) {
        // As stored, and as the prompt shows it (cleaned): the model can only have copied the latter.
        for (const v of [value, cleanName(value)]) if (/\d/.test(v) && v.trim()) literals.add(v.trim());
      } else if (ISO_DATE.test(value)) addDate(value);
      else if (DECIMAL.test(value)) addNumber(value);
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v, key);
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(summary, '');
  // The client's name may hold digits ("Studio 54"); so may a type or currency code. None is a figure.
  if (/\d/.test(summary.client.name)) literals.add(summary.client.name);
  for (const n of extraNumbers) addNumber(n);
  return { numbers, dates, literals: [...literals].sort((a, b) => b.length - a.length) };
}

/** Adds the numbers and dates found in texts computed by code (the rules' recommendations). */
export function allowFromTrustedText(allowed: AllowedFigures, text: string, lang: string): void {
  for (const t of tokenize(text, lang, allowed.literals)) {
    if (t.kind === 'number') allowed.numbers.add(t.value);
    else if (t.kind === 'date') allowed.dates.add(t.value);
  }
}

// ---------- reading numbers and dates out of prose ----------

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
// English month names only capitalised: "may" is also a verb.
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
for (const [name, n] of FR_MONTHS) {
  MONTHS.set(name, n);
  MONTHS.set(name[0]!.toUpperCase() + name.slice(1), n);
}
for (const [name, n] of EN_MONTHS) MONTHS.set(name, n);
const MONTH_ALT = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');
const B = '(?<![\\p{L}\\p{N}])'; // start boundary that knows accented letters
const E = '(?![\\p{L}\\p{N}])';
const ORD = '(?:er|re|e|ème|eme|st|nd|rd|th)?';

type Token =
  | { kind: 'number'; value: string; raw: string; parts?: string[] }
  | { kind: 'date'; value: string; raw: string }
  | { kind: 'day-month'; month: number; day: number; raw: string }
  | { kind: 'month-year'; month: number; year: number; raw: string };

const pad = (n: number) => String(n).padStart(2, '0');
function isoOf(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 ? `${y}-${pad(m)}-${pad(d)}` : null;
}

const DATE_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => Token | Token[] | null }[] = [
  {
    re: new RegExp(`${B}(\\d{4})-(\\d{2})-(\\d{2})(?:[T ][\\d:.]+Z?)?${E}`, 'gu'),
    read: (m) => {
      const iso = isoOf(+m[1]!, +m[2]!, +m[3]!);
      return iso ? { kind: 'date', value: iso, raw: m[0] } : null;
    },
  },
  {
    // 01/03/2026 (fr: day first) or 03/01/2026 (en: month first): both readings are offered.
    re: new RegExp(`${B}(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})${E}`, 'gu'),
    read: (m) => {
      const a = isoOf(+m[3]!, +m[2]!, +m[1]!);
      const b = isoOf(+m[3]!, +m[1]!, +m[2]!);
      return [a, b].filter((x): x is string => !!x).map((value) => ({ kind: 'date' as const, value, raw: m[0] }));
    },
  },
  {
    // 1 mars 2026, 1er mars 2026, 1 March 2026, 1st of March 2026, 12 mars
    re: new RegExp(`${B}(\\d{1,2})${ORD}\\s+(?:of\\s+)?(${MONTH_ALT})\\.?(?:,?\\s+(\\d{4}))?${E}`, 'gu'),
    read: (m) => dayMonthYear(+m[1]!, m[2]!, m[3], m[0]),
  },
  {
    // Mar 1, 2026, March 1st 2026, March 1
    re: new RegExp(`${B}(${MONTH_ALT})\\.?\\s+(\\d{1,2})${ORD}(?:,?\\s+(\\d{4}))?${E}`, 'gu'),
    read: (m) => dayMonthYear(+m[2]!, m[1]!, m[3], m[0]),
  },
  {
    // mars 2026, March 2026
    re: new RegExp(`${B}(${MONTH_ALT})\\.?\\s+(\\d{4})${E}`, 'gu'),
    read: (m) => ({ kind: 'month-year', month: MONTHS.get(m[1]!)!, year: +m[2]!, raw: m[0] }),
  },
];

function dayMonthYear(day: number, monthName: string, year: string | undefined, raw: string): Token | null {
  const month = MONTHS.get(monthName)!;
  if (year === undefined) return day >= 1 && day <= 31 ? { kind: 'day-month', month, day, raw } : null;
  const iso = isoOf(+year, month, day);
  return iso ? { kind: 'date', value: iso, raw } : null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Numbers: fr groups thousands with (narrow) no-break spaces or spaces and uses a decimal comma; en groups with
 * commas and uses a decimal point. A space-grouped number may also be two numbers side by side ("en 2025 3
 * factures"), so its parts are kept as a second reading.
 */
function numberPattern(lang: string): RegExp {
  return toLang(lang) === 'fr'
    ? /(?<![\p{L}\p{N}])\d{1,3}(?: \d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?/gu
    : /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/gu;
}

function tokenize(text: string, lang: string, literals: string[]): Token[] {
  let t = text.replace(/[\u00A0\u202F\u2007\u2009\u200A]/g, ' ').replace(/[\u2212\u2012\u2013]/g, '-');
  for (const lit of literals) t = t.replace(new RegExp(escapeRe(lit.replace(/[\u00A0\u202F]/g, ' ')), 'gi'), ' ');
  const tokens: Token[] = [];
  for (const { re, read } of DATE_PATTERNS) {
    t = t.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const got = read(m);
      if (!got || (Array.isArray(got) && got.length === 0)) return args[0] as string;
      if (Array.isArray(got)) {
        // Several readings of one date: keep them together so that one match is enough.
        tokens.push({ kind: 'date', value: got.map((g) => (g as { value: string }).value).join('|'), raw: m[0] });
      } else tokens.push(got);
      return ' ';
    });
  }
  const fr = toLang(lang) === 'fr';
  for (const m of t.matchAll(numberPattern(lang))) {
    const raw = m[0];
    const decimalSep = fr ? /,(?=\d+$)|\.(?=\d+$)/ : /\.(?=\d+$)/;
    const groupSep = fr ? / /g : /[ ,]/g;
    const plain = raw.replace(decimalSep, '#').replace(groupSep, '').replace('#', '.');
    // "1 001" is never "1" then "001": a part that starts with 0 cannot be a number of its own.
    const pieces = raw.split(' ');
    const parts =
      pieces.length > 1 && pieces.slice(1).every((p) => !p.startsWith('0')) ? pieces.map((p) => canonicalNumber(p.replace(',', '.'))) : undefined;
    tokens.push({ kind: 'number', value: canonicalNumber(plain), raw, parts });
  }
  return tokens;
}

export function checkNumbers(text: string, allowed: AllowedFigures, lang: string): NumberCheckResult {
  const offending: string[] = [];
  const allowedDates = [...allowed.dates];
  for (const tok of tokenize(text, lang, allowed.literals)) {
    let ok: boolean;
    switch (tok.kind) {
      case 'number':
        ok = allowed.numbers.has(tok.value) || (!!tok.parts && tok.parts.every((p) => allowed.numbers.has(p)));
        break;
      case 'date':
        ok = tok.value.split('|').some((d) => allowed.dates.has(d));
        break;
      case 'day-month':
        ok = allowedDates.some((d) => d.endsWith(`-${pad(tok.month)}-${pad(tok.day)}`));
        break;
      case 'month-year':
        ok = allowedDates.some((d) => d.startsWith(`${tok.year}-${pad(tok.month)}-`));
        break;
    }
    if (!ok) offending.push(tok.raw.trim());
  }
  return { ok: offending.length === 0, offending };
}
