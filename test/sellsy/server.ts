// The local Sellsy: a faithful fake of Sellsy API v2 (token endpoint, /v2 API, POST /batch) plus the web-app
// pages the content script recognises, on 127.0.0.1 with Node's http module. Never the real service.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { COLLEAGUE_STAFF_ID, DEMO, DEMO_COLLEAGUE, DEMO_SALES, INVOICING_STAFF_ID, SALES_STAFF_ID } from './demo';
import { type AccountKey, createFakeOAuth, DEFAULT_LIFETIMES, type OAuthEvent } from './oauth';
import { renderPage } from './pages';
import type { Query } from './query';
import { type Answer, errorBody, route } from './routes';
import { type AccountDb, type SellsyDb, seed } from './seed';
import { localToday, makeRng, parseDay } from './util';

export type { AccountDb, Obj, SellsyDb } from './seed';

export interface FakeSellsyOptions {
  /** Round trip added to every answer, ms: half before the request is counted and routed, half after. */
  latencyMs: number;
  /** Fraction of API answers that are 500/502/503 (deterministic PRNG). */
  errorRate: number;
  /**
   * Requests counted in the current wall-clock second (epoch-aligned, fixed window) beyond this get 429.
   * Sellsy documents about 5; the tests' default is roomier so they run fast (the bench sets 5).
   */
  perSecondQuota: number;
  /** The same per wall-clock minute (about 149 was observed on a real account; the bench uses 150). */
  perMinuteQuota: number;
  /** Send Retry-After on 429: the seconds until every spent window has reset (Sellsy does not document it). */
  retryAfter: boolean;
  /** Lifetime of every access token (client credentials and sign-in). */
  tokenTtlSeconds: number;
  /** Sign in with Sellsy: how long an authorization code may be exchanged. */
  codeTtlSeconds: number;
  /** Sign in with Sellsy: how long a refresh token stays usable (each rotation starts a new one). */
  refreshTokenTtlSeconds: number;
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
  /** When the request arrived (ms, the fake's clock). */
  at: number;
  /** When its answer left, after the latency (entries join the log then). */
  answeredAt?: number;
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
  /** Sign in with Sellsy's authorization page (test/sellsy/oauth.ts). */
  authorizationUrl: string;
  options: FakeSellsyOptions;
  db: SellsyDb;
  log: RequestLogEntry[];
  resetLog(): void;
  /** Makes every token issued so far expired (tests of renewal without waiting). */
  expireTokens(): void;
  /** Makes every refresh token issued so far expired: the next renewal answers invalid_grant. */
  expireRefreshTokens(): void;
  /** Sign in with Sellsy's code exchanges and refreshes, and the refresh tokens still usable. */
  oauth: { events: OAuthEvent[]; liveRefreshTokens(): string[] };
  close(): Promise<void>;
}

