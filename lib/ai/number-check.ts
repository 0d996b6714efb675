// The LLM writes prose; code computes figures. This check holds it to that: every number and date in a
// generated text must be one the code computed, and of the same kind — an amount must be an amount of the
// summary, a percentage one of its percentages, "9 jours" one of its numbers of days, "2025" one of its years,
// a date one of its dates. Anything else — a rounded total ("82 k€"), a count stated as an amount ("2025 €"), a
// number read in a note, a total an injected note asked for, a number the reader cannot place — fails the
// text, which is then replaced by the rules' text.
//
// Numbers are read as people write them (number-read.ts): in digits of any script, grouped any way, in words,
// with magnitudes, as ordinals or Roman numerals; dates in both languages' forms, relative ones included
// (number-dates.ts). Signs are ignored (a credit note may be written without its minus).
import type { Summary } from '../summary/types';
import { dateAllowed, readDates } from './number-dates';
import { canonicalNumber, type FigureKind, readNumbers } from './number-read';
import { cleanName } from './sanitize';
import { foldForReading } from './unicode-text';

export { canonicalNumber, type FigureKind };

export interface AllowedFigures {
  /** Canonical decimal strings ("1234.5", "12") per kind of figure. */
  values: Record<FigureKind, Set<string>>;
  /** ISO currencies an amount may be written in; empty: any (a summary without a currency). */
  currencies: Set<string>;
  /** ISO calendar dates "2026-03-01". */
  dates: Set<string>;
  /** Names and document numbers the text may quote verbatim even though they hold digits ("F-2025-0012"). */
  literals: string[];
  /** The summary's today, for relative dates ("hier", "il y a 3 jours"); null: they cannot be checked. */
  today: string | null;
}

export interface NumberCheckResult {
  ok: boolean;
  /** The numbers and dates of the text that are not allowed, as written. */
  offending: string[];
}

const KINDS: FigureKind[] = ['amount', 'count', 'percent', 'days', 'weeks', 'months', 'years', 'year', 'rank', 'ratio', 'ref'];

export function emptyFigures(today: string | null = null): AllowedFigures {
  const values = Object.fromEntries(KINDS.map((k) => [k, new Set<string>()])) as Record<FigureKind, Set<string>>;
  return { values, currencies: new Set(), dates: new Set(), literals: [], today };
}

/** A copy whose sets can be added to without touching the original. */
export function copyFigures(a: AllowedFigures): AllowedFigures {
  const values = Object.fromEntries(KINDS.map((k) => [k, new Set(a.values[k])])) as Record<FigureKind, Set<string>>;
  return { values, currencies: new Set(a.currencies), dates: new Set(a.dates), literals: [...a.literals], today: a.today };
}

