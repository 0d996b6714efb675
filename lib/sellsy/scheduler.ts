// The one queue every Sellsy call of the extension goes through. Sellsy counts requests per account
// (per second, minute, day, month) and answers 429 when a bucket is empty, so all callers must share
// one view of the budget: bounded concurrency, a token bucket whose rate is learned from the
// X-Quota-Remaining-* headers, a global pause when a bucket reaches zero or a 429 comes back, and
// bounded retries for 429, 5xx, network errors and timeouts. Nothing is retried forever.
import { abortReason, type Clock, realClock, sleep } from './clock';
import { errorFromResponse, SellsyError } from './errors';

export interface SchedulerOptions {
  clock?: Clock;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Retries after a 5xx, a network error, a timeout or an unreadable body. */
  maxRetries?: number;
  /** Retries after a 429 (they are expected under a tight quota, so more of them). */
  maxQuotaRetries?: number;
  /** Per attempt, body included. */
  timeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A Retry-After longer than this (a day or month quota) fails at once instead of waiting. */
  maxRetryAfterMs?: number;
  /** Per-second rate assumed before any quota header was seen; null = only concurrency bounds it. */
  initialRatePerSecond?: number | null;
}

export interface Exchange {
  status: number;
  headers: Headers;
  text: string;
}

export interface SendOptions<T> {
  /** Names the call in error messages, e.g. "POST /invoices/search". Never include secrets. */
  what: string;
  /** Requests this call counts for against the per-second budget (a batch of N counts N). */
  cost?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** False for a host outside the account's quota (the token URL): its quota headers, if any, are ignored. */
  learnQuota?: boolean;
  /** Overrides the scheduler's maxQuotaRetries for this call (a batch would rather be split than retried). */
  maxQuotaRetries?: number;
  /** Reads a 2xx answer; a throw means the body was unusable (cut, not JSON) and the call is retried. */
  parse?: (ex: Exchange) => T;
  /** Takes what the caller's secrets would look like out of a body before an error quotes it. */
  scrub?: (text: string) => string;
}

export interface SendResult<T> extends Exchange {
  value: T | undefined;
  attempts: number;
  retries: number;
  quota429: number;
  bytes: number;
}

export interface Scheduler {
  /**
   * Runs `attempt` (called afresh for each try, so it can pick up a renewed token) within the quota.
   * Returns the first answer that is a 2xx or a non-retryable status (4xx other than 429: the caller
   * turns it into an error); throws a SellsyError when retries run out, or the abort reason.
   */
  send<T = undefined>(attempt: (signal: AbortSignal) => Promise<Response>, opts: SendOptions<T>): Promise<SendResult<T>>;
  /** The per-second budget learned from the headers, or null while unknown. */
  ratePerSecond(): number | null;
}

class TimeoutError extends Error {}
class UnreadableBody extends Error {}

