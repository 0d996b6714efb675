import type { LoadProgress } from '@/lib/client/progress';
import { colon } from '@/lib/words/typography';
import type { Words } from './env';

export function ProgressBar({ progress, w, lang }: { progress: LoadProgress; w: Words; lang: string }) {
  const { done, total, phase } = progress;
  const p = w.panel;
  const pct = total > 0 ? Math.min(100, Math.round((100 * done) / total)) : 0;
  return (
    <div class="progress" data-progress-phase={phase}>
      <div class="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label={p.loading}>
        <div class="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <p class="muted">{`${p.loading}${colon(lang)}${p.phases[phase] ?? phase} (${done}/${total})`}</p>
    </div>
  );
}
