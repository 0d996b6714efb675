// The Sellsy API v2 client: authenticated JSON calls through the shared scheduler, seek-cursor
// search over every page, and POST /batch for detail fetches. Counts what it sends.
import type { DataWarning } from '../client/warnings';
import { type AuthConfig, createTokenSource } from './auth';
import { type Clock, realClock } from './clock';
import { errorFromResponse, SellsyError, scrubSecrets } from './errors';
import { SELLSY_API_URL, SELLSY_TOKEN_URL } from './hosts';
import { sellsyFetch } from './no-redirect';
import { createScheduler, type Scheduler, type SendResult } from './scheduler';
import type { SignInSession } from './session';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

export interface SellsyApiConfig {
  apiUrl?: string;
  tokenUrl?: string;
  auth: AuthConfig;
  fetch?: typeof fetch;
  scheduler?: Scheduler;
  timeoutMs?: number;
  clock?: Clock;
  /** Where searchAll reports oddities it worked around (as codes); default console.warn. */
  onWarning?: (warning: DataWarning) => void;
  /** The signed-in rep's tokens, for auth kind 'sign-in'. */
  session?: SignInSession;
}

export interface SearchOptions {
  fields?: readonly string[];
  order?: string;
  direction?: 'asc' | 'desc';
  embed?: string[];
  signal?: AbortSignal;
  /** Called with each oddity met (repeated cursor, duplicate ids); falls back to the api's onWarning. */
  onWarning?: (warning: DataWarning) => void;
}

export type BatchItem<T> = { uri: string; ok: true; data: T } | { uri: string; ok: false; error: SellsyError };

export interface BatchOptions<T> {
  signal?: AbortSignal;
  /** Called once per POST /batch answered, with its sub-requests that will not be sent again. */
  onAnswers?: (answers: BatchItem<T>[]) => void;
}

export interface ApiStats {
  /** HTTP requests sent (token URL included), each retry counted. */
  requests: number;
  retries: number;
  quota429: number;
  /** Response bytes (characters) read. */
  bytes: number;
  /** Sub-requests sent inside POST /batch. */
  batchSubRequests: number;
}

export interface SellsyApi {
  get<T>(path: string, query?: Query, opts?: { signal?: AbortSignal }): Promise<T>;
  /** `write: true` for a request that changes data (POST /comments): sent once, never again after a 5xx, a network
   *  error or a timeout, since the server may have done it (a 429 or a 401 is still retried: nothing was done). */
  post<T>(path: string, body: unknown, query?: Query, opts?: { signal?: AbortSignal; write?: boolean }): Promise<T>;
  searchAll<T extends { id?: unknown }>(resource: string, filters: Record<string, unknown>, opts?: SearchOptions): Promise<T[]>;
  /** `onAnswers` is handed each POST /batch's final answers as they come (a summary fills in from them). */
  batchGet<T>(uris: string[], opts?: BatchOptions<T>): Promise<BatchItem<T>[]>;
  stats(): ApiStats;
}

export const PAGE_LIMIT = 100;
export const BATCH_MAX = 50;
/** A sub-request that failed with a 5xx or 429 inside a batch is sent again in a later batch, this many times. */
const BATCH_SUB_RETRIES = 3;

