// Document amounts as integer cents in plain numbers. A double holds every integer up to 2^53 exactly, so a
// total of cents is exact while the magnitudes added stay below that; past it, the total goes on in bigints.
// A BigInt per document and per addition was a large share of a big client's allocations.
import { formatAmount, isDecimal, toCents } from '../decimal';

/** An amount read by readCents: its cents and its formatAmount string (what toCents gives). One object per
 * caller, overwritten by every read: a result object per document was garbage on large clients. */
export interface Cents {
  /** The cents as a number: exact when |cents| ≤ 2^53 − 1, else `big` holds them. */
  n: number;
  big: bigint | null;
  text: string;
}

// Counters that may pass 2^31 start as the double -0 (equal to 0 in every sum): a field that starts as a small
// integer and later holds a larger number makes V8 change the object's layout mid-run, and every loop compiled
// for the old layout was compiled again on the next summary.
export const centsSlot = (): Cents => ({ n: -0, big: null, text: '0.00' });

/** Cents of the most common amount form, "-?digits.dd" as formatAmount writes it (no superfluous leading zero,
 * not "-0.00"), with at most 15 digits; NaN for anything else, which takes toCents' way. */
function fastCents(s: string): number {
  const len = s.length;
  const neg = len > 0 && s.charCodeAt(0) === 45;
  const start = neg ? 1 : 0;
  const dot = len - 3;
  // At least one integer digit, at most 13 of them (15 digits of cents are always below 2^53).
  if (dot <= start || dot - start > 13 || s.charCodeAt(dot) !== 46) return Number.NaN;
  // "007.50" is written "7.50" by formatAmount: only a lone zero may lead.
  if (s.charCodeAt(start) === 48 && dot !== start + 1) return Number.NaN;
  let n = 0;
  for (let i = start; i < len; i++) {
    if (i === dot) continue;
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  // "-0.00" is written "0.00".
  if (neg && n === 0) return Number.NaN;
  return neg ? -n : n;
}

/** Whether `s` is a decimal string; if so, its cents as toCents gives them are read into `out`. */
export function readCents(s: unknown, out: Cents): s is string {
  if (typeof s === 'string') {
    const n = fastCents(s);
    if (!Number.isNaN(n)) {
      out.n = n;
      out.big = null;
      out.text = s;
      return true;
    }
  }
  // Other scales, leading zeros, "-0.00", long amounts: toCents' way.
  if (!isDecimal(s)) return false;
  const { cents, text } = toCents(s);
  const n = Number(cents);
  out.n = n;
  out.big = Number.isSafeInteger(n) ? null : cents;
  out.text = text;
  return true;
}

const MAX = Number.MAX_SAFE_INTEGER;

/** A running total of cents: plain numbers while the sum of the magnitudes added stays within 2^53 (then every
 * partial sum is exact too), bigints from the first addition that could leave that range. A literal with
 * functions rather than a class: V8 forgets a class's instance layout once no instance is left, and with it the
 * optimised code of every loop that adds, so each summary compiled them again. */
export interface CentsTotal {
  n: number;
  abs: number;
  big: bigint | null;
}

export const centsTotal = (): CentsTotal => ({ n: -0, abs: -0, big: null });

/** Adds `cents` (exact), or `big` when the amount needed a bigint. */
export function addCents(t: CentsTotal, cents: number, big: bigint | null = null): void {
  if (t.big === null) {
    if (big === null) {
      const abs = t.abs + (cents < 0 ? -cents : cents);
      if (abs <= MAX) {
        t.abs = abs;
        t.n += cents;
        return;
      }
    }
    t.big = BigInt(t.n);
  }
  t.big += big ?? BigInt(cents);
}

/** The total as a bigint of cents. */
export function totalUnits(t: CentsTotal): bigint {
  return t.big ?? BigInt(t.n);
}

/** The total written like every amount of the summary. */
export function totalText(t: CentsTotal): string {
  return formatAmount({ units: totalUnits(t), scale: 2 });
}
