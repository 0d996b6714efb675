// Calendar dates as YYYY-MM-DD strings. No time zones: a date is a day number, and a date-time counts by
// the date part as written (docs/summary-contract.md §2), so "2026-03-01T23:30:00-05:00" is 1 March whatever the reader's zone.

const DAY_MS = 86_400_000;

export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && ymd(s) !== null;
}

/** [year, month, day] of a valid YYYY-MM-DD, else null. Char codes rather than a regex: it runs for every
 * document date, and the regex match arrays were a visible share of a large client's time. */
function ymd(s: string): [number, number, number] | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
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
  const p = ymd(date);
  if (!p) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return p;
}

/** Days since 1970-01-01 (Date.UTC is plain integer arithmetic: no zone, no DST). */
function dayNumber(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
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
  if (typeof value !== 'string' || value.length < 10) return null;
  // What /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/ accepted, without a match array per payment.
  if (value.length > 10 && value[10] !== 'T' && value[10] !== ' ') return null;
  const date = value.length === 10 ? value : value.slice(0, 10);
  return ymd(date) ? date : null;
}

/** The local calendar date of `now` (the user's "today"). */
export function localDate(now: Date): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
