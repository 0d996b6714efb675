// "Since your last look": what changed since the summary this user last saw for the client, by kind, each
// record linked into Sellsy, then the change of each total with the records that moved it.
import { formatDate, formatNumber } from '@/lib/format/intl';
import type { Change, ChangeRef, SummaryChanges } from '@/lib/summary/changes';
import { byKind, changeDetail, refLabel, sinceText, totalDetail } from '@/lib/summary/changes-text';
import { panelWords } from '@/lib/words/panel';
import { teamWords } from '@/lib/words/team';
import { valueWords } from '@/lib/words/values';
import type { LinkFor } from './env';

function Ref({ r, lang, linkFor }: { r: ChangeRef; lang: string; linkFor: LinkFor }) {
  const href = linkFor(r.type, r.id);
  const label = refLabel(r, lang);
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer" data-doc={`${r.type}:${r.id}`}>
      {label}
    </a>
  ) : (
    <span data-doc={`${r.type}:${r.id}`}>{label}</span>
  );
}

function Item({ c, lang, linkFor, settles }: { c: Change; lang: string; linkFor: LinkFor; settles: string }) {
  const detail = changeDetail(c, lang);
  return (
    <li data-change={c.kind}>
      <Ref r={c.ref} lang={lang} linkFor={linkFor} />
      {detail && <span class="muted"> · {detail}</span>}
      {c.links.length > 0 && (
        <span class="change-links muted">
          {' · '}
          {settles}{' '}
          {c.links.map((l, i) => (
            <span key={`${l.type}:${l.id}`}>
              {i > 0 && ', '}
              <Ref r={l} lang={lang} linkFor={linkFor} />
            </span>
          ))}
        </span>
      )}
    </li>
  );
}

export function SinceLastLook({ changes, lang, linkFor }: { changes: SummaryChanges; lang: string; linkFor: LinkFor }) {
  const L = teamWords(lang).changes;
  const nothing = changes.changes.length === 0 && changes.totals.length === 0;
  return (
    // Not one of the five cards (class "card"): a section of its own above them.
    <section class="since" data-card="since-last-look" aria-labelledby="card-since" data-changes={changes.changes.length}>
      <h3 id="card-since">
        {L.title} <span class="muted since-date">({sinceText(changes, lang)})</span>
      </h3>
      {nothing ? (
        <p class="empty" data-message="nothing-new">
          {L.nothing(formatDate(changes.since.slice(0, 10), lang))}
        </p>
      ) : (
        <>
          {byKind(changes.changes).map((g) => (
            <div class="change-group" key={g.kind} data-kind={g.kind}>
              <p class="change-kind">
                {L.kinds[g.kind] ?? g.kind} ({g.items.length})
              </p>
              <ul class="items">
                {g.items.map((c) => (
                  <Item key={`${c.kind}:${c.ref.type}:${c.ref.id}`} c={c} lang={lang} linkFor={linkFor} settles={L.settles} />
                ))}
              </ul>
            </div>
          ))}
          {changes.totals.length > 0 && (
            <div class="change-group" data-kind="totals">
              <p class="change-kind">{L.totals}</p>
              <ul class="items">
                {changes.totals.map((t) => (
                  <li key={t.key} data-total={t.key} data-before={t.before ?? 'null'} data-after={t.after ?? 'null'}>
                    <span>{L.totalNames[t.key] ?? t.key}</span>
                    <span class="muted"> · {totalDetail(t, changes.currency, lang)}</span>
                    {t.refs.length > 0 && (
                      <details class="total-refs">
                        <summary>{panelWords(lang).included(t.refCount)}</summary>
                        <ul>
                          {t.refs.map((r) => (
                            <li key={`${r.type}:${r.id}`}>
                              <Ref r={r} lang={lang} linkFor={linkFor} />
                            </li>
                          ))}
                          {t.refCount > t.refs.length && (
                            <li class="muted">{valueWords(lang).more(formatNumber(t.refCount - t.refs.length, lang))}</li>
                          )}
                        </ul>
                      </details>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
