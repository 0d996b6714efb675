// Sellsy credentials (client id + secret, or a pasted access token), the API and token URLs, and the
// connection test that names the account, the user and their licences.
import { useState } from 'preact/hooks';
import type { SettingsPatch } from '@/lib/messages';
import { licenceLabel } from '@/lib/words/options';
import type { OptionsModel } from './model';
import { SecretField } from './SecretField';

export function SellsySection({ model }: { model: OptionsModel }) {
  const s = model.s.value;
  const saved = model.settings.value!.sellsy;
  const [authKind, setAuthKind] = useState(saved.authKind);
  const [clientId, setClientId] = useState(saved.clientId);
  const [secret, setSecret] = useState('');
  const [secretRemoved, setSecretRemoved] = useState(false);
  const [token, setToken] = useState('');
  const [tokenRemoved, setTokenRemoved] = useState(false);
  const [apiUrl, setApiUrl] = useState(saved.apiUrl);
  const [tokenUrl, setTokenUrl] = useState(saved.tokenUrl);
  const [status, setStatus] = useState<{ kind: 'saving' | 'saved' } | { kind: 'error'; message: string } | null>(null);

  function patch(): SettingsPatch {
    const p: NonNullable<SettingsPatch['sellsy']> = { authKind, clientId, apiUrl, tokenUrl };
    if (secret) p.clientSecret = secret;
    else if (secretRemoved) p.clientSecret = '';
    if (token) p.accessToken = token;
    else if (tokenRemoved) p.accessToken = '';
    return { sellsy: p };
  }
  function afterSave(): void {
    setSecret('');
    setToken('');
    setSecretRemoved(false);
    setTokenRemoved(false);
  }
  async function onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    const error = await model.save(patch());
    if (error) setStatus({ kind: 'error', message: error });
    else {
      afterSave();
      setStatus({ kind: 'saved' });
    }
  }
  async function onTest(): Promise<void> {
    setStatus(null);
    await model.testSellsy(patch());
    afterSave();
  }

  const test = model.sellsyTest.value;
  return (
    <section aria-labelledby="sellsy-title" data-testid="options-sellsy">
      <h2 id="sellsy-title">{s.sellsy}</h2>
      <p class="muted">{s.sellsyHelp}</p>
      <form onSubmit={onSubmit} noValidate>
        <fieldset>
          <legend>{s.authKind}</legend>
          <label class="inline">
            <input
              type="radio"
              name="authKind"
              value="client-credentials"
              checked={authKind === 'client-credentials'}
              onChange={() => setAuthKind('client-credentials')}
              data-testid="options-auth-credentials"
            />
            {s.authCredentials}
          </label>
          <label class="inline">
            <input
              type="radio"
              name="authKind"
              value="token"
              checked={authKind === 'token'}
              onChange={() => setAuthKind('token')}
              data-testid="options-auth-token"
            />
            {s.authToken}
          </label>
        </fieldset>
        {authKind === 'client-credentials' ? (
          <>
            <div class="field">
              <label for="field-clientId">{s.clientId}</label>
              <input
                id="field-clientId"
                name="clientId"
                type="text"
                autocomplete="off"
                spellcheck={false}
                value={clientId}
                onInput={(e) => setClientId((e.currentTarget as HTMLInputElement).value)}
                data-testid="options-client-id"
              />
            </div>
            <SecretField
              s={s}
              name="clientSecret"
              label={s.clientSecret}
              saved={saved.hasSecret}
              value={secret}
              removed={secretRemoved}
              onInput={setSecret}
              onRemove={() => {
                setSecret('');
                setSecretRemoved(true);
              }}
              testId="options-client-secret"
            />
          </>
        ) : (
          <SecretField
            s={s}
            name="accessToken"
            label={s.accessToken}
            saved={saved.hasToken}
            value={token}
            removed={tokenRemoved}
            onInput={setToken}
            onRemove={() => {
              setToken('');
              setTokenRemoved(true);
            }}
            testId="options-access-token"
          />
        )}
        <fieldset class="advanced">
          <legend>{s.advanced}</legend>
          <div class="field">
            <label for="field-apiUrl">{s.apiUrl}</label>
            <input
              id="field-apiUrl"
              name="apiUrl"
              type="url"
              spellcheck={false}
              value={apiUrl}
              onInput={(e) => setApiUrl((e.currentTarget as HTMLInputElement).value)}
              data-testid="options-api-url"
            />
          </div>
          <div class="field">
            <label for="field-tokenUrl">{s.tokenUrl}</label>
            <input
              id="field-tokenUrl"
              name="tokenUrl"
              type="url"
              spellcheck={false}
              value={tokenUrl}
              onInput={(e) => setTokenUrl((e.currentTarget as HTMLInputElement).value)}
              data-testid="options-token-url"
            />
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" data-action="save" data-testid="options-sellsy-save" disabled={status?.kind === 'saving'}>
            {s.save}
          </button>
          <button
            type="button"
            class="secondary"
            data-action="test-sellsy"
            data-testid="options-sellsy-test"
            disabled={test.state === 'running'}
            onClick={() => void onTest()}
          >
            {s.testSellsy}
          </button>
          <span role="status" class="muted" data-testid="options-sellsy-status">
            {status?.kind === 'saving' && s.saving}
            {status?.kind === 'saved' && s.saved}
          </span>
        </div>
        {status?.kind === 'error' && (
          <p role="alert" class="error" data-testid="options-sellsy-error">
            {s.error}
            {s.sep}
            {status.message}
          </p>
        )}
      </form>
      {test.state !== 'idle' && (
        <div
          role="status"
          aria-live="polite"
          class="result"
          data-result="sellsy"
          data-testid="options-sellsy-result"
          data-ok={test.state === 'done' ? String(test.result.ok) : undefined}
        >
          {test.state === 'running' && s.testing}
          {test.state === 'done' && test.result.ok && (
            <dl>
              <dt>{s.connected}</dt>
              <dd>✓</dd>
              <dt>{s.account}</dt>
              <dd data-account-name>{test.result.accountName}</dd>
              <dt>{s.user}</dt>
              <dd>{test.result.userName}</dd>
              <dt>{s.licences}</dt>
              <dd data-licences>
                {test.result.licences.length ? test.result.licences.map((c) => licenceLabel(c, model.lang.value)).join(', ') : s.noLicence}
              </dd>
              <dt>{s.sourceModeUsed}</dt>
              <dd>{test.result.sourceMode === 'invoicing' ? s.modeInvoicing : s.modeSales}</dd>
            </dl>
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
    </section>
  );
}
