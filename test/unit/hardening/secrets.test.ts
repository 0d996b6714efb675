// Secrets and boundaries, with the real background (entrypoints/background/index.ts run on WXT's
// fakeBrowser), the real pipeline and store, the local Sellsy and the local OpenAI fake. Every fetch is
// recorded: the Sellsy secret goes only to the token URL, the bearer only to the API, the LLM key only to
// the LLM. None of them reaches storage.sync, a panel event, an options answer or an error message.
// Senders that are not ours get nothing; the cache never mixes two Sellsy accounts.
// Unit-level guards are tested in test/unit/extension/bg-guard.test.ts and bg-port.test.ts; this file
// drives the wired background as the browser would.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { SenderLike } from '@/entrypoints/background/types';
import type { PanelEvent } from '@/lib/messages';
import { SUMMARY_PORT } from '@/lib/messages';
import type { Summary } from '@/lib/summary/types';
import { type FakeBehaviour, type OpenAiFake, startOpenAiFake } from '@/test/openai-fake/server';
import { DEMO, DEMO_SALES, LARGE_CLIENT_ID } from '@/test/sellsy/demo';
import { DEFAULT_OPTIONS, type FakeSellsy, startSellsy } from '@/test/sellsy/server';
import { type FakePort, fakePort } from '../extension/bg-fakes';

const LLM_KEY = 'sk-hardening-LLM-key-7f3a9c';
const BAD_SECRET = 'wrong-secret-Zq81xX';
interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}
const sent: Sent[] = [];
const tokens = new Set<string>();
const realFetch = globalThis.fetch;
let sellsy: FakeSellsy;
let llm: OpenAiFake;
let llmMode: FakeBehaviour = { kind: 'normal' };
const events: PanelEvent[] = [];
const connectListeners: ((port: unknown) => void)[] = [];
const connect = async (port: FakePort) => {
  for (const l of connectListeners) l(port);
};
const answers: unknown[] = [];

async function recordingFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = input instanceof Request ? input.url : String(input);
  const headers: Record<string, string> = {};
  new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).forEach((v, k) => {
    headers[k] = v;
  });
  const body =
    typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : init?.body ? String(init.body) : '';
  sent.push({ url, headers, body });
  const res = await realFetch(input, init);
  if (url === sellsy.tokenUrl && res.ok) {
    const t = ((await res.clone().json()) as { access_token?: string }).access_token;
    if (t) tokens.add(t);
  }
  return res;
}

const ID = () => fakeBrowser.runtime.id;
const pageUrl = (id = LARGE_CLIENT_ID) => `${sellsy.origin}/thirds/client/${id}`;
const contentSender = (over: Partial<SenderLike> = {}): SenderLike => ({
  id: ID(),
  url: pageUrl(),
  frameId: 0,
  tab: { id: 3, url: pageUrl() },
  ...over,
});
const optionsSender = (): SenderLike => ({ id: ID(), url: fakeBrowser.runtime.getURL('/options.html') });

