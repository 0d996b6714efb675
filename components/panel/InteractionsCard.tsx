// Card 4: counts of the last six months, the summary text, the interactions themselves (collapsed).

import { formatDate, formatNumber } from '@/lib/format/intl';
import type { InteractionType } from '@/lib/summary/types';
import { docLabel } from '@/lib/words/documents';
import { Card } from './Card';
import { useEnv } from './env';
import { Figure } from './Figure';
import { TextsError, type TextsStatus } from './TextsState';

const TYPE_OF: Record<InteractionType, string> = { comment: 'comment', task: 'task', call: 'call', event: 'event' };

export function InteractionsCard({ texts }: { texts: TextsStatus }) {
  const { w, lang, summary, linkFor } = useEnv();
  const it = summary.interactions;
  const counts = (['comments', 'tasks', 'calls', 'events'] as const).map((key) => [key, it.counts[key], w.figures[key]] as const);
  const total = counts.reduce((n, [, c]) => n + c, 0);
  return (
    <Card name="interactions" title={w.cards.interactions.name}>
      <p class="muted">
        {w.values.since} {formatDate(it.from, lang, 'long')}
      </p>
      <div class="counts">
        {counts.map(([key, n, words]) => (
          <Figure key={key} path={`interactions.counts.${key}`} label={words.name} explain={words.explain} value={n} drill={false}>
            {formatNumber(n, lang)}
          </Figure>
        ))}
      </div>
      {texts.pending ? (
        texts.draft?.value ? (
          // The model's text as it streams: whole sentences that passed the checks so far, still a draft until
          // the whole text is checked (it may yet be replaced by the rules' one), and said so.
          <>
            <p class="muted draft-note" data-draft-note>
              {w.panel.draftUnchecked}
            </p>
            <p class="text pending" aria-live="polite" data-text="interactions.summary" data-checked="false">
              {texts.draft.value}
            </p>
          </>
        ) : (
          <p class="text pending" aria-live="polite" data-text="interactions.summary">
            {w.panel.writing}
          </p>
        )
      ) : texts.error === null ? (
        total === 0 && !it.summary ? (
          <p class="empty">{w.panel.noInteractions}</p>
        ) : (
          <p class="text" data-text="interactions.summary" data-generated-by={it.generatedBy}>
            {it.summary}
          </p>
        )
      ) : null}
      <TextsError status={texts} />
      {it.items.length > 0 && (
        <details class="interaction-items">
          <summary>{w.panel.showItems(it.items.length)}</summary>
          <ul>
            {it.items.map((item) => {
              const href = linkFor(TYPE_OF[item.type], item.id);
              const label = `${docLabel(item.type, lang)} · ${formatDate(item.date, lang)}`;
              return (
                <li key={`${item.type}:${item.id}`} data-interaction={`${item.type}:${item.id}`}>
                  <div class="muted">
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        {label}
                      </a>
                    ) : (
                      label
                    )}
                  </div>
                  <div class="item-text">{item.text}</div>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </Card>
  );
}
