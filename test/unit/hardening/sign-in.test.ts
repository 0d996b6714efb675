// Sign in with Sellsy through the wired background (entrypoints/background/index.ts on WXT's fakeBrowser,
// the real pipeline, the local Sellsy's OAuth): the identity window is played by a script that fills the
// local Sellsy's form. Where the tokens go (local storage only; the access token only to the API, the
// refresh token and the app secret only to the token URL; never in an answer, an event or sync), the
// panel through expiry, rotation and a refused renewal, sign-out, another rep on the same app, and
// company presets from managed storage.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SESSION_KEY } from '@/entrypoints/background/session-vault';
import type { SenderLike } from '@/entrypoints/background/types';
import type { PanelEvent } from '@/lib/messages';
import { SUMMARY_PORT } from '@/lib/messages';
import type { Summary } from '@/lib/summary/types';
import { DEMO_APP, DEMO_USERS, INVOICING_ACCOUNT, LARGE_CLIENT_ID, SALES_ACCOUNT } from '@/test/sellsy/demo';
import { DEFAULT_OPTIONS, type FakeSellsy, startSellsy } from '@/test/sellsy/server';
import { scriptedSignInWindow, type WindowScript } from '@/test/sellsy/sign-in-window';
import { type FakePort, fakePort } from '../extension/bg-fakes';

const REDIRECT = 'https://test-extension-id.chromiumapp.org/';
interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}
const sent: Sent[] = [];
const issued = new Set<string>();
const realFetch = globalThis.fetch;
let sellsy: FakeSellsy;
let windowScript: WindowScript = {};
let windows = 0;
const connectListeners: ((port: unknown) => void)[] = [];
const answers: unknown[] = [];
const events: PanelEvent[] = [];

async function recordingFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = String(input);
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((v, k) => {
    headers[k] = v;
  });
  sent.push({ url, headers, body: typeof init?.body === 'string' ? init.body : '' });
  const res = await realFetch(input, init);
  if (url === sellsy.tokenUrl && res.ok) {
    const j = (await res.clone().json()) as { access_token?: string; refresh_token?: string };
    for (const t of [j.access_token, j.refresh_token]) if (t) issued.add(t);
  }
  return res;
}

const ID = () => fakeBrowser.runtime.id;
const pageUrl = () => `${sellsy.origin}/thirds/client/${LARGE_CLIENT_ID}`;
const contentSender = (): SenderLike => ({ id: ID(), url: pageUrl(), frameId: 0, tab: { id: 3, url: pageUrl() } });
const optionsSender = (): SenderLike => ({ id: ID(), url: fakeBrowser.runtime.getURL('/options.html') });

async function message(msg: unknown, sender: SenderLike): Promise<any> {
  let answer: unknown = 'none';
  let answered: () => void = () => undefined;
  const done = new Promise<void>((r) => {
    answered = r;
  });
  const trigger = fakeBrowser.runtime.onMessage.trigger as unknown as (...args: unknown[]) => Promise<unknown[]>;
  const results = await trigger(msg, sender, (r: unknown) => {
    answer = r;
    answered();
  });
  if (!results.includes(true)) return 'none';
  await done;
  answers.push(answer);
  return answer;
}
const request = (type: string, sender = optionsSender(), payload: unknown = {}) => message({ type, payload }, sender);

// 'shared' and 'changes' go with a summary on screen: the answer is not over with them.
const isSide = (e: PanelEvent) => e.type === 'shared' || e.type === 'changes';
const isFinal = (e: PanelEvent | undefined) =>
  !!e &&
  !isSide(e) &&
  e.type !== 'progress' &&
  e.type !== 'interactions-delta' &&
  !(e.type === 'summary' && ['lists', 'details', 'figures'].includes(e.phase));

// The background computes a client at most once per 10 s (lib/summary/load-limits.ts): each load here
// happens 11 s after the previous one on the clock its limiter reads.
let clockOffset = 0;
const realNow = Date.now.bind(Date);

async function panel(type: 'open' | 'refresh'): Promise<PanelEvent[]> {
  clockOffset += 11_000;
  const port = fakePort(contentSender(), SUMMARY_PORT) as FakePort;
  for (const l of connectListeners) l(port);
  port.send({ type, page: { thirdType: 'client', id: LARGE_CLIENT_ID, origin: sellsy.origin }, language: 'fr-FR' });
  await vi.waitFor(() => expect(isFinal(port.events.findLast((e) => !isSide(e)))).toBe(true), { timeout: 90_000, interval: 50 });
  await new Promise((r) => setTimeout(r, 50));
  events.push(...port.events);
  port.closeFromPanel();
  return port.events;
}
const last = (evs: PanelEvent[]) => evs.findLast((e) => !isSide(e))!;
const stored = async () =>
  ((await fakeBrowser.storage.local.get(SESSION_KEY))[SESSION_KEY] ?? null) as { accessToken: string; refreshToken: string } | null;
