import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, DEMO_SALES, LARGE_CLIENT_ID } from '../../sellsy/demo';
import type { FakeSellsy } from '../../sellsy/server';
import { call, start, token } from './helpers';

let s: FakeSellsy | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

describe('POST /oauth2/access-tokens', () => {
  it('accepts credentials as JSON, as a form and as HTTP Basic', async () => {
    s = await start();
    const bodies: RequestInit[] = [
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: DEMO.clientId, client_secret: DEMO.clientSecret }),
      },
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ grant_type: 'client_credentials', client_id: DEMO.clientId, client_secret: DEMO.clientSecret }),
      },
      {
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${DEMO.clientId}:${DEMO.clientSecret}`).toString('base64')}`,
        },
        body: form({ grant_type: 'client_credentials' }),
      },
    ];
    for (const init of bodies) {
      const r = await fetch(s.tokenUrl, { method: 'POST', ...init });
      expect(r.status).toBe(200);
      const j = await r.json();
      expect(j).toEqual({ token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String) });
      expect(r.headers.get('x-request-id')).toBeTruthy();
      expect(r.headers.get('x-quota-remaining-by-second')).toMatch(/^\d+$/);
      expect((await call(s, j.access_token, 'GET', '/staffs/me')).status).toBe(200);
    }
  });

  it("answers 401 with Sellsy's error body for a bad secret or an unknown client, 400 for another grant", async () => {
    s = await start();
    for (const [id, secret] of [
      [DEMO.clientId, 'wrong'],
      ['nobody', DEMO.clientSecret],
      [DEMO.clientId, DEMO_SALES.clientSecret],
    ]) {
      const r = await fetch(s.tokenUrl, {
        method: 'POST',
        body: form({ grant_type: 'client_credentials', client_id: id!, client_secret: secret! }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(r.status).toBe(401);
      const j = await r.json();
      expect(j).toEqual({ error: { code: 401, message: expect.any(String), context: expect.any(String), details: {} } });
    }
    const r = await fetch(s.tokenUrl, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'password', client_id: DEMO.clientId, client_secret: DEMO.clientSecret }),
    });
    expect(r.status).toBe(400);
    expect((await r.json()).error.code).toBe(400);
    const bad = await fetch(s.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' });
    expect(bad.status).toBe(400);
  });

  it('expires tokens after tokenTtlSeconds, with a 401 error body', async () => {
    let clock = 1_800_000_000_000;
    s = await start({ tokenTtlSeconds: 60, now: () => clock });
    const tok = await token(s);
    expect((await call(s, tok, 'GET', '/staffs/me')).status).toBe(200);
    clock += 59_000;
    expect((await call(s, tok, 'GET', '/staffs/me')).status).toBe(200);
    clock += 1_000;
    const r = await call(s, tok, 'GET', '/staffs/me');
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: 401, context: 'expired_token' });
    const fresh = await token(s);
    expect((await call(s, fresh, 'GET', '/staffs/me')).status).toBe(200);
    s.expireTokens();
    expect((await call(s, fresh, 'GET', '/staffs/me')).status).toBe(401);
  });

  it('refuses /v2 without a valid bearer token', async () => {
    s = await start();
    for (const headers of <Record<string, string>[]>[
      {},
      { authorization: 'Bearer nope' },
      { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
    ]) {
      const r = await fetch(`${s.apiUrl}/companies/${LARGE_CLIENT_ID}`, { headers });
      expect(r.status).toBe(401);
      expect((await r.json()).error.code).toBe(401);
    }
  });

  it('a token identifies its account: same ids, different data', async () => {
    s = await start();
    const a = await call(s, await token(s), 'GET', `/companies/${LARGE_CLIENT_ID}`);
    const b = await call(s, await token(s, DEMO_SALES), 'GET', `/companies/${LARGE_CLIENT_ID}`);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body.name).toBe('Hôtellerie Durand & Fils');
    expect(b.body.name).not.toBe(a.body.name);
    const ea = await call(s, await token(s), 'GET', '/estimates/30001');
    const eb = await call(s, await token(s, DEMO_SALES), 'GET', '/estimates/30001');
    expect(ea.status).toBe(200);
    expect(eb.status).toBe(200);
    expect(ea.body.amounts).not.toEqual(eb.body.amounts);
  });
});