export function createSellsyApi(config: SellsyApiConfig): SellsyApi {
  const apiUrl = (config.apiUrl ?? SELLSY_API_URL).replace(/\/+$/, '');
  const tokenUrl = config.tokenUrl ?? SELLSY_TOKEN_URL;
  const doFetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const clock = config.clock ?? realClock;
  const scheduler = config.scheduler ?? createScheduler({ clock, timeoutMs: config.timeoutMs });
  const warn = config.onWarning ?? ((w: DataWarning) => console.warn('[sellsy]', w));
  const stats: ApiStats = { requests: 0, retries: 0, quota429: 0, bytes: 0, batchSubRequests: 0 };
  const tokens = createTokenSource({
    auth: config.auth,
    tokenUrl,
    fetch: doFetch,
    scheduler,
    clock,
    session: config.session,
    onRequest: () => {
      stats.requests += 1;
    },
  });
  // Sellsy may quote what it was sent in an error body: the tokens we sent and the secret never reach a message.
  const secrets = new Set<string>([config.auth.kind === 'token' ? config.auth.accessToken.trim() : config.auth.clientSecret]);
  const remember = (token: string) => {
    secrets.add(token);
    if (secrets.size > 8) secrets.delete([...secrets][1]!); // keep the secret (first) and the latest tokens
  };
  // Every error built from a Sellsy body, here or in the scheduler, goes through this first.
  const scrub = (text: string) => scrubSecrets(text, secrets);

  function account(r: SendResult<unknown>) {
    stats.retries += r.retries;
    stats.quota429 += r.quota429;
    stats.bytes += r.bytes;
  }

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    init: {
      query?: Query;
      body?: string;
      contentType?: string;
      cost?: number;
      signal?: AbortSignal;
      what?: string;
      maxQuotaRetries?: number;
      maxRetries?: number;
    },
  ): Promise<{ status: number; value: T; text: string; requestId?: string }> {
    const url = apiUrl + path + encodeQuery(init.query);
    const what = init.what ?? `${method} ${path}`;
    let token = await tokens.token(init.signal);
    for (let authTry = 0; ; authTry++) {
      const used = token;
      remember(used);
      const result = await scheduler.send<unknown>(
        (signal) => {
          stats.requests += 1;
          const headers: Record<string, string> = { authorization: `Bearer ${used}`, accept: 'application/json' };
          if (init.contentType) headers['content-type'] = init.contentType;
          // The bearer token must not follow a redirect to another host: none is followed.
          return sellsyFetch(doFetch, url, { method, headers, body: init.body, signal }, what);
        },
        {
          what,
          cost: init.cost,
          signal: init.signal,
          timeoutMs: config.timeoutMs,
          maxQuotaRetries: init.maxQuotaRetries,
          maxRetries: init.maxRetries,
          parse: (ex) => (ex.status === 204 || ex.text === '' ? null : JSON.parse(ex.text)),
          scrub,
        },
      );
      account(result);
      const requestId = result.headers.get('x-request-id') ?? undefined;
      if (result.status === 401) {
        if (authTry >= 1) {
          throw new SellsyError('auth', `Sellsy rejected the credentials: ${what} answered 401 twice, once after renewing the token`, {
            status: 401,
            requestId,
          });
        }
        token = await tokens.renew(used, init.signal);
        continue;
      }
      if (result.status < 200 || result.status >= 300) throw errorFromResponse(what, result.status, scrub(result.text), requestId);
      return { status: result.status, value: result.value as T, text: result.text, requestId };
    }
  }

  async function get<T>(path: string, query?: Query, opts?: { signal?: AbortSignal }): Promise<T> {
    return (await call<T>('GET', path, { query, signal: opts?.signal })).value;
  }

  async function post<T>(path: string, body: unknown, query?: Query, opts?: { signal?: AbortSignal; write?: boolean }): Promise<T> {
    const init = { query, body: JSON.stringify(body), contentType: 'application/json', signal: opts?.signal };
    return (await call<T>('POST', path, opts?.write ? { ...init, maxRetries: 0 } : init)).value;
  }

  async function searchAll<T extends { id?: unknown }>(resource: string, filters: Record<string, unknown>, opts: SearchOptions = {}): Promise<T[]> {
    const warnHere = opts.onWarning ?? warn;
    const name = resource.replace(/^\/+/, '');
    const path = `/${name}/search`;
    const out: T[] = [];
    const seenIds = new Set<unknown>();
    const seenCursors = new Set<string>();
    let duplicates = 0;
    let offset: string | number | null = null;
    for (let page = 0; ; page++) {
      const query: Query = {
        limit: PAGE_LIMIT,
        order: opts.order,
        direction: opts.direction,
        'field[]': opts.fields,
        'embed[]': opts.embed,
        offset: offset ?? undefined,
      };
      const res = await post<unknown>(path, { filters }, query, { signal: opts.signal });
      const { data, pagination } = readPage(res, `POST ${path}`);
      for (const item of data as T[]) {
        const id = item && typeof item === 'object' ? item.id : undefined;
        if (id !== undefined && seenIds.has(id)) {
          duplicates += 1;
          continue;
        }
        if (id !== undefined) seenIds.add(id);
        out.push(item);
      }
      const count = typeof pagination.count === 'number' ? pagination.count : data.length;
      if (count < PAGE_LIMIT || data.length === 0) break;
      const next = pagination.offset;
      if (next === null || next === undefined || next === '') break;
      const key = String(next);
      if (seenCursors.has(key) || key === String(offset)) {
        warnHere({ code: 'cursor-repeated', resource: name, cursor: key.slice(0, 40), pages: page + 1, results: out.length });
        break;
      }
      seenCursors.add(key);
      offset = next;
    }
    if (duplicates > 0) warnHere({ code: 'duplicates', resource: name, count: duplicates });
    return out;
  }

  async function batchGet<T>(uris: string[], opts: BatchOptions<T> = {}): Promise<BatchItem<T>[]> {
    const results = new Map<number, BatchItem<T>>();
    let todo = uris.map((uri, index) => ({ uri, index, tries: 0 }));
    // Lowered when the server refuses a batch as too large, or a batch stays over quota.
    let cap = BATCH_MAX;
    while (todo.length > 0) {
      const again: typeof todo = [];
      // Keep each batch within a second's budget and a minute's when they are known: a batch of N
      // counts N in both, and one larger than a whole budget could never pass. Half the budget when it
      // is large enough, so a batch fits in a window that other calls already dipped into (a refused
      // batch still costs N).
      const half = (rate: number | null) => (rate === null ? cap : rate >= 10 ? Math.floor(rate / 2) : Math.floor(rate));
      const size = Math.max(1, Math.min(cap, half(scheduler.ratePerSecond()), half(scheduler.ratePerMinute())));
      const chunks: (typeof todo)[] = [];
      for (let i = 0; i < todo.length; i += size) chunks.push(todo.slice(i, i + size));
      await Promise.all(
        chunks.map(async (chunk) => {
          const body = chunk.map((c) => `${JSON.stringify({ uri: c.uri, method: 'GET' })}\n{}\n`).join('');
          stats.batchSubRequests += chunk.length;
          let res: { value: unknown; requestId?: string };
          try {
            res = await call<unknown>('POST', '/batch', {
              body,
              contentType: 'text/plain',
              cost: chunk.length,
              signal: opts.signal,
              what: `POST /batch (${chunk.length} requests)`,
              maxQuotaRetries: chunk.length > 1 ? 2 : undefined,
            });
          } catch (e) {
            const tooLarge = e instanceof SellsyError && (e.kind === 'quota' || (e.kind === 'bad-request' && e.context === 'batch_too_large'));
            if (!tooLarge || chunk.length <= 1) throw e;
            cap = Math.max(1, Math.min(cap, Math.floor(chunk.length / 2)));
            again.push(...chunk);
            return;
          }
          const responses = (res.value as { responses?: unknown } | null)?.responses;
          if (!Array.isArray(responses) || responses.length !== chunk.length) {
            throw new SellsyError(
              'invalid-data',
              `POST /batch answered ${Array.isArray(responses) ? responses.length : 'no'} responses for ${chunk.length} requests`,
              { requestId: res.requestId },
            );
          }
          const answered: BatchItem<T>[] = [];
          chunk.forEach((c, i) => {
            const r = responses[i] as { code?: unknown; response?: unknown } | null;
            const code = typeof r?.code === 'number' ? r.code : 0;
            if (code >= 200 && code < 300) {
              answered.push({ uri: c.uri, ok: true, data: r!.response as T });
              results.set(c.index, answered.at(-1)!);
            } else if ((code === 429 || code >= 500 || code === 0) && c.tries < BATCH_SUB_RETRIES) {
              stats.retries += 1;
              again.push({ ...c, tries: c.tries + 1 });
            } else {
              const err = errorFromResponse(`GET ${c.uri} (in a batch)`, code, scrub(JSON.stringify(r?.response ?? null)));
              answered.push({ uri: c.uri, ok: false, error: err });
              results.set(c.index, answered.at(-1)!);
            }
          });
          if (answered.length) opts.onAnswers?.(answered);
        }),
      );
      todo = again.sort((a, b) => a.index - b.index);
    }
    return uris.map((_, i) => results.get(i)!);
  }

  return { get, post, searchAll, batchGet, stats: () => ({ ...stats }) };
}

function readPage(res: unknown, what: string): { data: unknown[]; pagination: { count?: unknown; offset?: string | number | null } } {
  const r = res as { data?: unknown; pagination?: unknown } | null;
  if (!r || typeof r !== 'object' || !Array.isArray(r.data)) {
    throw new SellsyError('invalid-data', `${what} answered without a data list`);
  }
  const p = (r.pagination && typeof r.pagination === 'object' ? r.pagination : {}) as { count?: unknown; offset?: string | number | null };
  return { data: r.data, pagination: p };
}

export function encodeQuery(query?: Query): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      const name = key.endsWith('[]') ? key : `${key}[]`;
      // Brackets stay literal: `field[]=id` is how Sellsy documents it.
      for (const v of value) parts.push(`${encodeURIComponent(name).replace(/%5B%5D$/, '[]')}=${encodeURIComponent(String(v))}`);
    } else {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
