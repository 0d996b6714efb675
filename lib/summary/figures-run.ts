// The figures of a summary whose details arrive in batches (phase 2 of lib/summary/build.ts): started on the
// lists and the rows the cache held, then given each batch's rows, names and warnings.
// For now each batch computes the whole summary again (computeSummary over everything so far); the card
// engine's incremental entry point, which recomputes only what rows feed, has the same shape and takes
// its place here.
import { type ComputeOptions, computeSummary } from '../cards/index';
import type { ClientData } from '../client/data';
import type { Summary } from './types';

/** What one batch of phase 2 brings (each part only what is new since the last one). */
export interface DetailsBatchData {
  rows?: ClientData['rows'];
  items?: ClientData['items'];
  warnings?: ClientData['warnings'];
}

export interface FiguresRun {
  /** The summary over everything given so far. */
  readonly summary: Summary;
  /** Adds a batch and returns the summary recomputed with it. */
  recomputeWithRows(batch: DetailsBatchData): Summary;
}

/** `data` is read, never changed. */
export function startFigures(data: ClientData, opts: ComputeOptions): FiguresRun {
  const sofar: ClientData = { ...data, rows: { ...data.rows }, items: { ...data.items }, warnings: [...data.warnings] };
  let summary = computeSummary(sofar, opts);
  return {
    get summary() {
      return summary;
    },
    recomputeWithRows(batch) {
      Object.assign(sofar.rows, batch.rows);
      Object.assign(sofar.items, batch.items);
      if (batch.warnings?.length) sofar.warnings.push(...batch.warnings);
      summary = computeSummary(sofar, opts);
      return summary;
    },
  };
}
