// @vitest-environment happy-dom
// The LLM key belongs to its host: a new base URL on another origin drops the saved key, whoever sends the
// change (the options page says so before saving; a crafted settings:set gets the same treatment in the
// background); http:// is refused off this computer for Sellsy's and the LLM's addresses; the browser's
// access to an LLM host is given back when AI is turned off or moves to another host.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOptionsModel, type Send } from '@/components/options/model';
import { OptionsPage } from '@/components/options/OptionsPage';
import { createRequestHandler } from '@/entrypoints/background/requests';
import type { RequestType, RuntimeRequest } from '@/lib/messages';
import type { SignInSession } from '@/lib/sellsy/session';
import { applyPatch, publicView } from '@/lib/settings/patch';
import { createSettingsStore, type KeyValue } from '@/lib/settings/store';
import { defaultSettings, type Settings } from '@/lib/settings/types';

/** These tests never sign in: a session that says so if asked. */
const NO_SIGN_IN = {
  session: {
    accessToken: async () => {
      throw new Error('no sign-in in this test');
    },
    renew: async () => {
      throw new Error('no sign-in in this test');
    },
    signIn: async () => {
      throw new Error('no sign-in in this test');
    },
    signOut: async () => undefined,
    status: async () => ({ signedIn: false }) as never,
  } satisfies SignInSession,
  launchAuthFlow: async () => {
    throw new Error('no sign-in in this test');
  },
  redirectUri: () => 'https://ext.chromiumapp.org/',
};

import { fakeApi } from '../extension/bg-fakes';

afterEach(cleanup);

const KEY = 'sk-belongs-to-openai';
const withKey = (over: Record<string, unknown> = {}): Settings =>
  applyPatch(defaultSettings(), { ai: { enabled: true, apiKey: KEY, baseURL: 'https://api.openai.com/v1', ...over } });

describe('the key stays with its host', () => {
  it.each([
    ['another host', 'https://llm.attacker.example/v1'],
    ['another port', 'https://api.openai.com:8443/v1'],
  ])('a patch that moves the base URL to %s drops the saved key', (_what, baseURL) => {
    const next = applyPatch(withKey(), { ai: { baseURL } });
    expect(next.ai.baseURL).toBe(baseURL);
    expect(next.ai.apiKey).toBe('');
  });

  it('so does another scheme on the same host', () => {
    const local = withKey({ baseURL: 'http://localhost:11434/v1' });
    expect(applyPatch(local, { ai: { baseURL: 'https://localhost:11434/v1' } }).ai.apiKey).toBe('');
  });

  it('the same origin (another path) keeps it; a key sent with the new address is the new key', () => {
    expect(applyPatch(withKey(), { ai: { baseURL: 'https://api.openai.com/v2' } }).ai.apiKey).toBe(KEY);
    expect(applyPatch(withKey(), { ai: { model: 'gpt-x', enabled: false } }).ai.apiKey).toBe(KEY);
    expect(applyPatch(withKey(), { ai: { baseURL: 'https://api.mistral.ai/v1', apiKey: 'mistral-key' } }).ai.apiKey).toBe('mistral-key');
  });

  it('a crafted settings:set through the background cannot keep the key for a new host', async () => {
    const data = new Map<string, unknown>([['settings', withKey()]]);
    const kv: KeyValue = { get: async (k) => structuredClone(data.get(k)), set: async (k, v) => void data.set(k, structuredClone(v)) };
    const handle = createRequestHandler({
      settings: createSettingsStore(kv),
      ...NO_SIGN_IN,
      permissions: { remove: async () => true },
      makeApi: () => fakeApi(1),
      accounts: { get: async () => null, set: async () => undefined, forget: async () => undefined, clear: async () => undefined },
      testAi: async () => ({ ok: true, model: 'm' }),
      lastSent: () => null,
      clearCache: async () => undefined,
      openOptions: async () => undefined,
      browserLanguage: () => 'en',
    });
    const view = await handle({ type: 'settings:set', payload: { ai: { baseURL: 'https://llm.attacker.example/v1' } } } as RuntimeRequest);
    expect(view).toMatchObject({ ai: { baseURL: 'https://llm.attacker.example/v1', hasKey: false } });
    expect(JSON.stringify(data.get('settings'))).not.toContain(KEY);
  });
});

describe('http:// only on this computer', () => {
  it.each([
    ['sellsy', 'apiUrl', 'Sellsy API URL'],
    ['sellsy', 'tokenUrl', 'Sellsy token URL'],
    ['ai', 'baseURL', 'AI base URL'],
  ])('%s.%s: refused off this computer, accepted on loopback and https', (section, field, name) => {
    for (const bad of ['http://api.sellsy.com/v2', 'http://192.168.1.20:11434/v1', 'http://localhost.example.com/x']) {
      expect(() => applyPatch(defaultSettings(), { [section]: { [field]: bad } })).toThrow(
        `${name} must start with https:// (http:// is accepted only for this computer: localhost, 127.0.0.1 or [::1])`,
      );
    }
    for (const ok of ['https://api.example.com/v2', 'http://127.0.0.1:8787/v2', 'http://localhost:11434/v1', 'http://[::1]:8080/v1']) {
      const next = applyPatch(defaultSettings(), { [section]: { [field]: ok } }) as unknown as Record<string, Record<string, string>>;
      expect(next[section]![field]).toBe(ok);
    }
  });
});

