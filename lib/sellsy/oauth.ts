// Sign in with Sellsy: the OAuth 2 authorization code flow with PKCE (S256), as Sellsy's private API apps
// require. The protocol only: the verifier and its challenge (WebCrypto, so the same code runs in Node
// and in browsers), the authorization URL, the check of the address the browser comes back to, and the
// two token grants. The browser window that shows Sellsy's sign-in page is someone else's (injected).
import { SellsyError } from './errors';
import { createScheduler, type Scheduler } from './scheduler';

/** `context` of the SellsyErrors below, so callers switch on it instead of parsing messages. */
export const OAUTH_CONTEXT = {
  /** No usable sign-in: never signed in, signed out, or Sellsy refused the refresh token (invalid_grant). */
  signedOut: 'signed_out',
  /** The rep pressed Deny on Sellsy's consent page (error=access_denied). */
  denied: 'access_denied',
  /** The sign-in window was closed, or its page could not load, before Sellsy sent a code back. */
  cancelled: 'sign_in_cancelled',
  /** The address the window came back to carries another state than the one we sent: not our sign-in. */
  stateMismatch: 'state_mismatch',
  /** Anything else that stops a sign-in (an error code from Sellsy, no code, a refused exchange). */
  failed: 'sign_in_failed',
  /** The token URL refused the app's client id or secret. */
  invalidClient: 'invalid_client',
} as const;

/** True for the error that means "sign in again": the panel shows its Sign in button for it. */
export function isSignedOut(e: unknown): boolean {
  return e instanceof SellsyError && e.kind === 'auth' && e.context === OAUTH_CONTEXT.signedOut;
}

function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `bytes` random bytes, base64url (32 bytes → 43 characters, the shortest verifier RFC 7636 allows). */
export function randomString(bytes = 32): string {
  return base64url(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)). */
export async function s256(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export async function createPkce(): Promise<Pkce> {
  const verifier = randomString(32);
  return { verifier, challenge: await s256(verifier) };
}

export interface AuthorizationRequest {
  authorizationUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
}

/** Sellsy's authorization page for this sign-in (response_type=code, S256). */
export function authorizationUrl(r: AuthorizationRequest): string {
  const u = new URL(r.authorizationUrl);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('client_id', r.clientId);
  u.searchParams.set('redirect_uri', r.redirectUri);
  u.searchParams.set('state', r.state);
  u.searchParams.set('code_challenge', r.challenge);
  u.searchParams.set('code_challenge_method', 'S256');
  return u.toString();
}

/**
 * The code in the address the sign-in window came back to. The state is checked first: an answer that
 * is not to our request (even an error) is refused as such. The address itself is never quoted in an
 * error, since it carries the code.
 */
export function readCallback(callbackUrl: string, expected: { redirectUri: string; state: string }): string {
  let u: URL;
  let want: URL;
  try {
    u = new URL(callbackUrl);
    want = new URL(expected.redirectUri);
  } catch {
    throw new SellsyError('auth', 'The Sellsy sign-in came back to an address that is not a URL', { context: OAUTH_CONTEXT.failed });
  }
  if (u.origin !== want.origin || u.pathname !== want.pathname) {
    throw new SellsyError('auth', 'The Sellsy sign-in came back to another address than the one it was given', { context: OAUTH_CONTEXT.failed });
  }
  const q = u.searchParams;
  if (q.get('state') !== expected.state) {
    throw new SellsyError('auth', 'The Sellsy sign-in answer is not for this sign-in (state mismatch): nothing was saved', {
      context: OAUTH_CONTEXT.stateMismatch,
    });
  }
  const error = q.get('error');
  if (error === 'access_denied') {
    throw new SellsyError('auth', 'Access was denied on Sellsy’s page: nothing was saved', { context: OAUTH_CONTEXT.denied });
  }
  if (error !== null) {
    // Only the code's letters: the rest of an error redirect is text we did not write.
    const code = error.replace(/[^a-z_]/gi, '').slice(0, 40) || 'unknown';
    throw new SellsyError('auth', `Sellsy refused the sign-in (${code})`, { context: OAUTH_CONTEXT.failed });
  }
  const code = q.get('code');
  if (!code) throw new SellsyError('auth', 'The Sellsy sign-in came back without a code', { context: OAUTH_CONTEXT.failed });
  return code;
}

export interface TokenSet {
  accessToken: string;
  /** Null when the token URL sent none (the access token then cannot be renewed). */
  refreshToken: string | null;
  /** Seconds, as the token URL said; null when it did not say. */
  expiresIn: number | null;
}

export interface TokenEndpoint {
  tokenUrl: string;
  clientId: string;
  /** Sent when set: Sellsy's refresh grant wants the app's secret; PKCE alone covers the code exchange. */
  clientSecret: string;
  fetch: typeof fetch;
  /** Retries 5xx and network failures; a fresh one (no quota: the token URL is not the API) by default. */
  scheduler?: Scheduler;
}

/** The standard OAuth error code of a refused token request: `{"error":"invalid_grant"}`, or Sellsy's `{error:{context}}`. */
function oauthErrorCode(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body?.error === 'string') return body.error;
    if (body?.error && typeof body.error === 'object') {
      const ctx = (body.error as { context?: unknown }).context;
      if (typeof ctx === 'string') return ctx;
    }
  } catch {
    // Not JSON: the status alone says what happened.
  }
  return null;
}

