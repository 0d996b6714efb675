// One figure of a card: its label, its formatted value, and (click or Enter) the documents behind it.
// data-figure / data-value carry the raw value so tests compare exactly what the engine computed.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Sources } from './Sources';
import { useUserEvents } from './user-events';

let nextId = 0;

export interface FigureProps {
  path: string;
  label: ComponentChildren;
  /** What the figure counts, in one line (lib/words/figures.ts): the label's tooltip and the drill-down's first line. */
  explain?: string;
  /** The raw value ("1234.50", "3.5", "2025-01-04"), or null. */
  value: string | number | null;
  children: ComponentChildren;
  /** More raw values as data-* attributes (count, amount, id, name...). */
  data?: Record<string, string | number | null | undefined>;
  /** Figures with no documents behind them (averages of counts, counts of interactions) do not open. */
  drill?: boolean;
}

export function Figure({ path, label, explain, value, children, data, drill = true }: FigureProps) {
  const [open, setOpen] = useState(false);
  const [id] = useState(() => `fig-${++nextId}`);
  const user = useUserEvents();
  const attrs: Record<string, string> = { 'data-figure': path, 'data-value': value === null ? 'null' : String(value) };
  for (const [k, v] of Object.entries(data ?? {})) if (v !== undefined) attrs[`data-${k}`] = v === null ? 'null' : String(v);
  return (
    <div class="figure" {...attrs}>
      {drill ? (
        <button type="button" class="fig-btn" aria-expanded={open} aria-controls={open ? id : undefined} onClick={user(() => setOpen(!open))}>
          <span class="fig-label" title={explain}>
            {label}
          </span>
          <span class="fig-value">{children}</span>
        </button>
      ) : (
        <div class="fig-row">
          <span class="fig-label" title={explain}>
            {label}
          </span>
          <span class="fig-value">{children}</span>
        </div>
      )}
      {open && <Sources path={path} id={id} explain={explain} />}
    </div>
  );
}
