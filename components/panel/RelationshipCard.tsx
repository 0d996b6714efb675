// Card 1: first and last purchase, total of purchases.

import { formatDate, formatMoney } from '@/lib/format/intl';
import type { DocRef } from '@/lib/summary/types';
import { Card } from './Card';
import { useEnv } from './env';
import { Figure } from './Figure';

function PurchaseFigure({ path, label, doc }: { path: string; label: string; doc: DocRef }) {
  const { lang, summary } = useEnv();
  return (
    <Figure path={path} label={label} value={doc.date} data={{ amount: doc.amount, id: doc.id, number: doc.number }}>
      {formatDate(doc.date, lang)} · {formatMoney(doc.amount, doc.currency ?? summary.currency, lang)}
    </Figure>
  );
}

export function RelationshipCard() {
  const { s, lang, summary } = useEnv();
  const r = summary.relationship;
  return (
    <Card name="relationship" title={s.relationship}>
      {r.firstPurchase && r.lastPurchase && r.totalPurchases !== null ? (
        <>
          <PurchaseFigure path="relationship.firstPurchase" label={s.firstPurchase} doc={r.firstPurchase} />
          <PurchaseFigure path="relationship.lastPurchase" label={s.lastPurchase} doc={r.lastPurchase} />
          <Figure path="relationship.totalPurchases" label={s.totalPurchases} value={r.totalPurchases}>
            <strong>{formatMoney(r.totalPurchases, summary.currency, lang)}</strong>
          </Figure>
        </>
      ) : (
        <p class="empty" data-empty="relationship">
          {s.noPurchase}
        </p>
      )}
      {summary.excludedOtherCurrency > 0 && (
        <p class="note" data-note="other-currency">
          {s.otherCurrency(summary.excludedOtherCurrency)}
        </p>
      )}
    </Card>
  );
}
