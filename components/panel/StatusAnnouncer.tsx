// The panel's status line for screen readers: one polite live region, present from the moment the panel opens
// (a region added with its text already in it is not announced), whose text follows the load — each phase,
// then the figures, then the finished summary. Failures are alerts of their own (role=alert where they show).
import type { LoadProgress } from '@/lib/client/progress';
import type { Words } from './env';
import type { PanelDataState } from './model';

export function announcement(state: PanelDataState, progress: LoadProgress | null, w: Words, notClient: 'prospect' | 'supplier' | null): string {
  const p = w.panel;
  if (progress) return progress.phase === 'done' ? p.announce.computing : p.announce.loading(p.phases[progress.phase] ?? progress.phase);
  switch (state) {
    case 'loading':
      return p.announce.loading(p.phases.client ?? '');
    case 'figures':
      return p.announce.figures;
    case 'ready':
      return p.announce.ready;
    case 'no-credentials':
      return p.noCredentials;
    case 'signed-out':
      return p.signedOut;
    case 'not-client':
      return notClient ? p.notClient(notClient) : '';
    default:
      return '';
  }
}

export function StatusAnnouncer(props: {
  state: PanelDataState;
  progress: LoadProgress | null;
  w: Words;
  notClient: 'prospect' | 'supplier' | null;
}) {
  return (
    <p class="sr-only" role="status" aria-live="polite" aria-atomic="true" data-live="status">
      {announcement(props.state, props.progress, props.w, props.notClient)}
    </p>
  );
}
