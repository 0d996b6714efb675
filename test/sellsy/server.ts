// The local Sellsy: a faithful fake of Sellsy API v2 (token endpoint, /v2 API, POST /batch) plus the web-app
// pages the content script recognises, on 127.0.0.1 with Node's http module. Never the real service.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { COLLEAGUE_STAFF_ID, DEMO, DEMO_COLLEAGUE, DEMO_SALES, INVOICING_STAFF_ID, SALES_STAFF_ID } from './demo';
import { renderPage } from './pages';
import type { Query } from './query';
import { type Answer, errorBody, route } from './routes';
import { type AccountDb, type SellsyDb, seed } from './seed';
import { localToday, makeRng, parseDay } from './util';

export type { AccountDb, Obj, SellsyDb } from './seed';

export interface FakeSellsyOptions {
  /** Delay before every answer, ms. */
  latencyMs: number;
  /** Fraction of API answers that are 500/502/503 (deterministic PRNG). */
  errorRate: number;
  /** Requests over this in the current second get 429. */
  perSecondQuota: number;
  perMinuteQuota: number;
  /** Send Retry-After on 429 (Sellsy does not document it). */
  retryAfter: boolean;
  tokenTtlSeconds: number;
  batchMaxSize: number;
  /** Each sub-request of POST /batch counts against the quota (undocumented; the conservative case). */
  batchCountsSubRequests: boolean;
  /** Fraction of responses whose body is cut mid-way and the socket destroyed. */
  cutBodyRate: number;
  /** Delay before answering API requests, ms, when > 0 (a stalled server). */
  stallMs: number;
  /** Every account behaves as sales-only: invoice, credit-note and payment endpoints answer 403. */
  forbidInvoices: boolean;
  /** Tokens may read comments but not write them: POST /comments answers 403 (a token without comments.write). */
  forbidCommentWrites: boolean;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body?: unknown;
  status: number;
  /** 'invoicing' | 'sales' for an authenticated request, else null. */
  account: string | null;
  subRequests?: number;
}

export interface FakeSellsy {
  origin: string;
  apiUrl: string;
  tokenUrl: string;
  options: FakeSellsyOptions;
  db: SellsyDb;
  log: RequestLogEntry[];
  resetLog(): void;
  /** Makes every token issued so far expired (tests of renewal without waiting). */
  expireTokens(): void;
  close(): Promise<void>;
}

export const DEFAULT_OPTIONS: FakeSellsyOptions = {
  latencyMs: 0,
  errorRate: 0,
  perSecondQuota: 50,
  perMinuteQuota: 2000,
  retryAfter: false,
  tokenTtlSeconds: 3600,
  batchMaxSize: 50,
  batchCountsSubRequests: true,
  cutBodyRate: 0,
  stallMs: 0,
  forbidInvoices: false,
  forbidCommentWrites: false,
};

const CREDENTIALS: Record<string, { secret: string; account: 'invoicing' | 'sales'; staffId: number }> = {
  [DEMO.clientId]: { secret: DEMO.clientSecret, account: 'invoicing', staffId: INVOICING_STAFF_ID },
  [DEMO_SALES.clientId]: { secret: DEMO_SALES.clientSecret, account: 'sales', staffId: SALES_STAFF_ID },
  [DEMO_COLLEAGUE.clientId]: { secret: DEMO_COLLEAGUE.clientSecret, account: 'invoicing', staffId: COLLEAGUE_STAFF_ID },
};
const DAY_QUOTA = 432_000;
const MONTH_QUOTA = 10_000_000;

interface Usage {
  second: number;
  bySecond: number;
  minute: number;
  byMinute: number;
  day: number;
  month: number;
}

