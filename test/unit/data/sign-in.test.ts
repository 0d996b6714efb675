// Sign in with Sellsy in lib/: the PKCE pieces and the callback check (pure), then the session and the
// sign-in token source against the local Sellsy's OAuth over real HTTP: sign-in, denial, state
// mismatch, expiry, rotation, concurrent renewals, invalid_grant → signed out, and a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { realClock } from '../../../lib/sellsy/clock';
import { SellsyError, scrubCredentialPatterns } from '../../../lib/sellsy/errors';
import { authorizationUrl, createPkce, isSignedOut, OAUTH_CONTEXT, readCallback, refreshGrant, s256 } from '../../../lib/sellsy/oauth';
import { createSignInSession, type SessionVault, type SignInApp, type StoredSession } from '../../../lib/sellsy/session';
import { DEMO_APP, DEMO_USERS, INVOICING_ACCOUNT, SALES_ACCOUNT } from '../../sellsy/demo';
import { type FakeSellsy, startSellsy } from '../../sellsy/server';
import { scriptedSignInWindow } from '../../sellsy/sign-in-window';

const REDIRECT = 'https://ext-id-for-tests.chromiumapp.org/';

describe('PKCE and the authorization request', () => {
  it('S256 is base64url(SHA-256(verifier)): the RFC 7636 appendix B example', async () => {
    expect(await s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('a verifier is 43 unreserved characters, fresh each time, and its challenge matches', async () => {
    const a = await createPkce();
    const b = await createPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(await s256(a.verifier));
  });

  it('the authorization URL asks for a code with the S256 challenge, the state and the redirect address', () => {
    const u = new URL(
      authorizationUrl({
        authorizationUrl: 'https://login.sellsy.com/oauth2/authorization',
        clientId: 'app',
        redirectUri: REDIRECT,
        state: 's1',
        challenge: 'c1',
      }),
    );
    expect(u.origin + u.pathname).toBe('https://login.sellsy.com/oauth2/authorization');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'app',
      redirect_uri: REDIRECT,
      state: 's1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
    });
  });
});

describe('readCallback', () => {
  const expected = { redirectUri: REDIRECT, state: 'good-state' };
  const contextOf = (url: string) => {
    try {
      readCallback(url, expected);
      return 'no error';
    } catch (e) {
      expect(e).toBeInstanceOf(SellsyError);
      expect((e as Error).message).not.toContain('the-code');
      return (e as SellsyError).context;
    }
  };

  it('gives the code when the state matches', () => {
    expect(readCallback(`${REDIRECT}?code=the-code&state=good-state`, expected)).toBe('the-code');
  });

  it('a state mismatch is refused first, even on an error answer; the code is never quoted', () => {
    expect(contextOf(`${REDIRECT}?code=the-code&state=other`)).toBe(OAUTH_CONTEXT.stateMismatch);
    expect(contextOf(`${REDIRECT}?code=the-code`)).toBe(OAUTH_CONTEXT.stateMismatch);
    expect(contextOf(`${REDIRECT}?error=access_denied&state=other`)).toBe(OAUTH_CONTEXT.stateMismatch);
  });

  it('error=access_denied is a denial; another error, no code or another address is a failed sign-in', () => {
    expect(contextOf(`${REDIRECT}?error=access_denied&state=good-state`)).toBe(OAUTH_CONTEXT.denied);
    expect(contextOf(`${REDIRECT}?error=server_error&state=good-state`)).toBe(OAUTH_CONTEXT.failed);
    expect(contextOf(`${REDIRECT}?state=good-state`)).toBe(OAUTH_CONTEXT.failed);
    expect(contextOf(`https://evil.example/?code=the-code&state=good-state`)).toBe(OAUTH_CONTEXT.failed);
    expect(contextOf('not a url')).toBe(OAUTH_CONTEXT.failed);
  });

  it('an error code from the redirect is reduced to its letters in the message', () => {
    try {
      readCallback(`${REDIRECT}?error=${encodeURIComponent('bad<script>code')}&state=good-state`, expected);
    } catch (e) {
      expect((e as Error).message).toBe('Sellsy refused the sign-in (badscriptcode)');
    }
  });
});

/** The extension's local storage stand-in, recording every write. */
function memoryVault() {
  let stored: unknown = null;
  const writes: (StoredSession | null)[] = [];
  const vault: SessionVault = {
    read: async () => structuredClone(stored),
    write: async (s) => {
      writes.push(structuredClone(s));
      stored = structuredClone(s);
    },
  };
  return { vault, writes, stored: () => stored as StoredSession | null };
}

/** Both clocks (the fake's and the session's) run on real time plus `shift`, so a test can jump ahead. */
let shift = 0;
const shifted = { ...realClock, now: () => Date.now() + shift };

let sellsy: FakeSellsy;
beforeEach(async () => {
  shift = 0;
  sellsy = await startSellsy({ today: '2026-11-29', now: () => Date.now() + shift });
});
afterEach(async () => {
  await sellsy.close();
});

/** Every request the lib sends, in order, with the vault's writes in the same list. */
function setup(v = memoryVault()) {
  const order: string[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    const url = String(input);
    const body = typeof init?.body === 'string' ? init.body : '';
    const auth = new Headers(init?.headers).get('authorization') ?? '';
    order.push(url === sellsy.tokenUrl ? `token ${new URLSearchParams(body).get('grant_type')}` : `api ${auth.slice(0, 40)}`);
    return fetch(input, init);
  };
  const vault: SessionVault = {
    read: v.vault.read,
    write: async (s) => {
      order.push(`write ${s ? s.refreshToken : 'null'}`);
      await v.vault.write(s);
    },
  };
  const session = createSignInSession({ vault, fetch: fetchFn, clock: shifted });
  const app: SignInApp = {
    authorizationUrl: sellsy.authorizationUrl,
    tokenUrl: sellsy.tokenUrl,
    clientId: DEMO_APP.clientId,
    clientSecret: DEMO_APP.clientSecret,
  };
  const api = () =>
    createSellsyApi({
      apiUrl: sellsy.apiUrl,
      tokenUrl: sellsy.tokenUrl,
      auth: { kind: 'sign-in', clientId: app.clientId, clientSecret: app.clientSecret },
      session,
      fetch: fetchFn,
      clock: shifted,
    });
  return { ...v, session, app, api, order };
}

const accountId = async (api: ReturnType<ReturnType<typeof setup>['api']>) =>
  (await api.get<{ _embed: { account: { id: number } } }>('/staffs/me', { 'embed[]': ['account'] }))._embed.account.id;

const refreshes = () => sellsy.oauth.events.filter((e) => e.grant === 'refresh_token');

describe('signing in', () => {
  it('opens the authorization page, exchanges the code with the verifier and keeps the tokens in the vault', async () => {
    const t = setup();
    const launch = scriptedSignInWindow();
    await t.session.signIn(t.app, { redirectUri: REDIRECT, launch });
    expect(launch.opened).toHaveLength(1);
    const asked = new URL(launch.opened[0]!).searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('redirect_uri')).toBe(REDIRECT);
    const stored = t.stored()!;
    expect(stored).toMatchObject({ version: 1, clientId: DEMO_APP.clientId, tokenUrl: sellsy.tokenUrl });
    expect(sellsy.oauth.liveRefreshTokens()).toEqual([stored.refreshToken]);
    expect(await accountId(t.api())).toBe(INVOICING_ACCOUNT.id);
    expect(await t.session.status(t.app)).toEqual({ signedIn: true, signedInAt: stored.signedInAt });
    // Another app (or token URL) is not signed in with these tokens.
    expect((await t.session.status({ ...t.app, clientId: 'other-app' })).signedIn).toBe(false);
    await expect(
      t
        .api()
        .get('/staffs/me')
        .catch((e) => e),
    ).resolves.not.toBeInstanceOf(Error);
  });

  it('the sales-only user signs in to their own account with the same app', async () => {
    const t = setup();
    await t.session.signIn(t.app, { redirectUri: REDIRECT, launch: scriptedSignInWindow({ user: DEMO_USERS.sales }) });
    expect(await accountId(t.api())).toBe(SALES_ACCOUNT.id);
  });

  it('Deny on the consent page → access_denied, nothing saved, no code exchanged', async () => {
    const t = setup();
    const err = await t.session.signIn(t.app, { redirectUri: REDIRECT, launch: scriptedSignInWindow({ decision: 'deny' }) }).catch((e) => e);
    expect(err).toBeInstanceOf(SellsyError);
    expect(err.context).toBe(OAUTH_CONTEXT.denied);
    expect(t.writes).toEqual([]);
    expect(sellsy.oauth.events).toEqual([]);
    expect(
      isSignedOut(
        await t
          .api()
          .get('/staffs/me')
          .catch((e) => e),
      ),
    ).toBe(true);
  });

  it('an answer with another state is refused before any exchange (a forged redirect)', async () => {
    const t = setup();
    const launch = scriptedSignInWindow({ tamper: (u) => u.searchParams.set('state', 'forged') });
    const err = await t.session.signIn(t.app, { redirectUri: REDIRECT, launch }).catch((e) => e);
    expect(err.context).toBe(OAUTH_CONTEXT.stateMismatch);
    expect(t.order.filter((o) => o.startsWith('token'))).toEqual([]);
    expect(t.writes).toEqual([]);
  });

  it('a closed window → cancelled; a wrong app secret at the exchange → invalid_client; nothing saved', async () => {
    const t = setup();
    const closed = await t.session
      .signIn(t.app, {
        redirectUri: REDIRECT,
        launch: async () => {
          throw new Error('The user did not approve access.');
        },
      })
      .catch((e) => e);
    expect(closed.context).toBe(OAUTH_CONTEXT.cancelled);
    expect(closed.message).toContain('The user did not approve access.');
    const wrong = await t.session
      .signIn({ ...t.app, clientSecret: 'not-the-secret' }, { redirectUri: REDIRECT, launch: scriptedSignInWindow() })
      .catch((e) => e);
    expect(wrong.context).toBe(OAUTH_CONTEXT.invalidClient);
    expect(wrong.message).not.toContain('not-the-secret');
    expect(t.writes).toEqual([]);
  });

  it('two clicks on Sign in open one window', async () => {
    const t = setup();
    const launch = scriptedSignInWindow();
    await Promise.all([t.session.signIn(t.app, { redirectUri: REDIRECT, launch }), t.session.signIn(t.app, { redirectUri: REDIRECT, launch })]);
    expect(launch.opened).toHaveLength(1);
  });
});

