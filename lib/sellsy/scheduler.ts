// The one queue every Sellsy call of the extension goes through. Sellsy counts requests per account
// (per second, minute, day, month) and answers 429 when a bucket is empty, so all callers must share
// one view of the budget: bounded concurrency, the second's and the minute's windows whose limits and
// remainders are learned from the X-Quota-Remaining-By-Second/-Minute headers (a call waits for the
// next window when the current one cannot cover it), a global pause when a 429 comes back anyway, and
// retries for 429, 5xx, network errors and timeouts, bounded in number and by one deadline per call.
import { BodyTooLargeError, readTextCapped } from '../http/body-cap';
import { abortReason, type Clock, realClock, sleep } from './clock';
import { errorFromResponse, SellsyError } from './errors';
import { EDGE_MS, type Flight, QuotaWindow } from './quota-window';

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
  /**
   * Per call, the time its attempts and its own waits between them (Retry-After, backoff, a spent
   * window) may take in all; waiting in the queue behind other calls is pacing and is not counted.
   * A retry that would start after it is not made: the call fails with a quota error (429) or a
   * timeout, and a Retry-After longer than what is left (a day or month quota) fails at once.
   */
  retryDeadlineMs?: number;
  /** Per-second rate assumed before any quota header was seen; null = only concurrency bounds it. */
  initialRatePerSecond?: number | null;
  /** Bytes an answer's body may have; past it the call fails at once (not retried). Default MAX_BODY_BYTES. */
  maxBodyBytes?: number;
}

/**
 * 20 MB: the demo's largest answer is 1.2 MB (a page of 100 comments with long notes; a POST /batch of 50
 * documents with their rows is smaller), so a list page or a batch is far below it, and a runaway body
 * stops long before it can exhaust a service worker's or the command line's memory.
 */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface Exchange {
  status: number;
  headers: Headers;
  text: string;
}

export interface SendOptions<T> {
  /** Names the call in error messages, e.g. "POST /invoices/search". Never include secrets. */
  what: string;
  /** Requests this call counts for against the per-second and per-minute budgets (a batch of N counts N). */
  cost?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** False for a host outside the account's quota (the token URL): its quota headers, if any, are ignored. */
  learnQuota?: boolean;
  /** Overrides the scheduler's maxQuotaRetries for this call (a batch would rather be split than retried). */
  maxQuotaRetries?: number;
  /** Overrides the scheduler's maxRetries after a 5xx, a network error, a timeout or an unreadable body: 0 for a
   *  write, which may have been done by a server that failed to answer (sent again, it would be done twice). */
  maxRetries?: number;
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
  /** The per-second budget learned from X-Quota-Remaining-By-Second, or null while unknown. */
  ratePerSecond(): number | null;
  /** The per-minute budget learned from X-Quota-Remaining-By-Minute, or null while unknown. */
  ratePerMinute(): number | null;
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
  const deadlineMs = options.retryDeadlineMs ?? 60_000;
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;

  // The second is also paced by a token bucket at the learned rate, so a second's budget is spread
  // over the second instead of sent in one burst at its start.
  let rate: number | null = options.initialRatePerSecond ?? null;
  let tokens = rate ?? 0;
  let lastRefill = clock.now();
  let bucketWindow = 0;
  const second = new QuotaWindow(1000, 60_000, rate);
  // The minute is not spread: Sellsy's windows look fixed (per wall second, and presumably per wall
  // minute), so spending the minute's budget at the per-second pace and waiting for the next minute
  // ends a load soonest, and the first figures (the lists, asked first) come before the wait.
  const minute = new QuotaWindow(60_000, 5 * 60_000, null);
  let blockedUntil = 0;
  let active = 0;
  const slotWaiters: (() => void)[] = [];
  const flights = new Set<Flight>();

  function refill(now: number) {
    second.roll(now, flights);
    minute.roll(now, flights);
    if (rate !== null) {
      const left = second.remaining;
      // A new window starts with a full bucket, less what it starts with in flight.
      if (second.end !== bucketWindow && left !== null) tokens = Math.min(rate, left);
      else tokens = Math.min(rate, tokens + ((now - lastRefill) * rate) / 1000);
      if (left !== null) tokens = Math.min(tokens, left);
    }
    bucketWindow = second.end;
    lastRefill = now;
  }

