import { describe, expect, it, vi } from 'vitest';
import { createAccountMap } from '@/entrypoints/background/accounts';
import { createActionHandler } from '@/entrypoints/background/action';
import { createLastSent } from '@/entrypoints/background/last-sent';
import { localConnection } from '@/entrypoints/background/local-sellsy';
import { createRequestHandler, type RequestDeps } from '@/entrypoints/background/requests';
import { createApiPool } from '@/entrypoints/background/sellsy-apis';
import { describeStaff } from '@/entrypoints/background/sellsy-test';
import type { RuntimeRequest } from '@/lib/messages';
import { SellsyError } from '@/lib/sellsy/errors';
import { OAUTH_CONTEXT } from '@/lib/sellsy/oauth';
import type { SellsyApp, SignInSession } from '@/lib/sellsy/session';
import { sellsyConnection, signInConnection } from '@/lib/settings/derive';
import { createSettingsStore, type KeyValue } from '@/lib/settings/store';
import { fakeApi, summaryOf } from './bg-fakes';

function memoryKv() {
  const data = new Map<string, unknown>();
  const kv: KeyValue = {
    get: async (k) => structuredClone(data.get(k)),
    set: async (k, v) => {
      data.set(k, structuredClone(v));
    },
  };
  return { kv, data };
}

/** A session that signs in when told to, and says what it was asked. */
function fakeSession(outcome: () => Promise<void> = async () => undefined) {
  let signedIn: SellsyApp | null = null;
  const calls: string[] = [];
  const session: SignInSession = {
    accessToken: async () => 'tok',
    renew: async () => 'tok',
    async signIn(app, opts) {
      calls.push(`signIn ${app.clientId} ${app.authorizationUrl} ${opts.redirectUri}`);
      await outcome();
      signedIn = app;
    },
    async signOut() {
      calls.push('signOut');
      signedIn = null;
    },
    async status(app) {
      const yes = !!app && !!signedIn && signedIn.clientId === app.clientId;
      return { signedIn: yes, signedInAt: yes ? '2026-11-29T08:00:00.000Z' : null };
    },
  };
  return { session, calls };
}

function setup(over: Partial<RequestDeps> = {}) {
  const { kv, data } = memoryKv();
  const settings = createSettingsStore(kv);
  const accounts = createAccountMap(kv);
  const api = fakeApi(90001);
  const clearCache = vi.fn(async () => undefined);
  const openOptions = vi.fn(async () => undefined);
  const testAi = vi.fn(async () => ({ ok: true as const, model: 'gpt-test' }));
  const handle = createRequestHandler({
    settings,
    permissions: { remove: async () => true },
    makeApi: () => api,
    accounts,
    testAi,
    lastSent: () => null,
    clearCache,
    openOptions,
    browserLanguage: () => 'en-US',
    session: fakeSession().session,
    launchAuthFlow: async () => {
      throw new Error('no window in this test');
    },
    redirectUri: () => 'https://ext.chromiumapp.org/',
    ...over,
  });
  return { handle, data, settings, accounts, api, clearCache, openOptions, testAi };
}
const req = (type: RuntimeRequest['type'], payload: unknown = {}) => ({ type, payload }) as RuntimeRequest;

