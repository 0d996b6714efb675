// The local Sellsy's Sign in with Sellsy (test/sellsy/oauth.ts): the authorization page, the code exchange
// with PKCE, refresh-token rotation and the lifetimes, driven over HTTP as an extension's window would.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_APP, DEMO_USERS, INVOICING_ACCOUNT, SALES_ACCOUNT } from '../../sellsy/demo';
import type { FakeSellsy } from '../../sellsy/server';
import { call, start } from './helpers';

let s: FakeSellsy | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

function authorizeUrl(over: Record<string, string | null> = {}, challenge = pkce().challenge): string {
  const u = new URL(s!.authorizationUrl);
  const params: Record<string, string | null> = {
    response_type: 'code',
    client_id: DEMO_APP.clientId,
    redirect_uri: REDIRECT,
    state: 'st-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...over,
  };
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
  return u.toString();
}

/** POSTs the consent form as the page would (its hidden fields are the authorization request). */
async function submit(url: string, fields: Record<string, string>): Promise<Response> {
  const q = new URL(url).searchParams;
  return fetch(s!.authorizationUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(q), ...fields }).toString(),
    redirect: 'manual',
  });
}

async function codeFor(challenge: string, user: { email: string; password: string } = DEMO_USERS.invoicing): Promise<string> {
  const r = await submit(authorizeUrl({}, challenge), { email: user.email, password: user.password, decision: 'allow' });
  expect(r.status).toBe(302);
  const back = new URL(r.headers.get('location')!);
  expect(back.origin + back.pathname).toBe(REDIRECT);
  expect(back.searchParams.get('state')).toBe('st-123');
  return back.searchParams.get('code')!;
}

async function grant(params: Record<string, string>): Promise<{ status: number; body: any }> {
  const r = await fetch(s!.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: DEMO_APP.clientId, ...params }).toString(),
  });
  return { status: r.status, body: await r.json() };
}
const exchange = (code: string, verifier: string, over: Record<string, string> = {}) =>
  grant({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, ...over });
const refresh = (token: string, over: Record<string, string> = {}) =>
  grant({ grant_type: 'refresh_token', refresh_token: token, client_secret: DEMO_APP.clientSecret, ...over });

async function accountOf(accessToken: string): Promise<unknown> {
  const r = await call(s!, accessToken, 'GET', '/staffs/me?embed[]=account');
  return r.status === 200 ? r.body._embed.account.id : r.status;
}

describe('GET /oauth2/authorization', () => {
  it('shows a sign-in and consent form carrying the request, with Authorize and Deny', async () => {
    s = await start();
    const r = await fetch(authorizeUrl());
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const html = await r.text();
    expect(html).toContain('method="post"');
    expect(html).toContain('name="email"');
    expect(html).toContain('name="password"');
    expect(html).toContain('data-action="authorize"');
    expect(html).toContain('data-action="deny"');
    expect(html).toContain(DEMO_APP.name);
    expect(html).toContain(`name="redirect_uri" value="${REDIRECT}"`);
    expect(html).toContain('name="state" value="st-123"');
  });

  it('an unknown client or an unregistered redirect_uri gets an error page, never a redirect', async () => {
    s = await start();
    for (const over of [{ client_id: 'nobody' }, { redirect_uri: 'https://evil.example/cb' }, { redirect_uri: null }] as Record<
      string,
      string | null
    >[]) {
      const r = await fetch(authorizeUrl(over), { redirect: 'manual' });
      expect(r.status, JSON.stringify(over)).toBe(400);
      expect(r.headers.get('location')).toBeNull();
    }
  });

  it('PKCE is required, and only S256: otherwise back to the redirect_uri with invalid_request and the state', async () => {
    s = await start();
    for (const over of [{ code_challenge: null }, { code_challenge_method: 'plain' }, { code_challenge_method: null }] as Record<
      string,
      string | null
    >[]) {
      const r = await fetch(authorizeUrl(over), { redirect: 'manual' });
      expect(r.status).toBe(302);
      const back = new URL(r.headers.get('location')!);
      expect(back.searchParams.get('error')).toBe('invalid_request');
      expect(back.searchParams.get('state')).toBe('st-123');
      expect(back.searchParams.get('code')).toBeNull();
    }
    const wrongType = await fetch(authorizeUrl({ response_type: 'token' }), { redirect: 'manual' });
    expect(new URL(wrongType.headers.get('location')!).searchParams.get('error')).toBe('unsupported_response_type');
  });
});

describe('POST /oauth2/authorization', () => {
  it('Deny answers 302 with error=access_denied and the state, without asking for a password', async () => {
    s = await start();
    const r = await submit(authorizeUrl(), { decision: 'deny' });
    expect(r.status).toBe(302);
    const back = new URL(r.headers.get('location')!);
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: 'access_denied', state: 'st-123' });
  });

  it('a wrong password shows the form again with an error, and no code', async () => {
    s = await start();
    const r = await submit(authorizeUrl(), { email: DEMO_USERS.invoicing.email, password: 'wrong', decision: 'allow' });
    expect(r.status).toBe(401);
    expect(r.headers.get('location')).toBeNull();
    expect(await r.text()).toMatch(/role="alert"[^>]*>E-mail ou mot de passe incorrect/);
  });

  it('the right password answers 302 with a code and the state; each demo user opens their own account', async () => {
    s = await start();
    for (const [user, account] of [
      [DEMO_USERS.invoicing, INVOICING_ACCOUNT.id],
      [DEMO_USERS.sales, SALES_ACCOUNT.id],
    ] as const) {
      const p = pkce();
      const code = await codeFor(p.challenge, user);
      expect(code).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      const t = await exchange(code, p.verifier);
      expect(t.status).toBe(200);
      expect(t.body).toEqual({ token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String), refresh_token: expect.any(String) });
      expect(await accountOf(t.body.access_token)).toBe(account);
    }
  });
});

