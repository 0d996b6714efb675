// The documents behind one figure: the ones counted, with links into Sellsy, and the ones left out with
// the reason in words.

import { formatDate, formatMoney } from '@/lib/format/intl';
import type { SourceDoc } from '@/lib/summary/types';
import { sourcesFor, useEnv } from './env';
import { docTypeText, reasonText } from './i18n';

function DocLine({ doc, reason }: { doc: SourceDoc; reason?: string }) {
  const { s, lang, linkFor, summary } = useEnv();
  const label = `${docTypeText(doc.type, lang)} ${doc.number ?? `#${doc.id}`}`;
  const href = linkFor(doc.type, doc.id);
  return (
    <li class="src-doc" data-doc={`${doc.type}:${doc.id}`}>
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        <span>{label}</span>
      )}
      {doc.date && <span class="muted"> · {formatDate(doc.date, lang, 'short')}</span>}
      {doc.amount && <span class="muted"> · {formatMoney(doc.amount, doc.currency ?? summary.currency, lang)}</span>}
      {doc.paidOn && (
        <span class="muted">
          {' '}
          · {s.paidOn} {formatDate(doc.paidOn, lang, 'short')}
        </span>
      )}
      {reason && (
        <span class="reason" data-reason={reason}>
          {' '}
          — {reasonText(reason, lang)}
        </span>
      )}
    </li>
  );
}

export function Sources({ path, id }: { path: string; id: string }) {
  const { s, summary } = useEnv();
  const src = sourcesFor(summary, path);
  if (!src)
    return (
      <div class="sources" id={id} data-sources-for={path}>
        <p class="muted">{s.noSources}</p>
      </div>
    );
  return (
    <div class="sources" id={id} data-sources-for={path}>
      <p class="src-head">{s.included(src.included.length)}</p>
      {src.included.length > 0 && (
        <ul class="src-list">
          {src.included.map((d) => (
            <DocLine key={`${d.type}:${d.id}`} doc={d} />
          ))}
        </ul>
      )}
      {src.excluded.length > 0 && (
        <>
          <p class="src-head">{s.excluded(src.excluded.length)}</p>
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
