// Access tokens: a personal API access's client credentials (exchanged at the token URL and renewed
// when they expire or a call answers 401), an access token pasted by the user (never renewable), or the
// tokens of a rep signed in with Sellsy through the company's API app (lib/sellsy/session.ts keeps them).
import { type Clock, realClock } from './clock';
import { SellsyError, scrubSecrets } from './errors';
import { sellsyFetch } from './no-redirect';
import type { Scheduler } from './scheduler';
import type { SignInSession } from './session';

export type AuthConfig =
  | { kind: 'client-credentials'; clientId: string; clientSecret: string }
  | { kind: 'token'; accessToken: string }
  /** The app's client id (and secret, when its token URL wants one); the tokens are the session's. */
  | { kind: 'sign-in'; clientId: string; clientSecret: string };

export interface TokenSource {
  /** A token believed valid now (fetched or renewed when needed). */
  token(signal?: AbortSignal): Promise<string>;
  /**
   * Called after a 401 with the token that was refused: renews it (once for every caller that saw
   * the same token) and returns the new one; throws 'auth' when the token cannot be renewed.
   */
  renew(refused: string, signal?: AbortSignal): Promise<string>;
}

/** Renew this long before `expires_in` runs out, so a token never expires on the way. */
export const EXPIRY_MARGIN_MS = 60_000;
/** When `expires_in` is missing: Sellsy's examples say an hour. */
const DEFAULT_TTL_MS = 3600_000;

/** When to stop using a token issued at `now` for `expiresIn` seconds (null: not said). */
export function renewAtFor(now: number, expiresIn: number | null): number {
  const ttlMs = expiresIn !== null && expiresIn > 0 ? expiresIn * 1000 : DEFAULT_TTL_MS;
  // A token shorter-lived than twice the margin is still used, for half its life.
  return now + ttlMs - Math.min(EXPIRY_MARGIN_MS, ttlMs / 2);
}

export function createTokenSource(opts: {
  auth: AuthConfig;
  tokenUrl: string;
  fetch: typeof fetch;
  scheduler: Scheduler;
  clock?: Clock;
  onRequest?: () => void;
  /** Required for the sign-in kind: one per background, shared by every API client (one renewal at a time). */
  session?: SignInSession;
}): TokenSource {
  const clock = opts.clock ?? realClock;
  const auth = opts.auth;
  if (auth.kind === 'sign-in') {
    const session = opts.session;
    if (!session) throw new SellsyError('auth', 'Sign in with Sellsy needs the extension’s session');
    if (!auth.clientId.trim()) throw new SellsyError('auth', 'The Sellsy app’s client id is missing');
    const app = { tokenUrl: opts.tokenUrl, clientId: auth.clientId, clientSecret: auth.clientSecret };
    return {
      token: (signal) => session.accessToken(app, signal),
      renew: (refused, signal) => session.renew(app, refused, signal),
    };
  }
  if (auth.kind === 'token') {
    const pasted = auth.accessToken.trim();
    if (!pasted) throw new SellsyError('auth', 'No access token given');
    return {
      token: async () => pasted,
      renew: async () => {
        throw new SellsyError('auth', 'Sellsy rejected the access token (it may have expired): paste a new one or use client credentials', {
          status: 401,
        });
      },
    };
  }
  if (!auth.clientId.trim() || !auth.clientSecret.trim()) throw new SellsyError('auth', 'Client id and client secret are both required');

  let current: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: auth.kind === 'client-credentials' ? auth.clientId : '',
      client_secret: auth.kind === 'client-credentials' ? auth.clientSecret : '',
    }).toString();
    const result = await opts.scheduler.send(
      (s) => {
        opts.onRequest?.();
        // The body holds the client secret: a redirect is refused, never followed (lib/sellsy/no-redirect.ts).
        return sellsyFetch(
          opts.fetch,
          opts.tokenUrl,
          { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body, signal: s },
          'POST token URL',
        );
      },
      {
        what: 'POST token URL',
        cost: 0,
        learnQuota: false,
        signal,
        parse: (ex) => (ex.status >= 200 && ex.status < 300 ? (JSON.parse(ex.text) as unknown) : undefined),
        // A 5xx page that echoes the form body must not carry the secret into the error.
        scrub: (text) => scrubSecrets(text, auth.kind === 'client-credentials' ? [auth.clientSecret] : []),
      },
    );
    if (result.status === 400 || result.status === 401 || result.status === 403) {
      throw new SellsyError('auth', 'Sellsy rejected the credentials: check the client id and secret of the API access', { status: result.status });
    }
    if (result.status < 200 || result.status >= 300) {
      throw new SellsyError('auth', `The token URL answered HTTP ${result.status}`, { status: result.status });
    }
    const v = result.value as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (!v || typeof v.access_token !== 'string' || !v.access_token) {
      throw new SellsyError('invalid-data', 'The token URL answered without an access_token');
    }
    current = { token: v.access_token, expiresAt: renewAtFor(clock.now(), typeof v.expires_in === 'number' ? v.expires_in : null) };
    return v.access_token;
  }

  function refresh(signal?: AbortSignal): Promise<string> {
    if (!pending) {
      pending = fetchToken(signal).finally(() => {
        pending = null;
      });
    }
    return pending;
  }

  return {
    async token(signal) {
      if (current && clock.now() < current.expiresAt) return current.token;
      return refresh(signal);
    },
    async renew(refused, signal) {
      if (current && current.token !== refused && clock.now() < current.expiresAt) return current.token;
      if (pending) return pending;
      current = null;
      return refresh(signal);
    },
  };
}