describe('POST /oauth2/access-tokens, grant_type=authorization_code', () => {
  it('a wrong verifier → 400 invalid_grant, and the code is spent (no second try)', async () => {
    s = await start();
    const p = pkce();
    const code = await codeFor(p.challenge);
    const wrong = await exchange(code, pkce().verifier);
    expect(wrong).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: expect.any(String) } });
    expect((await exchange(code, p.verifier)).body.error).toBe('invalid_grant');
  });

  it('a reused code → 400 invalid_grant; the first exchange’s tokens still work', async () => {
    s = await start();
    const p = pkce();
    const code = await codeFor(p.challenge);
    const first = await exchange(code, p.verifier);
    expect(first.status).toBe(200);
    const again = await exchange(code, p.verifier);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect(await accountOf(first.body.access_token)).toBe(INVOICING_ACCOUNT.id);
  });

  it('another redirect_uri, another client, a malformed verifier or an unknown code → invalid_grant / invalid_client', async () => {
    s = await start();
    const cases: [Record<string, string>, number, string][] = [
      [{ redirect_uri: 'https://other.chromiumapp.org/' }, 400, 'invalid_grant'],
      [{ code_verifier: 'short' }, 400, 'invalid_grant'],
      [{ client_id: 'nobody' }, 401, 'invalid_client'],
      [{ client_secret: 'wrong-secret' }, 401, 'invalid_client'],
    ];
    for (const [over, status, error] of cases) {
      const p = pkce();
      const code = await codeFor(p.challenge);
      const r = await exchange(code, p.verifier, over);
      expect(r.status, JSON.stringify(over)).toBe(status);
      expect(r.body.error).toBe(error);
    }
    expect((await exchange('no-such-code', pkce().verifier)).body.error).toBe('invalid_grant');
    // The secret is optional for the exchange, and accepted when right.
    const p = pkce();
    expect((await exchange(await codeFor(p.challenge), p.verifier, { client_secret: DEMO_APP.clientSecret })).status).toBe(200);
  });

  it('a code older than codeTtlSeconds → invalid_grant', async () => {
    let clock = 1_800_000_000_000;
    s = await start({ codeTtlSeconds: 30, now: () => clock });
    const p = pkce();
    const code = await codeFor(p.challenge);
    clock += 30_000;
    expect((await exchange(code, p.verifier)).body.error).toBe('invalid_grant');
  });
});

describe('POST /oauth2/access-tokens, grant_type=refresh_token', () => {
  async function signedIn() {
    const p = pkce();
    return (await exchange(await codeFor(p.challenge), p.verifier)).body as { access_token: string; refresh_token: string };
  }

  it('rotates: a new access and a new refresh token; the old refresh token is then invalid_grant', async () => {
    s = await start();
    const first = await signedIn();
    const r = await refresh(first.refresh_token);
    expect(r.status).toBe(200);
    expect(r.body.access_token).not.toBe(first.access_token);
    expect(r.body.refresh_token).not.toBe(first.refresh_token);
    expect(await accountOf(r.body.access_token)).toBe(INVOICING_ACCOUNT.id);
    const reused = await refresh(first.refresh_token);
    expect(reused).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: expect.stringMatching(/already used/) } });
    expect((await refresh(r.body.refresh_token)).status).toBe(200);
    expect(s.oauth.liveRefreshTokens()).toHaveLength(1);
    const rotations = s.oauth.events.filter((e) => e.grant === 'refresh_token' && e.ok);
    expect(rotations.map((e) => e.refreshTokenIn)).toEqual([first.refresh_token, r.body.refresh_token]);
  });

  it('wants the app’s secret (401 invalid_client without it or with a wrong one)', async () => {
    s = await start();
    const first = await signedIn();
    for (const over of [{ client_secret: '' }, { client_secret: 'wrong-secret' }]) {
      const r = await refresh(first.refresh_token, over);
      expect(r.status).toBe(401);
      expect(r.body.error).toBe('invalid_client');
    }
    expect((await refresh(first.refresh_token)).status).toBe(200);
  });

  it('short lifetimes: access tokens after tokenTtlSeconds, refresh tokens after refreshTokenTtlSeconds', async () => {
    let clock = 1_800_000_000_000;
    s = await start({ tokenTtlSeconds: 5, refreshTokenTtlSeconds: 20, now: () => clock });
    const first = await signedIn();
    expect((await call(s, first.access_token, 'GET', '/staffs/me')).status).toBe(200);
    clock += 5_000;
    expect((await call(s, first.access_token, 'GET', '/staffs/me')).status).toBe(401);
    const second = (await refresh(first.refresh_token)).body;
    expect(second.expires_in).toBe(5);
    expect((await call(s, second.access_token, 'GET', '/staffs/me')).status).toBe(200);
    clock += 20_000;
    expect((await refresh(second.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('expireRefreshTokens() ends every sign-in: the next refresh is invalid_grant', async () => {
    s = await start();
    const first = await signedIn();
    s.expireRefreshTokens();
    const r = await refresh(first.refresh_token);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_grant');
    expect(s.oauth.events.at(-1)).toMatchObject({ grant: 'refresh_token', ok: false, error: 'invalid_grant' });
  });

  it('an unknown refresh token, or one of another client, is invalid_grant', async () => {
    s = await start();
    expect((await refresh('fake.refresh.invoicing.nope')).body.error).toBe('invalid_grant');
  });
});
