// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOptionsModel, originPattern, type Send } from '@/components/options/model';
import { OptionsPage } from '@/components/options/OptionsPage';
import type { RequestMap, RequestType, SettingsPatch } from '@/lib/messages';
import { applyPatch, publicView } from '@/lib/settings/patch';
import { checkPatchAgainstPresets, NO_PRESETS, type Presets, readPresets, withPresets } from '@/lib/settings/presets';
import { defaultSettings, type Settings, SettingsError } from '@/lib/settings/types';

afterEach(cleanup);

/** A background stand-in that keeps real settings (with secrets) and answers like the real one. */
function fakeBackground(
  initial: Settings = defaultSettings(),
  over: Partial<{ [K in RequestType]: () => RequestMap[K]['res'] | { error: string } }> = {},
  presets: Presets = NO_PRESETS,
) {
  let settings = initial;
  let signedIn = false;
  const calls: { type: string; payload: unknown }[] = [];
  const view = () => publicView(withPresets(settings, presets), presets.fields);
  const state = () => ({ signedIn, signedInAt: signedIn ? '2026-11-29T08:00:00.000Z' : null });
  const send = vi.fn(async (type: RequestType, payload: unknown) => {
    calls.push({ type, payload: structuredClone(payload) });
    const custom = over[type];
    if (custom) return custom();
    switch (type) {
      case 'settings:get':
        return view();
      case 'settings:set':
        try {
          checkPatchAgainstPresets(payload, presets);
          settings = applyPatch(settings, payload);
          return view();
        } catch (e) {
          if (e instanceof SettingsError) return { error: e.message };
          throw e;
        }
      case 'sellsy:session':
        return state();
      case 'sellsy:sign-in':
        signedIn = true;
        return {
          ok: true,
          state: state(),
          test: { ok: true, accountName: 'Atelier Lumière (démo)', userName: 'Camille', licences: ['pack_all_included'], sourceMode: 'invoicing' },
        };
      case 'sellsy:sign-out':
        signedIn = false;
        return { ok: true, state: state() };
      case 'sellsy:test':
        return { ok: true, accountName: 'Atelier Lumière (démo)', userName: 'Ana Lopez', licences: ['pack_all_included'], sourceMode: 'invoicing' };
      case 'ai:test':
        return { ok: true, model: 'gpt-test' };
      case 'ai:last-sent':
        return null;
      case 'cache:clear':
        return { ok: true };
      default:
        return undefined;
    }
  });
  return { send: send as unknown as Send, calls, current: () => settings };
}

async function mount(bg: ReturnType<typeof fakeBackground>, browserLanguage = 'en-US', requestOrigin = vi.fn(async () => true)) {
  const model = createOptionsModel({ send: bg.send, requestOrigin, browserLanguage });
  render(<OptionsPage model={model} />);
  await model.load();
  await screen.findByTestId('options');
  return { model, requestOrigin };
}

