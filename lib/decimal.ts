// Exact decimal arithmetic for money and quantities. Sellsy sends amounts as decimal strings; a binary float
// would turn 0.1 + 0.2 into 0.30000000000000004, so every value is a bigint of units at a given scale.
// Rounding is half away from zero everywhere (docs/summary-contract.md §2): 10.005 → 10.01, −10.005 → −10.01.

export interface Dec {
  /** The value times 10^scale. */
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export const ZERO: Dec = { units: 0n, scale: 0 };

export class DecimalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecimalError';
  }
}

export function isDecimal(s: unknown): s is string {
  return typeof s === 'string' && DECIMAL.test(s);
}

/** "1234.50" → {units: 123450n, scale: 2}. Anything else than `^-?\d+(\.\d+)?$` throws a DecimalError. */
export function parseDecimal(s: string): Dec {
  if (!isDecimal(s)) throw new DecimalError(`not a decimal number: ${JSON.stringify(s)}`);
  // indexOf/slice rather than split: this runs for every amount of a large client, and arrays cost GC time.
  const dot = s.indexOf('.');
  if (dot < 0) return { units: BigInt(s), scale: 0 };
  return { units: BigInt(s.slice(0, dot) + s.slice(dot + 1)), scale: s.length - dot - 1 };
}

/** parseDecimal for values that may not be decimals: null instead of a throw, and one regex test, not two. */
export function tryParseDecimal(s: unknown): Dec | null {
  return isDecimal(s) ? parseDecimal(s) : null;
}

// 10n ** k is computed afresh on every call otherwise; money scales are small, so a short table covers them.
const POW10: bigint[] = Array.from({ length: 19 }, (_, k) => 10n ** BigInt(k));

function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

function rescale(a: Dec, scale: number): bigint {
  return a.units * pow10(scale - a.scale);
}

function aligned(a: Dec, b: Dec): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  const scale = Math.max(a.scale, b.scale);
  return [rescale(a, scale), rescale(b, scale), scale];
}

const of = (v: Dec | string): Dec => (typeof v === 'string' ? parseDecimal(v) : v);

export function add(a: Dec | string, b: Dec | string): Dec {
  const da = of(a);
  const db = of(b);
  // Sums of amounts mostly add equal scales: skip the tuple.
  if (da.scale === db.scale) return { units: da.units + db.units, scale: da.scale };
  const [x, y, scale] = aligned(da, db);
  return { units: x + y, scale };
}

export function sub(a: Dec | string, b: Dec | string): Dec {
  const [x, y, scale] = aligned(of(a), of(b));
  return { units: x - y, scale };
}

export function neg(a: Dec | string): Dec {
  const d = of(a);
  return { units: -d.units, scale: d.scale };
}

export function mulInt(a: Dec | string, n: number | bigint): Dec {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new DecimalError(`not an integer: ${n}`);
  const d = of(a);
  return { units: d.units * BigInt(n), scale: d.scale };
}

/** −1, 0 or 1. */
export function compare(a: Dec | string, b: Dec | string): number {
  const [x, y] = aligned(of(a), of(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Dec | string): boolean {
  return of(a).units === 0n;
}

export function sum(values: (Dec | string)[]): Dec {
  return values.reduce<Dec>((acc, v) => add(acc, v), ZERO);
}

/** Integer division of bigints, rounded half away from zero. */
function divRoundBig(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new DecimalError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let q = abs / d;
  if ((abs % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}

/** a / divisor, rounded half away from zero to `places` decimals. */
export function divRound(a: Dec | string, divisor: number | bigint, places: number): Dec {
  if (typeof divisor === 'number' && !Number.isSafeInteger(divisor)) throw new DecimalError(`not an integer: ${divisor}`);
  const d = of(a);
  // units/10^scale / divisor = units * 10^places / (10^scale * divisor) in units of 10^-places.
  const num = d.units * pow10(places);
  const den = pow10(d.scale) * BigInt(divisor);
  return { units: divRoundBig(num, den), scale: places };
}

/** An amount's cents and its formatAmount string, for a value already known to be a decimal. Most amounts
 * are written with exactly two decimals: those skip the rounding, and keep their string when it is canonical. */
export function toCents(s: string): { cents: bigint; text: string } {
  const dot = s.indexOf('.');
  if (dot >= 0 && s.length - dot === 3) {
    const cents = BigInt(s.slice(0, dot) + s.slice(dot + 1));
    const intStart = s.charCodeAt(0) === 45 ? 1 : 0;
    const canonical = (s.charCodeAt(intStart) !== 48 || dot === intStart + 1) && !(intStart === 1 && cents === 0n);
    return { cents, text: canonical ? s : formatAmount({ units: cents, scale: 2 }) };
  }
  const cents = round(parseDecimal(s), 2).units;
  return { cents, text: formatAmount({ units: cents, scale: 2 }) };
}

/** Rounded half away from zero to `places` decimals. */
export function round(a: Dec | string, places: number): Dec {
  const d = of(a);
  if (d.scale <= places) return { units: rescale(d, places), scale: places };
  return { units: divRoundBig(d.units, pow10(d.scale - places)), scale: places };
}

function toFixedString(d: Dec): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const int = digits.slice(0, digits.length - d.scale);
  const frac = digits.slice(digits.length - d.scale);
  const body = d.scale ? `${int}.${frac}` : int;
  return negative ? `-${body}` : body;
}

/** An amount with exactly two decimals, rounded half away from zero; "-0.00" is written "0.00". */
export function formatAmount(a: Dec | string): string {
  const r = round(a, 2);
  return toFixedString(r.units === 0n ? { units: 0n, scale: 2 } : r);
}

/** A quantity as a trimmed decimal string: "2.500" → "2.5", "3.000" → "3", "-0" → "0". */
export function formatDecimal(a: Dec | string): string {
  const d = of(a);
  if (d.units === 0n) return '0';
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return toFixedString({ units, scale });
}

/** For figures the schema types as numbers (one-decimal averages): round first, then convert. */
export function toNumber(a: Dec | string): number {
  return Number(formatDecimal(a));
}