const accountOf = (evs: PanelEvent[]) => {
  const s = evs.find((e) => e.type === 'summary') as { summary: Summary } | undefined;
  return s?.summary.sourceMode;
};

beforeAll(async () => {
  sellsy = await startSellsy({ today: '2026-11-29' });
  Object.assign(sellsy.options, DEFAULT_OPTIONS, { perSecondQuota: 5000, perMinuteQuota: 100_000 });
  fakeBrowser.reset();
  vi.stubGlobal('__LOCAL_SELLSY__', true);
  vi.stubGlobal('fetch', recordingFetch);
  // Assigned, not spied: restoreMocks would undo a spy before the first test.
  Date.now = () => realNow() + clockOffset;
  (fakeBrowser.i18n as { getUILanguage: () => string }).getUILanguage = () => 'en-US';
  (fakeBrowser.runtime as { onConnect: unknown }).onConnect = {
    addListener: (l: (p: unknown) => void) => {
      connectListeners.push(l);
    },
  };
  const identity = fakeBrowser.identity as unknown as Record<string, unknown>;
  identity.getRedirectURL = () => REDIRECT;
  identity.launchWebAuthFlow = async ({ url, interactive }: { url: string; interactive: boolean }) => {
    expect(interactive).toBe(true);
    windows += 1;
    return scriptedSignInWindow(windowScript, realFetch)(url);
  };
  // fakeBrowser has no commands.onCommand (the shortcut): nothing here presses it.
  (fakeBrowser as unknown as { commands: unknown }).commands = { onCommand: { addListener: () => undefined } };
  const background = (await import('@/entrypoints/background/index')).default as { main: () => void };
  background.main();
  const r = await request('settings:set', optionsSender(), {
    sellsy: {
      apiUrl: sellsy.apiUrl,
      tokenUrl: sellsy.tokenUrl,
      authorizationUrl: sellsy.authorizationUrl,
      appClientId: DEMO_APP.clientId,
      appClientSecret: DEMO_APP.clientSecret,
    },
  });
  expect(r).not.toHaveProperty('error');
}, 60_000);
afterAll(async () => {
  Date.now = realNow;
  vi.unstubAllGlobals();
  await sellsy?.close();
});

