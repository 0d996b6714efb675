// The command line's progress line (a terminal only): which phase of lib/summary/build.ts is running and
// what it reads, e.g. "Phase 1/3 (lists): documents 3/9…", "Phase 2/3 (document details): 45 of 249
// documents read…", "Phase 3/3 (texts): writing…".
import type { LoadProgress } from '../client/progress';
import { panelWords } from '../words/panel';
import { progressiveWords } from '../words/progressive';
import { colon } from '../words/typography';
import type { BuildPhase } from './build';
import type { Summary } from './types';

export interface CliProgress {
  onProgress(p: LoadProgress): void;
  onSummary(summary: Summary, phase: BuildPhase): void;
}

/** `write` gets each new line (without the return that rewrites the previous one); `texts`: the LLM is on. */
export function createCliProgress(lang: string, texts: boolean, write: (line: string) => void): CliProgress {
  const w = progressiveWords(lang);
  const steps = panelWords(lang).phases;
  const sep = colon(lang);
  let read: { read: number; total: number } | null = null;
  const line = (n: 1 | 2 | 3, what: string) =>
    write(`${w.cliPhase(n, w.cliPhases[n === 1 ? 'lists' : n === 2 ? 'details' : 'texts'])}${sep}${what}…`);
  return {
    onProgress(p) {
      if (p.phase === 'done') return;
      if (p.phase === 'details' || p.phase === 'items') {
        // Nothing to read: the phase goes unnamed.
        if (!read && p.total === 0) return;
        // The documents read so far, the cached ones included, once a summary has said how many.
        const count = read ? w.cliDetails(read.read, read.total) : w.cliDetails(p.done, p.total);
        line(2, p.phase === 'items' ? `${count}, ${steps.items}` : count);
        return;
      }
      line(1, `${steps[p.phase] ?? p.phase}${p.total > 1 ? ` ${p.done}/${p.total}` : ''}`);
    },
    onSummary(summary, phase) {
      if (summary.partial) {
        read = { read: summary.partial.detailsRead, total: summary.partial.detailsTotal };
        line(2, w.cliDetails(read.read, read.total));
      } else if (phase === 'figures' && texts) line(3, w.cliWriting);
    },
  };
}