describe('renewal', () => {
  async function signedIn(t = setup()) {
    await t.session.signIn(t.app, { redirectUri: REDIRECT, launch: scriptedSignInWindow() });
    return t;
  }

  it('an access token refused (expired at Sellsy) is renewed with the refresh token, which rotates; the old one is dead', async () => {
    const t = await signedIn();
    const api = t.api();
    await accountId(api);
    const before = t.stored()!;
    sellsy.expireTokens();
    expect(await accountId(api)).toBe(INVOICING_ACCOUNT.id);
    const after = t.stored()!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(refreshes()).toEqual([expect.objectContaining({ ok: true, refreshTokenIn: before.refreshToken, refreshTokenOut: after.refreshToken })]);
    expect(sellsy.oauth.liveRefreshTokens()).toEqual([after.refreshToken]);
    // The rotated token was written before the renewed access token was used.
    const write = t.order.indexOf(`write ${after.refreshToken}`);
    const retry = t.order.findIndex((o, i) => i > write && o === `api Bearer ${after.accessToken}`.slice(0, 44));
    expect(write).toBeGreaterThan(t.order.indexOf('token refresh_token'));
    expect(retry).toBeGreaterThan(write);
  });

  it('the access token is renewed before it expires: no request is refused', async () => {
    sellsy.options.tokenTtlSeconds = 120; // renewed 60 s before the end
    const t = await signedIn();
    await accountId(t.api());
    shift += 61_000;
    sellsy.resetLog();
    expect(await accountId(t.api())).toBe(INVOICING_ACCOUNT.id);
    expect(refreshes().filter((e) => e.ok)).toHaveLength(1);
    expect(sellsy.log.filter((r) => r.status === 401)).toEqual([]);
  });

  it('concurrent renewals share one refresh request: eight calls after an expiry, across two API clients', async () => {
    const t = await signedIn();
    const a = t.api();
    const b = t.api();
    await Promise.all([accountId(a), accountId(b)]);
    sellsy.expireTokens();
    const ids = await Promise.all([...Array(4)].flatMap(() => [accountId(a), accountId(b)]));
    expect(ids).toEqual(Array(8).fill(INVOICING_ACCOUNT.id));
    expect(refreshes()).toHaveLength(1);
    expect(refreshes()[0]!.ok).toBe(true);
    // Proactive renewal too: past the renewal time, concurrent callers wait for the same request.
    shift += 3600_000;
    await Promise.all([...Array(6)].map(() => accountId(a)));
    expect(refreshes()).toHaveLength(2);
    expect(refreshes().every((e) => e.ok)).toBe(true);
  });

  it('a refresh token refused (invalid_grant) → signed out: the tokens are forgotten and no request follows', async () => {
    const t = await signedIn();
    await accountId(t.api());
    sellsy.expireTokens();
    sellsy.expireRefreshTokens();
    const err = await t
      .api()
      .get('/staffs/me')
      .catch((e: SellsyError) => e);
    expect(isSignedOut(err)).toBe(true);
    expect((err as SellsyError).message).toMatch(/Signed out of Sellsy/);
    expect(t.stored()).toBeNull();
    expect(await t.session.status(t.app)).toEqual({ signedIn: false, signedInAt: null });
    const sent = t.order.length;
    expect(
      isSignedOut(
        await t
          .api()
          .get('/staffs/me')
          .catch((e) => e),
      ),
    ).toBe(true);
    expect(t.order.length).toBe(sent);
    // Signing in again works.
    await t.session.signIn(t.app, { redirectUri: REDIRECT, launch: scriptedSignInWindow() });
    expect(await accountId(t.api())).toBe(INVOICING_ACCOUNT.id);
  });

  it('a restarted background reads the rotated tokens from the vault and renews with the newest one', async () => {
    const first = await signedIn();
    await accountId(first.api());
    sellsy.expireTokens();
    await accountId(first.api());
    const rotated = first.stored()!.refreshToken;
    // A new session over the same vault (the service worker was stopped and started again).
    const second = setup({ vault: first.vault, writes: first.writes, stored: first.stored });
    expect(await accountId(second.api())).toBe(INVOICING_ACCOUNT.id);
    sellsy.expireTokens();
    expect(await accountId(second.api())).toBe(INVOICING_ACCOUNT.id);
    expect(refreshes().map((e) => e.refreshTokenIn)).toEqual([expect.any(String), rotated]);
    expect(refreshes().every((e) => e.ok)).toBe(true);
  });

  it('a renewal that finishes after a sign-out does not bring the session back', async () => {
    const t = await signedIn();
    sellsy.expireTokens();
    sellsy.options.latencyMs = 150;
    const pending = t
      .api()
      .get('/staffs/me')
      .catch((e) => e);
    await new Promise((r) => setTimeout(r, 200)); // the 401 came back; the refresh is on its way
    await t.session.signOut();
    const err = await pending;
    expect(isSignedOut(err)).toBe(true);
    expect(t.stored()).toBeNull();
    expect(await t.session.status(t.app)).toEqual({ signedIn: false, signedInAt: null });
  });

  it('a caller that gives up does not cut the shared renewal', async () => {
    const t = await signedIn();
    sellsy.expireTokens();
    sellsy.options.latencyMs = 100;
    const quitter = new AbortController();
    const a = t
      .api()
      .get('/staffs/me', {}, { signal: quitter.signal })
      .catch((e) => e);
    const b = accountId(t.api());
    await new Promise((r) => setTimeout(r, 150));
    quitter.abort();
    expect(await b).toBe(INVOICING_ACCOUNT.id);
    expect((await a) instanceof Error).toBe(true);
    expect(refreshes()).toEqual([expect.objectContaining({ ok: true })]);
  });
});

