// Card 3: yearly totals (chart and figures), averages, top products, payment behaviour.

import { formatMoney, formatNumber, formatQuantity } from '@/lib/format/intl';
import type { ProductFigure } from '@/lib/summary/types';
import { BarChart } from './BarChart';
import { Card } from './Card';
import { useEnv } from './env';
import { Figure } from './Figure';

function Products({ path, title, products, by }: { path: string; title: string; products: ProductFigure[]; by: 'quantity' | 'revenue' }) {
  const { lang, summary } = useEnv();
  if (products.length === 0) return null;
  return (
    <div class="products" data-products={path}>
      <h4>{title}</h4>
      <ol>
        {products.map((p, i) => (
          <li key={`${p.itemId}:${p.declinationId ?? ''}`}>
            <Figure
              path={`${path}.${i}`}
              label={
                <>
                  {p.name}
                  {p.reference && <span class="muted"> ({p.reference})</span>}
                </>
              }
              value={by === 'quantity' ? p.quantity : p.revenue}
              data={{ name: p.name, quantity: p.quantity, revenue: p.revenue, item: p.itemId }}
            >
              {by === 'quantity' ? `× ${formatQuantity(p.quantity, lang)}` : formatMoney(p.revenue, summary.currency, lang)}
            </Figure>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function SalesOverviewCard() {
  const { s, lang, summary } = useEnv();
  const o = summary.salesOverview;
  const invoicingOnly = (
    <span class="muted" data-why="invoicing-only">
      {s.invoicingOnly}
    </span>
  );
  return (
    <Card name="salesOverview" title={s.salesOverview}>
      <BarChart bars={o.byYear} currency={summary.currency} lang={lang} label={s.byYear} />
      <div class="years">
        {o.byYear.map((y) => (
          <Figure key={y.year} path={`salesOverview.byYear.${y.year}`} label={String(y.year)} value={y.total} data={{ count: y.count }}>
            {formatMoney(y.total, summary.currency, lang)} · {s.documentsCount(y.count)}
          </Figure>
        ))}
      </div>
      <Figure path="salesOverview.averagePerYear" label={s.averagePerYear} value={o.averagePerYear} drill={false}>
        {formatNumber(o.averagePerYear, lang)}
      </Figure>
      <Figure path="salesOverview.averageBasket" label={s.averageBasket} value={o.averageBasket}>
        {o.averageBasket === null ? s.none : formatMoney(o.averageBasket, summary.currency, lang)}
      </Figure>
      <Products path="salesOverview.topProductsByQuantity" title={s.topByQuantity} products={o.topProductsByQuantity} by="quantity" />
      <Products path="salesOverview.topProductsByRevenue" title={s.topByRevenue} products={o.topProductsByRevenue} by="revenue" />
      {summary.sourceMode === 'sales' ? (
        <>
          <Figure path="salesOverview.averagePaymentDelayDays" label={s.averagePaymentDelay} value={null} drill={false}>
            {invoicingOnly}
          </Figure>
          <Figure path="salesOverview.latePayments" label={s.latePayments} value={null} drill={false}>
            {invoicingOnly}
          </Figure>
        </>
      ) : (
        <>
          <Figure path="salesOverview.averagePaymentDelayDays" label={s.averagePaymentDelay} value={o.averagePaymentDelayDays}>
            {o.averagePaymentDelayDays === null ? s.none : s.days(formatNumber(o.averagePaymentDelayDays, lang))}
          </Figure>
          <Figure path="salesOverview.latePayments" label={s.latePayments} value={o.latePayments}>
            {o.latePayments === null ? s.none : formatNumber(o.latePayments, lang)}
          </Figure>
        </>
      )}
    </Card>
  );
}