function parseQuery(url: URL): Query {
  const q: Query = {};
  for (const [k, v] of url.searchParams) {
    const prev = q[k];
    if (k.endsWith('[]')) q[k] = [...(Array.isArray(prev) ? prev : prev === undefined ? [] : [prev]), v];
    else q[k] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
  }
  return q;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface StartOptions extends Partial<FakeSellsyOptions> {
  port?: number;
  /** YYYY-MM-DD that anchors every seeded date; default the machine's local date. */
  today?: string;
  /** The clock of quotas and token expiry (ms since epoch); tests freeze or advance it. Default Date.now. */
  now?: () => number;
}

export async function startSellsy(opts: StartOptions = {}): Promise<FakeSellsy> {
  const { port = 0, today = localToday(), now = Date.now, ...rest } = opts;
  parseDay(today);
  const options: FakeSellsyOptions = { ...DEFAULT_OPTIONS, ...rest };
  const db = seed(today);
  const log: RequestLogEntry[] = [];
  const tokens = new Map<string, { account: 'invoicing' | 'sales'; staffId: number; expiresAt: number }>();
  const usage = new Map<string, Usage>();
  const faults = makeRng(0xfa017);
  const cuts = makeRng(0xc075);
  let requestSeq = 0;
  // Pending delays are cleared on close, so a stalled request never holds the process open.
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function usageOf(account: string | null): Usage {
    const key = account ?? '-';
    const t = now();
    const sec = Math.floor(t / 1000);
    const min = Math.floor(t / 60_000);
    let u = usage.get(key);
    if (!u) usage.set(key, (u = { second: sec, bySecond: 0, minute: min, byMinute: 0, day: 0, month: 0 }));
    if (u.second !== sec) {
      u.second = sec;
      u.bySecond = 0;
    }
    if (u.minute !== min) {
      u.minute = min;
      u.byMinute = 0;
    }
    return u;
  }
  function quotaHeaders(account: string | null): Record<string, string> {
    const u = usageOf(account);
    return {
      'x-quota-remaining-by-second': String(Math.max(0, options.perSecondQuota - u.bySecond)),
      'x-quota-remaining-by-minute': String(Math.max(0, options.perMinuteQuota - u.byMinute)),
      'x-quota-remaining-by-day': String(Math.max(0, DAY_QUOTA - u.day)),
      'x-quota-remaining-by-month': String(Math.max(0, MONTH_QUOTA - u.month)),
    };
  }
  /** Counts `cost` requests; false when a quota was already spent (errors count too, as in Sellsy). */
  function spend(account: string, cost: number): boolean {
    const u = usageOf(account);
    const fits = u.bySecond + cost <= options.perSecondQuota && u.byMinute + cost <= options.perMinuteQuota;
    u.bySecond += cost;
    u.byMinute += cost;
    u.day += cost;
    u.month += cost;
    return fits;
  }

  function send(res: ServerResponse, status: number, body: unknown, account: string | null, extra: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const buf = Buffer.from(text, 'utf8');
    const headers: Record<string, string> = {
      'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json',
      'content-length': String(buf.length),
      'x-request-id': `fake-${(++requestSeq).toString(16).padStart(6, '0')}-${randomBytes(4).toString('hex')}`,
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'x-request-id',
      'access-control-allow-credentials': 'false',
      ...quotaHeaders(account),
      ...extra,
    };
    if (options.cutBodyRate > 0 && buf.length > 1 && cuts() < options.cutBodyRate) {
      res.writeHead(status, headers);
      res.write(buf.subarray(0, Math.floor(buf.length / 2)), () => res.destroy());
      return;
    }
    res.writeHead(status, headers);
    res.end(buf);
  }

  function issueToken(body: string, req: IncomingMessage): Answer {
    let params: Record<string, unknown> = {};
    const type = req.headers['content-type'] ?? '';
    if (body.trim() !== '') {
      if (type.includes('json') || body.trim().startsWith('{')) {
        try {
          params = JSON.parse(body);
        } catch {
          return { status: 400, body: errorBody(400, 'The body is not valid JSON', 'invalid_request') };
        }
      } else params = Object.fromEntries(new URLSearchParams(body));
    }
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const [id, ...secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      params.client_id ??= id;
      params.client_secret ??= secret.join(':');
    }
    if (params.grant_type !== 'client_credentials') {
      return {
        status: 400,
        body: errorBody(400, 'grant_type must be client_credentials', 'unsupported_grant_type', { grant_type: 'client_credentials expected' }),
      };
    }
    const cred = CREDENTIALS[String(params.client_id ?? '')];
    if (!cred || cred.secret !== params.client_secret) {
      return { status: 401, body: errorBody(401, 'Client authentication failed', 'invalid_client', {}) };
    }
    const token = `fake.${cred.account}.${randomBytes(18).toString('base64url')}`;
    tokens.set(token, { account: cred.account, staffId: cred.staffId, expiresAt: now() + options.tokenTtlSeconds * 1000 });
    return { status: 200, body: { token_type: 'Bearer', expires_in: options.tokenTtlSeconds, access_token: token } };
  }

  function accountOf(req: IncomingMessage): { account: 'invoicing' | 'sales'; staffId: number } | { error: Answer } {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return { error: { status: 401, body: errorBody(401, 'Missing bearer token', 'unauthorized') } };
    const t = tokens.get(m[1]!);
    if (!t) return { error: { status: 401, body: errorBody(401, 'Invalid access token', 'invalid_token') } };
    if (now() >= t.expiresAt) return { error: { status: 401, body: errorBody(401, 'The access token expired', 'expired_token') } };
    return { account: t.account, staffId: t.staffId };
  }
  /** What a route needs to know of the request besides its path, query and body. */
  const context = (staffId: number) => ({
    forbidInvoices: options.forbidInvoices,
    forbidCommentWrites: options.forbidCommentWrites,
    staffId,
    now,
  });

  function fault(): Answer | null {
    if (options.errorRate > 0 && faults() < options.errorRate) {
      const code = [500, 502, 503][Math.floor(faults() * 3)]!;
      return {
        status: code,
        body: errorBody(code, code === 503 ? 'Service Unavailable' : code === 502 ? 'Bad Gateway' : 'Internal Server Error', null),
      };
    }
    return null;
  }

  function runBatch(accountDb: AccountDb, staffId: number, text: string): { answer: Answer; subs: number } {
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length % 2 !== 0)
      return { answer: { status: 400, body: errorBody(400, 'A batch is pairs of lines: a request header, then a body', 'invalid_batch') }, subs: 0 };
    const subs = lines.length / 2;
    if (subs === 0) return { answer: { status: 400, body: errorBody(400, 'The batch is empty', 'invalid_batch') }, subs };
    if (subs > options.batchMaxSize) {
      return {
        answer: {
          status: 400,
          body: errorBody(400, `A batch holds at most ${options.batchMaxSize} requests`, 'batch_too_large', { max: options.batchMaxSize }),
        },
        subs,
      };
    }
    const responses: { code: number; response: unknown }[] = [];
    for (let k = 0; k < subs; k++) {
      let head: any;
      let body: unknown;
      try {
        head = JSON.parse(lines[2 * k]!);
        body = JSON.parse(lines[2 * k + 1]!);
      } catch {
        return { answer: { status: 400, body: errorBody(400, `Line ${2 * k + 1} or ${2 * k + 2} is not JSON`, 'invalid_batch') }, subs };
      }
      if (!head || typeof head.uri !== 'string' || typeof head.method !== 'string') {
        return { answer: { status: 400, body: errorBody(400, `Request ${k + 1} needs "uri" and "method"`, 'invalid_batch') }, subs };
      }
      const url = new URL(head.uri.replace(/^\/?(v2\/)?/, '/'), 'http://x');
      const query: Query = { ...parseQuery(url) };
      if (head.query && typeof head.query === 'object')
        for (const [qk, qv] of Object.entries(head.query)) query[qk] = Array.isArray(qv) ? qv.map(String) : String(qv);
      const a = fault() ?? route(accountDb, { method: head.method.toUpperCase(), path: url.pathname, query, body, ...context(staffId) });
      responses.push({ code: a.status, response: a.body });
    }
    return { answer: { status: 207, body: { error: false, responses } }, subs };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const query = parseQuery(url);
    const raw = await readBody(req);
    const entry: RequestLogEntry = { at: now(), method, path: url.pathname, query, status: 0, account: null };
    if (raw !== '') {
      try {
        entry.body = JSON.parse(raw);
      } catch {
        entry.body = raw;
      }
    }
    const finish = (status: number, body: unknown, account: string | null, extra?: Record<string, string>) => {
      entry.status = status;
      entry.account = account;
      log.push(entry);
      send(res, status, body, account, extra);
    };

    if (method === 'OPTIONS') {
      entry.status = 204;
      log.push(entry);
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, PUT, POST, DELETE, OPTIONS, HEAD',
        'access-control-allow-headers': '*',
        'access-control-allow-credentials': 'false',
        'access-control-expose-headers': 'x-request-id',
        'access-control-max-age': '600',
        'x-request-id': `fake-${(++requestSeq).toString(16).padStart(6, '0')}`,
        'content-length': '0',
        ...quotaHeaders(null),
      });
      res.end();
      return;
    }
    if (options.latencyMs > 0) await sleep(options.latencyMs);

    if (url.pathname === '/oauth2/access-tokens' || url.pathname === '/oauth2/access-tokens/') {
      if (method !== 'POST') return finish(405, errorBody(405, 'Method Not Allowed', null), null);
      const a = issueToken(raw, req);
      return finish(a.status, a.body, null);
    }
    if (url.pathname === '/v2' || url.pathname.startsWith('/v2/')) {
      if (options.stallMs > 0) await sleep(options.stallMs);
      const who = accountOf(req);
      if ('error' in who) return finish(who.error.status, who.error.body, null);
      const account = who.account;
      const accountDb = db.accounts[account];
      const path = url.pathname.slice(3);
      const isBatch = method === 'POST' && path.replace(/\/+$/, '') === '/batch';
      let subs = 0;
      if (isBatch) subs = raw.split('\n').filter((l) => l.trim() !== '').length >> 1;
      if (isBatch) entry.subRequests = subs;
      const cost = isBatch && options.batchCountsSubRequests ? Math.max(1, Math.min(subs, options.batchMaxSize + 1)) : 1;
      if (!spend(account, cost)) {
        return finish(
          429,
          errorBody(429, 'Too Many Requests: request quota reached', 'quota_exceeded', {}),
          account,
          options.retryAfter ? { 'retry-after': '1' } : {},
        );
      }
      const f = fault();
      if (f) return finish(f.status, f.body, account);
      if (isBatch) {
        const { answer } = runBatch(accountDb, who.staffId, raw);
        return finish(answer.status, answer.body, account);
      }
      let body: unknown;
      if (method === 'POST') {
        if (raw.trim() === '') body = undefined;
        else {
          try {
            body = JSON.parse(raw);
          } catch {
            return finish(400, errorBody(400, 'The body is not valid JSON', 'invalid_body'), account);
          }
        }
      }
      const a = route(accountDb, { method, path, query, body, ...context(who.staffId) });
      return finish(a.status, a.body, account);
    }
    if (method === 'GET') {
      const page = renderPage(db.accounts.invoicing, url);
      if (page) return finish(page.status, page.html, null);
    }
    return finish(404, errorBody(404, 'Not Found', 'route_not_found'), null);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) send(res, 500, errorBody(500, `fake Sellsy bug: ${(e as Error).message}`, 'fake_bug'), null);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    apiUrl: `${origin}/v2`,
    tokenUrl: `${origin}/oauth2/access-tokens`,
    options,
    db,
    log,
    resetLog: () => {
      log.length = 0;
    },
    expireTokens: () => {
      for (const t of tokens.values()) t.expiresAt = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
