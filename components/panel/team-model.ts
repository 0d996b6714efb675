// The panel's team state beside the summary: the summary a colleague shared on the record, what changed since
// this user's last look, and the share flow (preview → confirm or cancel → posted or failed). Driven by the
// background's events; no browser API here.
import { signal } from '@preact/signals';
import type { PageRef, PanelEvent, PanelRequest, ShareFailure } from '@/lib/messages';
import type { SummaryChanges } from '@/lib/summary/changes';
import type { SharedView } from '@/lib/summary/shared-summary';
import type { Summary } from '@/lib/summary/types';

export type ShareState =
  | { state: 'idle' }
  | { state: 'previewing' }
  | { state: 'preview'; previewId: string; text: string }
  | { state: 'posting' }
  | { state: 'posted' }
  | { state: 'failed'; reason: ShareFailure; detail: string };

export interface TeamModelDeps {
  send(request: PanelRequest): void;
  page(): PageRef | null;
  summary(): Summary | null;
}

export function createTeamModel(deps: TeamModelDeps) {
  const shared = signal<SharedView | null>(null);
  const changes = signal<SummaryChanges | null>(null);
  const share = signal<ShareState>({ state: 'idle' });

  return {
    shared,
    changes,
    share,
    /** Takes the events that are the team's; false for the others. */
    handle(event: PanelEvent): boolean {
      switch (event.type) {
        case 'shared':
          shared.value = event.shared;
          return true;
        case 'changes':
          changes.value = event.changes;
          return true;
        case 'share':
          share.value =
            event.state === 'preview'
              ? { state: 'preview', previewId: event.previewId, text: event.text }
              : event.state === 'posted'
                ? { state: 'posted' }
                : { state: 'failed', reason: event.reason, detail: event.detail };
          return true;
        default:
          return false;
      }
    },
    reset(): void {
      shared.value = null;
      changes.value = null;
      share.value = { state: 'idle' };
    },
    /** Asks for the exact comment sharing the summary on screen would post; posts nothing. */
    startShare(): void {
      const page = deps.page();
      const summary = deps.summary();
      if (!page || !summary) return;
      share.value = { state: 'previewing' };
      deps.send({ type: 'share-preview', page, generatedAt: summary.generatedAt });
    },
    /** Posts what the preview showed, once. */
    confirmShare(): void {
      const current = share.value;
      const page = deps.page();
      if (current.state !== 'preview' || !page) return;
      share.value = { state: 'posting' };
      deps.send({ type: 'share', page, previewId: current.previewId });
    },
    cancelShare(): void {
      share.value = { state: 'idle' };
    },
    /** The port went away (panel closed, background stopped): a post in flight may or may not have landed. */
    interrupted(): void {
      const s = share.value.state;
      if (s === 'posting') share.value = { state: 'failed', reason: 'unknown', detail: '' };
      else if (s === 'previewing' || s === 'preview') share.value = { state: 'idle' };
    },
  };
}

export type TeamModel = ReturnType<typeof createTeamModel>;
