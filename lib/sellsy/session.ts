// The signed-in rep's tokens: kept in a vault (the extension's local storage), handed to the API as long
// as they are good, renewed before they expire. Sellsy rotates refresh tokens and a used one is dead, so
// every renewal goes through one request at a time (concurrent callers share it), the rotated token is
// written to the vault before anyone can use it, and a renewal that finishes after a sign-out or a new
// sign-in is thrown away instead of bringing the old session back.
import { renewAtFor } from './auth';
import { type Clock, realClock } from './clock';
import { SellsyError } from './errors';
import { authorizationUrl, createPkce, exchangeCode, OAUTH_CONTEXT, randomString, readCallback, refreshGrant, type TokenSet } from './oauth';
import { createScheduler } from './scheduler';

/** The API app the tokens belong to (from the settings; an administrator may preset it). */
export interface SellsyApp {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}
export interface SignInApp extends SellsyApp {
  authorizationUrl: string;
}

export interface StoredSession {
  version: 1;
  clientId: string;
  tokenUrl: string;
  accessToken: string;
  /** When to stop using the access token (ms since epoch): its expiry minus a margin. */
  renewAt: number;
  /** Empty when the token URL gave none: the session then ends with its access token. */
  refreshToken: string;
  signedInAt: string;
}

/** Where the session lives; the extension passes its local storage area, tests a variable. */
export interface SessionVault {
  read(): Promise<unknown>;
  /** null removes the session. */
  write(session: StoredSession | null): Promise<void>;
}

/** browser.identity.launchWebAuthFlow with interactive: true: opens the URL, resolves with the address it was redirected to. */
export type LaunchAuthFlow = (url: string) => Promise<string>;

export interface SessionStatus {
  signedIn: boolean;
  signedInAt: string | null;
}

export interface SignInSession {
  accessToken(app: SellsyApp, signal?: AbortSignal): Promise<string>;
  /** After a 401 with `refused`: the current token if another caller already renewed it, else a renewed one. */
  renew(app: SellsyApp, refused: string, signal?: AbortSignal): Promise<string>;
  /** Opens Sellsy's sign-in page through `launch`; resolves once the new tokens are saved. */
  signIn(app: SignInApp, opts: { redirectUri: string; launch: LaunchAuthFlow }): Promise<void>;
  /** Forgets the tokens (memory and vault). */
  signOut(): Promise<void>;
  status(app: SellsyApp | null): Promise<SessionStatus>;
}

export function signedOutError(message = 'Not signed in to Sellsy: sign in with Sellsy'): SellsyError {
  return new SellsyError('auth', message, { context: OAUTH_CONTEXT.signedOut });
}

function parseStored(v: unknown): StoredSession | null {
  if (!v || typeof v !== 'object') return null;
  const s = v as Record<string, unknown>;
  const str = (k: string) => typeof s[k] === 'string';
  if (s.version !== 1 || !str('clientId') || !str('tokenUrl') || !str('accessToken') || !str('refreshToken') || !str('signedInAt')) return null;
  if (typeof s.renewAt !== 'number' || !Number.isFinite(s.renewAt)) return null;
  return s as unknown as StoredSession;
}

const belongsTo = (s: StoredSession, app: SellsyApp) => s.clientId === app.clientId && s.tokenUrl === app.tokenUrl;

