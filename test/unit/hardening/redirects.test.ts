// Redirects never carry a secret away: two loopback servers on different ports, the first answering every
// request with a 307 or 308 to the second (which keeps the method and the body, so a followed token POST
// would post the client secret there again). The second must see no request at all, and the user gets a
// clear error naming the call, through the data layer, the options page's Test connection, the command
// line and the LLM client (the Test button and a summary's texts).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testSellsy } from '@/entrypoints/background/sellsy-test';
import { generateTexts } from '@/lib/ai/generate';
import { testProvider } from '@/lib/ai/test-provider';
import { createSellsyApi } from '@/lib/sellsy/api';
import { SellsyError } from '@/lib/sellsy/errors';
import { baseSummary } from '../ai/fixture';
import { runSummaryCommand } from '../cli/run-command';

const SECRET = 'redirect-secret-6d1f0a';
const KEY = 'sk-redirect-key-77aa';

interface Seen {
  method: string;
  url: string;
  body: string;
  authorization: string | null;
}

function listen(
  handler: (req: IncomingMessage, body: string, res: import('node:http').ServerResponse) => void,
): Promise<{ server: Server; origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => {
      body += d;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, authorization: req.headers.authorization ?? null });
      handler(req, body, res);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }));
  });
}

let target: Awaited<ReturnType<typeof listen>>;
let redirector: Awaited<ReturnType<typeof listen>>;
/** What the redirector answers for the API paths (the token URL itself gives a token unless told to redirect). */
let redirectStatus = 307;
let redirectToken = true;

beforeAll(async () => {
  target = await listen((_req, _body, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ access_token: 'stolen', expires_in: 3600 }));
  });
  redirector = await listen((req, _body, res) => {
    if (req.url?.startsWith('/oauth2/') && !redirectToken) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'tok-redirect-test-1', expires_in: 3600 }));
      return;
    }
    res.writeHead(redirectStatus, { location: `${target.origin}${req.url}` });
    res.end();
  });
});
afterAll(async () => {
  await new Promise((r) => target.server.close(r));
  await new Promise((r) => redirector.server.close(r));
});
beforeEach(() => {
  target.seen.length = 0;
  redirector.seen.length = 0;
  redirectStatus = 307;
  redirectToken = true;
});

const api = () =>
  createSellsyApi({
    apiUrl: `${redirector.origin}/v2`,
    tokenUrl: `${redirector.origin}/oauth2/access-tokens`,
    auth: { kind: 'client-credentials', clientId: 'cid', clientSecret: SECRET },
    onWarning: () => undefined,
  });

async function failure(p: Promise<unknown>): Promise<SellsyError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SellsyError);
  return e as SellsyError;
}

describe('Sellsy requests do not follow redirects', () => {
  it.each([307, 308, 302])('the token POST answered %i: the other port receives nothing, the error names the call, no retry', async (status) => {
    redirectStatus = status;
    const e = await failure(api().get('/staffs/me'));
    expect(e.message).toMatch(/^POST token URL answered a redirect \(HTTP \d{3}\) to another address/);
    expect(e.message).toContain('nothing was sent there');
    expect(e.message).not.toContain(SECRET);
    expect(target.seen).toEqual([]);
    // Refused, not retried: the secret went once, to the token URL the user set.
    expect(redirector.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /oauth2/access-tokens']);
  });

  it.each([307, 308])('an API call answered %i: the bearer token goes nowhere else', async (status) => {
    redirectStatus = status;
    redirectToken = false;
    const e = await failure(api().post('/invoices/search', { filters: {} }));
    expect(e.message).toMatch(/^POST \/invoices\/search answered a redirect \(HTTP 30[78]\)/);
    expect(target.seen).toEqual([]);
    expect(redirector.seen.map((s) => s.method)).toEqual(['POST', 'POST']); // the token, then the call once
  });

  it("the options page's Test connection says the token URL redirected, and nothing reached the other port", async () => {
    const { result } = await testSellsy(api(), 'auto');
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toContain('answered a redirect');
    expect(target.seen).toEqual([]);
  });

  it('the command line exits 1 with one line saying the redirect was not followed', async () => {
    const run = await runSummaryCommand(['company', '48201', '--no-ai', '--today', '2026-11-29'], {
      SELLSY_API_URL: `${redirector.origin}/v2`,
      SELLSY_TOKEN_URL: `${redirector.origin}/oauth2/access-tokens`,
      SELLSY_CLIENT_ID: 'cid',
      SELLSY_CLIENT_SECRET: SECRET,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('answered a redirect');
    expect(lines[0]).not.toContain(SECRET);
    expect(target.seen).toEqual([]);
  });
});

describe('LLM requests do not follow redirects', () => {
  const settings = () => ({ enabled: true, apiKey: KEY, baseURL: `${redirector.origin}/v1`, model: 'm', redact: true, timeoutMs: 5_000 });

  it.each([307, 308])('the Test button, answered %i: the key reaches no other port, the message says why', async (status) => {
    redirectStatus = status;
    const r = await testProvider(settings(), { language: 'en' });
    expect(r).toEqual({ ok: false, message: expect.stringContaining('redirect to another address; it was not followed') });
    expect(target.seen).toEqual([]);
    expect(redirector.seen).toHaveLength(1);
  });

  it("a summary's texts (a stream and a JSON answer): rules' texts, a warning, nothing at the other port", async () => {
    const out = await generateTexts(baseSummary('en'), settings());
    expect(out.summary.interactions.generatedBy).toBe('rules');
    expect(out.summary.recommendations.generatedBy).toBe('rules');
    expect(out.warnings.filter((w) => w.includes('redirect'))).toHaveLength(2);
    expect(target.seen).toEqual([]);
    expect(redirector.seen.every((s) => s.authorization === `Bearer ${KEY}`)).toBe(true);
  });
});
