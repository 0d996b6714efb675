// Under the header: the summary a colleague shared on the record ("Shared by … on …", whether its texts are
// used here or outdated and why), and "Share with the team", which first shows exactly what will be posted.
// Everything shown is text: the preview is the comment's source, the shared texts are plain strings.
import { formatDate } from '@/lib/format/intl';
import type { SharedView } from '@/lib/summary/shared-summary';
import { teamWords } from '@/lib/words/team';
import type { TeamModel } from './team-model';
import { useUserEvents } from './user-events';

function SharedLine({ view, lang }: { view: SharedView; lang: string }) {
  const t = teamWords(lang);
  const parts = view.changed.map((p) => t.shared.parts[p] ?? p).join(', ');
  const status =
    view.texts === 'reused'
      ? t.shared.reused
      : view.texts === 'outdated'
        ? (t.shared.outdated[view.outdatedBecause ?? 'data'] ?? t.shared.outdated.data!)(parts)
        : view.sameData
          ? t.shared.sameData
          : t.shared.changed(parts);
  const texts = view.outdatedTexts;
  return (
    <div class="shared" data-shared={view.commentId} data-shared-texts={view.texts} data-same-data={String(view.sameData)}>
      <p class="shared-by">{t.shared.by(view.author ?? t.shared.aColleague, formatDate(view.sharedAt.slice(0, 10), lang))}</p>
      <p class={`shared-status${view.texts === 'outdated' ? ' outdated' : ''}`} data-outdated-because={view.outdatedBecause ?? undefined}>
        {status}
      </p>
      {texts && (
        <details class="shared-texts">
          <summary>{t.shared.showTexts}</summary>
          {texts.interactions && <p class="text outdated-text">{texts.interactions}</p>}
          {texts.recommendations && (
            <ol class="recos">
              {texts.recommendations.map((r, i) => (
                <li key={i}>
                  <div class="reco-action">{r.action}</div>
                  <div class="reco-reason">{r.reason}</div>
                </li>
              ))}
            </ol>
          )}
        </details>
      )}
    </div>
  );
}

export function TeamBar({ team, lang, canShare }: { team: TeamModel; lang: string; canShare: boolean }) {
  const t = teamWords(lang);
  const user = useUserEvents();
  const view = team.shared.value;
  const share = team.share.value;
  return (
    <section class="team" aria-label={t.share.action}>
      {view && <SharedLine view={view} lang={lang} />}
      {share.state === 'preview' ? (
        <div class="share-preview" data-share="preview">
          <p>{t.share.preview}</p>
          <pre class="share-text" data-share-text>
            {share.text}
          </pre>
          <div class="share-actions">
            <button type="button" class="btn primary" data-action="share-confirm" onClick={user(() => team.confirmShare())}>
              {t.share.confirm}
            </button>
            <button type="button" class="btn" data-action="share-cancel" onClick={user(() => team.cancelShare())}>
              {t.share.cancel}
            </button>
          </div>
        </div>
      ) : (
        <div class="share-row">
          <button
            type="button"
            class="btn"
            data-action="share"
            disabled={!canShare || share.state === 'previewing' || share.state === 'posting'}
            onClick={user(() => team.startShare())}
          >
            {t.share.action}
          </button>
          {(share.state === 'previewing' || share.state === 'posting') && (
            <span class="muted" aria-live="polite">
              {share.state === 'previewing' ? t.share.previewing : t.share.posting}
            </span>
          )}
          {share.state === 'posted' && (
            <span class="share-done" role="status" data-share="posted">
              {t.share.posted}
            </span>
          )}
        </div>
      )}
      {share.state === 'failed' && (
        <p class="part-error" role="alert" data-share="failed" data-reason={share.reason}>
          <span>{t.share.failed[share.reason] ?? t.share.failed['not-posted']}</span>
          {share.detail && share.reason !== 'forbidden' && <span class="muted err-detail">{share.detail}</span>}
        </p>
      )}
    </section>
  );
}
