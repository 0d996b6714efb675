// Figures of invoices, credit notes and payments need Sellsy's invoicing licence; with a sales-only licence
// each card shows them the same way, from here.
import type { FigureWords } from '@/lib/words/figures';
import { useEnv } from './env';
import { Figure } from './Figure';

/** A figure the sales-only licence cannot compute: its name, and under it why there is no value. */
export function InvoicingOnly({ path, words }: { path: string; words: FigureWords }) {
  const { w } = useEnv();
  return (
    <Figure
      path={path}
      label={words.name}
      explain={words.explain}
      value={null}
      drill={false}
      note={
        <span class="muted" data-why="invoicing-only">
          {w.values.invoicingOnly}
        </span>
      }
    />
  );
}
