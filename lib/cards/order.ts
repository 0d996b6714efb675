// The one order every document list of the engine is in: ascending (date, id), ties in input order. Sorted once
// in createContext; cards filter, slice and reverse those lists instead of sorting again.

/** Ascending (date, id): "earliest" first. */
export function byDateId(a: { date: string; id: number }, b: { date: string; id: number }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id;
}
export const newestFirst = (a: { date: string; id: number }, b: { date: string; id: number }) => byDateId(b, a);

/** A YYYY-MM-DD written with digits as the number YYYYMMDD (same order as the string), else -1. */
export function dateKey(date: unknown): number {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = date.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Buckets per year in the counting sort: 12 months of 31 days (dates the data layer let through have months
 * 01–12 and days 01–31; any other digits take the comparison sort). */
const YEAR_BUCKETS = 12 * 31;
/** Past this many documents in one day, its ids are put in order by Array.prototype.sort. */
const SMALL_BUCKET = 48;

/**
 * The byDateId order of n documents, ties in input order, as their input positions. `keys[i]` is
 * dateKey(date of i), `ids[i]` its id; `byDateIdAt(i, j)` compares documents i and j as byDateId does, for dates
 * that dateKey does not read. A counting sort on the day, then ids put in order within each day: linear on real
 * lists (a few documents a day, often already in id order), where a comparison sort of 100 000 documents was
 * the engine's largest single cost.
 */
export function dateIdOrder(n: number, keys: Int32Array, ids: Float64Array, byDateIdAt: (i: number, j: number) => number): Int32Array {
  const order = new Int32Array(n);
  let ascending = true;
  let calendar = true;
  let minYear = Infinity;
  let maxYear = -Infinity;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (k < 0) return sortedBy(order, (a, b) => byDateIdAt(a, b));
    if (i > 0 && ascending) {
      const p = keys[i - 1]!;
      if (p > k || (p === k && ids[i - 1]! > ids[i]!)) ascending = false;
    }
    const y = Math.floor(k / 10000);
    const md = k - y * 10000;
    if (md < 101 || md > 1231 || md % 100 > 31 || md % 100 === 0) calendar = false;
    if (y < minYear) minYear = y;
    if (y > maxYear) maxYear = y;
  }
  if (ascending) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order;
  }
  const range = (maxYear - minYear + 1) * YEAR_BUCKETS;
  // Dates outside 01–12/01–31, or so far apart that the buckets would outnumber the documents by far.
  if (!calendar || range > 8 * n + 4096) return sortedBy(order, (a, b) => keys[a]! - keys[b]! || ids[a]! - ids[b]!);

  const bucket = new Int32Array(n);
  const starts = new Int32Array(range + 1);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    const y = Math.floor(k / 10000);
    const md = k - y * 10000;
    const b = (y - minYear) * YEAR_BUCKETS + (Math.floor(md / 100) - 1) * 31 + ((md % 100) - 1);
    bucket[i] = b;
    starts[b + 1]! += 1;
  }
  for (let b = 0; b < range; b++) starts[b + 1]! += starts[b]!;
  const next = starts.slice(0, range);
  for (let i = 0; i < n; i++) order[next[bucket[i]!]!++] = i;

  // Ids within each day: an insertion sort (stable: only strictly greater ids move), or a sort for a full day.
  for (let b = 0; b < range; b++) {
    const from = starts[b]!;
    const to = starts[b + 1]!;
    if (to - from < 2) continue;
    let inOrder = true;
    for (let i = from + 1; i < to; i++) {
      if (ids[order[i - 1]!]! > ids[order[i]!]!) {
        inOrder = false;
        break;
      }
    }
    if (inOrder) continue;
    if (to - from > SMALL_BUCKET) {
      const day = Array.from(order.subarray(from, to)).sort((a, c) => ids[a]! - ids[c]! || a - c);
      order.set(day, from);
      continue;
    }
    for (let i = from + 1; i < to; i++) {
      const x = order[i]!;
      let j = i - 1;
      while (j >= from && ids[order[j]!]! > ids[x]!) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = x;
    }
  }
  return order;
}

/** Positions 0..n-1 (n = order.length) sorted by `compare`, ties in input order, written into `order`. */
function sortedBy(order: Int32Array, compare: (a: number, b: number) => number): Int32Array {
  const all = Array.from({ length: order.length }, (_, i) => i).sort((a, b) => compare(a, b) || a - b);
  order.set(all);
  return order;
}
