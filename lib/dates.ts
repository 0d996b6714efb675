// Calendar dates as YYYY-MM-DD strings. No time zones: a date is a day number, and a date-time counts by
// the date part as written (docs/summary-contract.md §2), so "2026-03-01T23:30:00-05:00" is 1 March whatever the reader's zone.

const DAY_MS = 86_400_000;

export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && packed(s) >= 0;
}

/** A valid YYYY-MM-DD as the number YYYYMMDD, else -1. Char codes and one number rather than a regex or an
 * array: it runs for every document date, and match arrays were a visible share of a large client's time. */
function packed(s: string): number {
  return s.length === 10 ? packedPrefix(s) : -1;
}

/** packed() of the first ten characters of a string of ten or more. */
function packedPrefix(s: string): number {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return -1;
  return y * 10000 + mo * 100 + d;
}

/** The ASCII digits s[from..to) as a number, or -1 if one is not a digit (what the regex's \d accepted). */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function parts(date: string): [number, number, number] {
  const p = packed(date);
  if (p < 0) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return [Math.floor(p / 10000), Math.floor(p / 100) % 100, p % 100];
}

/** Days since 1970-01-01 of a YYYY-MM-DD; a RangeError for anything else. */
export function dayNumber(date: string): number {
  const p = packed(date);
  if (p < 0) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return daysOfPacked(p);
}

/** dayNumber(date) for a date its caller already read as the number YYYYMMDD (`key`, e.g. datePartKey's): no
 * second parse of the string, which is only read again when the key is not a calendar date (to throw the same). */
export function dayNumberOfKey(key: number, date: string): number {
  const y = Math.floor(key / 10000);
  const m = Math.floor(key / 100) % 100;
  const d = key % 100;
  if (key < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return dayNumber(date);
  return daysOfPacked(key);
}

function daysOfPacked(p: number): number {
  const y = Math.floor(p / 10000);
  const m = Math.floor(p / 100) % 100;
  const d = p % 100;
  // Date.UTC reads years 0-99 as 1900-1999: kept for them. It is plain integer arithmetic (no zone, no DST), and
  // for every other year the same count is computed without it (days from the civil date, proleptic Gregorian).
  if (y < 100) return Date.UTC(y, m - 1, d) / DAY_MS;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  // Every document date is checked here: arithmetic instead of a Date per call. Date.UTC reads years 0-99 as
  // 1900-1999, and the old Date-based answer is kept for them and for out-of-range input.
  if (!Number.isInteger(year) || year < 100 || !Number.isInteger(month) || month < 1 || month > 12) {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  }
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** to − from, in days (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Same day number `months` later (or earlier), clamped to the month's last day: 31 Aug − 6 → 28/29 Feb. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, daysInMonth(ny, nm)))}`;
}

export function yearOf(date: string): number {
  return +date.slice(0, 4);
}

/** The date part of a date or date-time as written; null when it does not start with a valid date. */
export function datePart(value: string | null | undefined): string | null {
  if (datePartKey(value) < 0) return null;
  return value!.length === 10 ? value! : value!.slice(0, 10);
}

/** datePart's date as the number YYYYMMDD (same order), or -1 where datePart gives null: comparing payment
 * dates this way needs no string per payment. */
export function datePartKey(value: string | null | undefined): number {
  if (typeof value !== 'string' || value.length < 10) return -1;
  // What /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/ accepted, without a match array per payment.
  if (value.length > 10 && value.charCodeAt(10) !== 84 && value.charCodeAt(10) !== 32) return -1;
  return packedPrefix(value);
}

/** The local calendar date of `now` (the user's "today"). */
export function localDate(now: Date): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