/** Sends a runtime message as the browser would; the answer, or 'none' when no listener answered. */
async function message(msg: unknown, sender: SenderLike): Promise<unknown> {
  let answer: unknown = 'none';
  let answered: () => void = () => undefined;
  const done = new Promise<void>((r) => {
    answered = r;
  });
  // fakeBrowser types onMessage with two arguments; the background's listener also takes sendResponse.
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

// 'shared' and 'changes' go with a summary on screen (the figures too): the answer is not over with them.
const lastMain = (events: PanelEvent[]) => events.findLast((e) => e.type !== 'shared' && e.type !== 'changes');
const isFinal = (e: PanelEvent | undefined) =>
  !!e && e.type !== 'progress' && e.type !== 'interactions-delta' && !(e.type === 'summary' && ['lists', 'details', 'figures'].includes(e.phase));

let clockOffset = 0;
const realNow = Date.now.bind(Date);

async function openPanel(
  type: 'open' | 'refresh',
  sender = contentSender(),
  page = { thirdType: 'client' as const, id: LARGE_CLIENT_ID, origin: sellsy.origin },
): Promise<FakePort> {
  // The background computes a client at most once per 10 s (lib/summary/load-limits.ts): each load here
  // happens 11 s after the previous one on the clock its limiter reads.
  clockOffset += 11_000;
  const port = fakePort(sender, SUMMARY_PORT);
  await connect(port);
  if (port.disconnected) return port;
  port.send({ type, page, language: 'fr-FR' });
  await vi.waitFor(
    () => {
      const last = lastMain(port.events);
      // a texts error may follow the texts; wait for the LLM's requests to settle too
      expect(isFinal(last)).toBe(true);
    },
    { timeout: 90_000, interval: 50 },
  );
  await new Promise((r) => setTimeout(r, 100));
  events.push(...port.events);
  return port;
}

async function configure(patch: unknown) {
  const r = await message({ type: 'settings:set', payload: patch }, optionsSender());
  expect(r).not.toHaveProperty('error');
  return r;
}

function scan(text: string, what: string) {
  for (const s of [DEMO.clientSecret, DEMO_SALES.clientSecret, BAD_SECRET, LLM_KEY, ...tokens]) {
    expect(text.includes(s), `${what} holds a secret (${s.slice(0, 4)}…)`).toBe(false);
  }
  expect(text, what).not.toMatch(/Bearer\s+[A-Za-z0-9]/);
}

beforeAll(async () => {
  sellsy = await startSellsy({ today: '2026-11-29' });
  Object.assign(sellsy.options, DEFAULT_OPTIONS, { perSecondQuota: 5000, perMinuteQuota: 100_000 });
  llm = await startOpenAiFake({ script: () => llmMode });
  fakeBrowser.reset();
  vi.stubGlobal('__LOCAL_SELLSY__', true);
  vi.stubGlobal('fetch', recordingFetch);
  // Assigned, not spied: restoreMocks would undo a spy before the first test.
  Date.now = () => realNow() + clockOffset;
  (fakeBrowser.i18n as { getUILanguage: () => string }).getUILanguage = () => 'fr-FR';
  // fakeBrowser has no onConnect: a minimal one that keeps the listeners for connect() below.
  (fakeBrowser.runtime as { onConnect: unknown }).onConnect = {
    addListener: (l: (p: unknown) => void) => {
      connectListeners.push(l);
    },
  };
  // Nor commands.onCommand (the shortcut): nothing here presses it.
  (fakeBrowser as unknown as { commands: unknown }).commands = { onCommand: { addListener: () => undefined } };
  const background = (await import('@/entrypoints/background/index')).default as { main: () => void };
  background.main();
  await configure({
    sellsy: { apiUrl: sellsy.apiUrl, tokenUrl: sellsy.tokenUrl, authKind: 'client-credentials', ...DEMO },
    ai: { enabled: true, apiKey: LLM_KEY, baseURL: llm.baseURL, model: 'fake-model' },
  });
}, 60_000);
afterAll(async () => {
  Date.now = realNow;
  vi.unstubAllGlobals();
  await sellsy?.close();
  await llm?.close();
});
beforeEach(() => {
  llmMode = { kind: 'normal' };
});

describe('secrets stay where they belong', { timeout: 120_000 }, () => {
  it('a full load with the LLM on sends each secret only to its own host', async () => {
    const port = await openPanel('refresh');
    const final = lastMain(port.events)!;
    expect(final).toMatchObject({ type: 'summary', phase: 'texts' });
    expect((final as { summary: Summary }).summary.interactions.generatedBy).toBe('llm');
    expect(tokens.size).toBeGreaterThan(0);
    expect(sent.some((s) => s.url.startsWith(llm.baseURL))).toBe(true);

    for (const s of sent) {
      const all = `${s.url}\n${JSON.stringify(s.headers)}\n${s.body}`;
      const toToken = s.url === sellsy.tokenUrl;
      const toApi = s.url.startsWith(`${sellsy.apiUrl}/`);
      const toLlm = s.url.startsWith(llm.baseURL);
      expect(toToken || toApi || toLlm, s.url).toBe(true);
      if (!toToken) expect(all.includes(DEMO.clientSecret), `secret sent to ${s.url}`).toBe(false);
      if (toToken) expect(s.body).toContain(DEMO.clientSecret);
      for (const t of tokens) if (!toApi) expect(all.includes(t), `bearer sent to ${s.url}`).toBe(false);
      if (toApi) expect(s.headers.authorization).toMatch(/^Bearer /);
      if (!toLlm) expect(all.includes(LLM_KEY), `LLM key sent to ${s.url}`).toBe(false);
      if (toLlm) expect(s.headers.authorization).toBe(`Bearer ${LLM_KEY}`);
    }
  });

  it('no panel event, options answer or synced storage holds a secret', async () => {
    await message({ type: 'settings:get', payload: {} }, optionsSender());
    await message({ type: 'sellsy:test', payload: {} }, optionsSender());
    await message({ type: 'ai:test', payload: {} }, optionsSender());
    await message({ type: 'ai:last-sent', payload: {} }, optionsSender());
    expect(events.length).toBeGreaterThan(0);
    scan(JSON.stringify(events), 'panel events');
    scan(JSON.stringify(answers), 'options answers');
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    scan(JSON.stringify(await fakeBrowser.storage.session.get(null)), 'session storage');
    // The local area does hold them (so the scans above look for the right strings).
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toContain(LLM_KEY);
  });

  it('errors name no secret: a 500 from the LLM, then a bad Sellsy secret', async () => {
    llmMode = { kind: 'status', status: 500, message: `upstream failed for key ${LLM_KEY}` };
    const port = await openPanel('refresh');
    // The figures stand; the texts fall back to the rules' (with a warning) or a texts error is shown.
    const last = lastMain(port.events)!;
    if (last.type === 'summary') {
      expect(last.summary.interactions.generatedBy).toBe('rules');
      expect(last.summary.warnings.length).toBeGreaterThan(0);
    } else expect(last).toMatchObject({ type: 'error', scope: 'texts' });
    expect(llm.requests.length).toBeGreaterThan(0);
    const aiTest = await message({ type: 'ai:test', payload: {} }, optionsSender());
    expect(JSON.stringify(aiTest)).toMatch(/500|error|erreur/i);
    scan(JSON.stringify(port.events), 'events after an LLM 500');
    scan(JSON.stringify(aiTest), 'ai:test after an LLM 500');

    await configure({ sellsy: { clientSecret: BAD_SECRET } });
    const bad = await openPanel('refresh');
    expect(bad.events.at(-1)).toMatchObject({ type: 'error', scope: 'load' });
    const test = await message({ type: 'sellsy:test', payload: {} }, optionsSender());
    expect(test).toMatchObject({ ok: false });
    scan(JSON.stringify(bad.events), 'events with a bad secret');
    scan(JSON.stringify(test), 'sellsy:test with a bad secret');
    expect(sent.filter((s) => s.body.includes(BAD_SECRET)).every((s) => s.url === sellsy.tokenUrl)).toBe(true);
    await configure({ sellsy: { clientSecret: DEMO.clientSecret } });
  });
});

describe('a pasted access token', { timeout: 120_000 }, () => {
  it('goes only to the API, never to the token URL, and never comes back out', async () => {
    const res = await realFetch(sellsy.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO.clientId, client_secret: DEMO.clientSecret }).toString(),
    });
    const pasted = ((await res.json()) as { access_token: string }).access_token;
    await configure({ sellsy: { authKind: 'token', accessToken: pasted, clientSecret: '' }, ai: { enabled: false } });
    try {
      const from = sent.length;
      const port = await openPanel('refresh');
      expect(lastMain(port.events)).toMatchObject({ type: 'summary', phase: 'texts' });
      const mine = sent.slice(from);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.some((s) => s.url === sellsy.tokenUrl)).toBe(false);
      for (const s of mine) {
        const all = `${s.url}\n${JSON.stringify(s.headers)}\n${s.body}`;
        if (s.url.startsWith(`${sellsy.apiUrl}/`)) expect(s.headers.authorization).toBe(`Bearer ${pasted}`);
        else expect(all.includes(pasted), s.url).toBe(false);
      }
      const view = await message({ type: 'settings:get', payload: {} }, optionsSender());
      expect(JSON.stringify(view)).not.toContain(pasted);
      expect(JSON.stringify(port.events)).not.toContain(pasted);
      expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).not.toContain(pasted);
    } finally {
      await configure({ sellsy: { authKind: 'client-credentials', accessToken: '', ...DEMO }, ai: { enabled: true } });
    }
  });
});