describe('Sign in with Sellsy in the wired background', { timeout: 120_000 }, () => {
  it('before any sign-in the panel says signed out (not "no credentials"), and nothing is sent', async () => {
    const from = sent.length;
    expect(last(await panel('open'))).toEqual({ type: 'signed-out', keptCached: false });
    expect(sent.length).toBe(from);
    expect(await request('sellsy:session')).toEqual({ signedIn: false, signedInAt: null });
  });

  it('the panel’s Sign in (from our content script) opens one window, then the summary comes', async () => {
    const answer = await request('sellsy:sign-in', contentSender());
    expect(answer).toMatchObject({ ok: true, state: { signedIn: true }, test: { ok: true, accountName: INVOICING_ACCOUNT.name } });
    expect(windows).toBe(1);
    const s = await stored();
    expect(s?.refreshToken).toBeTruthy();
    expect(sellsy.oauth.liveRefreshTokens()).toEqual([s!.refreshToken]);
    const evs = await panel('refresh');
    expect(last(evs)).toMatchObject({ type: 'summary', phase: 'texts' });
    expect(accountOf(evs)).toBe('invoicing');
  });

  it('an access token expired at Sellsy: the next summary still comes, renewed once with a rotated refresh token', async () => {
    const before = (await stored())!;
    const refreshes = () => sellsy.oauth.events.filter((e) => e.grant === 'refresh_token').length;
    const n = refreshes();
    sellsy.expireTokens();
    expect(last(await panel('refresh'))).toMatchObject({ type: 'summary', phase: 'texts' });
    const after = (await stored())!;
    expect(refreshes()).toBe(n + 1);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(sellsy.oauth.liveRefreshTokens()).toEqual([after.refreshToken]);
  });

  it('a refresh token refused: signed out, the cached summary kept, the tokens forgotten; Sign in brings it back', async () => {
    sellsy.expireTokens();
    sellsy.expireRefreshTokens();
    const evs = await panel('refresh');
    expect(last(evs)).toEqual({ type: 'signed-out', keptCached: true });
    expect(await stored()).toBeNull();
    // The cache still answers the open at once.
    expect((await panel('open'))[0]).toMatchObject({ type: 'summary', phase: 'cached' });
    expect(await request('sellsy:sign-in', contentSender())).toMatchObject({ ok: true });
    expect(last(await panel('refresh'))).toMatchObject({ type: 'summary', phase: 'texts' });
  });

  it('Deny in the window: nothing saved, the reason answered', async () => {
    await request('sellsy:sign-out');
    windowScript = { decision: 'deny' };
    try {
      expect(await request('sellsy:sign-in')).toMatchObject({ ok: false, reason: 'denied', state: { signedIn: false } });
      expect(await stored()).toBeNull();
    } finally {
      windowScript = {};
    }
  });

  it('sign-out forgets the tokens and the account; the sales-only rep on the same app never sees the invoicing summary', async () => {
    expect(await request('sellsy:sign-in')).toMatchObject({ ok: true, test: { accountName: INVOICING_ACCOUNT.name } });
    expect((await panel('open'))[0]).toMatchObject({ type: 'summary', phase: 'cached' });
    expect(await request('sellsy:sign-out')).toEqual({ ok: true, state: { signedIn: false, signedInAt: null } });
    expect(await stored()).toBeNull();
    windowScript = { user: DEMO_USERS.sales };
    try {
      expect(await request('sellsy:sign-in')).toMatchObject({ ok: true, test: { accountName: SALES_ACCOUNT.name } });
    } finally {
      windowScript = {};
    }
    const evs = await panel('open');
    const shown = evs.filter((e) => e.type === 'summary') as Extract<PanelEvent, { type: 'summary' }>[];
    expect(shown.length).toBeGreaterThan(0);
    for (const e of shown) {
      expect(e.phase).not.toBe('cached');
      expect(e.summary.sourceMode).toBe('sales');
    }
  });

  it('the tokens stay in local storage and go only where they belong', async () => {
    expect(issued.size).toBeGreaterThan(4);
    const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(local).toContain((await stored())!.refreshToken);
    expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).toBe('{}');
    const outside = [JSON.stringify(answers), JSON.stringify(events), JSON.stringify(await fakeBrowser.storage.session.get(null))];
    for (const t of [...issued, DEMO_APP.clientSecret]) for (const text of outside) expect(text.includes(t), `${t.slice(0, 12)}… leaked`).toBe(false);
    for (const s of sent) {
      const all = `${s.url}\n${JSON.stringify(s.headers)}\n${s.body}`;
      const toToken = s.url === sellsy.tokenUrl;
      const toApi = s.url.startsWith(`${sellsy.apiUrl}/`);
      expect(toToken || toApi, s.url).toBe(true);
      if (!toToken) {
        expect(all.includes(DEMO_APP.clientSecret)).toBe(false);
        expect(s.body).not.toMatch(/refresh_token|code_verifier/);
      }
      for (const t of issued) {
        // Refresh tokens go to the token URL only; access tokens to the API only, as a bearer.
        if (t.startsWith('fake.refresh.') && !toToken) expect(all.includes(t), `refresh token sent to ${s.url}`).toBe(false);
        if (!t.startsWith('fake.refresh.') && !toApi) expect(all.includes(t), `access token sent to ${s.url}`).toBe(false);
      }
    }
  });

  it('company presets (managed storage) win, show as preset, and a patch touching them is refused', async () => {
    await fakeBrowser.storage.managed.set({ sellsyAppClientId: DEMO_APP.clientId, aiModel: 'company-model', typo: 1 });
    const view = await request('settings:get');
    expect(view.presets).toEqual(['sellsy.appClientId', 'ai.model']);
    expect(view.ai.model).toBe('company-model');
    const refused = await request('settings:set', optionsSender(), { sellsy: { appClientId: 'another-app' } });
    expect(refused).toEqual({ error: 'The Sellsy app’s client id is set by your company and cannot be changed here' });
    expect((await request('settings:set', optionsSender(), { ai: { model: 'mine' } })).error).toMatch(/set by your company/);
    expect(await request('settings:set', optionsSender(), { language: 'fr' })).not.toHaveProperty('error');
    // Still signed in with the preset app: the summary comes.
    expect(last(await panel('refresh'))).toMatchObject({ type: 'summary', phase: 'texts' });
    await fakeBrowser.storage.managed.clear();
    expect((await request('settings:get')).presets).toEqual([]);
  });

  it('a web page, another extension or a frame cannot start a sign-in', async () => {
    const before = windows;
    for (const sender of [
      { url: pageUrl(), tab: { id: 3, url: pageUrl() }, frameId: 0 },
      { id: 'another-extension', url: pageUrl(), tab: { id: 3, url: pageUrl() }, frameId: 0 },
      { ...contentSender(), frameId: 2 },
      { id: ID(), url: 'https://evil.example/thirds/client/1', tab: { id: 4, url: 'https://evil.example/thirds/client/1' }, frameId: 0 },
    ] as SenderLike[]) {
      expect(await request('sellsy:sign-in', sender), JSON.stringify(sender)).toBe('none');
      expect(await request('sellsy:sign-out', sender)).toBe('none');
    }
    expect(await request('sellsy:sign-out', contentSender())).toBe('none');
    expect(windows).toBe(before);
  });
});