/** Waits for `p` unless the caller gives up first; `p` itself goes on (a renewal must not be cut half-way). */
function unlessAborted<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createSignInSession(opts: { vault: SessionVault; fetch: typeof fetch; clock?: Clock; now?: () => Date }): SignInSession {
  const clock = opts.clock ?? realClock;
  const now = opts.now ?? (() => new Date(clock.now()));
  // The token URL is not the API: no quota to share, but 5xx and network failures are retried.
  const scheduler = createScheduler({ clock, concurrency: 2 });
  /** undefined: not read from the vault yet. */
  let memo: StoredSession | null | undefined;
  let loading: Promise<StoredSession | null> | null = null;
  /** Bumped by every sign-in and sign-out: a renewal started before one of them must not write. */
  let generation = 0;
  let renewing: Promise<StoredSession> | null = null;
  let signingIn: Promise<void> | null = null;

  function current(): Promise<StoredSession | null> {
    if (memo !== undefined) return Promise.resolve(memo);
    loading ??= opts.vault.read().then(
      (raw) => {
        if (memo === undefined) memo = parseStored(raw);
        return memo;
      },
      (e) => {
        loading = null;
        throw e;
      },
    );
    return loading;
  }

  async function save(next: StoredSession | null): Promise<void> {
    memo = next;
    await opts.vault.write(next);
  }

  async function usable(app: SellsyApp): Promise<StoredSession> {
    const s = await current();
    if (!s || !belongsTo(s, app)) throw signedOutError();
    return s;
  }

  async function renewal(app: SellsyApp, from: StoredSession): Promise<StoredSession> {
    const started = generation;
    if (!from.refreshToken) {
      if (generation === started && memo === from) await save(null);
      throw signedOutError('Signed out of Sellsy: the sign-in has expired; sign in again');
    }
    let set: TokenSet;
    try {
      set = await refreshGrant({ ...app, fetch: opts.fetch, scheduler }, from.refreshToken);
    } catch (e) {
      if (e instanceof SellsyError && e.context === 'invalid_grant') {
        // Expired, revoked or already used: that session is over. Forget it, unless a new one replaced it.
        if (generation === started && memo === from) await save(null);
        throw signedOutError('Signed out of Sellsy: the sign-in has expired or was revoked; sign in again');
      }
      throw e;
    }
    if (generation !== started) return usable(app); // signed out or in again meanwhile: that state wins
    const next: StoredSession = {
      ...from,
      accessToken: set.accessToken,
      refreshToken: set.refreshToken ?? from.refreshToken,
      renewAt: renewAtFor(clock.now(), set.expiresIn),
    };
    // Written before anyone gets the new access token, so the next renewal (in this worker or after a
    // restart) sends the rotated refresh token, never the dead one.
    await save(next);
    return next;
  }

  function renewOnce(app: SellsyApp, from: StoredSession): Promise<StoredSession> {
    renewing ??= renewal(app, from).finally(() => {
      renewing = null;
    });
    return renewing;
  }

  return {
    async accessToken(app, signal) {
      const s = await usable(app);
      if (clock.now() < s.renewAt) return s.accessToken;
      return (await unlessAborted(renewOnce(app, s), signal)).accessToken;
    },
    async renew(app, refused, signal) {
      if (renewing) return (await unlessAborted(renewing, signal)).accessToken;
      const s = await usable(app);
      if (s.accessToken !== refused && clock.now() < s.renewAt) return s.accessToken;
      return (await unlessAborted(renewOnce(app, s), signal)).accessToken;
    },
    signIn(app, { redirectUri, launch }) {
      signingIn ??= (async () => {
        const pkce = await createPkce();
        const state = randomString(16);
        const url = authorizationUrl({
          authorizationUrl: app.authorizationUrl,
          clientId: app.clientId,
          redirectUri,
          state,
          challenge: pkce.challenge,
        });
        let callback: string;
        try {
          callback = await launch(url);
        } catch (e) {
          // The browser's own words (window closed, page not loaded) carry no secret; the URL is not quoted.
          const why = e instanceof Error && e.message ? ` (${e.message.slice(0, 120)})` : '';
          throw new SellsyError('auth', `The Sellsy sign-in did not finish${why}`, { context: OAUTH_CONTEXT.cancelled });
        }
        const code = readCallback(callback, { redirectUri, state });
        const set = await exchangeCode({ ...app, fetch: opts.fetch, scheduler }, { code, verifier: pkce.verifier, redirectUri });
        generation += 1;
        await save({
          version: 1,
          clientId: app.clientId,
          tokenUrl: app.tokenUrl,
          accessToken: set.accessToken,
          refreshToken: set.refreshToken ?? '',
          renewAt: renewAtFor(clock.now(), set.expiresIn),
          signedInAt: now().toISOString(),
        });
      })().finally(() => {
        signingIn = null;
      });
      return signingIn;
    },
    async signOut() {
      generation += 1;
      await save(null);
    },
    async status(app) {
      const s = await current();
      const signedIn = !!s && !!app && belongsTo(s, app);
      return { signedIn, signedInAt: signedIn ? s!.signedInAt : null };
    },
  };
}