describe('the background serves only its own', () => {
  it('a port from another extension, a non-Sellsy tab or a frame is cut without an answer', async () => {
    const senders: SenderLike[] = [
      contentSender({ id: 'another-extension-id' }),
      contentSender({ url: 'https://evil.example/thirds/client/48201', tab: { id: 3, url: 'https://evil.example/thirds/client/48201' } }),
      contentSender({ frameId: 2 }),
      { id: ID(), url: pageUrl() }, // no tab: not a content script
      { url: pageUrl(), frameId: 0, tab: { id: 3, url: pageUrl() } }, // no id: a web page
    ];
    for (const sender of senders) {
      const port = fakePort(sender, SUMMARY_PORT);
      sellsy.resetLog();
      await connect(port);
      port.send({ type: 'open', page: { thirdType: 'client', id: LARGE_CLIENT_ID, origin: sellsy.origin } });
      await new Promise((r) => setTimeout(r, 50));
      expect(port.disconnected, JSON.stringify(sender)).toBe(true);
      expect(port.events).toEqual([]);
      expect(sellsy.log).toEqual([]);
    }
  });

  it('runtime messages from a web page, another extension, or our content script asking for settings get no answer', async () => {
    const asks = [
      { type: 'settings:get', payload: {} },
      { type: 'sellsy:test', payload: {} },
      { type: 'ai:last-sent', payload: {} },
    ];
    const strangers: SenderLike[] = [
      { id: 'another-extension-id', url: 'chrome-extension://another-extension-id/options.html' },
      { url: pageUrl(), tab: { id: 3, url: pageUrl() }, frameId: 0 },
      contentSender(),
    ];
    for (const s of strangers) for (const m of asks) expect(await message(m, s), `${m.type} from ${JSON.stringify(s)}`).toBe('none');
  });

  it('look-alike messages get nothing, even from our options page', async () => {
    const lookAlikes: unknown[] = [
      { type: 'open', page: { thirdType: 'client', id: LARGE_CLIENT_ID, origin: sellsy.origin } },
      { type: 'settings:get ' },
      { type: 'SETTINGS:GET' },
      { type: ['settings:get'] },
      'settings:get',
      null,
      { type: 'settings:get', payload: {}, __proto__: { admin: true } },
      { type: 'toString' },
      { type: 'constructor' },
    ];
    for (const m of lookAlikes.slice(0, 6).concat(lookAlikes.slice(7))) expect(await message(m, optionsSender()), JSON.stringify(m)).toBe('none');
    // A look-alike panel request on a real panel port: a wrong type, another origin, a forged page id.
    const port = fakePort(contentSender(), SUMMARY_PORT);
    await connect(port);
    sellsy.resetLog();
    for (const m of [
      { type: 'settings:get', payload: {} },
      { type: 'open', page: { thirdType: 'client', id: LARGE_CLIENT_ID, origin: 'https://evil.example' } },
      { type: 'open', page: { thirdType: 'client', id: '48201', origin: sellsy.origin } },
      { type: 'refresh' },
    ])
      port.send(m);
    await new Promise((r) => setTimeout(r, 100));
    expect(port.events).toEqual([]);
    expect(sellsy.log).toEqual([]);
  });
});

