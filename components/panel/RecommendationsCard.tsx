// Card 5: suggested actions, each with its reason and the records it rests on. Evidence stays short: the first
// few records inline, the rest behind "and N more"; a recommendation that rests on many says how many first
// ("Based on 42 invoices"). Forty links inline once took a third of the panel.
import { useState } from 'preact/hooks';
import { EVIDENCE_INLINE, evidenceWhat } from '@/lib/format/evidence';
import { formatNumber } from '@/lib/format/intl';
import type { Evidence } from '@/lib/summary/types';
import { docLabel } from '@/lib/words/documents';
import { colon } from '@/lib/words/typography';
import { Card } from './Card';
import { docNumber, useEnv } from './env';
import { TextsError, type TextsStatus } from './TextsState';
import { useUserEvents } from './user-events';

let nextId = 0;

/** A record by its kind and number ("Facture FAC-2026-0084"); by its number alone when the line already said the kind. */
function EvidenceLink({ e, kindSaid }: { e: Evidence; kindSaid: boolean }) {
  const { lang, linkFor, summary } = useEnv();
  const href = linkFor(e.type, e.id);
  const number = docNumber(summary, e.type, e.id) ?? `#${e.id}`;
  const label = kindSaid ? number : `${docLabel(e.type, lang)} ${number}`;
  return href ? (
    <a class="doc-name" href={href} target="_blank" rel="noopener noreferrer" data-evidence={`${e.type}:${e.id}`}>
      {label}
    </a>
  ) : (
    <span class="doc-name" data-evidence={`${e.type}:${e.id}`}>
      {label}
    </span>
  );
}

function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const { w, lang } = useEnv();
  const v = w.values;
  const [all, setAll] = useState(false);
  const user = useUserEvents();
  const [id] = useState(() => `evidence-${++nextId}`);
  const many = evidence.length > EVIDENCE_INLINE;
  const shown = all || !many ? evidence : evidence.slice(0, EVIDENCE_INLINE);
  const oneKind = new Set(evidence.map((e) => e.type)).size === 1;
  const head = many ? `${v.evidenceMany(formatNumber(evidence.length, lang), evidenceWhat(evidence, lang))}${colon(lang)}` : `${v.evidence} `;
  return (
    <div class="reco-evidence muted" data-evidence-count={evidence.length}>
      <span class="evidence-head">{head}</span>
      <span id={id} class="evidence-links">
        {shown.map((e, j) => (
          <span key={`${e.type}:${e.id}`}>
            {j > 0 && ', '}
            <EvidenceLink e={e} kindSaid={many && oneKind} />
          </span>
        ))}
      </span>
      {many && (
        <>
          {' '}
          <button
            type="button"
            class="link-btn"
            aria-expanded={all}
            aria-controls={id}
            data-action="evidence-more"
            onClick={user(() => setAll(!all))}
          >
            {all ? w.panel.showLess : v.evidenceMore(formatNumber(evidence.length - EVIDENCE_INLINE, lang))}
          </button>
        </>
      )}
    </div>
  );
}

export function RecommendationsCard({ texts }: { texts: TextsStatus }) {
  const { w, summary } = useEnv();
  const r = summary.recommendations;
  return (
    <Card name="recommendations" title={w.cards.recommendations.name}>
      {texts.pending ? (
        <p class="text pending" aria-live="polite">
          {w.panel.writing}
        </p>
      ) : (
        texts.error === null && (
          <ol class="recos" data-generated-by={r.generatedBy}>
            {r.items.map((item, i) => (
              <li key={i} data-recommendation={i}>
                <div class="reco-action">{item.action}</div>
                <div class="reco-reason">{item.reason}</div>
                {item.evidence.length > 0 && <EvidenceList evidence={item.evidence} />}
              </li>
            ))}
          </ol>
        )
      )}
      <TextsError status={texts} />
    </Card>
  );
}
