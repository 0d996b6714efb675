// A labelled text or URL input; a field an administrator preset is shown, disabled, with who set it.
import type { OptionsWords } from '@/lib/words/options';

export interface TextFieldProps {
  s: OptionsWords;
  name: string;
  label: string;
  value: string;
  onInput(value: string): void;
  type?: 'text' | 'url';
  /** Set by the company (managed storage): shown, not editable, never sent back. */
  preset?: boolean;
  testId: string;
}

export function TextField({ s, name, label, value, onInput, type = 'text', preset = false, testId }: TextFieldProps) {
  const id = `field-${name}`;
  return (
    <div class="field" data-preset={preset ? 'true' : undefined}>
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        // Preact types each input type apart; both behave the same here.
        type={type as 'text'}
        autocomplete="off"
        spellcheck={false}
        value={value}
        disabled={preset}
        aria-describedby={preset ? `${id}-preset` : undefined}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        data-testid={testId}
      />
      {preset && (
        <span id={`${id}-preset`} class="muted preset">
          {s.presetByCompany}
        </span>
      )}
    </div>
  );
}
