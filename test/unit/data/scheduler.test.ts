import { describe, expect, it } from 'vitest';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { sleep } from '../../../lib/sellsy/clock';
import { SellsyError } from '../../../lib/sellsy/errors';
import { createScheduler, retryAfterMs, type SchedulerOptions } from '../../../lib/sellsy/scheduler';
import { json, type Responder, stubFetch, VirtualClock } from './helpers';

function setup(respond: Responder, opts: SchedulerOptions = {}) {
  const clock = new VirtualClock();
  const stub = stubFetch(respond, clock);
  const scheduler = createScheduler({ clock, ...opts });
  const api = createSellsyApi({ apiUrl: 'http://s.test/v2', auth: { kind: 'token', accessToken: 't' }, fetch: stub.fetch, clock, scheduler });
  return { clock, stub, scheduler, api };
}

/**
 * A server that allows `perSecond` requests per whole second of the clock and `perMinute` per whole
 * minute, and says so in the headers, as Sellsy does. It counts a request on arrival (a batch of N
 * counts N) and answers `latencyMs` later, so an answer can come after the window it was counted in.
 */
function quotaServer(clock: VirtualClock, perSecond: number, perMinute = 10_000, latencyMs = 0) {
  const used = new Map<number, number>();
  const usedMin = new Map<number, number>();
  let rejected = 0;
  const respond: Responder = (call) => {
    const sec = Math.floor(clock.now() / 1000);
    const min = Math.floor(clock.now() / 60_000);
    const subs = call.url.endsWith('/batch') ? call.body.split('\n').filter((l) => l.trim() !== '').length / 2 : 0;
    const cost = Math.max(1, subs);
    const n = (used.get(sec) ?? 0) + cost;
    const m = (usedMin.get(min) ?? 0) + cost;
    used.set(sec, n);
    usedMin.set(min, m);
    const headers = {
      'x-quota-remaining-by-second': String(Math.max(0, perSecond - n)),
      'x-quota-remaining-by-minute': String(Math.max(0, perMinute - m)),
    };
    let answer: Response;
    if (n > perSecond || m > perMinute) {
      rejected += 1;
      answer = json({ error: { code: 429, message: 'Too many requests', context: null } }, 429, headers);
    } else if (subs) {
      answer = json({ error: false, responses: Array.from({ length: subs }, () => ({ code: 200, response: { ok: true } })) }, 207, headers);
    } else {
      answer = json({ ok: true }, 200, headers);
    }
    if (latencyMs <= 0) return answer;
    return new Promise<Response>((resolve) => clock.setTimer(() => resolve(answer), latencyMs));
  };
  return { respond, used, usedMin, rejected: () => rejected };
}

/** Waits on the virtual clock until `ms` into a wall-clock minute. */
async function toMinuteOffset(clock: VirtualClock, ms: number) {
  const wait = (ms - (clock.now() % 60_000) + 60_000) % 60_000;
  await sleep(clock, wait);
}

function paced(clock: VirtualClock, server: ReturnType<typeof quotaServer>, opts: SchedulerOptions = {}) {
  const stub = stubFetch(server.respond, clock);
  const scheduler = createScheduler({ clock, ...opts });
  const api = createSellsyApi({ apiUrl: 'http://s.test/v2', auth: { kind: 'token', accessToken: 't' }, fetch: stub.fetch, clock, scheduler });
  return { stub, scheduler, api };
}