describe('options requests', () => {
  it('settings:set stores secrets and answers without them; settings:get likewise', async () => {
    const { handle, data } = setup();
    const view = await handle(req('settings:set', { sellsy: { clientId: 'cid', clientSecret: 'S3CRET' }, ai: { apiKey: 'K3Y' } }));
    expect(view).toMatchObject({ sellsy: { clientId: 'cid', hasSecret: true }, ai: { hasKey: true } });
    expect(JSON.stringify(view)).not.toMatch(/S3CRET|K3Y/);
    expect(JSON.stringify(await handle(req('settings:get')))).not.toMatch(/S3CRET|K3Y/);
    expect(JSON.stringify(data.get('settings'))).toContain('S3CRET'); // kept in the extension's local storage
  });

  it('a bad patch answers an error and saves nothing', async () => {
    const { handle, data } = setup();
    expect(await handle(req('settings:set', { language: 'xx' }))).toEqual({ error: expect.stringMatching(/language/) });
    expect(data.get('settings')).toBeUndefined();
  });

  it('sellsy:test without credentials says so without calling Sellsy', async () => {
    const { handle, api } = setup();
    expect(await handle(req('sellsy:test'))).toEqual({ ok: false, message: 'No Sellsy credentials saved.' });
    expect(api.calls).toEqual([]);
  });

  it('sellsy:test names the account, user, licences and mode, and remembers the account id', async () => {
    const { handle, accounts, settings } = setup();
    await handle(req('settings:set', { sellsy: { authKind: 'client-credentials', clientId: 'cid', clientSecret: 'sec' } }));
    expect(await handle(req('sellsy:test'))).toEqual({
      ok: true,
      accountName: 'Atelier',
      userName: 'Ana Lopez',
      licences: ['pack_all_included'],
      sourceMode: 'invoicing',
    });
    expect(await accounts.get(sellsyConnection(await settings.load())!)).toBe('90001');
  });

  it('sellsy:test reports Sellsy’s refusal as a message', async () => {
    const api = fakeApi();
    api.get = async () => {
      throw new Error('Sellsy rejected the client credentials (HTTP 401)');
    };
    const { handle } = setup({ makeApi: () => api });
    await handle(req('settings:set', { sellsy: { authKind: 'client-credentials', clientId: 'cid', clientSecret: 'sec' } }));
    expect(await handle(req('sellsy:test'))).toEqual({ ok: false, message: 'Sellsy rejected the client credentials (HTTP 401)' });
  });

  it('ai:test passes the saved AI settings and language', async () => {
    const { handle, testAi } = setup();
    await handle(req('settings:set', { ai: { enabled: true, apiKey: 'k', baseURL: 'http://127.0.0.1:9/v1', model: 'm' }, language: 'fr' }));
    expect(await handle(req('ai:test'))).toEqual({ ok: true, model: 'gpt-test' });
    expect(testAi).toHaveBeenCalledWith(expect.objectContaining({ apiKey: 'k', baseURL: 'http://127.0.0.1:9/v1', model: 'm', redact: true }), 'fr');
  });

  it('cache:clear and options:open call through; a failure becomes an error answer', async () => {
    const { handle, clearCache, openOptions } = setup();
    expect(await handle(req('cache:clear'))).toEqual({ ok: true });
    expect(clearCache).toHaveBeenCalledTimes(1);
    expect(await handle(req('options:open'))).toEqual({ ok: true });
    expect(openOptions).toHaveBeenCalledTimes(1);
    const failing = setup({
      clearCache: async () => {
        throw new Error('database closed');
      },
    });
    expect(await failing.handle(req('cache:clear'))).toEqual({ error: 'database closed' });
  });
});

describe('sign in with Sellsy', () => {
  const APP = { appClientId: 'company-app', appClientSecret: 'app-secret', authorizationUrl: 'https://login.example/oauth2/authorization' };

  it('without the app’s client id: not-configured, no window', async () => {
    const { session, calls } = fakeSession();
    const { handle } = setup({ session });
    expect(await handle(req('sellsy:sign-in'))).toEqual({
      ok: false,
      reason: 'not-configured',
      message: expect.stringMatching(/client id is not set/),
      state: { signedIn: false, signedInAt: null },
    });
    expect(calls).toEqual([]);
  });

  it('signs in with the app and the identity redirect address, then learns the account afresh', async () => {
    const { session, calls } = fakeSession();
    const { handle, accounts, settings, api } = setup({ session });
    await handle(req('settings:set', { sellsy: APP }));
    const conn = signInConnection(await settings.load())!;
    await accounts.set(conn, '77777'); // another rep's account, signed in earlier with the same app
    const answer = await handle(req('sellsy:sign-in'));
    expect(calls).toEqual(['signIn company-app https://login.example/oauth2/authorization https://ext.chromiumapp.org/']);
    expect(answer).toMatchObject({ ok: true, state: { signedIn: true }, test: { ok: true, accountName: 'Atelier', userName: 'Ana Lopez' } });
    expect(api.calls).toEqual(['/staffs/me']);
    expect(await accounts.get(conn)).toBe('90001');
    expect(await handle(req('sellsy:session'))).toEqual({ signedIn: true, signedInAt: '2026-11-29T08:00:00.000Z' });
  });

  it('a denial, a closed window or another failure answers its reason and the lib’s words', async () => {
    for (const [context, reason] of [
      [OAUTH_CONTEXT.denied, 'denied'],
      [OAUTH_CONTEXT.cancelled, 'cancelled'],
      [OAUTH_CONTEXT.stateMismatch, 'failed'],
    ] as const) {
      const { session } = fakeSession(async () => {
        throw new SellsyError('auth', `refused: ${context}`, { context });
      });
      const { handle, api } = setup({ session });
      await handle(req('settings:set', { sellsy: APP }));
      expect(await handle(req('sellsy:sign-in'))).toEqual({
        ok: false,
        reason,
        message: `refused: ${context}`,
        state: { signedIn: false, signedInAt: null },
      });
      expect(api.calls).toEqual([]);
    }
  });

  it('sign-out forgets the tokens and which account the app’s key opened', async () => {
    const { session, calls } = fakeSession();
    const { handle, accounts, settings } = setup({ session });
    await handle(req('settings:set', { sellsy: APP }));
    await handle(req('sellsy:sign-in'));
    const conn = signInConnection(await settings.load())!;
    expect(await accounts.get(conn)).toBe('90001');
    expect(await handle(req('sellsy:sign-out'))).toEqual({ ok: true, state: { signedIn: false, signedInAt: null } });
    expect(calls.at(-1)).toBe('signOut');
    expect(await accounts.get(conn)).toBeNull();
  });
});

