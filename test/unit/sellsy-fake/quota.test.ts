import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SALES, LARGE_CLIENT_ID } from '../../sellsy/demo';
import type { FakeSellsy } from '../../sellsy/server';
import { call, start, token } from './helpers';

let s: FakeSellsy | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('quotas', () => {
  it('answers 429 with the error body beyond a per-second quota of 5, and counts down the headers', async () => {
    let clock = 1_800_000_000_000;
    s = await start({ perSecondQuota: 5, now: () => clock });
    const tok = await token(s);
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await call(s, tok, 'GET', '/currencies'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(answers.map((a) => a.headers.get('x-quota-remaining-by-second'))).toEqual(['4', '3', '2', '1', '0', '0', '0']);
    expect(answers[5]!.body.error).toMatchObject({ code: 429 });
    expect(answers[5]!.headers.get('retry-after')).toBeNull();
    expect(Number(answers[0]!.headers.get('x-quota-remaining-by-minute'))).toBe(1999);
    clock += 1000;
    expect((await call(s, tok, 'GET', '/currencies')).status).toBe(200);
  });

  it('answers 429 once the per-minute quota is spent, until the next minute', async () => {
    let clock = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);
    s = await start({ perMinuteQuota: 3, now: () => clock });
    const tok = await token(s);
    const codes = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await call(s, tok, 'GET', '/currencies')).status);
      clock += 2_000;
    }
    expect(codes).toEqual([200, 200, 200, 429]);
    clock += 60_000;
    const r = await call(s, tok, 'GET', '/currencies');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-quota-remaining-by-minute')).toBe('2');
  });

  it('counts down both windows in their headers, and refuses when either is spent', async () => {
    // 10 s into a minute, on a whole second.
    let clock = 1_800_000_000_000 - (1_800_000_000_000 % 60_000) + 10_000;
    s = await start({ perSecondQuota: 5, perMinuteQuota: 12, now: () => clock });
    const tok = await token(s);
    const seen: string[] = [];
    for (let sec = 0; sec < 3; sec++) {
      for (let i = 0; i < 5; i++) {
        const r = await call(s, tok, 'GET', '/currencies');
        seen.push(`${r.status} ${r.headers.get('x-quota-remaining-by-second')}/${r.headers.get('x-quota-remaining-by-minute')}`);
      }
      clock += 1000;
    }
    expect(seen).toEqual([
      ...['200 4/11', '200 3/10', '200 2/9', '200 1/8', '200 0/7'],
      ...['200 4/6', '200 3/5', '200 2/4', '200 1/3', '200 0/2'],
      // The second has room, the minute does not: refused, and the refusal counts as well.
      ...['200 4/1', '200 3/0', '429 2/0', '429 1/0', '429 0/0'],
    ]);
    // The next minute starts afresh.
    clock += 60_000 - (clock % 60_000);
    const r = await call(s, tok, 'GET', '/currencies');
    expect([r.status, r.headers.get('x-quota-remaining-by-second'), r.headers.get('x-quota-remaining-by-minute')]).toEqual([200, '4', '11']);
    // Sellsy sends no limit headers (only the four remaining ones), and neither does the fake.
    expect([...r.headers.keys()].filter((k) => /quota|ratelimit/i.test(k)).sort()).toEqual([
      'x-quota-remaining-by-day',
      'x-quota-remaining-by-minute',
      'x-quota-remaining-by-month',
      'x-quota-remaining-by-second',
    ]);
  });

  it('Retry-After, when asked for, gives the seconds until the spent window turns: a second, or the rest of the minute', async () => {
    let clock = 1_800_000_000_000 - (1_800_000_000_000 % 60_000) + 42_500;
    s = await start({ perSecondQuota: 2, perMinuteQuota: 3, retryAfter: true, now: () => clock });
    const tok = await token(s);
    await call(s, tok, 'GET', '/currencies');
    await call(s, tok, 'GET', '/currencies');
    const second = await call(s, tok, 'GET', '/currencies');
    expect([second.status, second.headers.get('retry-after')]).toEqual([429, '1']);
    clock += 1000;
    const third = await call(s, tok, 'GET', '/currencies');
    expect(third.status).toBe(429); // the refusal above counted against the minute too
    // 43.5 s into the minute: 16.5 s to go, rounded up.
    expect(third.headers.get('retry-after')).toBe('17');
  });

  it('counts a batch against the minute too', async () => {
    const clock = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);
    s = await start({ perSecondQuota: 100, perMinuteQuota: 6, now: () => clock });
    const tok = await token(s);
    const batch = (n: number) => Array.from({ length: n }, () => `{"uri":"/companies/${LARGE_CLIENT_ID}","method":"GET"}\n{}\n`).join('');
    const r = await call(s, tok, 'POST', '/batch', batch(4), 'text/plain');
    expect([r.status, r.headers.get('x-quota-remaining-by-minute')]).toEqual([207, '2']);
    expect((await call(s, tok, 'POST', '/batch', batch(3), 'text/plain')).status).toBe(429);
  });

  it('gives the quota headers of the moment the request was counted, not of the moment the answer leaves', async () => {
    // 600 ms of latency: the request is counted after 300 ms; the second turns at 450 ms, before the answer.
    let clock = 1_800_000_000_000;
    s = await start({ perSecondQuota: 5, latencyMs: 600, now: () => clock });
    const tok = await token(s);
    const pending = call(s, tok, 'GET', '/currencies');
    await new Promise((r) => setTimeout(r, 450));
    clock += 1000;
    const r = await pending;
    expect(r.headers.get('x-quota-remaining-by-second')).toBe('4');
  });

  it('sends Retry-After only when asked, and keeps one bucket per account', async () => {
    const clock = 1_800_000_000_000;
    s = await start({ perSecondQuota: 2, retryAfter: true, now: () => clock });
    const tok = await token(s);
    await call(s, tok, 'GET', '/currencies');
    await call(s, tok, 'GET', '/currencies');
    const r = await call(s, tok, 'GET', '/currencies');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect((await call(s, await token(s, DEMO_SALES), 'GET', '/currencies')).status).toBe(200);
  });

  it('counts each sub-request of a batch, unless told otherwise', async () => {
    const clock = 1_800_000_000_000;
    s = await start({ perSecondQuota: 5, now: () => clock });
    const tok = await token(s);
    const batch = (n: number) => Array.from({ length: n }, () => `{"uri":"/companies/${LARGE_CLIENT_ID}","method":"GET"}\n{}\n`).join('');
    const r = await call(s, tok, 'POST', '/batch', batch(4), 'text/plain');
    expect(r.status).toBe(207);
    expect(r.headers.get('x-quota-remaining-by-second')).toBe('1');
    expect((await call(s, tok, 'POST', '/batch', batch(2), 'text/plain')).status).toBe(429);
    s.options.batchCountsSubRequests = false;
    s.options.perSecondQuota = 100;
    const r2 = await call(s, tok, 'POST', '/batch', batch(10), 'text/plain');
    expect(r2.status).toBe(207);
    expect(r2.headers.get('x-quota-remaining-by-second')).toBe(String(100 - 4 - 2 - 1)); // the refused batch of 2 counted too
  });
});
