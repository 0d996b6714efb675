// What a generated text shows while it is being written, or when it failed.
import type { ReadonlySignal } from '@preact/signals';
import { useEnv } from './env';
import { useUserEvents } from './user-events';

export interface TextsStatus {
  pending: boolean;
  /** The streamed text so far (interactions summary only): a signal, so each piece updates that card alone. */
  draft?: ReadonlySignal<string>;
  error: string | null;
  onRetry(): void;
}

export function TextsError({ status }: { status: TextsStatus }) {
  const { w } = useEnv();
  const user = useUserEvents();
  if (status.error === null) return null;
  return (
    <div class="part-error" role="alert" data-error="texts">
      <span>{w.panel.textsError}</span>
      <button type="button" class="btn small" onClick={user(() => status.onRetry())}>
        {w.panel.retry}
      </button>
    </div>
  );
}
