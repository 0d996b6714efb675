// Client name, age of the summary, Refresh / Copy as Markdown / Close.
import type { Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatAge } from '@/lib/format/intl';
import type { Words } from './env';
import { useUserEvents } from './user-events';

export interface HeaderProps {
  w: Words;
  lang: string;
  title: string;
  savedAt: string | null;
  stale: boolean;
  busy: boolean;
  canRefresh: boolean;
  onRefresh(): void;
  onCopy: (() => Promise<boolean>) | null;
  /** Why Copy is not possible yet (a partial summary): the button shows, disabled, with this as its reason. */
  copyBlocked?: string | null;
  onClose(): void;
  headingRef: Ref<HTMLHeadingElement>;
  now?: () => Date;
}

function useTick(ms: number): void {
  const [, set] = useState(0);
  useEffect(() => {
    const t = setInterval(() => set((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
}

export function Header({ w, lang, title, savedAt, stale, busy, canRefresh, onRefresh, onCopy, copyBlocked, onClose, headingRef, now }: HeaderProps) {
  useTick(30_000);
  const s = w.panel;
  const user = useUserEvents();
  const [copy, setCopy] = useState<'idle' | 'done' | 'failed'>('idle');
  useEffect(() => {
    if (copy === 'idle') return;
    const t = setTimeout(() => setCopy('idle'), 2000);
    return () => clearTimeout(t);
  }, [copy]);
  return (
    <header class="head">
      <div class="head-top">
        <h2 tabIndex={-1} ref={headingRef} data-client-name>
          {title}
        </h2>
        <button type="button" class="btn icon" data-action="close" aria-label={s.close} title={s.close} onClick={user(onClose)}>
          ✕
        </button>
      </div>
      {savedAt && (
        <p class="age" data-saved-at={savedAt}>
          {s.generated} {formatAge(savedAt, (now ?? (() => new Date()))(), lang)}
          {stale && (
            <span class="stale" data-stale="true" title={s.stale}>
              {' '}
              · ⚠ {s.staleShort}
            </span>
          )}
        </p>
      )}
      {(canRefresh || onCopy || copyBlocked) && (
        <div class="head-actions">
          {canRefresh && (
            <button type="button" class="btn" data-action="refresh" onClick={user(onRefresh)} disabled={busy} aria-busy={busy}>
              ↻ {s.refresh}
            </button>
          )}
          {onCopy && (
            <button type="button" class="btn" data-action="copy" onClick={user(() => void onCopy().then((ok) => setCopy(ok ? 'done' : 'failed')))}>
              {copy === 'done' ? s.copied : copy === 'failed' ? s.copyFailed : s.copy}
            </button>
          )}
          {!onCopy && copyBlocked && (
            <button
              type="button"
              class="btn"
              data-action="copy"
              data-copy-blocked="partial"
              disabled
              title={copyBlocked}
              aria-description={copyBlocked}
            >
              {s.copy}
            </button>
          )}
        </div>
      )}
    </header>
  );
}
