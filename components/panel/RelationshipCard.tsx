// Card 1: first and last purchase, total of purchases.

import { formatDate, formatMoney, formatNumber } from '@/lib/format/intl';
import { mainCurrencyNote } from '@/lib/format/left-out';
import type { DocRef } from '@/lib/summary/types';
import type { FigureWords } from '@/lib/words/figures';
import { Card } from './Card';
import { useEnv } from './env';
import { Figure } from './Figure';

function PurchaseFigure({ path, words, doc }: { path: string; words: FigureWords; doc: DocRef }) {
  const { lang, summary } = useEnv();
  return (
    <Figure path={path} label={words.name} explain={words.explain} value={doc.date} data={{ amount: doc.amount, id: doc.id, number: doc.number }}>
      {formatDate(doc.date, lang, 'long')} · {formatMoney(doc.amount, doc.currency ?? summary.currency, lang)}
    </Figure>
  );
}

export function RelationshipCard() {
  const { w, lang, summary } = useEnv();
  const F = w.figures;
  const r = summary.relationship;
  const leftOut = mainCurrencyNote(summary, ['relationship.totalPurchases'], lang);
  // A summary without sources (an old cache entry) only has the overall count to say it.
  const overall = !summary.sources && summary.excludedOtherCurrency > 0 ? summary.currency : null;
  return (
    <Card name="relationship" title={w.cards.relationship.name}>
      {r.firstPurchase && r.lastPurchase && r.totalPurchases !== null ? (
        <>
          <PurchaseFigure path="relationship.firstPurchase" words={F.firstPurchase} doc={r.firstPurchase} />
          <PurchaseFigure path="relationship.lastPurchase" words={F.lastPurchase} doc={r.lastPurchase} />
          <Figure
            path="relationship.totalPurchases"
            label={F.totalPurchases.name}
            explain={F.totalPurchases.explain}
            value={r.totalPurchases}
            note={leftOut && <span data-note="main-currency">{leftOut}</span>}
          >
            <strong>{formatMoney(r.totalPurchases, summary.currency, lang)}</strong>
          </Figure>
        </>
      ) : (
        <p class="empty" data-empty="relationship">
          {w.values.noPurchase}
        </p>
      )}
      {overall && (
        <p class="note" data-note="other-currency">
          {w.values.otherCurrency(summary.excludedOtherCurrency, formatNumber(summary.excludedOtherCurrency, lang), overall)}
        </p>
      )}
    </Card>
  );
}
