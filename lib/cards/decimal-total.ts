// A running exact total of decimal strings (row quantities and amounts), in plain numbers while they are exact:
// units at the largest scale seen, as long as the magnitudes added stay within 2^53; bigints after that. A Dec and
// two BigInts per row were most of the top products' cost on large clients.
import { add, type Dec, parseDecimal, ZERO } from '../decimal';

const MAX = Number.MAX_SAFE_INTEGER;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** A decimal read by readDecimal: its units and scale as numbers, or `exact` false when it has more digits than
 * a double holds (then only its string is used). One object per caller, overwritten by every read. */
export interface ReadDecimal {
  units: number;
  scale: number;
  exact: boolean;
}

// Units start as the double -0, as the counters of lib/cards/cents.ts do.
export const readSlot = (): ReadDecimal => ({ units: -0, scale: 0, exact: true });

/** Whether `s` is a decimal string as isDecimal accepts (`^-?\d+(\.\d+)?$`), read into `out` when it is. */
export function readDecimal(s: unknown, out: ReadDecimal): s is string {
  if (typeof s !== 'string') return false;
  const len = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  let units = 0;
  let digits = 0;
  let dot = -1;
  for (; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      // One dot, with digits on both sides.
      if (dot >= 0 || digits === 0) return false;
      dot = i;
      continue;
    }
    const v = c - 48;
    if (v < 0 || v > 9) return false;
    units = units * 10 + v;
    digits++;
  }
  if (digits === 0 || dot === len - 1) return false;
  out.scale = dot < 0 ? 0 : len - dot - 1;
  out.exact = digits <= 15;
  out.units = s.charCodeAt(0) === 45 ? -units : units;
  return true;
}

/** The running total (see the top of this file): a literal with functions, as CentsTotal (lib/cards/cents.ts). */
export interface DecimalTotal {
  units: number;
  abs: number;
  scale: number;
  big: Dec | null;
}

export const decimalTotal = (): DecimalTotal => ({ units: -0, abs: -0, scale: 0, big: null });

/** Adds a value read by readDecimal from `s`. */
export function addDecimal(t: DecimalTotal, v: ReadDecimal, s: string): void {
  if (t.big === null && v.exact && v.scale < POW10.length) {
    let { units, abs, scale } = t;
    let u = v.units;
    if (v.scale > scale) {
      const f = POW10[v.scale - scale]!;
      units *= f;
      abs *= f;
      scale = v.scale;
    } else if (v.scale < scale) {
      u *= POW10[scale - v.scale]!;
    }
    abs += u < 0 ? -u : u;
    if (abs <= MAX) {
      t.units = units + u;
      t.abs = abs;
      t.scale = scale;
      return;
    }
  }
  if (t.big === null) t.big = t.scale === 0 && t.units === 0 ? ZERO : { units: BigInt(t.units), scale: t.scale };
  t.big = add(t.big, parseDecimal(s));
}

/** The exact total, at the largest scale added (as add() of Decs gives it). */
export function decimalValue(t: DecimalTotal): Dec {
  return t.big ?? { units: BigInt(t.units), scale: t.scale };
}
