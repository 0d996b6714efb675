// One figure of a card: its label, its formatted value, a line under them when the value needs words (why it is
// missing, what its total leaves out), and (click or Enter) the documents behind it. The note sits under the
// row, never beside the value: beside it, a sentence squeezes the label into a column one word wide.
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
  /** The value as shown; none when the note says why there is none. */
  children?: ComponentChildren;
  /** A line under the figure: why there is no value, or what the value leaves out. */
  note?: ComponentChildren;
  /** More raw values as data-* attributes (count, amount, id, name...). */
  data?: Record<string, string | number | null | undefined>;
  /** Figures with no documents behind them (averages of counts, counts of interactions) do not open. */
  drill?: boolean;
  /** A layout variant of the row ("bar-row" for the yearly chart). */
  variant?: string;
}

export function Figure({ path, label, explain, value, children, note, data, drill = true, variant }: FigureProps) {
  const [open, setOpen] = useState(false);
  const [id] = useState(() => `fig-${++nextId}`);
  const user = useUserEvents();
  const attrs: Record<string, string> = { 'data-figure': path, 'data-value': value === null ? 'null' : String(value) };
  for (const [k, v] of Object.entries(data ?? {})) if (v !== undefined) attrs[`data-${k}`] = v === null ? 'null' : String(v);
  const row = (
    <>
      <span class="fig-label" title={explain}>
        {label}
      </span>
      {children !== undefined && children !== null && <span class="fig-value">{children}</span>}
    </>
  );
  return (
    <div class={variant ? `figure ${variant}` : 'figure'} {...attrs}>
      {drill ? (
        <button
          type="button"
          class="fig-btn"
          aria-expanded={open}
          aria-controls={open ? id : undefined}
          aria-describedby={note ? `${id}-note` : undefined}
          onClick={user(() => setOpen(!open))}
        >
          {row}
        </button>
      ) : (
        <div class="fig-row">{row}</div>
      )}
      {note && (
        <div class="fig-note" id={`${id}-note`}>
          {note}
        </div>
      )}
      {open && <Sources path={path} id={id} explain={explain} />}
    </div>
  );
}
