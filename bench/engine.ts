// The card engine alone, on the synthetic clients of bench/synthetic.ts (no network, no store): the median time
// of a full computeSummary at 1 000, 10 000 and 100 000 documents, the heap it grows, and the time of one batch of
// phase 2 (the rows of 25 documents folded into a summary computed without them: lib/cards startSummary, addDetails).
//
// Each timed run starts from a collected heap whose sweeping is done: the previous run's summary is garbage that
// the benchmark loop made, not the engine's work, and a sweep of it left to run concurrently took a core of this
// 2-core machine away from the timed run. One untimed run first, so that the times are the engine's, not the
// compiler's.
import { computeSummary, startSummary } from '../lib/cards';
import type { ClientData, DocKey } from '../lib/client/data';
import { syntheticClient } from './synthetic';

export interface EngineRow {
  documents: number;
  /** Median of the timed runs of computeSummary. */
  ms: number;
  /** The largest heap growth over those runs. */
  heapMB: number;
  /** Median time of addDetails with the rows of 25 documents (the last ids). */
  batchMs: number;
}

const SIZES = [1_000, 10_000, 100_000];
const RUNS = 5;
const BATCH = 25;
/** Time given to the concurrent sweeper after a collection, before the timer starts. */
const SETTLE_MS = 150;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

export async function measureEngine(today: string, log: (s: string) => void = () => {}): Promise<EngineRow[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) log('  (no --expose-gc: runs are not separated by a collection)');
  const settle = async () => {
    gc?.();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
  };
  const opts = () => ({ today, language: 'fr', generatedAt: new Date().toISOString() });
  const rows: EngineRow[] = [];
  for (const n of SIZES) {
    const data = syntheticClient(n, today);
    computeSummary(data, opts());
    const times: number[] = [];
    let heap = 0;
    for (let i = 0; i < RUNS; i++) {
      await settle();
      const before = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const s = computeSummary(data, opts());
      times.push(performance.now() - t0);
      heap = Math.max(heap, process.memoryUsage().heapUsed - before);
      if (!s.relationship) throw new Error('no summary');
    }

    const { without, batch } = lastBatch(data);
    const batchTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = startSummary(without, opts());
      await settle();
      const t0 = performance.now();
      run.addDetails({ rows: batch });
      batchTimes.push(performance.now() - t0);
    }
    rows.push({ documents: n, ms: round1(median(times)), heapMB: round1(heap / 2 ** 20), batchMs: round1(median(batchTimes)) });
    log(`  ${n} documents: ${rows.at(-1)!.ms} ms (${times.map((t) => Math.round(t)).join(', ')}), batch of ${BATCH}: ${rows.at(-1)!.batchMs} ms`);
  }
  return rows;
}

/** The client without the rows of BATCH of its documents (the last ids), and those rows. */
function lastBatch(data: ClientData): { without: ClientData; batch: ClientData['rows'] } {
  const keys = (Object.keys(data.rows) as DocKey[]).sort((a, b) => Number(b.split(':')[1]) - Number(a.split(':')[1]));
  const batch: ClientData['rows'] = {};
  for (const key of keys.slice(0, BATCH)) batch[key] = data.rows[key];
  const rest: ClientData['rows'] = { ...data.rows };
  for (const key of Object.keys(batch) as DocKey[]) delete rest[key];
  return { without: { ...data, rows: rest }, batch };
}

/** The engine's lines of the bench's printed table. */
export function engineTable(rows: EngineRow[]): string[] {
  const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 100) / 100 : null);
  return [
    `| card engine, synthetic client | time (median) | heap growth | time × vs 10× fewer documents | phase-2 batch of ${BATCH} |`,
    '|-------------------------------|---------------|-------------|-------------------------------|-----------------------|',
    ...rows.map(
      (e, i) =>
        `| ${`${e.documents.toLocaleString('en')} documents`.padEnd(29)} | ${`${e.ms} ms`.padStart(13)} | ${`${e.heapMB} MB`.padStart(11)} | ${(i ? `${ratio(e.ms, rows[i - 1]!.ms)}` : '').padStart(29)} | ${`${e.batchMs} ms`.padStart(21)} |`,
    ),
  ];
}