describe('options page', () => {
  // Sign in with Sellsy is the default kind: the personal API access is chosen under Advanced first.
  const choosePersonalAccess = () => fireEvent.click(screen.getByTestId('options-auth-credentials'));

  it('renders in English or French, with labelled controls', async () => {
    await mount(fakeBackground(), 'en-US');
    expect(screen.getByRole('heading', { name: 'Sellsy access' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in with Sellsy' })).toBeTruthy();
    expect(screen.getByLabelText('Company Sellsy app client id')).toBeTruthy();
    choosePersonalAccess();
    expect(screen.getByLabelText('Client id')).toBeTruthy();
    expect(screen.getByLabelText('Client secret')).toBeTruthy();
    expect(screen.getByLabelText('API URL')).toBeTruthy();
    expect(screen.getByLabelText('Authorization URL')).toBeTruthy();
    cleanup();
    await mount(fakeBackground(), 'fr-FR');
    expect(screen.getByRole('heading', { name: 'Accès à Sellsy' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Se connecter avec Sellsy' })).toBeTruthy();
    choosePersonalAccess();
    expect(screen.getByLabelText('Identifiant client')).toBeTruthy();
    cleanup();
    // the language setting wins over the browser's
    await mount(fakeBackground(applyPatch(defaultSettings(), { language: 'fr' })), 'en-US');
    choosePersonalAccess();
    expect(screen.getByLabelText('Secret client')).toBeTruthy();
  });

  it('never shows a saved secret, only that there is one', async () => {
    const bg = fakeBackground(
      applyPatch(defaultSettings(), {
        sellsy: { authKind: 'client-credentials', clientId: 'cid', clientSecret: 'TOP-SECRET', appClientId: 'app', appClientSecret: 'APP-SECRET' },
        ai: { apiKey: 'SK-KEY' },
      }),
    );
    await mount(bg);
    expect(document.body.innerHTML).not.toContain('TOP-SECRET');
    expect(document.body.innerHTML).not.toContain('APP-SECRET');
    expect(document.body.innerHTML).not.toContain('SK-KEY');
    expect((screen.getByTestId('options-app-client-secret') as HTMLInputElement).placeholder).toMatch(/Saved/);
    const secret = screen.getByTestId('options-client-secret') as HTMLInputElement;
    expect(secret.value).toBe('');
    expect(secret.type).toBe('password');
    expect(secret.placeholder).toMatch(/Saved/);
    expect((screen.getByTestId('options-client-id') as HTMLInputElement).value).toBe('cid');
  });

  it('saves credentials and URLs; an untouched secret is not sent', async () => {
    const bg = fakeBackground();
    await mount(bg);
    choosePersonalAccess();
    fireEvent.input(screen.getByTestId('options-api-url'), { target: { value: 'http://127.0.0.1:4010/v2' } });
    fireEvent.input(screen.getByTestId('options-token-url'), { target: { value: 'http://127.0.0.1:4010/oauth2/access-tokens' } });
    fireEvent.input(screen.getByTestId('options-client-id'), { target: { value: 'demo-client' } });
    fireEvent.input(screen.getByTestId('options-client-secret'), { target: { value: 'demo-secret' } });
    fireEvent.click(screen.getByTestId('options-sellsy-save'));
    await screen.findByText('Saved');
    expect(bg.current().sellsy).toMatchObject({ apiUrl: 'http://127.0.0.1:4010/v2', clientId: 'demo-client', clientSecret: 'demo-secret' });
    expect((screen.getByTestId('options-client-secret') as HTMLInputElement).value).toBe('');

    fireEvent.input(screen.getByTestId('options-client-id'), { target: { value: 'other' } });
    fireEvent.click(screen.getByTestId('options-sellsy-save'));
    await waitFor(() => expect(bg.current().sellsy.clientId).toBe('other'));
    const last = bg.calls.filter((c) => c.type === 'settings:set').at(-1)!.payload as SettingsPatch;
    expect(last.sellsy).not.toHaveProperty('clientSecret');
    expect(bg.current().sellsy.clientSecret).toBe('demo-secret');
  });

  it('removes a saved secret only when asked', async () => {
    const bg = fakeBackground(applyPatch(defaultSettings(), { sellsy: { authKind: 'client-credentials', clientId: 'cid', clientSecret: 'sec' } }));
    await mount(bg);
    fireEvent.click(screen.getByTestId('options-client-secret-remove'));
    fireEvent.click(screen.getByTestId('options-sellsy-save'));
    await waitFor(() => expect(bg.current().sellsy.clientSecret).toBe(''));
  });

  it('shows a save error from the background', async () => {
    await mount(fakeBackground());
    fireEvent.input(screen.getByTestId('options-api-url'), { target: { value: 'not a url' } });
    fireEvent.click(screen.getByTestId('options-sellsy-save'));
    expect((await screen.findByTestId('options-sellsy-error')).textContent).toMatch(/not a valid URL/);
  });

  it('Test connection saves what was typed, then shows the account, user and licences', async () => {
    const bg = fakeBackground();
    await mount(bg, 'fr-FR');
    choosePersonalAccess();
    fireEvent.input(screen.getByTestId('options-client-id'), { target: { value: 'cid' } });
    fireEvent.input(screen.getByTestId('options-client-secret'), { target: { value: 'sec' } });
    fireEvent.click(screen.getByTestId('options-sellsy-test'));
    const result = await screen.findByTestId('options-sellsy-result');
    await waitFor(() => expect(result.getAttribute('data-ok')).toBe('true'));
    expect(result.textContent).toContain('Atelier Lumière (démo)');
    expect(result.textContent).toContain('Ana Lopez');
    expect(result.textContent).toMatch(/facturation/i);
    expect(bg.calls.map((c) => c.type)).toEqual(['settings:get', 'sellsy:session', 'settings:set', 'sellsy:test']);
    expect(bg.current().sellsy.clientSecret).toBe('sec');
  });

  it('shows a failed test and a background that does not answer', async () => {
    await mount(fakeBackground(defaultSettings(), { 'sellsy:test': () => ({ ok: false, message: 'Sellsy rejected the credentials' }) }));
    fireEvent.click(screen.getByTestId('options-sellsy-test'));
    await waitFor(() => expect(screen.getByTestId('options-sellsy-result').getAttribute('data-ok')).toBe('false'));
    expect(screen.getByTestId('options-sellsy-result').textContent).toContain('Sellsy rejected the credentials');
    cleanup();
    await mount(fakeBackground(defaultSettings(), { 'ai:test': () => undefined as never }));
    fireEvent.click(screen.getByTestId('options-ai-test'));
    await waitFor(() => expect(screen.getByTestId('options-ai-result').textContent).toMatch(/did not answer/));
  });

  it('saving the AI asks for its host, keeps the key write-only and reports a refusal', async () => {
    const bg = fakeBackground();
    const requestOrigin = vi.fn(async () => false);
    await mount(bg, 'en-US', requestOrigin);
    fireEvent.click(screen.getByTestId('options-ai-enabled'));
    fireEvent.input(screen.getByTestId('options-ai-base-url'), { target: { value: 'http://127.0.0.1:11434/v1' } });
    fireEvent.input(screen.getByTestId('options-ai-key'), { target: { value: 'sk-abc' } });
    fireEvent.click(screen.getByTestId('options-ai-redact'));
    fireEvent.click(screen.getByTestId('options-ai-save'));
    await screen.findByTestId('options-ai-permission');
    expect(requestOrigin).toHaveBeenCalledWith('http://127.0.0.1/*');
    expect(bg.current().ai).toMatchObject({ enabled: true, baseURL: 'http://127.0.0.1:11434/v1', apiKey: 'sk-abc', redact: false });
    expect((screen.getByTestId('options-ai-key') as HTMLInputElement).value).toBe('');
  });

  it('Test the model saves what was typed first, then shows the answer', async () => {
    const bg = fakeBackground();
    await mount(bg);
    fireEvent.input(screen.getByTestId('options-ai-model'), { target: { value: 'mistral-small' } });
    fireEvent.click(screen.getByTestId('options-ai-test'));
    await waitFor(() => expect(screen.getByTestId('options-ai-result').getAttribute('data-ok')).toBe('true'));
    expect(screen.getByTestId('options-ai-result').textContent).toContain('gpt-test');
    expect(bg.current().ai.model).toBe('mistral-small');
    expect(bg.calls.map((c) => c.type).slice(-2)).toEqual(['settings:set', 'ai:test']);
  });

  it('does not ask for a host while the AI is off', async () => {
    const requestOrigin = vi.fn(async () => true);
    await mount(fakeBackground(), 'en-US', requestOrigin);
    fireEvent.click(screen.getByTestId('options-ai-save'));
    await screen.findByTestId('options-ai-status');
    await waitFor(() => expect(screen.getByTestId('options-ai-status').textContent).toBe('Saved'));
    expect(requestOrigin).not.toHaveBeenCalled();
  });

  it('shows what was last sent, or that nothing was', async () => {
    await mount(fakeBackground());
    fireEvent.click(screen.getByTestId('options-last-sent-show'));
    expect((await screen.findByTestId('options-last-sent')).textContent).toMatch(/Nothing has been sent/);
    cleanup();
    await mount(
      fakeBackground(defaultSettings(), {
        'ai:last-sent': () => ({
          at: '2026-11-29T04:00:00.000Z',
          messages: [
            { role: 'system', content: 'You write summaries' },
            { role: 'user', content: 'Client [EMAIL]' },
          ],
          tokens: 321,
        }),
      }),
    );
    fireEvent.click(screen.getByTestId('options-last-sent-show'));
    const view = await screen.findByTestId('options-last-sent');
    expect(view.textContent).toContain('Client [EMAIL]');
    expect(view.textContent).toContain('321');
  });

  it('changes language and source mode at once, and clears the cache', async () => {
    const bg = fakeBackground();
    await mount(bg);
    fireEvent.change(screen.getByTestId('options-source-mode'), { target: { value: 'sales' } });
    await waitFor(() => expect(bg.current().sourceMode).toBe('sales'));
    fireEvent.change(screen.getByTestId('options-language'), { target: { value: 'fr' } });
    await screen.findByRole('heading', { name: 'Accès à Sellsy' });
    fireEvent.click(screen.getByTestId('options-cache-clear'));
    await waitFor(() => expect(screen.getByTestId('options-cache-status').textContent).toBe('Cache vidé'));
    expect(bg.calls.some((c) => c.type === 'cache:clear')).toBe(true);
  });

  it('"prepare the summary when I open a client page": off by default, saved at once when ticked', async () => {
    const bg = fakeBackground();
    await mount(bg);
    const box = screen.getByTestId('options-prepare-on-open') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(bg.current().prepareOnOpen).toBe(false);
    fireEvent.click(box);
    await waitFor(() => expect(bg.current().prepareOnOpen).toBe(true));
    expect(bg.calls.some((c) => c.type === 'settings:set' && (c.payload as { prepareOnOpen?: boolean }).prepareOnOpen === true)).toBe(true);
  });

  it('Sign in with Sellsy: needs the app’s client id, saves what was typed, then signs in; Sign out forgets', async () => {
    const bg = fakeBackground();
    await mount(bg);
    const button = screen.getByTestId('options-sign-in') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByText('Set your company’s Sellsy app client id first.')).toBeTruthy();
    expect(screen.getByTestId('options-sign-in-state').textContent).toBe('Not signed in to Sellsy.');
    fireEvent.input(screen.getByTestId('options-app-client-id'), { target: { value: 'company-app' } });
    fireEvent.input(screen.getByTestId('options-app-client-secret'), { target: { value: 'app-secret' } });
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByTestId('options-sign-in-block').getAttribute('data-signed-in')).toBe('true'));
    expect(screen.getByTestId('options-sign-in-state').textContent).toMatch(/^Signed in to Sellsy since /);
    expect(bg.calls.map((c) => c.type).slice(-2)).toEqual(['settings:set', 'sellsy:sign-in']);
    expect(bg.current().sellsy).toMatchObject({ authKind: 'sign-in', appClientId: 'company-app', appClientSecret: 'app-secret' });
    expect(screen.getByTestId('options-sellsy-result').textContent).toContain('Camille');
    expect(document.body.innerHTML).not.toContain('app-secret');
    fireEvent.click(screen.getByTestId('options-sign-out'));
    await waitFor(() => expect(screen.getByTestId('options-sign-in-block').getAttribute('data-signed-in')).toBe('false'));
    expect(bg.calls.at(-1)!.type).toBe('sellsy:sign-out');
  });

  it('a denied or abandoned sign-in says so in the page’s language; another failure gives the background’s words', async () => {
    const withApp = applyPatch(defaultSettings(), { sellsy: { appClientId: 'company-app' } });
    const noState = { signedIn: false, signedInAt: null };
    for (const [reason, lang, text] of [
      ['denied', 'en-US', 'Access was denied on Sellsy’s page: nothing was saved.'],
      ['cancelled', 'fr-FR', 'La fenêtre de connexion a été fermée avant la fin.'],
      ['failed', 'en-US', 'Sellsy refused the sign-in (server_error)'],
    ] as const) {
      const bg = fakeBackground(withApp, {
        'sellsy:sign-in': () => ({ ok: false, reason, message: 'Sellsy refused the sign-in (server_error)', state: noState }),
      });
      await mount(bg, lang);
      fireEvent.click(screen.getByTestId('options-sign-in'));
      const error = await screen.findByTestId('options-sign-in-error');
      expect(error.getAttribute('data-reason')).toBe(reason);
      expect(error.textContent).toContain(text);
      expect(screen.getByTestId('options-sign-in-block').getAttribute('data-signed-in')).toBe('false');
      cleanup();
    }
  });

  it('company presets are shown as such, cannot be edited, and are never sent back', async () => {
    const presets = readPresets({
      sellsyAppClientId: 'company-app',
      sellsyApiUrl: 'https://api.sellsy.com/v2',
      aiBaseUrl: 'https://llm.company.example/v1',
      aiModel: 'company-model',
    });
    const bg = fakeBackground(defaultSettings(), {}, presets);
    await mount(bg);
    for (const id of ['options-app-client-id', 'options-api-url', 'options-ai-base-url', 'options-ai-model']) {
      const input = screen.getByTestId(id) as HTMLInputElement;
      expect(input.disabled, id).toBe(true);
      expect(input.closest('[data-preset]'), id).toBeTruthy();
    }
    expect((screen.getByTestId('options-app-client-id') as HTMLInputElement).value).toBe('company-app');
    expect((screen.getByTestId('options-ai-model') as HTMLInputElement).value).toBe('company-model');
    expect(screen.getAllByText('Set by your company')).toHaveLength(4);
    expect((screen.getByTestId('options-token-url') as HTMLInputElement).disabled).toBe(false);
    // With the app preset, signing in is one click.
    expect((screen.getByTestId('options-sign-in') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('options-sellsy-save'));
    await screen.findByText('Saved');
    fireEvent.click(screen.getByTestId('options-ai-save'));
    await waitFor(() => expect(screen.getByTestId('options-ai-status').textContent).toBe('Saved'));
    const patches = bg.calls.filter((c) => c.type === 'settings:set').map((c) => c.payload as SettingsPatch);
    expect(patches).toHaveLength(2);
    expect(patches[0]!.sellsy).not.toHaveProperty('appClientId');
    expect(patches[0]!.sellsy).not.toHaveProperty('apiUrl');
    expect(patches[0]!.sellsy).toHaveProperty('tokenUrl');
    expect(patches[1]!.ai).not.toHaveProperty('baseURL');
    expect(patches[1]!.ai).not.toHaveProperty('model');
    expect(bg.current().sellsy.appClientId).toBe(''); // the rep's own value, under the preset, is untouched
  });

  it('says so when the settings cannot be read', async () => {
    const model = createOptionsModel({ send: (async () => undefined) as unknown as Send, requestOrigin: async () => true, browserLanguage: 'en' });
    render(<OptionsPage model={model} />);
    await model.load();
    expect((await screen.findByTestId('options-load-error')).textContent).toMatch(/did not answer/);
  });
});

describe('originPattern', () => {
  it('is the host, any port, for http(s) only', () => {
    expect(originPattern('https://api.openai.com/v1')).toBe('https://api.openai.com/*');
    expect(originPattern('http://localhost:11434/v1')).toBe('http://localhost/*');
    expect(originPattern('ftp://x/')).toBeNull();
    expect(originPattern('nonsense')).toBeNull();
  });
});