describe('describeStaff', () => {
  it('sales mode without an invoicing licence; the setting wins', () => {
    const staff = {
      id: 1,
      firstname: null,
      lastname: null,
      email: 'x@y',
      language: 'fr',
      timezone: 'UTC',
      _embed: {
        account: { id: 2, name: 'Studio' },
        licenses: [
          { id: 1, code: 'pack_prospecting_sale', enabled: true },
          { id: 2, code: 'pack_all_included', enabled: false },
        ],
      },
    };
    expect(describeStaff(staff, 'auto')).toEqual({
      ok: true,
      accountName: 'Studio',
      userName: 'x@y',
      licences: ['pack_prospecting_sale'],
      sourceMode: 'sales',
    });
    expect(describeStaff(staff, 'invoicing').sourceMode).toBe('invoicing');
  });
});

describe('last sent', () => {
  it('records the LLM request of a summary only when AI is configured', async () => {
    const last = createLastSent(() => new Date('2026-11-29T04:00:00.000Z'));
    const ai = { enabled: true, apiKey: 'k', baseURL: 'http://127.0.0.1:9/v1', model: 'm', redact: true, timeoutMs: 1000 };
    last.record(summaryOf('Client'), { ...ai, enabled: false });
    expect(await last.get()).toBeNull();
    last.record(summaryOf('Client'), ai);
    const got = (await last.get())!;
    expect(got.at).toBe('2026-11-29T04:00:00.000Z');
    expect(got.messages.length).toBeGreaterThan(0);
    expect(got.tokens).toBeGreaterThan(0);
    expect(JSON.stringify(got.messages)).not.toContain('"k"');
    last.clear();
    expect(await last.get()).toBeNull();
  });

  it('outlives a stopped service worker through session storage', async () => {
    const { kv } = memoryKv();
    const ai = { enabled: true, apiKey: 'k', baseURL: 'http://127.0.0.1:9/v1', model: 'm', redact: true, timeoutMs: 1000 };
    createLastSent(() => new Date('2026-11-29T04:00:00.000Z'), kv).record(summaryOf('Client'), ai);
    await new Promise((r) => setTimeout(r, 0));
    const restarted = createLastSent(() => new Date(), kv);
    expect((await restarted.get())?.at).toBe('2026-11-29T04:00:00.000Z');
    const broken: KeyValue = {
      get: async () => {
        throw new Error('no session storage');
      },
      set: async () => {
        throw new Error('no session storage');
      },
    };
    const memoryOnly = createLastSent(() => new Date(), broken);
    expect(await memoryOnly.get()).toBeNull();
    memoryOnly.record(summaryOf('Client'), ai);
    expect((await memoryOnly.get())?.messages.length).toBeGreaterThan(0);
  });
});