export function addFigure(a: AllowedFigures, kind: FigureKind, v: number | string): void {
  const s = String(v).replace(/^-/, '');
  if (DECIMAL.test(s)) a.values[kind].add(canonicalNumber(s));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
// Keys whose values are identifiers or free text, not figures: ids are never stated, free text is data.
const SKIP_KEYS = new Set(['id', 'itemId', 'declinationId', 'text', 'summary', 'action', 'reason', 'warnings', 'sources', 'evidence']);
const LITERAL_KEYS = new Set(['number', 'name', 'reference', 'pipeline', 'step']);
/** The kind of each figure of the summary, by its key (lib/summary/types.ts). */
const KIND_OF_KEY: Record<string, FigureKind> = {
  amount: 'amount',
  total: 'amount',
  remaining: 'amount',
  revenue: 'amount',
  totalPurchases: 'amount',
  averageBasket: 'amount',
  count: 'count',
  comments: 'count',
  tasks: 'count',
  calls: 'count',
  events: 'count',
  latePayments: 'count',
  averagePerYear: 'count',
  quantity: 'count',
  excludedOtherCurrency: 'count',
  daysLate: 'days',
  averagePaymentDelayDays: 'days',
  probability: 'percent',
  year: 'year',
};
/** The windows the prompts and the rules' texts state in words: six months of interactions, three years of sales. */
export const WINDOWS: Partial<Record<FigureKind, number[]>> = { months: [6], years: [3] };

/** Extra figures by kind; a plain list is counts (the number of notes given, "and 3 more not listed"). */
export type ExtraFigures = (number | string)[] | Partial<Record<FigureKind, (number | string)[]>>;

export function addExtras(a: AllowedFigures, extra: ExtraFigures): void {
  if (Array.isArray(extra)) for (const n of extra) addFigure(a, 'count', n);
  else for (const [k, list] of Object.entries(extra)) for (const n of list ?? []) addFigure(a, k as FigureKind, n);
}

/**
 * Every figure of the summary with its kind (by key: amounts, counts, days, percentages, years), every date and
 * its year, the currencies, the names and numbers of documents, the windows, plus `extra`.
 */
export function allowedFiguresOf(summary: Summary, extra: ExtraFigures = []): AllowedFigures {
  const a = emptyFigures(summary.today ?? null);
  const literals = new Set<string>();
  const addDate = (iso: string) => {
    const m = ISO_DATE.exec(iso);
    if (!m) return;
    a.dates.add(`${m[1]}-${m[2]}-${m[3]}`);
    addFigure(a, 'year', m[1]!);
  };
  const walk = (value: unknown, key: string) => {
    if (value === null || value === undefined || SKIP_KEYS.has(key)) return;
    const kind = KIND_OF_KEY[key];
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || !kind) return;
      addFigure(a, kind, value);
      if (key === 'probability' && value > 0 && value <= 1) addFigure(a, 'percent', Math.round(value * 100));
    } else if (typeof value === 'string') {
      if (LITERAL_KEYS.has(key)) {
        // As stored, and as the prompt shows it (cleaned): the model can only have copied the latter.
        for (const v of [value, cleanName(value)]) if (/\d/.test(v) && v.trim()) literals.add(v.trim());
      } else if (key === 'currency') {
        if (/^[A-Z]{3}$/.test(value)) a.currencies.add(value);
      } else if (ISO_DATE.test(value)) addDate(value);
      else if (kind && DECIMAL.test(value)) addFigure(a, kind, value);
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v, key);
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(summary, '');
  // The client's name may hold digits ("Studio 54"); so may a type or currency code. None is a figure.
  if (/\d/.test(summary.client.name)) literals.add(summary.client.name);
  addExtras(a, WINDOWS);
  addExtras(a, extra);
  a.literals = quotable([...literals]);
  return a;
}

/**
 * Literals are matched in the folded text, longest first. One without a letter is not kept: a product named
 * "1000" would otherwise let any "1000" through.
 */
function quotable(literals: string[]): string[] {
  return [...new Set(literals.map((l) => foldForReading(l).trim()))].filter((l) => /\p{L}/u.test(l)).sort((x, y) => y.length - x.length);
}

/** Adds the numbers and dates found in texts computed by code (the rules' recommendations), each with its kind. */
export function allowFromTrustedText(allowed: AllowedFigures, text: string, lang: string): void {
  const { numbers, dates } = readAll(text, lang, allowed);
  for (const n of numbers) for (const k of n.kinds) allowed.values[k].add(n.value);
  for (const d of dates) for (const iso of d.exact) allowed.dates.add(iso);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readAll(text: string, lang: string, allowed: AllowedFigures) {
  let t = foldForReading(text);
  for (const lit of allowed.literals) {
    const open = /^[\p{L}\p{N}]/u.test(lit) ? '(?<![\\p{L}\\p{N}])' : '';
    const close = /[\p{L}\p{N}]$/u.test(lit) ? '(?![\\p{L}\\p{N}])' : '';
    t = t.replace(new RegExp(`${open}${escapeRe(lit)}${close}`, 'giu'), ' \u0001 ');
  }
  const { dates, rest } = readDates(t, allowed.today);
  return { dates, numbers: readNumbers(rest, lang, allowed.today) };
}

const ONE = '1';

export function checkNumbers(text: string, allowed: AllowedFigures, lang: string): NumberCheckResult {
  const offending: string[] = [];
  const allowedDates = [...allowed.dates];
  const { numbers, dates } = readAll(text, lang, allowed);
  for (const d of dates) if (!dateAllowed(d, allowedDates)) offending.push(d.raw.trim());
  for (const n of numbers) {
    const ok =
      n.kinds.some((k) => {
        if (!allowed.values[k].has(n.value)) {
          // "premier", "first", "3e": a rank is true when the count it ranks in exists; the first always is.
          if (k !== 'rank') return false;
          if (n.value !== ONE && !allowed.values.count.has(n.value)) return false;
        }
        // An amount in another currency than the summary's is not the same figure.
        return k !== 'amount' || !n.currency || allowed.currencies.size === 0 || allowed.currencies.has(n.currency);
      }) ||
      (!!n.agoDate && allowed.dates.has(n.agoDate));
    if (!ok) offending.push(n.raw.trim());
  }
  return { ok: offending.length === 0, offending };
}
