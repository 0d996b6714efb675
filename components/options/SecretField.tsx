// A write-only field: the stored secret is never shown, only whether there is one. Typing replaces it;
// "Remove" clears it on the next save. A secret the company preset is neither shown nor editable.
import type { OptionsWords } from '@/lib/words/options';

export interface SecretFieldProps {
  s: OptionsWords;
  name: string;
  label: string;
  saved: boolean;
  value: string;
  removed: boolean;
  onInput(value: string): void;
  onRemove(): void;
  testId: string;
  preset?: boolean;
}

export function SecretField({ s, name, label, saved, value, removed, onInput, onRemove, testId, preset = false }: SecretFieldProps) {
  const id = `field-${name}`;
  const hint = preset ? s.presetByCompany : saved && !removed ? s.secretSaved : s.secretNone;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="row">
        <input
          id={id}
          name={name}
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={value}
          disabled={preset}
          placeholder={hint}
          aria-describedby={`${id}-state`}
          data-testid={testId}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        />
        {saved && !removed && !preset && (
          <button type="button" class="secondary" onClick={onRemove} data-testid={`${testId}-remove`}>
            {s.remove}
          </button>
        )}
      </div>
      <span id={`${id}-state`} class="muted" data-secret-state={preset ? 'preset' : saved && !removed ? 'saved' : 'empty'}>
        {hint}
      </span>
    </div>
  );
}
