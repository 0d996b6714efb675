// Every number, amount and date a person reads is formatted here, with Intl, from the exact strings the
// engine computed. Amount strings never pass through a float with more than 15 significant digits:
// beyond that Intl would round them, so the exact string is grouped by hand.

import { toLang } from '../words/lang';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(lang, options)));
  return f;
}

/** "1234.50" + "EUR" → "1 234,50 €" (fr) or "€1,234.50" (en). A null currency formats the bare number. */
export function formatMoney(amount: string, currency: string | null, lang: string): string {
  const options: Intl.NumberFormatOptions = currency
    ? { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }
    : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  const digits = amount.replace(/^-/, '').replace('.', '');
  if (digits.length <= 15) return numberFormat(lang, options).format(Number(amount));
  // Too long for a double: format a small stand-in and splice the exact digits into its parts.
  const [int = '0', frac = '00'] = amount.replace(/^-/, '').split('.');
  const parts = numberFormat(lang, options).formatToParts(amount.startsWith('-') ? -1.11 : 1.11);
  const group =
    numberFormat(lang, { useGrouping: true })
      .formatToParts(1000000)
      .find((p) => p.type === 'group')?.value ?? ',';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return parts.map((p) => (p.type === 'integer' ? grouped : p.type === 'fraction' ? frac : p.value)).join('');
}

/** A count or a one-decimal figure: 12 → "12", 3.5 → "3,5" (fr). */
export function formatNumber(value: number | string, lang: string, maximumFractionDigits = 1): string {
  return numberFormat(lang, { maximumFractionDigits }).format(Number(value));
}

/** A decimal quantity string, exact up to 15 digits: "2.500" → "2,5" (fr). */
export function formatQuantity(quantity: string, lang: string): string {
  return numberFormat(lang, { maximumFractionDigits: 6 }).format(Number(quantity));
}

/**
 * The two date forms, the same in every card, the Markdown copy, the terminal text and the prompts: `short` for
 * lists ("1er oct. 2026" / "Oct 1, 2026"), `long` for headline dates and sentences ("1er octobre 2026" /
 * "October 1, 2026"). Both name the month: "5/5/26" reads as May or as the fifth month only by convention.
 */
export type DateForm = 'short' | 'long';
const DATE_STYLE: Record<DateForm, 'medium' | 'long'> = { short: 'medium', long: 'long' };

/** "2026-10-01" → "1er oct. 2026" (fr) / "Oct 1, 2026" (en). A calendar date: no time zone shift. */
export function formatDate(isoDate: string, lang: string, form: DateForm = 'short'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  const key = `d|${lang}|${form}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(lang, { dateStyle: DATE_STYLE[form], timeZone: 'UTC' })));
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (toLang(lang) !== 'fr' || m[3] !== '01') return f.format(date);
  // French writes the first of the month as an ordinal ("le 1er octobre"); Intl writes "1".
  return f
    .formatToParts(date)
    .map((p) => (p.type === 'day' && /^0?1$/.test(p.value) ? '1er' : p.value))
    .join('');
}

/** How long ago, for the age of a cached summary: "il y a 3 heures" / "3 hours ago". */
export function formatAge(fromIso: string, now: Date, lang: string): string {
  const seconds = Math.round((new Date(fromIso).getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(Math.round(seconds), 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}
