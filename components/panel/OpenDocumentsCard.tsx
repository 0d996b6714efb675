// Card 2: invoices to pay, late invoices, estimates sent and read, open opportunities.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatDate, formatMoney, formatNumber } from '@/lib/format/intl';
import type { DocList, DocRef, OpportunityRef } from '@/lib/summary/types';
import { Card } from './Card';
import { useEnv } from './env';
import { Figure } from './Figure';
import { docTypeText } from './i18n';

function DocItem({ type, doc }: { type: string; doc: DocRef }) {
  const { s, lang, summary, linkFor } = useEnv();
  const href = linkFor(type, doc.id);
  const label = `${docTypeText(type, lang)} ${doc.number ?? `#${doc.id}`}`;
  const currency = doc.currency ?? summary.currency;
  return (
    <li data-doc={`${type}:${doc.id}`}>
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        <span>{label}</span>
      )}
      <span class="muted"> · {formatDate(doc.date, lang, 'short')}</span>
      {' · '}
      {doc.remaining !== undefined ? (
        <>
          {formatMoney(doc.remaining, currency, lang)} {s.remaining}
        </>
      ) : (
        formatMoney(doc.amount, currency, lang)
      )}
      {doc.daysLate !== undefined && <span class="late"> · {s.daysLate(doc.daysLate)}</span>}
      {doc.daysLate === undefined && doc.dueDate && (
        <span class="muted">
          {' '}
          · {s.due} {formatDate(doc.dueDate, lang, 'short')}
        </span>
      )}
      {doc.expiryDate && (
        <span class="muted">
          {' '}
          · {s.expires} {formatDate(doc.expiryDate, lang, 'short')}
        </span>
      )}
    </li>
  );
}

/** Lists stay short: the first few, then a button for the rest. */
const SHOWN = 5;
function ShortList<T>({ items, render }: { items: T[]; render: (item: T) => ComponentChildren }) {
  const { s } = useEnv();
  const [all, setAll] = useState(false);
  if (items.length === 0) return null;
  const shown = all ? items : items.slice(0, SHOWN);
  return (
    <ul class="items">
      {shown.map(render)}
      {items.length > SHOWN && (
        <li class="more">
          <button type="button" class="link-btn" aria-expanded={all} onClick={() => setAll(!all)}>
            {all ? s.showLess : s.showMore(items.length - SHOWN)}
          </button>
        </li>
      )}
    </ul>
  );
}

function ListFigure({ path, label, type, list }: { path: string; label: string; type: string; list: DocList | null }) {
  const { s, lang, summary } = useEnv();
  if (list === null) {
    return (
      <Figure path={path} label={label} value={null} drill={false}>
        <span class="muted" data-why="invoicing-only">
          {s.invoicingOnly}
        </span>
      </Figure>
    );
  }
  return (
    <>
      <Figure path={path} label={label} value={list.total} data={{ count: list.count }}>
        {formatNumber(list.count, lang)}
        {list.count > 0 && <> · {formatMoney(list.total, summary.currency, lang)}</>}
      </Figure>
      <ShortList items={list.items} render={(d) => <DocItem key={d.id} type={type} doc={d} />} />
    </>
  );
}

function OpportunityItem({ o }: { o: OpportunityRef }) {
  const { s, lang, summary, linkFor } = useEnv();
  const href = linkFor('opportunity', o.id);
  const where = [o.pipeline, o.step].filter(Boolean).join(' › ');
  return (
    <li data-doc={`opportunity:${o.id}`}>
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {o.name}
        </a>
      ) : (
        <span>{o.name}</span>
      )}
      {' · '}
      {formatMoney(o.amount, o.currency ?? summary.currency, lang)}
      {where && <span class="muted"> · {where}</span>}
      {o.probability !== null && <span class="muted"> · {formatNumber(o.probability, lang)} %</span>}
      {o.dueDate && (
        <span class="muted">
          {' '}
          · {s.due} {formatDate(o.dueDate, lang, 'short')}
        </span>
      )}
    </li>
  );
}

export function OpenDocumentsCard() {
  const { s, lang, summary } = useEnv();
  const d = summary.openDocuments;
  const opp = d.opportunities;
  return (
    <Card name="openDocuments" title={s.openDocuments}>
      <ListFigure path="openDocuments.invoicesToPay" label={s.invoicesToPay} type="invoice" list={d.invoicesToPay} />
      <ListFigure path="openDocuments.invoicesLate" label={s.invoicesLate} type="invoice" list={d.invoicesLate} />
      <ListFigure path="openDocuments.estimatesSent" label={s.estimatesSent} type="estimate" list={d.estimatesSent} />
      <ListFigure path="openDocuments.estimatesRead" label={s.estimatesRead} type="estimate" list={d.estimatesRead} />
      <Figure path="openDocuments.opportunities" label={s.opportunities} value={opp.total} data={{ count: opp.count }}>
        {formatNumber(opp.count, lang)}
        {opp.count > 0 && <> · {formatMoney(opp.total, summary.currency, lang)}</>}
      </Figure>
      <ShortList items={opp.items} render={(o) => <OpportunityItem key={o.id} o={o} />} />
    </Card>
  );
}
