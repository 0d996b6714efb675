// Card 2: invoices to pay, late invoices, estimates sent and read, open opportunities.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { crmName, docNumberText, pipelineStep } from '@/lib/format/crm-name';
import { formatDate, formatMoney, formatNumber } from '@/lib/format/intl';
import { mainCurrencyNote } from '@/lib/format/left-out';
import type { DocList, DocRef, OpportunityRef } from '@/lib/summary/types';
import { docLabel } from '@/lib/words/documents';
import type { FigureWords } from '@/lib/words/figures';
import { Card } from './Card';
import { useEnv } from './env';
import { Figure } from './Figure';
import { InvoicingOnly } from './InvoicingOnly';
import { useUserEvents } from './user-events';

function DocItem({ type, doc }: { type: string; doc: DocRef }) {
  const { w, lang, summary, linkFor } = useEnv();
  const v = w.values;
  const href = linkFor(type, doc.id);
  const label = `${docLabel(type, lang)} ${docNumberText(doc)}`;
  const currency = doc.currency ?? summary.currency;
  return (
    <li data-doc={`${type}:${doc.id}`}>
      {href ? (
        <a class="doc-name" href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        <span class="doc-name">{label}</span>
      )}
      <span class="muted"> · {formatDate(doc.date, lang)}</span>
      {' · '}
      {doc.remaining !== undefined ? (
        <>
          {formatMoney(doc.remaining, currency, lang)} {v.remaining}
        </>
      ) : (
        formatMoney(doc.amount, currency, lang)
      )}
      {doc.daysLate !== undefined && <span class="late"> · {v.daysLate(doc.daysLate, formatNumber(doc.daysLate, lang))}</span>}
      {doc.daysLate === undefined && doc.dueDate && (
        <span class="muted">
          {' '}
          · {v.due} {formatDate(doc.dueDate, lang)}
        </span>
      )}
      {doc.expiryDate && (
        <span class="muted">
          {' '}
          · {v.expires} {formatDate(doc.expiryDate, lang)}
        </span>
      )}
    </li>
  );
}

/** Lists stay short: the first few, then a button for the rest. */
const SHOWN = 5;
function ShortList<T>({ items, render }: { items: T[]; render: (item: T) => ComponentChildren }) {
  const { w } = useEnv();
  const [all, setAll] = useState(false);
  const user = useUserEvents();
  if (items.length === 0) return null;
  const shown = all ? items : items.slice(0, SHOWN);
  return (
    <ul class="items">
      {shown.map(render)}
      {items.length > SHOWN && (
        <li class="more">
          <button type="button" class="link-btn" aria-expanded={all} onClick={user(() => setAll(!all))}>
            {all ? w.panel.showLess : w.panel.showMore(items.length - SHOWN)}
          </button>
        </li>
      )}
    </ul>
  );
}

/** What a total leaves out for its currency, as the line under its figure. */
function leftOutNote(note: string | null) {
  return note && <span data-note="main-currency">{note}</span>;
}

function ListFigure({ path, words, type, list }: { path: string; words: FigureWords; type: string; list: DocList | null }) {
  const { lang, summary } = useEnv();
  if (list === null) return <InvoicingOnly path={path} words={words} />;
  return (
    <>
      <Figure
        path={path}
        label={words.name}
        explain={words.explain}
        value={list.total}
        data={{ count: list.count }}
        note={leftOutNote(mainCurrencyNote(summary, [path], lang))}
      >
        {formatNumber(list.count, lang)}
        {list.count > 0 && <> · {formatMoney(list.total, summary.currency, lang)}</>}
      </Figure>
      <ShortList items={list.items} render={(d) => <DocItem key={d.id} type={type} doc={d} />} />
    </>
  );
}

function OpportunityItem({ o }: { o: OpportunityRef }) {
  const { w, lang, summary, linkFor } = useEnv();
  const href = linkFor('opportunity', o.id);
  const name = crmName(o.name) || docNumberText(o);
  const where = pipelineStep(o.pipeline, o.step, ' › ');
  return (
    <li data-doc={`opportunity:${o.id}`}>
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {name}
        </a>
      ) : (
        <span>{name}</span>
      )}
      {' · '}
      {formatMoney(o.amount, o.currency ?? summary.currency, lang)}
      {where && <span class="muted"> · {where}</span>}
      {o.probability !== null && <span class="muted"> · {formatNumber(o.probability, lang)} %</span>}
      {o.dueDate && (
        <span class="muted">
          {' '}
          · {w.values.due} {formatDate(o.dueDate, lang)}
        </span>
      )}
    </li>
  );
}

export function OpenDocumentsCard() {
  const { w, lang, summary } = useEnv();
  const F = w.figures;
  const d = summary.openDocuments;
  const opp = d.opportunities;
  return (
    <Card name="openDocuments" title={w.cards.openDocuments.name}>
      <ListFigure path="openDocuments.invoicesToPay" words={F.invoicesToPay} type="invoice" list={d.invoicesToPay} />
      <ListFigure path="openDocuments.invoicesLate" words={F.invoicesLate} type="invoice" list={d.invoicesLate} />
      <ListFigure path="openDocuments.estimatesSent" words={F.estimatesSent} type="estimate" list={d.estimatesSent} />
      <ListFigure path="openDocuments.estimatesRead" words={F.estimatesRead} type="estimate" list={d.estimatesRead} />
      <Figure
        path="openDocuments.opportunities"
        label={F.opportunities.name}
        explain={F.opportunities.explain}
        value={opp.total}
        data={{ count: opp.count }}
        note={leftOutNote(mainCurrencyNote(summary, ['openDocuments.opportunities'], lang))}
      >
        {formatNumber(opp.count, lang)}
        {opp.count > 0 && <> · {formatMoney(opp.total, summary.currency, lang)}</>}
      </Figure>
      <ShortList items={opp.items} render={(o) => <OpportunityItem key={o.id} o={o} />} />
    </Card>
  );
}
