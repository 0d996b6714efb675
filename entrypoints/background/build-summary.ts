// The summary pipeline the port runs (lib/summary/build.ts). Until it lands, a stand-in that fails clearly.
import type { BuildFn } from './summary-port';

export const buildSummary: BuildFn = async () => {
  throw new Error('The summary engine is not part of this build yet.');
};
