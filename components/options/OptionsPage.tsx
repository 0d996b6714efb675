// The options page: Sellsy access, the optional LLM, preferences and the cache, in the user's language.
import { useEffect } from 'preact/hooks';
import { AiSection } from './AiSection';
import { CacheSection } from './CacheSection';
import type { OptionsModel } from './model';
import { PreferencesSection } from './PreferencesSection';
import { SellsySection } from './SellsySection';

export function OptionsPage({ model }: { model: OptionsModel }) {
  const s = model.s.value;
  useEffect(() => {
    document.documentElement.lang = model.lang.value;
    document.title = s.title;
  }, [model.lang.value, s.title]);

  if (model.loadError.value) {
    return (
      <main class="options">
        <h1>{s.title}</h1>
        <p role="alert" class="error" data-testid="options-load-error">
          {s.error}
          {s.sep}
          {model.loadError.value}
        </p>
      </main>
    );
  }
  if (!model.settings.value)
    return (
      <main class="options" aria-busy="true">
        <h1>{s.title}</h1>
        <p class="muted">{s.loading}</p>
      </main>
    );
  return (
    <main class="options" data-testid="options">
      <h1>{s.title}</h1>
      <SellsySection model={model} />
      <AiSection model={model} />
      <PreferencesSection model={model} />
      <CacheSection model={model} />
    </main>
  );
}
