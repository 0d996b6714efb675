import { describe, expect, it } from 'vitest';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { sleep } from '../../../lib/sellsy/clock';
import { SellsyError } from '../../../lib/sellsy/errors';
import { createScheduler } from '../../../lib/sellsy/scheduler';
import { json, stubFetch, tokenResponse, VirtualClock } from './helpers';

const API = 'http://sellsy.test/v2';
const TOKEN_URL = 'http://sellsy.test/oauth2/access-tokens';
const creds = { kind: 'client-credentials' as const, clientId: 'my-client', clientSecret: 'top-secret-value' };

function setup(respond: Parameters<typeof stubFetch>[0], auth: Parameters<typeof createSellsyApi>[0]['auth'] = creds) {
  const clock = new VirtualClock();
  const stub = stubFetch(respond, clock);
  const api = createSellsyApi({
    apiUrl: API,
    tokenUrl: TOKEN_URL,
    auth,
    fetch: stub.fetch,
    clock,
    scheduler: createScheduler({ clock }),
  });
  return { clock, stub, api };
}

describe('auth', () => {
  it('exchanges client credentials as a form body, then reuses the token until it expires', async () => {
    let issued = 0;
    const { clock, stub, api } = setup((call) => {
      if (call.url === TOKEN_URL) return tokenResponse(`tok-${++issued}`, 3600);
      return json({ auth: call.headers.authorization });
    });
    expect(await api.get('/staffs/me')).toEqual({ auth: 'Bearer tok-1' });
    expect(await api.get('/staffs/me')).toEqual({ auth: 'Bearer tok-1' });
    const tokenCall = stub.calls[0]!;
    expect(tokenCall.method).toBe('POST');
    expect(tokenCall.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenCall.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'my-client',
      client_secret: 'top-secret-value',
    });
    // Just before expiry minus the margin: still the same token; past it: a new one.
    await sleep(clock, 3600_000 - 61_000);
    expect(await api.get('/staffs/me')).toEqual({ auth: 'Bearer tok-1' });
    await sleep(clock, 2_000);
    expect(await api.get('/staffs/me')).toEqual({ auth: 'Bearer tok-2' });
    expect(stub.calls.filter((c) => c.url === TOKEN_URL)).toHaveLength(2);
  });

  it('renews once on a 401 and retries the call', async () => {
    let issued = 0;
    const { stub, api } = setup((call) => {
      if (call.url === TOKEN_URL) return tokenResponse(`tok-${++issued}`);
      if (call.headers.authorization === 'Bearer tok-1') return json({ error: { code: 401, message: 'expired', context: null } }, 401);
      return json({ ok: true });
    });
    expect(await api.get('/companies/1')).toEqual({ ok: true });
    expect(stub.calls.map((c) => c.url)).toEqual([TOKEN_URL, `${API}/companies/1`, TOKEN_URL, `${API}/companies/1`]);
  });

  it('shares one renewal between calls that met the same 401', async () => {
    let issued = 0;
    const { stub, api } = setup((call) => {
      if (call.url === TOKEN_URL) return tokenResponse(`tok-${++issued}`);
      if (call.headers.authorization === 'Bearer tok-1') return json({ error: { code: 401, message: 'expired', context: null } }, 401);
      return json({ ok: true });
    });
    await api.get('/staffs/me'); // tok-1 fetched, 401, tok-2
    const results = await Promise.all([1, 2, 3, 4].map((i) => api.get(`/companies/${i}`)));
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: true }]);
    expect(stub.calls.filter((c) => c.url === TOKEN_URL)).toHaveLength(2);
  });

  it('a second 401 after renewing is a clear auth error without the secret or the token', async () => {
    const { stub, api } = setup((call) => {
      if (call.url === TOKEN_URL) return tokenResponse('tok-zzz');
      return json({ error: { code: 401, message: 'Bearer tok-zzz is not valid', context: 'invalid_token' } }, 401);
    });
    const err = await api.get('/companies/1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SellsyError);
    expect((err as SellsyError).kind).toBe('auth');
    expect((err as SellsyError).message).toMatch(/rejected the credentials/);
    expect((err as SellsyError).message).not.toMatch(/top-secret-value|tok-zzz/);
    expect(stub.calls.filter((c) => c.url === TOKEN_URL)).toHaveLength(2);
    expect(stub.calls).toHaveLength(4);
  });

  it('a token URL that refuses the credentials gives an auth error at once', async () => {
    const { stub, api } = setup(() => json({ error: 'invalid_client' }, 401));
    const err = await api.get('/companies/1').catch((e: unknown) => e);
    expect((err as SellsyError).kind).toBe('auth');
    expect((err as SellsyError).message).not.toContain('top-secret-value');
    expect(stub.calls).toHaveLength(1);
  });

  it('a pasted token is sent as is, never exchanged, and a 401 is final', async () => {
    const { stub, api } = setup(
      (call) => {
        if (call.url.endsWith('/ok')) return json({ auth: call.headers.authorization });
        return json({ error: { code: 401, message: 'expired', context: null } }, 401);
      },
      { kind: 'token', accessToken: ' pasted-abc ' },
    );
    expect(await api.get('/ok')).toEqual({ auth: 'Bearer pasted-abc' });
    const err = await api.get('/companies/1').catch((e: unknown) => e);
    expect((err as SellsyError).kind).toBe('auth');
    expect((err as SellsyError).message).toMatch(/access token/);
    expect((err as SellsyError).message).not.toContain('pasted-abc');
    expect(stub.calls.some((c) => c.url === TOKEN_URL)).toBe(false);
    expect(stub.calls).toHaveLength(2);
  });

  it('rejects empty credentials before any request', () => {
    const stub = stubFetch(() => json({}));
    expect(() => createSellsyApi({ auth: { kind: 'token', accessToken: '  ' }, fetch: stub.fetch })).toThrow(/No access token/);
    expect(() => createSellsyApi({ auth: { kind: 'client-credentials', clientId: 'x', clientSecret: '' }, fetch: stub.fetch })).toThrow(/required/);
    expect(stub.calls).toHaveLength(0);
  });
});
