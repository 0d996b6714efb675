// Language of the summaries, the documents they are built from, and whether a client page prepares its
// summary before the click; each change is saved at once.
import { useState } from 'preact/hooks';
import type { PublicSettings } from '@/lib/messages';
import type { OptionsModel } from './model';

export function PreferencesSection({ model }: { model: OptionsModel }) {
  const s = model.s.value;
  const saved = model.settings.value!;
  const [error, setError] = useState<string | null>(null);
  const change = async (patch: { language?: PublicSettings['language']; sourceMode?: PublicSettings['sourceMode']; prepareOnOpen?: boolean }) => {
    setError(await model.save(patch));
  };
  return (
    <section aria-labelledby="prefs-title" data-testid="options-preferences">
      <h2 id="prefs-title">{s.preferences}</h2>
      <div class="field">
        <label for="field-language">{s.language}</label>
        <select
          id="field-language"
          name="language"
          value={saved.language}
          data-testid="options-language"
          onChange={(e) => void change({ language: (e.currentTarget as HTMLSelectElement).value as PublicSettings['language'] })}
        >
          <option value="auto">{s.langAuto}</option>
          <option value="fr">Français</option>
          <option value="en">English</option>
        </select>
      </div>
      <div class="field">
        <label for="field-sourceMode">{s.sourceMode}</label>
        <select
          id="field-sourceMode"
          name="sourceMode"
          value={saved.sourceMode}
          data-testid="options-source-mode"
          onChange={(e) => void change({ sourceMode: (e.currentTarget as HTMLSelectElement).value as PublicSettings['sourceMode'] })}
        >
          <option value="auto">{s.modeAuto}</option>
          <option value="invoicing">{s.modeInvoicingChoice}</option>
          <option value="sales">{s.modeSalesChoice}</option>
        </select>
      </div>
      <div class="field">
        <label class="inline">
          <input
            type="checkbox"
            name="prepareOnOpen"
            checked={saved.prepareOnOpen}
            aria-describedby="prepare-help"
            data-testid="options-prepare-on-open"
            onChange={(e) => void change({ prepareOnOpen: (e.currentTarget as HTMLInputElement).checked })}
          />
          {s.prepareOnOpen}
        </label>
        <p class="muted" id="prepare-help">
          {s.prepareOnOpenHelp}
        </p>
      </div>
      {error && (
        <p role="alert" class="error">
          {s.error}
          {s.sep}
          {error}
        </p>
      )}
    </section>
  );
}
