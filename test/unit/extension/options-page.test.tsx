// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOptionsModel, originPattern, type Send } from '@/components/options/model';
import { OptionsPage } from '@/components/options/OptionsPage';
import type { RequestMap, RequestType, SettingsPatch } from '@/lib/messages';
import { applyPatch, publicView } from '@/lib/settings/patch';
import { defaultSettings, type Settings, SettingsError } from '@/lib/settings/types';

afterEach(cleanup);

/** A background stand-in that keeps real settings (with secrets) and answers like the real one. */
function fakeBackground(
  initial: Settings = defaultSettings(),
  over: Partial<{ [K in RequestType]: () => RequestMap[K]['res'] | { error: string } }> = {},
) {
  let settings = initial;
  const calls: { type: string; payload: unknown }[] = [];
  const send = vi.fn(async (type: RequestType, payload: unknown) => {
    calls.push({ type, payload: structuredClone(payload) });
    const custom = over[type];
    if (custom) return custom();
    switch (type) {
      case 'settings:get':
        return publicView(settings);
      case 'settings:set':
        try {
          settings = applyPatch(settings, payload);
          return publicView(settings);
        } catch (e) {
          if (e instanceof SettingsError) return { error: e.message };
          throw e;
        }
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
  it('renders in English or French, with labelled controls', async () => {
    await mount(fakeBackground(), 'en-US');
    expect(screen.getByRole('heading', { name: 'Sellsy access' })).toBeTruthy();
    expect(screen.getByLabelText('Client id')).toBeTruthy();
    expect(screen.getByLabelText('Client secret')).toBeTruthy();
    expect(screen.getByLabelText('API URL')).toBeTruthy();
    cleanup();
    await mount(fakeBackground(), 'fr-FR');
    expect(screen.getByRole('heading', { name: 'Accès à Sellsy' })).toBeTruthy();
    expect(screen.getByLabelText('Identifiant client')).toBeTruthy();
    cleanup();
    // the language setting wins over the browser's
    await mount(fakeBackground(applyPatch(defaultSettings(), { language: 'fr' })), 'en-US');
    expect(screen.getByLabelText('Secret client')).toBeTruthy();
  });

  it('never shows a saved secret, only that there is one', async () => {
    const bg = fakeBackground(applyPatch(defaultSettings(), { sellsy: { clientId: 'cid', clientSecret: 'TOP-SECRET' }, ai: { apiKey: 'SK-KEY' } }));
    await mount(bg);
    expect(document.body.innerHTML).not.toContain('TOP-SECRET');
    expect(document.body.innerHTML).not.toContain('SK-KEY');
    const secret = screen.getByTestId('options-client-secret') as HTMLInputElement;
    expect(secret.value).toBe('');
    expect(secret.type).toBe('password');
    expect(secret.placeholder).toMatch(/Saved/);
    expect((screen.getByTestId('options-client-id') as HTMLInputElement).value).toBe('cid');
  });

  it('saves credentials and URLs; an untouched secret is not sent', async () => {
    const bg = fakeBackground();
    await mount(bg);
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
    const bg = fakeBackground(applyPatch(defaultSettings(), { sellsy: { clientId: 'cid', clientSecret: 'sec' } }));
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
    fireEvent.input(screen.getByTestId('options-client-id'), { target: { value: 'cid' } });
    fireEvent.input(screen.getByTestId('options-client-secret'), { target: { value: 'sec' } });
    fireEvent.click(screen.getByTestId('options-sellsy-test'));
    const result = await screen.findByTestId('options-sellsy-result');
    await waitFor(() => expect(result.getAttribute('data-ok')).toBe('true'));
    expect(result.textContent).toContain('Atelier Lumière (démo)');
    expect(result.textContent).toContain('Ana Lopez');
    expect(result.textContent).toMatch(/facturation/i);
    expect(bg.calls.map((c) => c.type)).toEqual(['settings:get', 'settings:set', 'sellsy:test']);
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
