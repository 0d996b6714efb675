// Caps on what other servers send, and on what reaches a terminal: a Sellsy body that never ends (or says
// it is 2 GB) stops at the cap with a clear error and the command line exits 1 with one line; an LLM answer
// that never ends gives the rules' texts and a warning; Sellsy's error texts, CRM names and notes carrying
// escape sequences, C1 and bidi controls reach the terminal without them; http:// addresses off this
// computer are refused in the command line's environment.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTexts } from '@/lib/ai/generate';
import { MAX_LLM_BODY_BYTES } from '@/lib/ai/openai-client';
import { isValidBaseURL } from '@/lib/ai/settings';
import { createSellsyApi } from '@/lib/sellsy/api';
import { SellsyError } from '@/lib/sellsy/errors';
import { MAX_BODY_BYTES } from '@/lib/sellsy/scheduler';
import { runSummaryCli } from '@/lib/summary/cli';
import type { Summary } from '@/lib/summary/types';
import { DEMO, HOSTILE_CLIENT_ID, PROSPECT_ID } from '@/test/sellsy/demo';
import { type FakeSellsy, startSellsy } from '@/test/sellsy/server';
import { baseSummary } from '../ai/fixture';
import { runSummaryCommand } from '../cli/run-command';

/** Whatever a terminal would act on: C0 controls but newline, DEL, C1 controls, bidi and zero-width controls. */
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/;
/** Never more than this from any of these servers, even against code that reads everything. */
const SAFETY_STOP = 96 * 1024 * 1024;

interface Flood {
  server: Server;
  origin: string;
  /** The most bytes written to one flooded answer's body before the client hung up. */
  sent: () => number;
  /** Flooded answers since the last reset. */
  floods: () => number;
  reset: () => void;
}

/** A server whose token URL works and whose every other answer is a body that does not end (`write` says what). */
function floodServer(answer: (res: ServerResponse, pump: (chunk: Buffer) => void) => void): Promise<Flood> {
  let answers: number[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/oauth2/')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'tok-flood-1', expires_in: 3600 }));
        return;
      }
      const n = answers.push(0) - 1;
      answer(res, (chunk) => {
        const more = () => {
          while (!res.destroyed && answers[n]! < SAFETY_STOP) {
            answers[n]! += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          if (!res.destroyed) res.end();
        };
        more();
      });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        sent: () => Math.max(0, ...answers),
        floods: () => answers.length,
        reset: () => {
          answers = [];
        },
      }),
    ),
  );
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');
let endless: Flood;
let declared: Flood;
let llm: Flood;

