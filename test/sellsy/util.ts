// Small deterministic helpers for the local Sellsy: a seeded PRNG, calendar arithmetic on YYYY-MM-DD
// strings, and money as integer cents (exact; written "1234.50").

export type Rng = {
  (): number;
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
};

/** mulberry32: tiny, fast, good enough for test data, and the same sequence on every machine. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rng;
  next.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  next.pick = (xs) => xs[Math.floor(next() * xs.length)]!;
  next.chance = (p) => next() < p;
  return next;
}

const DAY = 86_400_000;

export function parseDay(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(s)}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).toISOString().slice(0, 10) !== s) throw new Error(`not a calendar date: ${s}`);
  return t;
}
export function addDays(day: string, n: number): string {
  return new Date(parseDay(day) + n * DAY).toISOString().slice(0, 10);
}
export function daysBetween(a: string, b: string): number {
  return Math.round((parseDay(b) - parseDay(a)) / DAY);
}
/** Paris offset without a tz database: last Sunday of March to last Sunday of October is +02:00. */
function parisOffset(day: string): string {
  const y = Number(day.slice(0, 4));
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month + 1, 0));
    return Date.UTC(y, month, last.getUTCDate() - last.getUTCDay());
  };
  const t = parseDay(day);
  return t >= lastSunday(2) && t < lastSunday(9) ? '+02:00' : '+01:00';
}
/** An instant (ms since epoch) as Sellsy writes it, in Paris time: "2026-11-29T09:41:07+01:00". */
export function parisDateTime(ms: number): string {
  for (const hours of [2, 1]) {
    const shifted = new Date(Math.floor(ms / 1000) * 1000 + hours * 3_600_000).toISOString();
    const day = shifted.slice(0, 10);
    if (parisOffset(day) === `+0${hours}:00`) return `${day}T${shifted.slice(11, 19)}+0${hours}:00`;
  }
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
/** "2024-03-05T09:30:00+01:00" */
export function dateTime(day: string, minutesOfDay: number): string {
  const h = String(Math.floor(minutesOfDay / 60) % 24).padStart(2, '0');
  const m = String(minutesOfDay % 60).padStart(2, '0');
  return `${day}T${h}:${m}:00${parisOffset(day)}`;
}
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Integer cents → "1234.50" (and "-3.05"). */
export function money(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`cents must be a safe integer, got ${cents}`);
  const neg = cents < 0;
  const abs = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
/** "1234.50" → 123450 (two decimals at most, as the seed writes them). */
export function cents(s: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`not a money string: ${JSON.stringify(s)}`);
  const v = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -v : v;
}
/** VAT 20% on cents that are multiples of 5, so the result stays exact. */
export function withVat(excl: number): number {
  if (excl % 5 !== 0) throw new Error(`excl cents ${excl} not a multiple of 5: VAT would round`);
  return (excl * 6) / 5;
}