async function tokenRequest(ep: TokenEndpoint, grant: Record<string, string>, secrets: string[], what: string): Promise<TokenSet> {
  const params: Record<string, string> = { ...grant, client_id: ep.clientId };
  if (ep.clientSecret) params.client_secret = ep.clientSecret;
  const body = new URLSearchParams(params).toString();
  const scheduler = ep.scheduler ?? createScheduler();
  const known = [...secrets, ep.clientSecret].filter((s) => s.length >= 6);
  const result = await scheduler.send(
    (signal) =>
      ep.fetch(ep.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal,
      }),
    {
      what,
      cost: 0,
      learnQuota: false,
      parse: (ex) => (ex.status >= 200 && ex.status < 300 ? (JSON.parse(ex.text) as unknown) : undefined),
      // A 5xx page that echoes the form must not carry a token, the code or the secret into the error.
      scrub: (text) => known.reduce((t, s) => t.split(s).join('[redacted]'), text),
    },
  );
  if (result.status < 200 || result.status >= 300) {
    const code = oauthErrorCode(result.text);
    if (code === 'invalid_grant') {
      throw new SellsyError('auth', `${what}: Sellsy refused the grant (invalid_grant)`, { status: result.status, context: 'invalid_grant' });
    }
    if (code === 'invalid_client' || result.status === 401) {
      throw new SellsyError('auth', 'Sellsy refused the app’s client id or secret: check them in the options (Advanced)', {
        status: result.status,
        context: OAUTH_CONTEXT.invalidClient,
      });
    }
    const safe = code ? ` (${code.replace(/[^a-z_]/gi, '').slice(0, 40)})` : '';
    throw new SellsyError('auth', `${what} answered HTTP ${result.status}${safe}`, { status: result.status, context: OAUTH_CONTEXT.failed });
  }
  const v = result.value as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown } | undefined;
  if (!v || typeof v.access_token !== 'string' || !v.access_token) {
    throw new SellsyError('invalid-data', `${what} answered without an access_token`);
  }
  return {
    accessToken: v.access_token,
    refreshToken: typeof v.refresh_token === 'string' && v.refresh_token ? v.refresh_token : null,
    expiresIn: typeof v.expires_in === 'number' && v.expires_in > 0 ? v.expires_in : null,
  };
}

/** grant_type=authorization_code with the PKCE verifier and the same redirect_uri as the authorization. */
export function exchangeCode(ep: TokenEndpoint, r: { code: string; verifier: string; redirectUri: string }): Promise<TokenSet> {
  return tokenRequest(
    ep,
    { grant_type: 'authorization_code', code: r.code, code_verifier: r.verifier, redirect_uri: r.redirectUri },
    [r.code, r.verifier],
    'The Sellsy sign-in (code exchange)',
  );
}

/** grant_type=refresh_token. Sellsy rotates: the answer's refresh token replaces the one sent, which is then dead. */
export function refreshGrant(ep: TokenEndpoint, refreshToken: string): Promise<TokenSet> {
  return tokenRequest(ep, { grant_type: 'refresh_token', refresh_token: refreshToken }, [refreshToken], 'Renewing the Sellsy sign-in');
}
