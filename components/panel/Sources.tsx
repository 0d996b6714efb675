// The documents behind one figure: the ones counted, with links into Sellsy, and the ones left out with
// the reason in words.

import { docNumberText } from '@/lib/format/crm-name';
import { formatDate, formatMoney } from '@/lib/format/intl';
import type { SourceDoc } from '@/lib/summary/types';
import { docLabel } from '@/lib/words/documents';
import { reasonLabel } from '@/lib/words/reasons';
import { sourcesFor, useEnv } from './env';

function DocLine({ doc, reason }: { doc: SourceDoc; reason?: string }) {
  const { w, lang, linkFor, summary } = useEnv();
  const label = `${docLabel(doc.type, lang)} ${docNumberText(doc)}`;
  const href = linkFor(doc.type, doc.id);
  return (
    <li class="src-doc" data-doc={`${doc.type}:${doc.id}`}>
      {href ? (
        <a class="doc-name" href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        <span class="doc-name">{label}</span>
      )}
      {doc.date && <span class="muted"> · {formatDate(doc.date, lang)}</span>}
      {doc.amount && <span class="muted"> · {formatMoney(doc.amount, doc.currency ?? summary.currency, lang)}</span>}
      {doc.paidOn && (
        <span class="muted">
          {' '}
          · {w.values.paidOn} {formatDate(doc.paidOn, lang)}
        </span>
      )}
      {reason && (
        <span class="reason" data-reason={reason}>
          {' '}
          — {reasonLabel(reason, lang)}
        </span>
      )}
    </li>
  );
}

export function Sources({ path, id, explain }: { path: string; id: string; explain?: string | undefined }) {
  const { w, summary } = useEnv();
  const src = sourcesFor(summary, path);
  const what = explain && <p class="src-explain">{explain}</p>;
  if (!src)
    return (
      <div class="sources" id={id} data-sources-for={path}>
        {what}
        <p class="muted">{w.panel.noSources}</p>
      </div>
    );
  return (
    <div class="sources" id={id} data-sources-for={path}>
      {what}
      <p class="src-head">{w.panel.included(src.included.length)}</p>
      {src.included.length > 0 && (
        <ul class="src-list">
          {src.included.map((d) => (
            <DocLine key={`${d.type}:${d.id}`} doc={d} />
          ))}
        </ul>
      )}
      {src.excluded.length > 0 && (
        <>
          <p class="src-head">{w.panel.excluded(src.excluded.length)}</p>
          <ul class="src-list excluded">
            {src.excluded.map((d) => (
              <DocLine key={`x${d.type}:${d.id}`} doc={d} reason={d.reason} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
