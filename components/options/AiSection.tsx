// The LLM provider: on/off, key (write-only), base URL, model, redaction, its own test, and a view of
// exactly what was last sent. Saving asks the browser for access to the service's host. A base URL or
// model the company preset is shown disabled and left out of what is saved.
import { useState } from 'preact/hooks';
import type { SettingsPatch } from '@/lib/messages';
import { sameOrigin } from '@/lib/settings/ai-host';
import type { OptionsModel } from './model';
import { SecretField } from './SecretField';
import { TextField } from './TextField';

export function AiSection({ model }: { model: OptionsModel }) {
  const s = model.s.value;
  const saved = model.settings.value!.ai;
  const [enabled, setEnabled] = useState(saved.enabled);
  const [baseURL, setBaseURL] = useState(saved.baseURL);
  const [modelName, setModelName] = useState(saved.model);
  const [key, setKey] = useState('');
  const [keyRemoved, setKeyRemoved] = useState(false);
  const [redact, setRedact] = useState(saved.redact);
  const [status, setStatus] = useState<{ kind: 'saving' | 'saved' } | { kind: 'error'; message: string } | null>(null);
  const [permissionDenied, setPermissionDenied] = useState(false);
  const presetUrl = model.isPreset('ai.baseURL');
  const presetModel = model.isPreset('ai.model');

  /** Saves the form; resolves true when saved. Called straight from a click: saveAi asks for the host
   * permission before its first await, while the browser still sees the click's gesture. */
  function saveForm(): Promise<boolean> {
    const patch: NonNullable<SettingsPatch['ai']> = { enabled, redact };
    if (!presetUrl) patch.baseURL = baseURL;
    if (!presetModel) patch.model = modelName;
    if (key) patch.apiKey = key;
    else if (keyRemoved) patch.apiKey = '';
    setStatus({ kind: 'saving' });
    return model.saveAi(patch).then(({ error, permission }) => {
      setPermissionDenied(!permission);
      if (error) {
        setStatus({ kind: 'error', message: error });
        return false;
      }
      setKey('');
      setKeyRemoved(false);
      setStatus({ kind: 'saved' });
      return true;
    });
  }
  function onSubmit(e: Event): void {
    e.preventDefault();
    void saveForm();
  }
  function onTest(): void {
    // The test uses what is on screen: save it first, as "Test connection" does for Sellsy.
    void saveForm().then((saved) => {
      if (saved) void model.testAi();
    });
  }

  // Said before saving: the background drops a saved key whose address moves to another origin.
  const typedHost = hostOf(baseURL);
  const keyWillGo = saved.hasKey && !keyRemoved && !key && typedHost !== null && !sameOrigin(saved.baseURL, baseURL.trim());
  const test = model.aiTest.value;
  const last = model.lastSent.value;
  return (
    <section aria-labelledby="ai-title" data-testid="options-ai">
      <h2 id="ai-title">{s.ai}</h2>
      <p class="muted">{s.aiHelp}</p>
      <form onSubmit={onSubmit} noValidate>
        <label class="inline">
          <input
            type="checkbox"
            name="aiEnabled"
            checked={enabled}
            onChange={(e) => setEnabled((e.currentTarget as HTMLInputElement).checked)}
            data-testid="options-ai-enabled"
          />
          {s.aiEnabled}
        </label>
        <TextField
          s={s}
          name="baseURL"
          type="url"
          label={s.baseURL}
          value={presetUrl ? saved.baseURL : baseURL}
          onInput={setBaseURL}
          preset={presetUrl}
          testId="options-ai-base-url"
        />
        <TextField
          s={s}
          name="model"
          label={s.model}
          value={presetModel ? saved.model : modelName}
          onInput={setModelName}
          preset={presetModel}
          testId="options-ai-model"
        />
        {keyWillGo && (
          <p role="status" class="warning" data-testid="options-ai-key-leaves">
            {s.keyLeavesWithHost(typedHost)}
          </p>
        )}
        <SecretField
          s={s}
          name="apiKey"
          label={s.apiKey}
          saved={saved.hasKey}
          value={key}
          removed={keyRemoved}
          onInput={setKey}
          onRemove={() => {
            setKey('');
            setKeyRemoved(true);
          }}
          testId="options-ai-key"
        />
        <label class="inline">
          <input
            type="checkbox"
            name="redact"
            checked={redact}
            onChange={(e) => setRedact((e.currentTarget as HTMLInputElement).checked)}
            data-testid="options-ai-redact"
          />
          {s.redact}
        </label>
        <div class="actions">
          <button type="submit" data-action="save-ai" data-testid="options-ai-save" disabled={status?.kind === 'saving'}>
            {s.save}
          </button>
          <button
            type="button"
            class="secondary"
            data-action="test-ai"
            data-testid="options-ai-test"
            disabled={test.state === 'running'}
            onClick={onTest}
          >
            {s.testAi}
          </button>
          <span role="status" class="muted" data-testid="options-ai-status">
            {status?.kind === 'saving' && s.saving}
            {status?.kind === 'saved' && s.saved}
          </span>
        </div>
        {status?.kind === 'error' && (
          <p role="alert" class="error" data-testid="options-ai-error">
            {s.error}
            {s.sep}
            {status.message}
          </p>
        )}
        {permissionDenied && (
          <p role="alert" class="error" data-testid="options-ai-permission">
            {s.permissionDenied}
          </p>
        )}
      </form>
      {test.state !== 'idle' && (
        <div
          role="status"
          aria-live="polite"
          class="result"
          data-result="ai"
          data-testid="options-ai-result"
          data-ok={test.state === 'done' ? String(test.result.ok) : undefined}
        >
          {test.state === 'running' && s.testing}
          {test.state === 'done' && test.result.ok && (
            <p>
              ✓ {s.aiOk}
              {s.sep}
              {test.result.model}
            </p>
          )}
          {test.state === 'done' && !test.result.ok && (
            <p class="error">
              {s.failed}
              {s.sep}
              {test.result.message}
            </p>
          )}
        </div>
      )}
      <h3>{s.lastSent}</h3>
      <button type="button" class="secondary" data-action="last-sent" data-testid="options-last-sent-show" onClick={() => void model.showLastSent()}>
        {s.showLastSent}
      </button>
      {last.state === 'done' && (
        <div class="last-sent" data-testid="options-last-sent">
          {last.result === null ? (
            <p class="muted">{s.nothingSent}</p>
          ) : (
            <>
              <p class="muted">
                {s.sentAt} {new Date(last.result.at).toLocaleString(model.lang.value)} · {last.result.tokens} {s.tokens}
              </p>
              {last.result.messages.map((m, i) => (
                <div key={i} class="message">
                  <strong>{m.role}</strong>
                  <pre>{m.content}</pre>
                </div>
              ))}
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** The host of a typed address, or null while it is not a URL yet. */
function hostOf(url: string): string | null {
  try {
    return new URL(url.trim()).host || null;
  } catch {
    return null;
  }
}
