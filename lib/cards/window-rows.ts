// Where the window documents' rows are in ClientData.rows (keys "invoice:42"), for the full run and for phase 2's
// batches. The keys are read as they come and their ids parsed, rather than a key string built per window
// document and looked up: on a large client that lookup was the engine's most expensive line.
import type { ClientData, DocKey } from '../client/data';
import type { DocSource } from './context';
import { foldRows, type ProductTally, productTally } from './products';

/** A tally of the rows `rows` holds for the window's documents, read in the order of its keys (for a store or a
 * batch, the order the rows were met, and so the order they lie in memory). */
export function tallyRows(rows: ClientData['rows'], docs: DocSource[]): ProductTally {
  const tally = productTally(docs);
  const index = positionsById(docs);
  if (!index) {
    // Two documents with one id, or an id that is not a plain integer (neither from Sellsy): each one looked up
    // by its key, as a plain loop would.
    for (let w = docs.length - 1; w >= 0; w--) {
      const r = rows[`${docs[w]!.type}:${docs[w]!.id}` as DocKey];
      if (r) foldRows(tally, w, r);
    }
    return tally;
  }
  const prefix = `${docs[0]?.type}:`;
  for (const key in rows) {
    if (!key.startsWith(prefix)) continue;
    const w = positionOf(index, canonicalId(key, prefix.length));
    if (w < 0) continue;
    const r = rows[key as DocKey];
    if (r) foldRows(tally, w, r);
  }
  return tally;
}

/** Window positions by document id: an array over the ids' range when they are dense enough (as in
 * sales-overview.ts idSlots: no hashing per key), else a Map. */
interface PositionIndex {
  min: number;
  max: number;
  dense: Int32Array | null;
  map: Map<number, number> | null;
}

/** The index of `docs`, or null when two documents share an id or an id is not an integer below 10^15. */
function positionsById(docs: DocSource[]): PositionIndex | null {
  let min = Infinity;
  let max = -Infinity;
  for (let w = 0; w < docs.length; w++) {
    const id = docs[w]!.id;
    if (!Number.isInteger(id) || Math.abs(id) >= 1e15) return null;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  if (!docs.length) return { min: 0, max: -1, dense: null, map: null };
  if (max - min < 16 * docs.length + 65_536) {
    const dense = new Int32Array(max - min + 1).fill(-1);
    for (let w = 0; w < docs.length; w++) {
      const i = docs[w]!.id - min;
      if (dense[i] !== -1) return null;
      dense[i] = w;
    }
    return { min, max, dense, map: null };
  }
  const map = new Map<number, number>();
  for (let w = 0; w < docs.length; w++) {
    if (map.has(docs[w]!.id)) return null;
    map.set(docs[w]!.id, w);
  }
  return { min, max, dense: null, map };
}

/** The window position of a document id, or -1. */
function positionOf(index: PositionIndex, id: number | null): number {
  if (id === null || id < index.min || id > index.max) return -1;
  if (index.dense) return index.dense[id - index.min]!;
  return index.map?.get(id) ?? -1;
}

/** Window positions by DocKey, for phase 2's batches: the id index when it can be built, else each key's. */
export interface WindowKeys {
  prefix: string;
  index: PositionIndex | null;
  byKey: Map<string, number[]> | null;
}

export function windowKeys(docs: DocSource[]): WindowKeys {
  const prefix = `${docs[0]?.type}:`;
  const index = positionsById(docs);
  if (index) return { prefix, index, byKey: null };
  const byKey = new Map<string, number[]>();
  for (let w = 0; w < docs.length; w++) {
    const key = `${docs[w]!.type}:${docs[w]!.id}`;
    const seen = byKey.get(key);
    if (seen) seen.push(w);
    else byKey.set(key, [w]);
  }
  return { prefix, index: null, byKey };
}

/** The window positions of the document a DocKey names (none when it is not a window document). */
export function positionsOfKey(keys: WindowKeys, key: string): number[] {
  if (keys.byKey) return keys.byKey.get(key) ?? [];
  if (!keys.index || !key.startsWith(keys.prefix)) return [];
  const w = positionOf(keys.index, canonicalId(key, keys.prefix.length));
  return w < 0 ? [] : [w];
}

/** The integer written from `from` to the end of `key` as String(id) writes it, else null. */
function canonicalId(key: string, from: number): number | null {
  const neg = key.charCodeAt(from) === 45;
  const start = neg ? from + 1 : from;
  const len = key.length - start;
  if (len < 1 || len > 15 || (len > 1 && key.charCodeAt(start) === 48)) return null;
  let n = 0;
  for (let i = start; i < key.length; i++) {
    const c = key.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  if (neg && n === 0) return null;
  return neg ? -n : n;
}
