// The scheduler against the local Sellsy at Sellsy's documented 5 requests/second and the 150/minute
// seen on a real account: a cold load of the large client (more quota units than a minute allows) meets
// no 429. Real HTTP, on a clock ten times faster than real time that the fake shares, so the minute
// windows pass in seconds; the load's full-size time at real speed is measured by the bench.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { loadClient } from '../../../lib/sellsy/load-client';
import { createScheduler } from '../../../lib/sellsy/scheduler';
import { DEMO, LARGE_CLIENT_ID } from '../../sellsy/demo';
import { type FakeSellsy, startSellsy } from '../../sellsy/server';
import { FastClock } from './helpers';

const TODAY = '2026-11-29';
const SPEED = 10;
let sellsy: FakeSellsy;
const clock = new FastClock(SPEED);

beforeAll(async () => {
  // 5 ms of real latency is 50 ms on the fast clock, the bench's figure.
  sellsy = await startSellsy({ today: TODAY, now: clock.now, perSecondQuota: 5, perMinuteQuota: 150, latencyMs: 5 });
});
afterAll(async () => {
  await sellsy?.close();
});

function load() {
  // Generous timeouts: they run on the fast clock, and a busy machine must not turn into retries.
  const scheduler = createScheduler({ clock, timeoutMs: 600_000, retryDeadlineMs: 1_200_000 });
  const api = createSellsyApi({
    apiUrl: sellsy.apiUrl,
    tokenUrl: sellsy.tokenUrl,
    auth: { kind: 'client-credentials', ...DEMO },
    clock,
    scheduler,
    onWarning: () => undefined,
  });
  return { api, scheduler, result: loadClient(api, { ref: { kind: 'company', id: LARGE_CLIENT_ID }, today: TODAY, sourceModeSetting: 'auto' }) };
}

describe('pacing to both of Sellsy’s windows, against the local Sellsy', () => {
  it('loads the large client at 5/s and 150/min with no 429, learning both limits', async () => {
    sellsy.resetLog();
    const t0 = clock.now();
    const { api, scheduler, result } = load();
    const r = await result;
    expect(r.status).toBe('client');
    const units = sellsy.log.filter((e) => e.path.startsWith('/v2')).reduce((n, e) => n + (e.subRequests ?? 1), 0);
    expect(units).toBeGreaterThan(150); // more than a minute allows: the minute wall is met
    expect(sellsy.log.filter((e) => e.status === 429)).toEqual([]);
    expect(api.stats().quota429).toBe(0);
    expect(scheduler.ratePerSecond()).toBe(5);
    expect(scheduler.ratePerMinute()).toBe(150);
    // The load had to span two minute windows: there was a wall to wait at.
    expect(Math.floor(clock.now() / 60_000)).toBeGreaterThan(Math.floor(t0 / 60_000));
    // And it read the same as without a quota.
    Object.assign(sellsy.options, { perSecondQuota: 5000, perMinuteQuota: 100_000 });
    const roomy = await load().result;
    expect(r.status === 'client' && r.data).toEqual(roomy.status === 'client' && roomy.data);
  }, 60_000);
});
