// Servers that echo what they were sent: Sellsy answering an error whose message quotes the bearer token
// (with or without "Bearer") or the client secret, and an LLM whose error quotes the API key. The errors
// we build from those answers must not carry them, whatever the server's wording.
import { describe, expect, it } from 'vitest';
import { generateTexts } from '@/lib/ai/generate';
import { testProvider } from '@/lib/ai/test-provider';
import { createSellsyApi } from '@/lib/sellsy/api';
import { SellsyError } from '@/lib/sellsy/errors';
import { json, stubFetch, tokenResponse } from '../data/helpers';
import { summaryOf } from '../extension/bg-fakes';

const TOKEN = 'tok_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';
const SECRET = 's3cr3t-Hx81-qq';
const KEY = 'sk-proj-echo-9c8b7a6d5e4f';

function sellsyEcho(status: number, message: (sent: { auth: string; body: string }) => string) {
  return stubFetch((call) => {
    if (call.url.endsWith('/token')) return tokenResponse(TOKEN);
    return json({ error: { code: status, message: message({ auth: call.headers.authorization ?? '', body: call.body }), context: null } }, status);
  });
}

async function errorOf(p: Promise<unknown>): Promise<SellsyError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SellsyError);
  return e as SellsyError;
}

const apiWith = (f: typeof fetch) =>
  createSellsyApi({
    apiUrl: 'https://api.example.test/v2',
    tokenUrl: 'https://api.example.test/token',
    auth: { kind: 'client-credentials', clientId: 'cid', clientSecret: SECRET },
    fetch: f,
    onWarning: () => undefined,
  });

describe('echoed secrets in Sellsy errors', () => {
  it.each([
    ['the Authorization header as sent', (s: { auth: string }) => `bad header: ${s.auth}`],
    ['the token alone', () => `token ${TOKEN} is not allowed here`],
    ['the token in quotes, lower-case bearer', () => `authorization="bearer ${TOKEN}"`],
  ])('a 400 quoting %s', async (_label, message) => {
    const { fetch } = sellsyEcho(400, message);
    const e = await errorOf(apiWith(fetch).get('/staffs/me'));
    expect(e.kind).toBe('bad-request');
    expect(e.message).toContain('400');
    expect(e.message).not.toContain(TOKEN);
    expect(JSON.stringify({ ...e })).not.toContain(TOKEN);
  });

  it('a 403 quoting the client secret', async () => {
    const { fetch } = sellsyEcho(403, () => `client_secret ${SECRET} has no access`);
    const e = await errorOf(apiWith(fetch).get('/staffs/me'));
    expect(e.kind).toBe('forbidden');
    expect(e.message).not.toContain(SECRET);
  });

  it('a batch sub-request whose error quotes the token', async () => {
    const { fetch } = stubFetch((call) => {
      if (call.url.endsWith('/token')) return tokenResponse(TOKEN);
      return json({ responses: [{ code: 400, response: { error: { code: 400, message: `refused for ${TOKEN}`, context: null } } }] });
    });
    const [item] = await apiWith(fetch).batchGet(['/invoices/1']);
    expect(item!.ok).toBe(false);
    const e = (item as { error: SellsyError }).error;
    expect(e.message).toContain('400');
    expect(e.message).not.toContain(TOKEN);
  });

  it('a token URL that refuses the credentials, quoting them', async () => {
    const { fetch } = stubFetch((call) => json({ error: 'invalid_client', error_description: `bad secret ${SECRET} in ${call.body}` }, 401));
    const e = await errorOf(apiWith(fetch).get('/staffs/me'));
    expect(e.kind).toBe('auth');
    expect(e.message).not.toContain(SECRET);
  });
});

describe('echoed key in LLM errors', () => {
  const settings = { enabled: true, apiKey: KEY, baseURL: 'https://llm.example.test/v1', model: 'm', redact: true, timeoutMs: 5_000 };
  const llmEcho = (status: number) =>
    stubFetch((call) =>
      json(
        {
          error: {
            message: `Incorrect API key provided: ${KEY} (${call.headers.authorization})`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        },
        status,
      ),
    );

  it.each([401, 500])('the Test button with a %i that quotes the key', async (status) => {
    const { fetch, calls } = llmEcho(status);
    const r = await testProvider(settings, { language: 'en', fetch });
    expect(calls.length).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain(KEY);
  });

  it('a summary whose texts request answers 401 quoting the key: rules texts, warnings without the key', async () => {
    const { fetch } = llmEcho(401);
    const globalFetch = globalThis.fetch;
    globalThis.fetch = fetch; // generateTexts builds its client on globalThis.fetch
    try {
      const out = await generateTexts(summaryOf('Client'), settings).then(
        (r) => JSON.stringify(r),
        (e: unknown) => `threw ${String((e as Error).message)}`,
      );
      expect(out).not.toContain(KEY);
    } finally {
      globalThis.fetch = globalFetch;
    }
  });
});
