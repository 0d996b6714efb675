// Three yearly totals as bars. Heights are drawing only, so a float is fine here; the labels show the
// exact amounts.
import { formatMoney } from '@/lib/format/intl';

export interface Bar {
  year: number;
  total: string;
  count: number;
}

export function BarChart({ bars, currency, lang, label }: { bars: Bar[]; currency: string | null; lang: string; label: string }) {
  const width = 360;
  const height = 110;
  const top = 16;
  const base = height - 18;
  const max = Math.max(0, ...bars.map((b) => Number(b.total)));
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.min(64, slot * 0.55);
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-chart="byYear">
      {bars.map((b, i) => {
        const value = Math.max(0, Number(b.total));
        const h = max > 0 ? Math.max(value > 0 ? 2 : 0, ((base - top) * value) / max) : 0;
        const x = i * slot + (slot - barWidth) / 2;
        return (
          <g key={b.year}>
            <rect class="bar" x={x} y={base - h} width={barWidth} height={h} rx={3} data-year={b.year}>
              <title>{`${b.year}: ${formatMoney(b.total, currency, lang)}`}</title>
            </rect>
            <text class="bar-year" x={x + barWidth / 2} y={height - 4} text-anchor="middle">
              {String(b.year)}
            </text>
            <text class="bar-count" x={x + barWidth / 2} y={base - h - 4} text-anchor="middle">
              {String(b.count)}
            </text>
          </g>
        );
      })}
      <line x1={0} x2={width} y1={base} y2={base} class="axis" />
    </svg>
  );
}
