// The summary pipeline the port runs: lib/summary/build.ts, shared with the command line.
import { buildClientSummary } from '@/lib/summary/build';
import type { BuildFn } from './summary-port';

export const buildSummary: BuildFn = buildClientSummary;