describe('the cache is per Sellsy account', { timeout: 120_000 }, () => {
  it('the sales-only account (same ids, other data) never sees the invoicing account’s summary', async () => {
    await configure({ ai: { enabled: false } });
    const first = await openPanel('refresh');
    const invoicing = (first.events.at(-1) as { summary: Summary }).summary;
    expect(invoicing.sourceMode).toBe('invoicing');
    // cached for the invoicing account
    const again = await openPanel('open');
    expect(again.events[0]).toMatchObject({ type: 'summary', phase: 'cached' });

    await configure({ sellsy: { ...DEMO_SALES } });
    const sales = await openPanel('open');
    const shown = sales.events.filter((e) => e.type === 'summary') as Extract<PanelEvent, { type: 'summary' }>[];
    expect(shown.length).toBeGreaterThan(0);
    for (const e of shown) {
      expect(e.phase).not.toBe('cached');
      expect(e.summary.sourceMode).toBe('sales');
      expect(e.summary).not.toEqual(invoicing);
    }
    // And back: the invoicing account's cache is still its own.
    await configure({ sellsy: { ...DEMO } });
    const back = await openPanel('open');
    expect(back.events[0]).toMatchObject({ type: 'summary', phase: 'cached' });
    expect((back.events[0] as { summary: Summary }).summary).toEqual(invoicing);
  });
});
