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