describe('scheduler', () => {
  it('waits Retry-After on a 429, pausing every other call too, then succeeds', async () => {
    let storm = 3;
    const { clock, stub, api } = setup((call) => {
      if (call.url.endsWith('/a') && storm > 0) {
        storm -= 1;
        return json({ error: { code: 429, message: 'Too many', context: null } }, 429, { 'retry-after': '2' });
      }
      return json({ ok: call.url });
    });
    const start = clock.now();
    await api.get('/a');
    const first429At = stub.calls[0]!.at;
    const other = api.get('/b');
    expect(await other).toEqual({ ok: 'http://s.test/v2/b' });
    expect(stub.calls.filter((c) => c.url.endsWith('/a'))).toHaveLength(4);
    // Three 429s, each followed by a 2 s pause.
    expect(clock.now() - start).toBeGreaterThanOrEqual(6000);
    expect(stub.calls[1]!.at - first429At).toBeGreaterThanOrEqual(2000);
    expect(api.stats()).toMatchObject({ requests: 5, retries: 3, quota429: 3 });
  });

  it('backs off exponentially (bounded, with jitter) without Retry-After and gives up with a quota error', async () => {
    const { clock, stub, api } = setup(() => json({ error: { code: 429, message: 'Too many', context: null } }, 429), {
      maxQuotaRetries: 5,
      backoffBaseMs: 100,
      backoffMaxMs: 1000,
    });
    const err = await api.get('/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SellsyError);
    expect((err as SellsyError).kind).toBe('quota');
    expect((err as SellsyError).status).toBe(429);
    expect(stub.calls).toHaveLength(6);
    const gaps = stub.calls.slice(1).map((c, i) => c.at - stub.calls[i]!.at);
    // Jitter 0.5 → half to full cap: 75, 150, 300, 600, 750 (capped at 1000).
    expect(gaps).toEqual([75, 150, 300, 600, 750]);
    expect(clock.waits.every((w) => w <= 30_000)).toBe(true);
  });

  it('fails at once on a Retry-After longer than a minute (a daily quota) rather than waiting', async () => {
    const { stub, api } = setup(() => json({ error: { code: 429, message: 'Daily quota', context: null } }, 429, { 'retry-after': '3600' }));
    const err = await api.get('/x').catch((e: unknown) => e);
    expect((err as SellsyError).kind).toBe('quota');
    expect((err as SellsyError).message).toContain('Daily quota');
    expect(stub.calls).toHaveLength(1);
  });

  it('retries 5xx a bounded number of times', async () => {
    let fails = 2;
    const ok = setup(() => (fails-- > 0 ? json({ error: { code: 503, message: 'busy', context: null } }, 503) : json({ v: 1 })));
    expect(await ok.api.get('/x')).toEqual({ v: 1 });
    expect(ok.stub.calls).toHaveLength(3);

    const bad = setup(() => json({ error: { code: 500, message: 'boom', context: 'internal' } }, 500), { maxRetries: 3 });
    const err = await bad.api.get('/x').catch((e: unknown) => e);
    expect((err as SellsyError).kind).toBe('server');
    expect((err as SellsyError).status).toBe(500);
    expect((err as SellsyError).context).toBe('internal');
    expect((err as SellsyError).message).toMatch(/gave up after 4 attempts/);
    expect(bad.stub.calls).toHaveLength(4);
  });

  it('times out a request that hangs, retries it, and reports a timeout when it never answers', async () => {
    let hangs = 1;
    const once = setup(() => (hangs-- > 0 ? 'hang' : json({ v: 2 })), { timeoutMs: 5000 });
    expect(await once.api.get('/x')).toEqual({ v: 2 });
    expect(once.stub.calls).toHaveLength(2);
    expect(once.stub.calls[1]!.at - once.stub.calls[0]!.at).toBeGreaterThanOrEqual(5000);

    const never = setup(() => 'hang', { timeoutMs: 5000, maxRetries: 2 });
    const err = await never.api.get('/x').catch((e: unknown) => e);
    expect((err as SellsyError).kind).toBe('timeout');
    expect(never.stub.calls).toHaveLength(3);
  });

  it('retries network errors and unreadable bodies, then reports them', async () => {
    let n = 0;
    const flaky = setup(() => {
      n += 1;
      if (n === 1) throw new TypeError('fetch failed');
      if (n === 2) return new Response('{"data": [1, 2', { status: 200 });
      return json({ v: 3 });
    });
    expect(await flaky.api.get('/x')).toEqual({ v: 3 });
    expect(flaky.api.stats().retries).toBe(2);

    const down = setup(
      () => {
        throw new TypeError('connect ECONNREFUSED');
      },
      { maxRetries: 1 },
    );
    const err = await down.api.get('/x').catch((e: unknown) => e);
    expect((err as SellsyError).kind).toBe('network');
    expect(down.stub.calls).toHaveLength(2);
  });

  it('turns other 4xx into typed errors at once, with Sellsy error body and request id', async () => {
    const cases: [number, string][] = [
      [400, 'bad-request'],
      [402, 'payment-required'],
      [403, 'forbidden'],
      [404, 'not-found'],
    ];
    for (const [status, kind] of cases) {
      const { stub, api } = setup(() =>
        json({ error: { code: status, message: 'Nope', context: 'ctx_x', details: {} } }, status, { 'x-request-id': 'req-9' }),
      );
      const err = (await api.get('/x').catch((e: unknown) => e)) as SellsyError;
      expect(err.kind).toBe(kind);
      expect(err).toMatchObject({ status, code: status, context: 'ctx_x', requestId: 'req-9' });
      expect(stub.calls).toHaveLength(1);
    }
  });

  it('paces from the quota headers: a 5 req/s account is driven at 5/s with no 429', async () => {
    const clock = new VirtualClock();
    const server = quotaServer(clock, 5);
    const stub = stubFetch(server.respond, clock);
    const scheduler = createScheduler({ clock, concurrency: 4 });
    const api = createSellsyApi({ apiUrl: 'http://s.test/v2', auth: { kind: 'token', accessToken: 't' }, fetch: stub.fetch, clock, scheduler });
    const start = clock.now();
    await Promise.all(Array.from({ length: 50 }, (_, i) => api.get(`/r/${i}`)));
    expect(server.rejected()).toBe(0);
    expect(stub.calls).toHaveLength(50);
    expect(Math.max(...server.used.values())).toBeLessThanOrEqual(5);
    expect(scheduler.ratePerSecond()).toBe(5);
    // 50 requests at 5 per second need at least 9 whole seconds.
    expect(clock.now() - start).toBeGreaterThanOrEqual(9000);
    expect(clock.now() - start).toBeLessThan(13_000);
  });

  it('stops for the rest of the minute when the minute budget is spent', async () => {
    const clock = new VirtualClock();
    const server = quotaServer(clock, 100, 6);
    const stub = stubFetch(server.respond, clock);
    const scheduler = createScheduler({ clock, concurrency: 1 });
    const api = createSellsyApi({ apiUrl: 'http://s.test/v2', auth: { kind: 'token', accessToken: 't' }, fetch: stub.fetch, clock, scheduler });
    for (let i = 0; i < 8; i++) await api.get(`/r/${i}`);
    expect(server.rejected()).toBe(0);
    const minutes = stub.calls.map((c) => Math.floor(c.at / 60_000));
    expect(minutes[6]).toBe(minutes[0]! + 1);
  });

  it('counts a batch of N sub-requests as N against the per-second budget', async () => {
    const clock = new VirtualClock();
    const stub = stubFetch(() => json({ ok: true }), clock);
    const scheduler = createScheduler({ clock, concurrency: 4, initialRatePerSecond: 5 });
    const send = (cost: number) => scheduler.send(() => stub.fetch('http://s.test/x'), { what: 'x', cost });
    const t0 = clock.now();
    await send(1);
    await send(1);
    expect(clock.now()).toBe(t0); // 3 of 5 tokens left: no wait
    await send(5); // needs a full bucket: waits for 2 more tokens (400 ms), then leaves none
    expect(clock.now() - t0).toBe(400);
    const before = clock.now();
    await send(1);
    expect(clock.now() - before).toBe(200); // one token at 5/s
  });

  it('learns the limit as remaining + cost, ignores the token URL, and lowers the estimate after a 429', async () => {
    const clock = new VirtualClock();
    let remaining = '9';
    let status = 200;
    const stub = stubFetch(() => json({}, status, { 'x-quota-remaining-by-second': remaining }), clock);
    const scheduler = createScheduler({ clock });
    const send = (cost: number, learnQuota?: boolean) =>
      scheduler.send(() => stub.fetch('http://s.test/x'), { what: 'x', cost, learnQuota, maxQuotaRetries: 0 }).catch(() => undefined);
    await send(0, false); // a token URL answering with some other bucket's headers
    expect(scheduler.ratePerSecond()).toBeNull();
    remaining = '0';
    await send(5); // a batch of 5 that emptied the second: the limit is at least 5
    expect(scheduler.ratePerSecond()).toBe(5);
    remaining = '3';
    await send(1);
    expect(scheduler.ratePerSecond()).toBe(5); // 3 + 1 is below what we already know
    status = 429;
    await send(1);
    expect(scheduler.ratePerSecond()).toBe(3); // paced and still refused: back off the estimate
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-29T10:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sun, 29 Nov 2026 10:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(retryAfterMs(new Headers(), now)).toBeNull();
  });

  it('an aborted call waiting for a free slot leaves the queue at once', async () => {
    const clock = new VirtualClock();
    const stub = stubFetch(() => 'hang', clock);
    const scheduler = createScheduler({ clock, concurrency: 1, timeoutMs: 60_000, maxRetries: 0 });
    const busy = scheduler.send((s) => stub.fetch('http://s.test/busy', { signal: s }), { what: 'busy' }).catch((e: unknown) => e);
    const ctrl = new AbortController();
    const queued = scheduler.send((s) => stub.fetch('http://s.test/queued', { signal: s }), { what: 'queued', signal: ctrl.signal });
    ctrl.abort(new Error('panel closed'));
    await expect(queued).rejects.toThrow('panel closed');
    expect(stub.calls.map((c) => c.url)).toEqual(['http://s.test/busy']);
    expect(await busy).toMatchObject({ kind: 'timeout' });
  });

  it('stops waiting when the caller aborts', async () => {
    const { api } = setup(() => 'hang', { timeoutMs: 60_000 });
    const ctrl = new AbortController();
    const p = api.get('/x', undefined, { signal: ctrl.signal });
    setImmediate(() => ctrl.abort(new Error('user closed the panel')));
    await expect(p).rejects.toThrow('user closed the panel');
  });
});

describe('scheduler: both of Sellsy’s windows', () => {
  it('learns the per-minute budget as remaining + cost, like the per-second one', async () => {
    const clock = new VirtualClock();
    await toMinuteOffset(clock, 0);
    const server = quotaServer(clock, 20, 150);
    const { scheduler, api } = paced(clock, server, { concurrency: 1 });
    expect(scheduler.ratePerMinute()).toBeNull();
    await api.get('/a');
    expect(scheduler.ratePerMinute()).toBe(150);
    expect(scheduler.ratePerSecond()).toBe(20);
  });

  it('never sends a call the minute’s remaining cannot cover: a batch waits for the next minute', async () => {
    const clock = new VirtualClock();
    await toMinuteOffset(clock, 10_000);
    const server = quotaServer(clock, 100, 12);
    const { stub, scheduler } = paced(clock, server, { concurrency: 4 });
    const batch = (n: number) =>
      scheduler.send(() => stub.fetch('http://s.test/v2/batch', { method: 'POST', body: '{"uri":"/x","method":"GET"}\n{}\n'.repeat(n) }), {
        what: `batch of ${n}`,
        cost: n,
      });
    await batch(5);
    await batch(5); // 2 left in this minute
    const before = Math.floor(clock.now() / 60_000);
    const third = await batch(5);
    expect(third.status).toBe(207);
    expect(server.rejected()).toBe(0);
    expect(Math.floor(stub.calls[2]!.at / 60_000)).toBe(before + 1);
    // It went at the start of the next minute, not later.
    expect(stub.calls[2]!.at % 60_000).toBeLessThan(100);
  });

  it('keeps concurrent calls within the minute: four in flight never overspend what is left', async () => {
    const clock = new VirtualClock();
    await toMinuteOffset(clock, 30_000);
    const server = quotaServer(clock, 1000, 30, 80);
    const { api } = paced(clock, server, { concurrency: 4 });
    await api.get('/first');
    await Promise.all(Array.from({ length: 60 }, (_, i) => api.get(`/r/${i}`)));
    expect(server.rejected()).toBe(0);
    expect(Math.max(...server.usedMin.values())).toBeLessThanOrEqual(30);
  });

  it('an answer counted before a minute turned and received after it does not stop the next minute', async () => {
    const clock = new VirtualClock();
    // 10 a minute, 100 ms per answer, one at a time: the 10th is counted at 59.95 s and answered at 60.05 s,
    // saying the minute is spent; that was the minute before, so the 11th goes at once.
    await toMinuteOffset(clock, 59_050);
    const server = quotaServer(clock, 1000, 10, 100);
    const { stub, api } = paced(clock, server, { concurrency: 1 });
    const minute0 = Math.floor(clock.now() / 60_000);
    for (let i = 0; i < 20; i++) await api.get(`/r/${i}`);
    expect(server.rejected()).toBe(0);
    expect(Math.floor(stub.calls[9]!.at / 60_000)).toBe(minute0);
    expect(Math.floor(stub.calls[10]!.at / 60_000)).toBe(minute0 + 1);
    expect(stub.calls[10]!.at % 60_000).toBeLessThan(1000);
  });

  it('a request still on the wire when the second turns counts in the new second too: no 429 at 5/s with slow answers', async () => {
    const clock = new VirtualClock();
    const server = quotaServer(clock, 5, 10_000, 300);
    const { stub, api } = paced(clock, server, { concurrency: 4 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => api.get(`/r/${i}`)));
    expect(server.rejected()).toBe(0);
    expect(stub.calls).toHaveLength(40);
    expect(Math.max(...server.used.values())).toBeLessThanOrEqual(5);
  });

  it('sizes detail batches within the minute’s budget too', async () => {
    const clock = new VirtualClock();
    await toMinuteOffset(clock, 0);
    const server = quotaServer(clock, 100, 8);
    const { stub, api } = paced(clock, server, { concurrency: 4 });
    await api.get('/learn');
    const items = await api.batchGet(Array.from({ length: 20 }, (_, i) => `/invoices/${i}`));
    expect(items.every((i) => i.ok)).toBe(true);
    expect(server.rejected()).toBe(0);
    const sizes = stub.calls.filter((c) => c.url.endsWith('/batch')).map((c) => c.body.split('\n').filter((l) => l.trim()).length / 2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20);
  });
});

describe('scheduler: one retry deadline per call', () => {
  const tooMany = (retryAfter?: string) =>
    json({ error: { code: 429, message: 'Too many', context: null } }, 429, retryAfter ? { 'retry-after': retryAfter } : {});

  it('a 429 storm with Retry-After: 59 gives up at the 60 s deadline, at the second refusal (59 s), with a quota error', async () => {
    const { clock, stub, api } = setup(() => tooMany('59'));
    const t0 = clock.now();
    const err = (await api.get('/invoices/1').catch((e: unknown) => e)) as SellsyError;
    expect(err).toBeInstanceOf(SellsyError);
    expect(err.kind).toBe('quota');
    expect(err.status).toBe(429);
    expect(err.message).toContain('GET /invoices/1');
    expect(err.message).toContain('60 s retry deadline');
    expect(err.message).toContain('Retry-After');
    expect(clock.now() - t0).toBe(59_000);
    expect(stub.calls.map((c) => c.at - t0)).toEqual([0, 59_000]);
  });

  it('the deadline is an option; Retry-After is honoured while it fits', async () => {
    const { clock, stub, api } = setup(() => tooMany('4'), { retryDeadlineMs: 10_000 });
    const t0 = clock.now();
    const err = (await api.get('/x').catch((e: unknown) => e)) as SellsyError;
    expect(err.kind).toBe('quota');
    expect(err.message).toContain('10 s retry deadline');
    expect(stub.calls.map((c) => c.at - t0)).toEqual([0, 4000, 8000]);
    expect(clock.now() - t0).toBe(8000);
  });

  it('a Retry-After longer than what is left fails at once', async () => {
    const after = ['30', '40'];
    let n = 0;
    const { clock, stub, api } = setup(() => tooMany(after[n++]));
    const t0 = clock.now();
    const err = (await api.get('/x').catch((e: unknown) => e)) as SellsyError;
    expect(err.kind).toBe('quota');
    expect(err.message).toMatch(/wait 40 s \(Retry-After\), more than the 30 s left/);
    expect(stub.calls).toHaveLength(2);
    expect(clock.now() - t0).toBe(30_000);
  });

  it('a storm of slow 5xx gives up at the deadline with a timeout naming the call and the last answer', async () => {
    // Each attempt is answered 503 after 20 s: five attempts would take 100 s.
    const clock = new VirtualClock();
    const sent: number[] = [];
    const slow503 = ((_url: string, init: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        sent.push(clock.now());
        const cancel = clock.setTimer(() => resolve(json({ error: { code: 503, message: 'busy', context: null } }, 503)), 20_000);
        init.signal?.addEventListener('abort', () => {
          cancel();
          reject(init.signal!.reason);
        });
      })) as unknown as typeof fetch;
    const scheduler = createScheduler({ clock });
    const api = createSellsyApi({ apiUrl: 'http://s.test/v2', auth: { kind: 'token', accessToken: 't' }, fetch: slow503, clock, scheduler });
    const t0 = clock.now();
    const err = (await api.get('/companies/7').catch((e: unknown) => e)) as SellsyError;
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain('GET /companies/7');
    expect(err.message).toContain('60 s retry deadline');
    expect(err.message).toContain('HTTP 503');
    expect(clock.now() - t0).toBe(60_000);
    expect(sent).toHaveLength(3);
  });

  it('a 503 storm with Retry-After: 59 gives up within the deadline too', async () => {
    const { clock, stub, api } = setup(() => json({ error: { code: 503, message: 'busy', context: null } }, 503, { 'retry-after': '59' }));
    const t0 = clock.now();
    const err = (await api.get('/x').catch((e: unknown) => e)) as SellsyError;
    expect(err.kind).toBe('timeout');
    expect(err.status).toBe(503);
    expect(stub.calls.map((c) => c.at - t0)).toEqual([0, 59_000]);
    expect(clock.now() - t0).toBe(59_000);
  });

  it('time queued behind other calls for the shared quota is not counted against a call’s deadline', async () => {
    // 1 request per second, 90 calls queued: the last waits about 90 s in the queue and still succeeds.
    const clock = new VirtualClock();
    const server = quotaServer(clock, 1);
    const { api } = paced(clock, server, { concurrency: 4, retryDeadlineMs: 5_000 });
    const t0 = clock.now();
    const all = await Promise.allSettled(Array.from({ length: 90 }, (_, i) => api.get(`/r/${i}`)));
    expect(all.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(clock.now() - t0).toBeGreaterThan(80_000);
  });
});