beforeAll(async () => {
  endless = await floodServer((res, pump) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"data":["');
    pump(CHUNK);
  });
  declared = await floodServer((res) => {
    // Says 2 GB, then sends a little and waits: the client must not wait for the rest to say no.
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * 1024 ** 3) });
    res.write('{"data":[');
  });
  const event = Buffer.from(
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'Le client ' }, finish_reason: null }] })}\n\n`,
  );
  llm = await floodServer((res, pump) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    pump(event);
  });
});
afterAll(async () => {
  for (const f of [endless, declared, llm]) {
    f.server.closeAllConnections();
    await new Promise((r) => f.server.close(r));
  }
});

const apiOn = (origin: string) =>
  createSellsyApi({
    apiUrl: `${origin}/v2`,
    tokenUrl: `${origin}/oauth2/access-tokens`,
    auth: { kind: 'client-credentials', ...DEMO },
    onWarning: () => undefined,
  });

describe('Sellsy bodies have a cap', () => {
  it('an endless body stops at the cap: one attempt, a clear error, the server cut off soon after', async () => {
    endless.reset();
    const e = await apiOn(endless.origin)
      .get('/staffs/me')
      .then(
        () => null,
        (x: unknown) => x,
      );
    expect(e).toBeInstanceOf(SellsyError);
    expect((e as SellsyError).message).toBe('GET /staffs/me answered a body larger than 20 MB; reading stopped there');
    expect(endless.floods()).toBe(1); // not retried: it would be as large again
    expect(endless.sent()).toBeLessThan(MAX_BODY_BYTES + 16 * 1024 * 1024);
  });

  it('a Content-Length over the cap fails at once, without waiting for the body', async () => {
    const t0 = Date.now();
    const e = await apiOn(declared.origin)
      .post('/invoices/search', { filters: {} })
      .then(
        () => null,
        (x: unknown) => x,
      );
    expect((e as SellsyError).message).toBe('POST /invoices/search answered a body larger than 20 MB; reading stopped there');
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('the command line exits 1 with one line, having read no more than the cap', async () => {
    endless.reset();
    const run = await runSummaryCommand(['company', '48201', '--no-ai', '--today', '2026-11-29'], {
      SELLSY_API_URL: `${endless.origin}/v2`,
      SELLSY_TOKEN_URL: `${endless.origin}/oauth2/access-tokens`,
      SELLSY_CLIENT_ID: DEMO.clientId,
      SELLSY_CLIENT_SECRET: DEMO.clientSecret,
      // A heap this small would end in a V8 fatal error, not a line, if the body were held whole.
      NODE_OPTIONS: '--max-old-space-size=192',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('answered a body larger than 20 MB; reading stopped there')]);
    // The calls made side by side each stopped at the cap, and none was tried again.
    expect(endless.sent()).toBeLessThan(MAX_BODY_BYTES + 16 * 1024 * 1024);
    expect(endless.floods()).toBeLessThanOrEqual(4);
  });
});

describe('LLM answers have a cap', () => {
  it("an endless stream of events: the rules' text, a warning, the stream cut off at the cap", async () => {
    llm.reset();
    const settings = { enabled: true, apiKey: 'k', baseURL: `${llm.origin}/v1`, model: 'm', redact: true, timeoutMs: 60_000 };
    let streamed = 0;
    const out = await generateTexts(baseSummary('fr'), settings, {
      onInteractionsDelta: (t) => {
        streamed = t.length;
      },
    });
    expect(out.summary.interactions.generatedBy).toBe('rules');
    // Whichever cap comes first stops it: the text's length (lib/ai/limits.ts) or the body's size.
    expect(out.warnings.some((w) => /^IA : réponse trop (volumineuse|longue) pour le résumé des interactions/.test(w))).toBe(true);
    expect(out.warnings.some((w) => /^IA : réponse trop (volumineuse|longue) pour les recommandations/.test(w))).toBe(true);
    expect(llm.sent()).toBeLessThan(MAX_LLM_BODY_BYTES + 8 * 1024 * 1024);
    expect(streamed).toBeLessThan(MAX_LLM_BODY_BYTES);
  });
});

describe('the terminal gets no control or escape character', () => {
  let sellsy: FakeSellsy;
  const ESCAPES = '\u001b[2J\u001b[H\u001b]0;pwned\u0007\u009b31m\u202eevil\u202c\u0008\r';
  beforeAll(async () => {
    sellsy = await startSellsy({ today: '2026-11-29' });
    Object.assign(sellsy.options, { perSecondQuota: 5000, perMinuteQuota: 100_000 });
    const db = sellsy.db.accounts.invoicing;
    const hostile = db.companies.find((c) => c.id === HOSTILE_CLIENT_ID)!;
    hostile.name = `Maison ${ESCAPES}Lune`;
    const prospect = db.companies.find((c) => c.id === PROSPECT_ID)!;
    prospect.name = `Prospect ${ESCAPES}Soleil`;
  });
  afterAll(() => sellsy.close());

  async function cli(args: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const code = await runSummaryCli(
      args,
      {
        SELLSY_API_URL: sellsy.apiUrl,
        SELLSY_TOKEN_URL: sellsy.tokenUrl,
        SELLSY_CLIENT_ID: DEMO.clientId,
        SELLSY_CLIENT_SECRET: DEMO.clientSecret,
        LANG: 'fr_FR.UTF-8',
        ...env,
      },
      {
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
        stderrIsTty: false,
        now: () => new Date('2026-11-29T09:00:00Z'),
      },
    );
    return { code, stdout, stderr };
  }

  it('the summary text: a name without its escapes, lines kept', async () => {
    const run = await cli(['company', String(HOSTILE_CLIENT_ID), '--no-ai', '--today', '2026-11-29']);
    expect(run.code).toBe(0);
    // The sequences go whole: no "[2J" or "31m" is left of them.
    // The escapes go whole; the lone CR left after them is a line end, which a name shows as a space.
    expect(run.stdout).toContain('Maison evil Lune');
    expect(run.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(run.stdout.split('\n').length).toBeGreaterThan(10);
  });

  it('the JSON: the same value, with C1 and bidi controls written as \\u escapes', async () => {
    const run = await cli(['company', String(HOSTILE_CLIENT_ID), '--no-ai', '--json', '--today', '2026-11-29']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(TERMINAL_CONTROL);
    expect((JSON.parse(run.stdout) as Summary).client.name).toBe(`Maison ${ESCAPES}Lune`);
  });

  it("a prospect's name in the one line that says there is no summary", async () => {
    const run = await cli(['company', String(PROSPECT_ID), '--no-ai', '--today', '2026-11-29']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^company \d+ \(Prospect evil Soleil\) is a prospect, not a client: there is no summary for it\.\n$/);
  });

  it("Sellsy's error text with escape codes: one line, none of them", async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url?.startsWith('/oauth2/')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          return void res.end(JSON.stringify({ access_token: 'tok-esc-1', expires_in: 3600 }));
        }
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 403, message: `Accès refusé ${ESCAPES}\nligne 2\u0085fin`, context: `ctx${ESCAPES}` } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const run = await cli(['company', '48201', '--no-ai'], { SELLSY_API_URL: `${origin}/v2`, SELLSY_TOKEN_URL: `${origin}/oauth2/access-tokens` });
      expect(run.code).toBe(1);
      expect(run.stderr.endsWith('\n')).toBe(true);
      expect(run.stderr.slice(0, -1)).not.toMatch(/[\n]/);
      expect(run.stderr).not.toMatch(TERMINAL_CONTROL);
      expect(run.stderr).toContain('Accès refusé evil');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('http:// only on this computer', () => {
  it.each([
    ['SELLSY_API_URL', 'http://api.sellsy.example/v2'],
    ['SELLSY_TOKEN_URL', 'http://login.sellsy.example/oauth2/access-tokens'],
    ['OPENAI_BASE_URL', 'http://llm.example/v1'],
  ])('the command line refuses %s=%s (exit 64, nothing sent)', async (name, value) => {
    let sent = 0;
    let stderr = '';
    const code = await runSummaryCli(
      ['company', '48201'],
      { SELLSY_CLIENT_ID: 'cid', SELLSY_CLIENT_SECRET: 'secret', OPENAI_API_KEY: 'k', [name]: value },
      {
        stdout: () => undefined,
        stderr: (t) => {
          stderr += t;
        },
        stderrIsTty: false,
        now: () => new Date(),
        fetch: async () => {
          sent += 1;
          return new Response('{}');
        },
      },
    );
    expect(code).toBe(64);
    expect(stderr).toMatch(new RegExp(`^${name} must start with https:// \\(http:// is accepted only for this computer`));
    expect(sent).toBe(0);
  });

  it('the LLM is not called on http:// off this computer, from the settings or the environment', () => {
    expect(isValidBaseURL('http://llm.example/v1')).toBe(false);
    expect(isValidBaseURL('http://192.168.1.20:11434/v1')).toBe(false);
    for (const ok of ['https://api.openai.com/v1', 'http://localhost:11434/v1', 'http://127.0.0.1:1234/v1', 'http://[::1]:8080/v1']) {
      expect(isValidBaseURL(ok)).toBe(true);
    }
  });
});
