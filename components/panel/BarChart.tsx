// The yearly amounts as a chart that shows one measure: one row per year — the year, a bar as long as the
// amount, the exact amount beside it. A year below zero (credit notes, no purchase) draws on the other side of
// the zero line. The rows are the figures themselves (each opens its documents) in a list named by the chart's
// title, so a screen reader reads the years and amounts as text; the bars are decoration. The counts are not
// drawn: a bar labelled with a count beside bars sized by amounts said two things at once.
// Lengths are drawing only, so a float is fine here; the labels show the exact amounts.
import { formatMoney } from '@/lib/format/intl';
import { Figure } from './Figure';

export interface Bar {
  year: number;
  total: string;
  count: number;
}

export interface BarGeometry {
  /** Where the zero line stands, as a fraction of the track (0 when no year is negative). */
  zero: number;
  /** Each bar's start and length, fractions of the track, in the order given. */
  bars: { left: number; width: number; negative: boolean }[];
}

/** One scale for all years: the track spans the most negative year to the most positive one. */
export function barGeometry(totals: string[]): BarGeometry {
  const values = totals.map((t) => {
    const v = Number(t);
    return Number.isFinite(v) ? v : 0;
  });
  const pos = Math.max(0, ...values);
  const neg = Math.max(0, ...values.map((v) => -v));
  const span = pos + neg;
  const zero = span > 0 ? neg / span : 0;
  return {
    zero,
    bars: values.map((v) => {
      const width = span > 0 ? Math.abs(v) / span : 0;
      return { left: v < 0 ? zero - width : zero, width, negative: v < 0 };
    }),
  };
}

const pct = (f: number) => `${(f * 100).toFixed(2)}%`;

export function BarChart({ bars, currency, lang, labelledBy }: { bars: Bar[]; currency: string | null; lang: string; labelledBy: string }) {
  const geometry = barGeometry(bars.map((b) => b.total));
  const amounts = bars.map((b) => formatMoney(b.total, currency, lang));
  // The amounts share one column width, so the bars' tracks (and the zero line) line up from row to row.
  const amountWidth = Math.max(...amounts.map((a) => [...a].length), 1);
  return (
    <ul
      class="bars"
      aria-labelledby={labelledBy}
      data-chart="byYear"
      data-zero={geometry.zero.toFixed(4)}
      style={{ '--amount-width': `${amountWidth}ch` }}
    >
      {bars.map((b, i) => {
        const g = geometry.bars[i]!;
        return (
          <li key={b.year}>
            <Figure path={`salesOverview.byYear.${b.year}`} label={String(b.year)} value={b.total} data={{ count: b.count }} variant="bar-row">
              <span class="bar-track" aria-hidden="true">
                <span class="bar-zero" style={{ left: pct(geometry.zero) }} />
                {g.width > 0 && (
                  <span
                    class={g.negative ? 'bar negative' : 'bar'}
                    style={{ left: pct(g.left), width: pct(g.width) }}
                    data-year={b.year}
                    data-left={g.left.toFixed(4)}
                    data-width={g.width.toFixed(4)}
                  />
                )}
              </span>
              <span class="bar-amount">{amounts[i]}</span>
            </Figure>
          </li>
        );
      })}
    </ul>
  );
}