describe('secrets in errors', () => {
  it('text we did not write loses tokens, codes and verifiers, as form fields or JSON', () => {
    const echoed =
      'bad request: grant_type=refresh_token&refresh_token=rt-abc123&code=c0de-xyz&code_verifier=v3rifier ' +
      '{"access_token":"at-999","refresh_token":"rt-456","code":"c0de-2"} error_code=E42 "code": 400';
    const out = scrubCredentialPatterns(echoed);
    for (const secret of ['rt-abc123', 'c0de-xyz', 'v3rifier', 'at-999', 'rt-456', 'c0de-2']) expect(out).not.toContain(secret);
    expect(out).toContain('error_code=E42');
    expect(out).toContain('"code": 400');
  });

  it('a token URL answering 500 with the form echoed names neither the refresh token nor the secret', async () => {
    const refreshToken = 'rt-very-secret-0123456789';
    const echo: typeof fetch = async (_url, init) => new Response(`upstream failed for ${String(init?.body)}`, { status: 500 });
    const err = await refreshGrant(
      { tokenUrl: 'https://login.example/oauth2/access-tokens', clientId: 'app', clientSecret: 'app-secret-42', fetch: echo },
      refreshToken,
    ).then(
      () => new Error('no error'),
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(SellsyError);
    expect(err.message).toMatch(/500/);
    expect(err.message).not.toContain(refreshToken);
    expect(err.message).not.toContain('app-secret-42');
  }, 60_000);
});
