import type { OptionsModel } from './model';

export function CacheSection({ model }: { model: OptionsModel }) {
  const s = model.s.value;
  const state = model.cache.value;
  return (
    <section aria-labelledby="cache-title" data-testid="options-cache">
      <h2 id="cache-title">{s.cache}</h2>
      <p class="muted">{s.cacheHelp}</p>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          data-action="clear-cache"
          data-testid="options-cache-clear"
          disabled={state === 'clearing'}
          onClick={() => void model.clearCache()}
        >
          {s.clearCache}
        </button>
        <span role="status" data-testid="options-cache-status">
          {state === 'cleared' && s.cacheCleared}
          {typeof state === 'object' && (
            <span class="error">
              {s.error}
              {s.sep}
              {state.error}
            </span>
          )}
        </span>
      </div>
    </section>
  );
}
