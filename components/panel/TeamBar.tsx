// Under the header: the summary a colleague shared on the record ("Shared by … on …", whether its texts are
// used here or outdated and why), and "Share with the team", which first shows exactly what will be posted.
// Everything shown is text: the preview is the comment's source, the shared texts are plain strings.
import { formatDate } from '@/lib/format/intl';
import type { SharedView } from '@/lib/summary/shared-summary';
import type { Strings } from './i18n';
import type { TeamModel } from './team-model';

function SharedLine({ view, s, lang }: { view: SharedView; s: Strings; lang: string }) {
  const parts = view.changed.map((p) => s.sharedParts[p] ?? p).join(', ');
  const status =
    view.texts === 'reused'
      ? s.sharedReused
      : view.texts === 'outdated'
        ? (s.sharedOutdated[view.outdatedBecause ?? 'data'] ?? s.sharedOutdated.data!)(parts)
        : view.sameData
          ? s.sharedSameData
          : s.sharedChanged(parts);
  const texts = view.outdatedTexts;
  return (
    <div class="shared" data-shared={view.commentId} data-shared-texts={view.texts} data-same-data={String(view.sameData)}>
      <p class="shared-by">{s.sharedBy(view.author ?? s.aColleague, formatDate(view.sharedAt.slice(0, 10), lang))}</p>
      <p class={`shared-status${view.texts === 'outdated' ? ' outdated' : ''}`} data-outdated-because={view.outdatedBecause ?? undefined}>
        {status}
      </p>
      {texts && (
        <details class="shared-texts">
          <summary>{s.sharedShowTexts}</summary>
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

export function TeamBar({ team, s, lang, canShare }: { team: TeamModel; s: Strings; lang: string; canShare: boolean }) {
  const view = team.shared.value;
  const share = team.share.value;
  return (
    <section class="team" aria-label={s.share}>
      {view && <SharedLine view={view} s={s} lang={lang} />}
      {share.state === 'preview' ? (
        <div class="share-preview" data-share="preview">
          <p>{s.sharePreview}</p>
          <pre class="share-text" data-share-text>
            {share.text}
          </pre>
          <div class="share-actions">
            <button type="button" class="btn primary" data-action="share-confirm" onClick={() => team.confirmShare()}>
              {s.shareConfirm}
            </button>
            <button type="button" class="btn" data-action="share-cancel" onClick={() => team.cancelShare()}>
              {s.shareCancel}
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
            onClick={() => team.startShare()}
          >
            {s.share}
          </button>
          {(share.state === 'previewing' || share.state === 'posting') && (
            <span class="muted" aria-live="polite">
              {share.state === 'previewing' ? s.sharePreviewing : s.sharePosting}
            </span>
          )}
          {share.state === 'posted' && (
            <span class="share-done" role="status" data-share="posted">
              {s.sharePosted}
            </span>
          )}
        </div>
      )}
      {share.state === 'failed' && (
        <p class="part-error" role="alert" data-share="failed" data-reason={share.reason}>
          <span>{s.shareFailed[share.reason] ?? s.shareFailed['not-posted']}</span>
          {share.detail && share.reason !== 'forbidden' && <span class="muted err-detail">{share.detail}</span>}
        </p>
      )}
    </section>
  );
}