describe('accounts map', () => {
  it('keys by client id or a hash of the token, never the secret itself, and survives a restart', async () => {
    const { kv, data } = memoryKv();
    const a = createAccountMap(kv);
    const byId = {
      apiUrl: 'https://api.sellsy.com/v2',
      tokenUrl: 't',
      auth: { kind: 'client-credentials' as const, clientId: 'cid', clientSecret: 'SECRET' },
    };
    const byToken = { apiUrl: 'https://api.sellsy.com/v2', tokenUrl: 't', auth: { kind: 'token' as const, accessToken: 'TOKEN-VALUE' } };
    const bySignIn = {
      apiUrl: 'https://api.sellsy.com/v2',
      tokenUrl: 't',
      auth: { kind: 'sign-in' as const, clientId: 'app', clientSecret: 'APP-SECRET' },
    };
    await a.set(byId, '1');
    await a.set(byToken, '2');
    await a.set(bySignIn, '3');
    expect(JSON.stringify(data.get('accounts'))).not.toMatch(/SECRET|TOKEN-VALUE/);
    expect(await a.get({ ...bySignIn, auth: { ...bySignIn.auth, clientId: 'cid' } })).toBeNull(); // not the personal access's key
    await a.forget(bySignIn);
    expect(await a.get(bySignIn)).toBeNull();
    expect(await a.get(byId)).toBe('1');
    const restarted = createAccountMap(kv);
    expect(await restarted.get(byId)).toBe('1');
    expect(await restarted.get(byToken)).toBe('2');
    expect(await restarted.get({ ...byId, apiUrl: 'http://127.0.0.1:1/v2' })).toBeNull();
  });
});

describe('api pool', () => {
  it('reuses one client per connection (its token and quota pacing are shared)', () => {
    const make = vi.fn(() => fakeApi());
    const apiFor = createApiPool(make);
    const conn = localConnection('http://127.0.0.1:4000');
    expect(apiFor(conn)).toBe(apiFor({ ...conn }));
    apiFor({ ...conn, auth: { kind: 'token', accessToken: 't' } });
    expect(make).toHaveBeenCalledTimes(2);
  });

  it('the local connection points at the page’s own origin', () => {
    expect(localConnection('http://127.0.0.1:4000')).toMatchObject({
      apiUrl: 'http://127.0.0.1:4000/v2',
      tokenUrl: 'http://127.0.0.1:4000/oauth2/access-tokens',
    });
  });
});

describe('toolbar button', () => {
  function actionSetup(sendMessage = vi.fn(async () => undefined)) {
    const badge: unknown[] = [];
    const titles: unknown[] = [];
    const marked: unknown[] = [];
    const onClick = createActionHandler({
      sendMessage,
      setBadgeText: (d) => {
        badge.push(d);
      },
      setTitle: (d) => {
        titles.push(d);
      },
      markTab: async (tab) => {
        marked.push(tab);
      },
      allowLocal: false,
      uiLanguage: () => 'fr-FR',
    });
    return { onClick, sendMessage, badge, titles, marked };
  }

  it('toggles the panel on a Sellsy record page', async () => {
    const { onClick, sendMessage, badge, marked } = actionSetup();
    await onClick({ id: 3, url: 'https://www.sellsy.fr/thirds/client/12' });
    expect(sendMessage).toHaveBeenCalledWith(3, { type: 'toggle-panel' });
    // The tab keeps its own mark (the client dot) rather than losing it to a blank badge.
    expect(marked).toEqual([{ id: 3, url: 'https://www.sellsy.fr/thirds/client/12' }]);
    expect(badge).toEqual([]);
  });

  it('elsewhere says where it works, on that tab only, without messaging it', async () => {
    const { onClick, sendMessage, badge, titles } = actionSetup();
    await onClick({ id: 4, url: 'https://evil.example/thirds/client/12' });
    await onClick({ id: 5 }); // no URL given (no access to the tab)
    expect(sendMessage).not.toHaveBeenCalled();
    expect(badge).toEqual([
      { tabId: 4, text: '?' },
      { tabId: 5, text: '?' },
    ]);
    expect((titles[0] as { title: string }).title).toMatch(/fiches client de Sellsy/);
  });

  it('a tab without our content script does not fail: it asks for a reload', async () => {
    const { onClick, badge } = actionSetup(
      vi.fn(async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }),
    );
    await expect(onClick({ id: 6, url: 'https://www.sellsy.com/thirds/client/1' })).resolves.toBeUndefined();
    expect(badge.at(-1)).toEqual({ tabId: 6, text: '↻' });
  });

  it('loopback pages count only in local builds', async () => {
    const sendMessage = vi.fn(async () => undefined);
    const local = createActionHandler({
      sendMessage,
      setBadgeText: () => undefined,
      setTitle: () => undefined,
      markTab: async () => undefined,
      allowLocal: true,
      uiLanguage: () => 'en',
    });
    await local({ id: 1, url: 'http://127.0.0.1:4000/thirds/client/48201' });
    expect(sendMessage).toHaveBeenCalledTimes(1);
    const store = actionSetup();
    await store.onClick({ id: 1, url: 'http://127.0.0.1:4000/thirds/client/48201' });
    expect(store.sendMessage).not.toHaveBeenCalled();
  });
});
