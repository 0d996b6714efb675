// Sellsy access: Sign in with Sellsy through the company's app (its client id, and its secret when
// Sellsy wants one), then under "Advanced" the other kinds (a personal API access, a pasted token) and
// the URLs. Fields the company preset are shown disabled and never sent back. The connection test names
// the account, the user and their licences.
import { useState } from 'preact/hooks';
import type { PresetFieldName, SettingsPatch } from '@/lib/messages';
import { licenceLabel } from '@/lib/words/options';
import type { OptionsModel } from './model';
import { SecretField } from './SecretField';
import { TextField } from './TextField';

type SellsyPatch = NonNullable<SettingsPatch['sellsy']>;

export function SellsySection({ model }: { model: OptionsModel }) {
  const s = model.s.value;
  const saved = model.settings.value!.sellsy;
  const preset = (f: PresetFieldName) => model.isPreset(f);
  const [authKind, setAuthKind] = useState(saved.authKind);
  const [appClientId, setAppClientId] = useState(saved.appClientId);
  const [appSecret, setAppSecret] = useState('');
  const [appSecretRemoved, setAppSecretRemoved] = useState(false);
  const [clientId, setClientId] = useState(saved.clientId);
  const [secret, setSecret] = useState('');
  const [secretRemoved, setSecretRemoved] = useState(false);
  const [token, setToken] = useState('');
  const [tokenRemoved, setTokenRemoved] = useState(false);
  const [apiUrl, setApiUrl] = useState(saved.apiUrl);
  const [tokenUrl, setTokenUrl] = useState(saved.tokenUrl);
  const [authorizationUrl, setAuthorizationUrl] = useState(saved.authorizationUrl);
  const [status, setStatus] = useState<{ kind: 'saving' | 'saved' } | { kind: 'error'; message: string } | null>(null);

  /** What is on screen, without the preset fields (the background refuses a patch that touches them). */
  function patch(kind = authKind): SettingsPatch {
    const p: SellsyPatch = { authKind: kind, clientId };
    const editable: [PresetFieldName, keyof SellsyPatch, string][] = [
      ['sellsy.appClientId', 'appClientId', appClientId],
      ['sellsy.apiUrl', 'apiUrl', apiUrl],
      ['sellsy.tokenUrl', 'tokenUrl', tokenUrl],
      ['sellsy.authorizationUrl', 'authorizationUrl', authorizationUrl],
    ];
    for (const [field, key, value] of editable) if (!preset(field)) (p as Record<string, string>)[key] = value;
    if (!preset('sellsy.appClientSecret')) {
      if (appSecret) p.appClientSecret = appSecret;
      else if (appSecretRemoved) p.appClientSecret = '';
    }
    if (secret) p.clientSecret = secret;
    else if (secretRemoved) p.clientSecret = '';
    if (token) p.accessToken = token;
    else if (tokenRemoved) p.accessToken = '';
    return { sellsy: p };
  }
  function afterSave(): void {
    setAppSecret('');
    setSecret('');
    setToken('');
    setAppSecretRemoved(false);
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
  async function onSignIn(): Promise<void> {
    setStatus(null);
    // Signing in is choosing that kind of access.
    setAuthKind('sign-in');
    await model.signInWithSellsy(patch('sign-in'));
    afterSave();
  }

  const test = model.sellsyTest.value;
  const session = model.session.value;
  const signIn = model.signIn.value;
  const appId = preset('sellsy.appClientId') ? saved.appClientId : appClientId.trim();
  const signInFailure =
    signIn.state !== 'failed'
      ? null
      : signIn.reason === 'denied'
        ? s.signInDenied
        : signIn.reason === 'cancelled'
          ? s.signInCancelled
          : signIn.message;
  const since = session.signedInAt ? new Date(session.signedInAt).toLocaleString(model.lang.value) : '';
  return (
    <section aria-labelledby="sellsy-title" data-testid="options-sellsy">
      <h2 id="sellsy-title">{s.sellsy}</h2>
      <p class="muted">{s.sellsyHelp}</p>
      <div class="sign-in" data-testid="options-sign-in-block" data-signed-in={String(session.signedIn)}>
        <p role="status" data-testid="options-sign-in-state">
          {session.signedIn ? s.signedIn(since) : s.notSignedIn}
        </p>
        <div class="actions">
          {session.signedIn ? (
            <button type="button" class="secondary" data-action="sign-out" data-testid="options-sign-out" onClick={() => void model.signOut()}>
              {s.signOut}
            </button>
          ) : (
            <button
              type="button"
              data-action="sign-in"
              data-testid="options-sign-in"
              disabled={signIn.state === 'running' || !appId}
              onClick={() => void onSignIn()}
            >
              {signIn.state === 'running' ? s.signingIn : s.signIn}
            </button>
          )}
          {!appId && !session.signedIn && <span class="muted">{s.signInNeedsApp}</span>}
        </div>
        {signInFailure && (
          <p role="alert" class="error" data-testid="options-sign-in-error" data-reason={signIn.state === 'failed' ? signIn.reason : undefined}>
            {s.failed}
            {s.sep}
            {signInFailure}
          </p>
        )}
      </div>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          s={s}
          name="appClientId"
          label={s.appClientId}
          value={preset('sellsy.appClientId') ? saved.appClientId : appClientId}
          onInput={setAppClientId}
          preset={preset('sellsy.appClientId')}
          testId="options-app-client-id"
        />
        <SecretField
          s={s}
          name="appClientSecret"
          label={s.appClientSecret}
          saved={saved.hasAppSecret}
          value={appSecret}
          removed={appSecretRemoved}
          onInput={setAppSecret}
          onRemove={() => {
            setAppSecret('');
            setAppSecretRemoved(true);
          }}
          preset={preset('sellsy.appClientSecret')}
          testId="options-app-client-secret"
        />
        {!preset('sellsy.appClientId') && <p class="muted">{s.appHelp}</p>}
        <fieldset class="advanced">
          <legend>{s.advanced}</legend>
          <fieldset>
            <legend>{s.authKind}</legend>
            {(
              [
                ['sign-in', s.authSignIn, 'options-auth-sign-in'],
                ['client-credentials', s.authCredentials, 'options-auth-credentials'],
                ['token', s.authToken, 'options-auth-token'],
              ] as const
            ).map(([kind, label, testId]) => (
              <label class="inline" key={kind}>
                <input
                  type="radio"
                  name="authKind"
                  value={kind}
                  checked={authKind === kind}
                  onChange={() => setAuthKind(kind)}
                  data-testid={testId}
                />
                {label}
              </label>
            ))}
          </fieldset>
          {authKind === 'client-credentials' && (
            <>
              <p class="muted">{s.personalHelp}</p>
              <TextField s={s} name="clientId" label={s.clientId} value={clientId} onInput={setClientId} testId="options-client-id" />
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
          )}
          {authKind === 'token' && (
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
          <TextField
            s={s}
            name="apiUrl"
            type="url"
            label={s.apiUrl}
            value={preset('sellsy.apiUrl') ? saved.apiUrl : apiUrl}
            onInput={setApiUrl}
            preset={preset('sellsy.apiUrl')}
            testId="options-api-url"
          />
          <TextField
            s={s}
            name="tokenUrl"
            type="url"
            label={s.tokenUrl}
            value={preset('sellsy.tokenUrl') ? saved.tokenUrl : tokenUrl}
            onInput={setTokenUrl}
            preset={preset('sellsy.tokenUrl')}
            testId="options-token-url"
          />
          <TextField
            s={s}
            name="authorizationUrl"
            type="url"
            label={s.authorizationUrl}
            value={preset('sellsy.authorizationUrl') ? saved.authorizationUrl : authorizationUrl}
            onInput={setAuthorizationUrl}
            preset={preset('sellsy.authorizationUrl')}
            testId="options-authorization-url"
          />
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