export const DEFAULT_OPTIONS: FakeSellsyOptions = {
  latencyMs: 0,
  errorRate: 0,
  perSecondQuota: 50,
  perMinuteQuota: 2000,
  retryAfter: false,
  tokenTtlSeconds: 3600,
  ...DEFAULT_LIFETIMES,
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
  // A signed-in rep is the account's own staff member; client credentials name theirs.
  const issueAccessToken = (account: AccountKey, staffId = account === 'invoicing' ? INVOICING_STAFF_ID : SALES_STAFF_ID) => {
    const token = `fake.${account}.${randomBytes(18).toString('base64url')}`;
    tokens.set(token, { account, staffId, expiresAt: now() + options.tokenTtlSeconds * 1000 });
    return { accessToken: token, expiresIn: options.tokenTtlSeconds };
  };
  // The lifetimes are read from `options` at each request, so a test can shorten them while running.
  const oauth = createFakeOAuth({ now, lifetimes: options, issueAccessToken });
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
  /**
   * Counts `cost` requests (errors and refusals count too, as in Sellsy) and says whether the quota let
   * them through: a call that does not fit in a window is refused whole. The quota headers are taken at
   * that moment, as Sellsy's would be, not when the answer leaves after the latency (by then the window
   * may have turned, and the headers would describe a window the request was not counted in).
   */
  function spend(account: string, cost: number): { fits: boolean; headers: Record<string, string>; retryAfterS: number } {
    const u = usageOf(account);
    const secondFits = u.bySecond + cost <= options.perSecondQuota;
    const minuteFits = u.byMinute + cost <= options.perMinuteQuota;
    u.bySecond += cost;
    u.byMinute += cost;
    u.day += cost;
    u.month += cost;
    const t = now();
    // Until the later of the windows that refused the call has turned, in whole seconds.
    const untilMs = Math.max(secondFits ? 0 : 1000 - (t % 1000), minuteFits ? 0 : 60_000 - (t % 60_000));
    return { fits: secondFits && minuteFits, headers: quotaHeaders(account), retryAfterS: Math.max(1, Math.ceil(untilMs / 1000)) };
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

  function issueToken(body: string, req: IncomingMessage): Answer & { headers?: Record<string, string> } {
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
    const signIn = oauth.token(params);
    if (signIn) return signIn;
    if (params.grant_type !== 'client_credentials') {
      return {
        status: 400,
        body: errorBody(400, 'grant_type must be client_credentials, authorization_code or refresh_token', 'unsupported_grant_type', {
          grant_type: 'client_credentials, authorization_code or refresh_token expected',
        }),
      };
    }
    const cred = CREDENTIALS[String(params.client_id ?? '')];
    if (!cred || cred.secret !== params.client_secret) {
      return { status: 401, body: errorBody(401, 'Client authentication failed', 'invalid_client', {}) };
    }
    const { accessToken, expiresIn } = issueAccessToken(cred.account, cred.staffId);
    return { status: 200, body: { token_type: 'Bearer', expires_in: expiresIn, access_token: accessToken } };
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
    // Half the latency on the way in, half on the way out: the quota counts a request in between, so an
    // answer can arrive after the window it was counted in has turned, as over a real network.
    const inbound = Math.floor(options.latencyMs / 2);
    const outbound = options.latencyMs - inbound;
    const finish = async (status: number, body: unknown, account: string | null, extra?: Record<string, string>) => {
      if (outbound > 0) await sleep(outbound);
      entry.answeredAt = now();
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
    if (inbound > 0) await sleep(inbound);

    if (url.pathname === '/oauth2/access-tokens' || url.pathname === '/oauth2/access-tokens/') {
      if (method !== 'POST') return finish(405, errorBody(405, 'Method Not Allowed', null), null);
      const a = issueToken(raw, req);
      return finish(a.status, a.body, null, a.headers);
    }
    if (url.pathname === '/oauth2/authorization' || url.pathname === '/oauth2/authorization/') {
      const a = oauth.authorize(method, url, raw);
      return finish(a.status, a.body, null, a.headers);
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
      const spent = spend(account, cost);
      if (!spent.fits) {
        return finish(
          429,
          errorBody(429, 'Too Many Requests: request quota reached', 'quota_exceeded', {}),
          account,
          options.retryAfter ? { ...spent.headers, 'retry-after': String(spent.retryAfterS) } : spent.headers,
        );
      }
      const f = fault();
      if (f) return finish(f.status, f.body, account, spent.headers);
      if (isBatch) {
        const { answer } = runBatch(accountDb, who.staffId, raw);
        return finish(answer.status, answer.body, account, spent.headers);
      }
      let body: unknown;
      if (method === 'POST') {
        if (raw.trim() === '') body = undefined;
        else {
          try {
            body = JSON.parse(raw);
          } catch {
            return finish(400, errorBody(400, 'The body is not valid JSON', 'invalid_body'), account, spent.headers);
          }
        }
      }
      const a = route(accountDb, { method, path, query, body, ...context(who.staffId) });
      return finish(a.status, a.body, account, spent.headers);
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
    authorizationUrl: `${origin}/oauth2/authorization`,
    options,
    db,
    log,
    resetLog: () => {
      log.length = 0;
    },
    expireTokens: () => {
      for (const t of tokens.values()) t.expiresAt = 0;
    },
    expireRefreshTokens: () => oauth.expireRefreshTokens(),
    oauth: { events: oauth.events, liveRefreshTokens: () => oauth.liveRefreshTokens() },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