export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const clock = options.clock ?? realClock;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const maxRetries = options.maxRetries ?? 4;
  const maxQuotaRetries = options.maxQuotaRetries ?? 8;
  const defaultTimeout = options.timeoutMs ?? 30_000;
  const backoffBase = options.backoffBaseMs ?? 250;
  const backoffMax = options.backoffMaxMs ?? 8_000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;

  let rate: number | null = options.initialRatePerSecond ?? null;
  let tokens = rate ?? 0;
  let lastRefill = clock.now();
  let blockedUntil = 0;
  // What the last answer said is left in the current second. Sellsy's windows look fixed (per wall
  // second): a continuous bucket alone would send a large batch late in a spent window and get a 429,
  // so when the window cannot fit a call we wait for the next one, which starts with a full bucket.
  let win: { end: number; remaining: number } | null = null;
  let active = 0;
  const slotWaiters: (() => void)[] = [];
  // remaining + cost seen by a request is a lower bound of the per-second limit (exact for the first
  // request of a window); the largest over the last minute is the estimate. Counting our own sends instead
  // overestimates when the server's window is fixed and ours slides, and an overestimate means 429s.
  let observed: { at: number; limit: number }[] = [];

  function refill(now: number) {
    if (rate !== null) {
      if (win && now >= win.end) {
        win = null;
        tokens = rate;
      } else {
        tokens = Math.min(rate, tokens + ((now - lastRefill) * rate) / 1000);
      }
    }
    lastRefill = now;
  }

  async function acquire(cost: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const now = clock.now();
      if (now < blockedUntil) {
        await sleep(clock, blockedUntil - now, signal);
        continue;
      }
      if (active >= concurrency) {
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            const i = slotWaiters.indexOf(wake);
            if (i >= 0) slotWaiters.splice(i, 1);
            reject(abortReason(signal!));
          };
          const wake = () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          };
          slotWaiters.push(wake);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
        continue;
      }
      refill(now);
      if (rate !== null) {
        // A batch costing more than a second's budget may go once the bucket is full; it leaves a debt.
        const need = Math.min(cost, rate);
        if (win && win.remaining < need) {
          await sleep(clock, win.end - now, signal);
          continue;
        }
        if (tokens < need) {
          await sleep(clock, Math.ceil(((need - tokens) * 1000) / rate), signal);
          continue;
        }
        tokens -= cost;
        if (win) win.remaining -= cost;
      }
      active += 1;
      return;
    }
  }

  function release() {
    active -= 1;
    slotWaiters.shift()?.();
  }

  function learn(headers: Headers, cost: number) {
    const now = clock.now();
    const bySecond = intHeader(headers, 'x-quota-remaining-by-second');
    if (bySecond !== null) {
      observed = observed.filter((o) => now - o.at < 60_000);
      observed.push({ at: now, limit: Math.max(1, bySecond + Math.max(1, cost)) });
      const estimate = Math.max(...observed.map((o) => o.limit));
      if (rate === null) tokens = Math.min(estimate, bySecond);
      rate = estimate;
      refill(now);
      tokens = Math.min(tokens, bySecond);
      const end = nextBoundary(now, 1000);
      win = win && win.end === end ? { end, remaining: Math.min(win.remaining, bySecond) } : { end, remaining: bySecond };
      if (bySecond <= 0) blockedUntil = Math.max(blockedUntil, end);
    }
    const byMinute = intHeader(headers, 'x-quota-remaining-by-minute');
    if (byMinute !== null && byMinute <= 0) blockedUntil = Math.max(blockedUntil, nextBoundary(now, 60_000));
  }

  function backoff(retry: number): number {
    const cap = Math.min(backoffMax, backoffBase * 2 ** retry);
    return Math.round(cap / 2 + clock.random() * (cap / 2));
  }

  async function send<T>(attempt: (signal: AbortSignal) => Promise<Response>, opts: SendOptions<T>): Promise<SendResult<T>> {
    const cost = Math.max(0, opts.cost ?? 1);
    const timeoutMs = opts.timeoutMs ?? defaultTimeout;
    const errorText = opts.scrub ?? ((text: string) => text);
    let attempts = 0;
    let retries = 0;
    let quota429 = 0;
    let bytes = 0;
    let failures = 0;
    for (;;) {
      await acquire(cost, opts.signal);
      attempts += 1;
      const ctrl = new AbortController();
      const onOuterAbort = () => ctrl.abort(abortReason(opts.signal!));
      opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
      const cancelTimer = clock.setTimer(() => ctrl.abort(new TimeoutError()), timeoutMs);
      let failure: SellsyError;
      try {
        const res = await attempt(ctrl.signal);
        let text: string;
        try {
          text = await res.text();
        } catch (e) {
          throw ctrl.signal.aborted ? ctrl.signal.reason : new UnreadableBody(String(e));
        }
        bytes += text.length;
        if (opts.learnQuota !== false) learn(res.headers, cost);
        const ex: Exchange = { status: res.status, headers: res.headers, text };
        const requestId = res.headers.get('x-request-id') ?? undefined;
        if (res.status === 429) {
          quota429 += 1;
          // Paced and still refused: the estimate was too high (or someone else spends the same quota).
          if (rate !== null) {
            rate = Math.max(1, Math.floor(rate * 0.75));
            observed = [];
            tokens = Math.min(tokens, 0);
          }
          const after = retryAfterMs(res.headers, clock.now());
          if (after !== null && after > maxRetryAfter) {
            throw errorFromResponse(opts.what, 429, errorText(text), requestId);
          }
          const quotaRetries = opts.maxQuotaRetries ?? maxQuotaRetries;
          if (quota429 > quotaRetries) {
            const err = errorFromResponse(opts.what, 429, errorText(text), requestId);
            throw new SellsyError('quota', `${err.message}; still over quota after ${quotaRetries} retries`, err);
          }
          const wait = after ?? backoff(quota429 - 1);
          // The quota is the account's, not this call's: everyone pauses.
          blockedUntil = Math.max(blockedUntil, clock.now() + wait);
          retries += 1;
          continue;
        }
        if (res.status >= 500) {
          failure = errorFromResponse(opts.what, res.status, errorText(text), requestId);
        } else if (res.status >= 200 && res.status < 300 && opts.parse) {
          try {
            return { ...ex, value: opts.parse(ex), attempts, retries, quota429, bytes };
          } catch (e) {
            failure = new SellsyError('invalid-data', `${opts.what} answered an unreadable body (${(e as Error).message})`, {
              status: res.status,
              requestId,
              cause: e,
            });
          }
        } else {
          return { ...ex, value: undefined, attempts, retries, quota429, bytes };
        }
      } catch (e) {
        if (opts.signal?.aborted) throw abortReason(opts.signal);
        if (e instanceof SellsyError) throw e;
        if (e instanceof TimeoutError || ctrl.signal.reason instanceof TimeoutError) {
          failure = new SellsyError('timeout', `${opts.what} took longer than ${timeoutMs} ms`);
        } else {
          failure = new SellsyError('network', `${opts.what} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        }
      } finally {
        cancelTimer();
        opts.signal?.removeEventListener('abort', onOuterAbort);
        release();
      }
      failures += 1;
      if (failures > maxRetries) {
        throw new SellsyError(failure.kind, `${failure.message} (gave up after ${attempts} attempts)`, failure);
      }
      retries += 1;
      await sleep(clock, backoff(failures - 1), opts.signal);
    }
  }

  return { send, ratePerSecond: () => rate };
}

function intHeader(headers: Headers, name: string): number | null {
  const v = headers.get(name);
  if (v === null || !/^-?\d+$/.test(v.trim())) return null;
  return Number(v.trim());
}

function nextBoundary(now: number, period: number): number {
  return (Math.floor(now / period) + 1) * period + 10;
}

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number): number | null {
  const v = headers.get('retry-after');
  if (v === null) return null;
  const t = v.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const date = Date.parse(t);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
