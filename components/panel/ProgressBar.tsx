import type { LoadProgress } from '@/lib/client-data';
import type { Strings } from './i18n';

export function ProgressBar({ progress, s }: { progress: LoadProgress; s: Strings }) {
  const { done, total, phase } = progress;
  const pct = total > 0 ? Math.min(100, Math.round((100 * done) / total)) : 0;
  return (
    <div class="progress" data-progress-phase={phase}>
      <div class="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label={s.loading}>
        <div class="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <p class="muted">
        {s.loading} : {s.phases[phase] ?? phase} ({done}/{total})
      </p>
    </div>
  );
}
