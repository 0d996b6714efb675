// Card 5: suggested actions, each with its reason and the records it rests on.
import type { Evidence } from '@/lib/summary/types';
import { docLabel } from '@/lib/words/documents';
import { Card } from './Card';
import { docNumber, useEnv } from './env';
import { TextsError, type TextsStatus } from './TextsState';

function EvidenceLink({ e }: { e: Evidence }) {
  const { lang, linkFor, summary } = useEnv();
  const href = linkFor(e.type, e.id);
  const label = `${docLabel(e.type, lang)} ${docNumber(summary, e.type, e.id) ?? `#${e.id}`}`;
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer" data-evidence={`${e.type}:${e.id}`}>
      {label}
    </a>
  ) : (
    <span data-evidence={`${e.type}:${e.id}`}>{label}</span>
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
                {item.evidence.length > 0 && (
                  <div class="reco-evidence muted">
                    {w.values.evidence}{' '}
                    {item.evidence.map((e, j) => (
                      <span key={`${e.type}:${e.id}`}>
                        {j > 0 && ', '}
                        <EvidenceLink e={e} />
                      </span>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ol>
        )
      )}
      <TextsError status={texts} />
    </Card>
  );
}