describe('the LLM host permission is given back', () => {
  function background(initial: Settings) {
    const data = new Map<string, unknown>([['settings', initial]]);
    const kv: KeyValue = { get: async (k) => structuredClone(data.get(k)), set: async (k, v) => void data.set(k, structuredClone(v)) };
    const removed: string[][] = [];
    const handle = createRequestHandler({
      settings: createSettingsStore(kv),
      ...NO_SIGN_IN,
      permissions: {
        remove: async (origins) => {
          removed.push(origins);
          return true;
        },
      },
      makeApi: () => fakeApi(1),
      accounts: { get: async () => null, set: async () => undefined, forget: async () => undefined, clear: async () => undefined },
      testAi: async () => ({ ok: true, model: 'm' }),
      lastSent: () => null,
      clearCache: async () => undefined,
      openOptions: async () => undefined,
      browserLanguage: () => 'en',
    });
    const set = (payload: unknown) => handle({ type: 'settings:set', payload } as RuntimeRequest);
    return { set, removed };
  }

  it('when AI is turned off', async () => {
    const bg = background(withKey());
    await bg.set({ ai: { enabled: false } });
    expect(bg.removed).toEqual([['https://api.openai.com/*']]);
  });

  it('when the host changes (the old one goes, not the new one)', async () => {
    const bg = background(withKey());
    await bg.set({ ai: { baseURL: 'https://api.mistral.ai/v1', apiKey: 'mk' } });
    expect(bg.removed).toEqual([['https://api.openai.com/*']]);
  });

  it('not while the same host is still used, nor when AI was off', async () => {
    const bg = background(withKey());
    await bg.set({ ai: { baseURL: 'https://api.openai.com/v2' } });
    await bg.set({ ai: { model: 'gpt-5' } });
    await bg.set({ language: 'fr' });
    expect(bg.removed).toEqual([]);
    const off = background(applyPatch(defaultSettings(), { ai: { enabled: false, baseURL: 'https://api.mistral.ai/v1' } }));
    await off.set({ ai: { baseURL: 'https://api.openai.com/v1' } });
    expect(off.removed).toEqual([]);
  });

  it('a refused removal (a host the manifest requires) still saves the settings', async () => {
    const failing = createRequestHandler({
      settings: createSettingsStore({ get: async () => withKey(), set: async () => undefined }),
      ...NO_SIGN_IN,
      permissions: { remove: async () => Promise.reject(new Error('You cannot remove required permissions.')) },
      makeApi: () => fakeApi(1),
      accounts: { get: async () => null, set: async () => undefined, forget: async () => undefined, clear: async () => undefined },
      testAi: async () => ({ ok: true, model: 'm' }),
      lastSent: () => null,
      clearCache: async () => undefined,
      openOptions: async () => undefined,
      browserLanguage: () => 'en',
    });
    expect(await failing({ type: 'settings:set', payload: { ai: { enabled: false } } } as RuntimeRequest)).toMatchObject({ ai: { enabled: false } });
  });
});

describe('the options page says so before saving', () => {
  function fakeBackground(initial: Settings) {
    let settings = initial;
    const send = vi.fn(async (type: RequestType, payload: unknown) => {
      if (type === 'settings:get') return publicView(settings);
      if (type === 'settings:set') {
        settings = applyPatch(settings, payload);
        return publicView(settings);
      }
      return null;
    });
    return { send: send as unknown as Send, current: () => settings };
  }

  it('a new address on another origin announces that the saved key goes; typing a key or going back removes the note', async () => {
    const bg = fakeBackground(withKey());
    const model = createOptionsModel({ send: bg.send, requestOrigin: async () => true, browserLanguage: 'en-US' });
    render(<OptionsPage model={model} />);
    await model.load();
    await screen.findByTestId('options');
    const url = screen.getByTestId('options-ai-base-url');
    expect(screen.queryByTestId('options-ai-key-leaves')).toBeNull();
    fireEvent.input(url, { target: { value: 'https://api.openai.com/v2' } });
    expect(screen.queryByTestId('options-ai-key-leaves')).toBeNull();
    fireEvent.input(url, { target: { value: 'https://llm.example.org/v1' } });
    expect(screen.getByTestId('options-ai-key-leaves').textContent).toBe(
      'The saved API key belongs to the previous address: saving removes it. Enter the key for llm.example.org.',
    );
    fireEvent.input(screen.getByTestId('options-ai-key'), { target: { value: 'new-key' } });
    expect(screen.queryByTestId('options-ai-key-leaves')).toBeNull();
    fireEvent.input(screen.getByTestId('options-ai-key'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('options-ai-save'));
    await waitFor(() => expect(bg.current().ai.baseURL).toBe('https://llm.example.org/v1'));
    expect(bg.current().ai.apiKey).toBe('');
  });
});