  async function acquire(cost: number, signal?: AbortSignal): Promise<Flight> {
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
      // When a window cannot fit the call we wait for the next one, which starts full: a continuous
      // bucket alone would send a large batch late in a spent window and get a 429.
      if (cost > 0 && !minute.fits(cost)) {
        await sleep(clock, minute.end + EDGE_MS - now, signal);
        continue;
      }
      if (cost > 0 && !second.fits(cost)) {
        await sleep(clock, second.end + EDGE_MS - now, signal);
        continue;
      }
      if (rate !== null) {
        // A batch costing more than a second's budget may go once the bucket is full; it leaves a debt.
        const need = Math.min(cost, rate);
        if (tokens < need) {
          await sleep(clock, Math.ceil(((need - tokens) * 1000) / rate), signal);
          continue;
        }
        tokens -= cost;
      }
      second.take(cost);
      minute.take(cost);
      active += 1;
      const flight = { cost, at: now };
      flights.add(flight);
      return flight;
    }
  }

  function release(flight: Flight) {
    flights.delete(flight);
    active -= 1;
    slotWaiters.shift()?.();
  }

  function learn(headers: Headers, flight: Flight) {
    const now = clock.now();
    const bySecond = intHeader(headers, 'x-quota-remaining-by-second');
    if (bySecond !== null) {
      second.learn(bySecond, flight.cost, flight.at, now, flights, flight);
      rate = second.limit;
      refill(now);
    }
    const byMinute = intHeader(headers, 'x-quota-remaining-by-minute');
    if (byMinute !== null) minute.learn(byMinute, flight.cost, flight.at, now, flights, flight);
  }

  /** After a 429: which windows the answer says are spent, the estimates lowered, and how long until they turn. */
  function refusedBy(headers: Headers, flight: Flight): number {
    const now = clock.now();
    const bySecond = intHeader(headers, 'x-quota-remaining-by-second');
    const byMinute = intHeader(headers, 'x-quota-remaining-by-minute');
    let wait = 0;
    const minuteSpent = byMinute !== null && byMinute <= 0;
    const secondSpent = bySecond !== null && bySecond <= 0;
    // Until the end of the window the request was sent in: already past when it turned on the way.
    const untilTurn = (w: QuotaWindow) => (w.index(flight.at) + 1) * w.period + EDGE_MS - now;
    if (minuteSpent) {
      minute.refused(now, flight.at, true, flights);
      wait = Math.max(wait, untilTurn(minute));
    }
    // When no header says which window refused, the per-second estimate is the one lowered (the
    // one most often wrong: it is learned from a handful of requests).
    if (secondSpent || !minuteSpent) {
      second.refused(now, flight.at, secondSpent, flights);
      rate = second.limit;
      if (rate !== null) tokens = Math.min(tokens, 0);
      if (secondSpent) wait = Math.max(wait, untilTurn(second));
    }
    return Math.max(0, wait);
  }

  function backoff(retry: number): number {
    const cap = Math.min(backoffMax, backoffBase * 2 ** retry);
    return Math.round(cap / 2 + clock.random() * (cap / 2));
  }

  async function send<T>(attempt: (signal: AbortSignal) => Promise<Response>, opts: SendOptions<T>): Promise<SendResult<T>> {
    const cost = Math.max(0, opts.cost ?? 1);
    const timeoutMs = opts.timeoutMs ?? defaultTimeout;
    const errorText = opts.scrub ?? ((text: string) => text);
    const learnQuota = opts.learnQuota !== false;
    let attempts = 0;
    let retries = 0;
    let quota429 = 0;
    let bytes = 0;
    let failures = 0;
    // Time this call has spent on its own attempts and its own waits between them, against the
    // deadline. Waiting in the queue for the shared quota is pacing, not failing: it is not counted.
    let used = 0;
    let previous: SellsyError | null = null;
    const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
    for (;;) {
      const flight = await acquire(cost, opts.signal);
      attempts += 1;
      const left = deadlineMs - used;
      const attemptTimeout = Math.min(timeoutMs, left);
      const ctrl = new AbortController();
      const onOuterAbort = () => ctrl.abort(abortReason(opts.signal!));
      opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
      const cancelTimer = clock.setTimer(() => ctrl.abort(new TimeoutError()), attemptTimeout);
      const startedAt = clock.now();
      let failure: SellsyError | null = null;
      // What the answer asks us to wait before the next attempt, if anything.
      let askedWait: number | null = null;
      let quotaWait: number | null = null;
      try {
        const res = await attempt(ctrl.signal);
        let text: string;
        try {
          text = await readTextCapped(res, maxBody, opts.what);
        } catch (e) {
          if (e instanceof BodyTooLargeError) {
            // Sent again it would be as large: a clear error now, and nothing of the body kept.
            throw new SellsyError('invalid-data', e.message, {
              status: res.status,
              requestId: res.headers.get('x-request-id') ?? undefined,
              cause: e,
            });
          }
          throw ctrl.signal.aborted ? ctrl.signal.reason : new UnreadableBody(String(e));
        }
        bytes += text.length;
        if (learnQuota) learn(res.headers, flight);
        const ex: Exchange = { status: res.status, headers: res.headers, text };
        const requestId = res.headers.get('x-request-id') ?? undefined;
        if (res.status === 429) {
          quota429 += 1;
          const windowWait = learnQuota ? refusedBy(res.headers, flight) : 0;
          const after = retryAfterMs(res.headers, clock.now());
          used += clock.now() - startedAt;
          const err = errorFromResponse(opts.what, 429, errorText(text), requestId);
          const wait = Math.max(after ?? backoff(quota429 - 1), windowWait);
          if (used + wait >= deadlineMs) {
            const why =
              after !== null && after >= deadlineMs - used
                ? `Sellsy asks to wait ${seconds(after)} (Retry-After), more than the ${seconds(deadlineMs - used)} left`
                : `still over quota after ${attempts} attempts`;
            throw new SellsyError('quota', `${err.message}; gave up at the ${seconds(deadlineMs)} retry deadline: ${why}`, {
              status: 429,
              code: err.code,
              context: err.context,
              requestId,
            });
          }
          const quotaRetries = opts.maxQuotaRetries ?? maxQuotaRetries;
          if (quota429 > quotaRetries) {
            throw new SellsyError('quota', `${err.message}; still over quota after ${quotaRetries} retries`, err);
          }
          // The quota is the account's, not this call's: everyone pauses.
          blockedUntil = Math.max(blockedUntil, clock.now() + wait);
          quotaWait = wait;
        } else if (res.status >= 500) {
          failure = errorFromResponse(opts.what, res.status, errorText(text), requestId);
          askedWait = retryAfterMs(res.headers, clock.now());
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
          const before: string = previous ? ` (before: ${previous.message})` : '';
          failure =
            attemptTimeout < timeoutMs
              ? new SellsyError('timeout', `${opts.what} did not answer in the ${seconds(attemptTimeout)} left${before}`)
              : new SellsyError('timeout', `${opts.what} took longer than ${timeoutMs} ms`);
        } else {
          failure = new SellsyError('network', `${opts.what} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        }
      } finally {
        cancelTimer();
        opts.signal?.removeEventListener('abort', onOuterAbort);
        release(flight);
      }
      if (quotaWait !== null) {
        retries += 1;
        await sleep(clock, quotaWait, opts.signal);
        used += quotaWait;
        continue;
      }
      if (!failure) throw new Error('unreachable: an attempt ended with neither an answer nor a failure');
      previous = failure;
      used += clock.now() - startedAt;
      failures += 1;
      if (failures > (opts.maxRetries ?? maxRetries)) {
        throw new SellsyError(failure.kind, `${failure.message} (gave up after ${attempts} attempts)`, failure);
      }
      const wait = askedWait ?? backoff(failures - 1);
      if (used + wait >= deadlineMs) {
        throw new SellsyError('timeout', `${failure.message}; gave up at the ${seconds(deadlineMs)} retry deadline after ${attempts} attempts`, {
          status: failure.status,
          code: failure.code,
          context: failure.context,
          requestId: failure.requestId,
          cause: failure,
        });
      }
      retries += 1;
      await sleep(clock, wait, opts.signal);
      used += wait;
    }
  }

  return { send, ratePerSecond: () => rate, ratePerMinute: () => minute.limit };
}

function intHeader(headers: Headers, name: string): number | null {
  const v = headers.get(name);
  if (v === null || !/^-?\d+$/.test(v.trim())) return null;
  return Number(v.trim());
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
