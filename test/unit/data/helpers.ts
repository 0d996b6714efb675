// Test doubles for the data layer: a virtual clock that jumps to the next timer whenever the
// program is idle (so waits of seconds take no real time), and a scriptable fetch.
import type { Clock } from '../../../lib/sellsy/clock';

export class VirtualClock implements Clock {
  private t = 1_700_000_000_000;
  private seq = 0;
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private ticking = false;
  /** Every wait asked of the clock, in ms, for assertions on pacing. */
  readonly waits: number[] = [];

  now() {
    return this.t;
  }
  random() {
    return 0.5;
  }
  setTimer(fn: () => void, ms: number) {
    const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    this.waits.push(ms);
    this.schedule();
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
  private schedule() {
    if (this.ticking) return;
    this.ticking = true;
    // setImmediate runs after every pending promise reaction: only then is the program idle.
    setImmediate(() => {
      this.ticking = false;
      if (!this.timers.length) return;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.fn();
      if (this.timers.length) this.schedule();
    });
  }
}

/**
 * Real time, sped up `speed` times: shared by the local Sellsy (its `now`) and a scheduler, it runs
 * minutes of quota windows in seconds over real HTTP. Both read the same clock, so the windows agree.
 */
export class FastClock implements Clock {
  private readonly base = Date.now();
  private readonly start = performance.now();
  constructor(readonly speed: number) {}
  now = () => this.base + Math.floor((performance.now() - this.start) * this.speed);
  setTimer(fn: () => void, ms: number) {
    const t = setTimeout(fn, Math.max(0, ms) / this.speed);
    return () => clearTimeout(t);
  }
  random() {
    return 0.5;
  }
}

export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}
export type Responder = (call: Call, index: number) => Response | Promise<Response> | 'hang';

/** A fetch that records calls and answers with `respond`; 'hang' waits until the request is aborted. */
export function stubFetch(respond: Responder, clock?: Clock) {
  const calls: Call[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      headers[k] = v;
    });
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : '',
      at: clock?.now() ?? Date.now(),
    };
    const index = calls.push(call) - 1;
    const signal = init?.signal;
    if (signal?.aborted) throw signal.reason;
    const answer = await respond(call, index);
    if (answer === 'hang') {
      return new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    }
    return answer;
  }) as typeof fetch;
  return { fetch: fetchFn, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function tokenResponse(token: string, expiresIn = 3600): Response {
  return json({ token_type: 'Bearer', expires_in: expiresIn, access_token: token });
}
