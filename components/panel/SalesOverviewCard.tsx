// Card 3: yearly totals (chart and figures), averages, top products, payment behaviour. While the documents'
// details arrive (a partial summary), the two top-product lists say how many documents they rest on.

import { productLabel } from '@/lib/format/crm-name';
import { formatMoney, formatNumber, formatQuantity } from '@/lib/format/intl';
import { byYearPaths, mainCurrencyNote } from '@/lib/format/left-out';
import type { ProductFigure } from '@/lib/summary/types';
import type { FigureWords } from '@/lib/words/figures';
import { progressiveWords } from '@/lib/words/progressive';
import { BarChart } from './BarChart';
import { Card } from './Card';
import { useEnv } from './env';
import { Figure } from './Figure';
import { InvoicingOnly } from './InvoicingOnly';

/** The id of a list figure's heading, for the list it names. */
const titleId = (path: string) => `title-${path.replace(/\./g, '-')}`;

/** A figure that is a list: its name as a heading (with the explanation as its tooltip), then its entries. */
function ListTitle({ path, words }: { path: string; words: FigureWords }) {
  return (
    <h4 id={titleId(path)} data-figure-title={path} title={words.explain}>
      {words.name}
    </h4>
  );
}

function Products({ path, words, products, by }: { path: string; words: FigureWords; products: ProductFigure[]; by: 'quantity' | 'revenue' }) {
  const { w, lang, summary } = useEnv();
  const partial = summary.partial !== undefined;
  return (
    <div class={partial ? 'products partial' : 'products'} data-products={path} data-partial={partial ? 'true' : undefined}>
      <ListTitle path={path} words={words} />
      {products.length === 0 ? (
        <p class="muted" data-empty={path}>
          {partial ? progressiveWords(lang).readingDocuments : w.values.noProducts}
        </p>
      ) : (
        <ol aria-labelledby={titleId(path)}>
          {products.map((p, i) => {
            const shown = productLabel(p);
            return (
              <li key={`${p.itemId}:${p.declinationId ?? ''}`}>
                <Figure
                  path={`${path}.${i}`}
                  label={
                    <>
                      {shown.name}
                      {shown.reference && <span class="muted ref"> ({shown.reference})</span>}
                    </>
                  }
                  value={by === 'quantity' ? p.quantity : p.revenue}
                  data={{ name: p.name, quantity: p.quantity, revenue: p.revenue, item: p.itemId }}
                >
                  {by === 'quantity' ? `× ${formatQuantity(p.quantity, lang)}` : formatMoney(p.revenue, summary.currency, lang)}
                </Figure>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

/** How far the top products are: "n of N documents read", a bar, and that the lists are provisional. */
function DetailsRead({ read, total }: { read: number; total: number }) {
  const { lang } = useEnv();
  const p = progressiveWords(lang);
  const text = p.detailsRead(formatNumber(read, lang), formatNumber(total, lang));
  return (
    <div class="details-read" data-details-read={`${read}/${total}`} aria-live="polite">
      <p>
        <progress max={total} value={read} aria-label={text} /> {text}
      </p>
      <p class="muted">{p.partialProducts}</p>
    </div>
  );
}

export function SalesOverviewCard() {
  const { w, lang, summary } = useEnv();
  const F = w.figures;
  const v = w.values;
  const o = summary.salesOverview;
  const counts = o.byYear.map((y) => v.inYear(formatNumber(y.count, lang), String(y.year)));
  const leftOut = mainCurrencyNote(summary, byYearPaths(summary), lang);
  return (
    <Card name="salesOverview" title={w.cards.salesOverview.name}>
      <ListTitle path="salesOverview.byYear" words={F.byYear} />
      <BarChart bars={o.byYear} currency={summary.currency} lang={lang} labelledBy={titleId('salesOverview.byYear')} />
      <p class="bar-counts muted" data-counts="salesOverview.byYear">
        {v.purchaseCounts(counts)}
      </p>
      {leftOut && (
        <p class="note" data-note="main-currency" data-note-for="salesOverview.byYear">
          {leftOut}
        </p>
      )}
      <Figure
        path="salesOverview.averagePerYear"
        label={F.averagePerYear.name}
        explain={F.averagePerYear.explain}
        value={o.averagePerYear}
        drill={false}
      >
        {formatNumber(o.averagePerYear, lang)}
      </Figure>
      <Figure path="salesOverview.averageBasket" label={F.averageBasket.name} explain={F.averageBasket.explain} value={o.averageBasket}>
        {o.averageBasket === null ? v.none : formatMoney(o.averageBasket, summary.currency, lang)}
      </Figure>
      {summary.partial && <DetailsRead read={summary.partial.detailsRead} total={summary.partial.detailsTotal} />}
      <Products path="salesOverview.topProductsByQuantity" words={F.topProductsByQuantity} products={o.topProductsByQuantity} by="quantity" />
      <Products path="salesOverview.topProductsByRevenue" words={F.topProductsByRevenue} products={o.topProductsByRevenue} by="revenue" />
      {summary.sourceMode === 'sales' ? (
        <>
          <InvoicingOnly path="salesOverview.averagePaymentDelayDays" words={F.averagePaymentDelayDays} />
          <InvoicingOnly path="salesOverview.latePayments" words={F.latePayments} />
        </>
      ) : (
        <>
          <Figure
            path="salesOverview.averagePaymentDelayDays"
            label={F.averagePaymentDelayDays.name}
            explain={F.averagePaymentDelayDays.explain}
            value={o.averagePaymentDelayDays}
          >
            {o.averagePaymentDelayDays === null ? v.none : v.days(formatNumber(o.averagePaymentDelayDays, lang))}
          </Figure>
          <Figure path="salesOverview.latePayments" label={F.latePayments.name} explain={F.latePayments.explain} value={o.latePayments}>
            {o.latePayments === null ? v.none : formatNumber(o.latePayments, lang)}
          </Figure>
        </>
      )}
    </Card>
  );
}
