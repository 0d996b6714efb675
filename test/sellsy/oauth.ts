// The local Sellsy's "Sign in with Sellsy": the authorization code flow with PKCE as Sellsy runs it for a
// private API app. GET /oauth2/authorization shows a sign-in and consent form; its POST answers 302 to the
// redirect_uri with a one-time code (or error=access_denied on Deny); POST /oauth2/access-tokens then
// exchanges the code against the S256 challenge, and rotates refresh tokens (a used one is dead).
// server.ts owns the HTTP layer and the access tokens; this module owns codes, refresh tokens and users.
import { createHash, randomBytes } from 'node:crypto';
import { DEMO_APP, DEMO_USERS } from './demo';
import { escapeHtml } from './pages';

export type AccountKey = 'invoicing' | 'sales';

export interface OAuthAnswer {
  status: number;
  /** A string is sent as HTML, anything else as JSON. */
  body: unknown;
  headers?: Record<string, string>;
}

export interface OAuthLifetimes {
  /** How long an authorization code may be exchanged (Sellsy: 10 minutes). */
  codeTtlSeconds: number;
  /** How long a refresh token stays usable (Sellsy: 60 days); each rotation starts a new one. */
  refreshTokenTtlSeconds: number;
}

export const DEFAULT_LIFETIMES: OAuthLifetimes = { codeTtlSeconds: 600, refreshTokenTtlSeconds: 60 * 86_400 };

interface App {
  clientId: string;
  clientSecret: string;
  name: string;
}
const APPS: Record<string, App> = { [DEMO_APP.clientId]: { ...DEMO_APP } };
const USERS: { email: string; password: string; account: AccountKey }[] = [
  { ...DEMO_USERS.invoicing, account: 'invoicing' },
  { ...DEMO_USERS.sales, account: 'sales' },
];
/** Where an extension's sign-in window may be sent back: Chromium's and Firefox's identity redirect hosts. */
const REDIRECT_PATTERNS = [/^https:\/\/[a-z0-9-]+\.chromiumapp\.org\//, /^https:\/\/[a-z0-9-]+\.extensions\.allizom\.org\//];

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  account: AccountKey;
  expiresAt: number;
  used: boolean;
}
interface RefreshGrant {
  clientId: string;
  account: AccountKey;
  expiresAt: number;
  /** Set once rotated: the token that replaced it. */
  rotatedTo: string | null;
}

export interface OAuthEvent {
  at: number;
  grant: 'authorization_code' | 'refresh_token';
  ok: boolean;
  /** The refresh token sent (refresh grant) and the one issued, so tests can see a rotation. */
  refreshTokenIn?: string;
  refreshTokenOut?: string;
  error?: string;
}

export interface FakeOAuth {
  /** GET and POST /oauth2/authorization. */
  authorize(method: string, url: URL, rawBody: string): OAuthAnswer;
  /** POST /oauth2/access-tokens for grant_type authorization_code and refresh_token; null for another grant. */
  token(params: Record<string, unknown>): OAuthAnswer | null;
  /** Every code exchange and refresh, in order. */
  events: OAuthEvent[];
  /** Makes every refresh token issued so far expired. */
  expireRefreshTokens(): void;
  /** Refresh tokens still usable (neither rotated nor expired). */
  liveRefreshTokens(): string[];
}

const s256 = (v: string) => createHash('sha256').update(v).digest('base64url');
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const oauthError = (status: number, error: string, description: string): OAuthAnswer => ({
  status,
  body: { error, error_description: description },
});

function redirectTo(redirectUri: string, params: Record<string, string>): OAuthAnswer {
  const u = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return { status: 302, body: '', headers: { location: u.toString(), 'cache-control': 'no-store' } };
}

const PAGE_STYLE = `
  body { margin: 0; font-family: Arial, Helvetica, sans-serif; background: #0d2a5c; color: #1f2a44; }
  form { max-width: 380px; margin: 60px auto; background: #fff; border-radius: 10px; padding: 28px; }
  h1 { font-size: 20px; margin: 0 0 6px; } p { color: #51607a; font-size: 14px; }
  label { display: block; margin: 14px 0 4px; font-size: 13px; }
  input[type=email], input[type=password] { width: 100%; box-sizing: border-box; padding: 9px; border: 1px solid #cfd8e6; border-radius: 6px; }
  .actions { display: flex; gap: 10px; margin-top: 20px; }
  button { padding: 9px 16px; border-radius: 6px; border: 1px solid #0d4fb3; background: #0d4fb3; color: #fff; cursor: pointer; }
  button.deny { background: #fff; color: #0d4fb3; }
  .error { color: #b3261e; }`;

export function createFakeOAuth(deps: {
  now: () => number;
  lifetimes: OAuthLifetimes;
  /** Issues an API access token for the account (server.ts keeps it with its expiry). */
  issueAccessToken(account: AccountKey): { accessToken: string; expiresIn: number };
}): FakeOAuth {
  const codes = new Map<string, CodeGrant>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const events: OAuthEvent[] = [];

  /** The checks that decide whether we may even redirect back (an unknown client or address gets a page, never a redirect). */
  function appAndRedirect(q: URLSearchParams): { app: App; redirectUri: string } | OAuthAnswer {
    const app = APPS[q.get('client_id') ?? ''];
    if (!app) return { status: 400, body: errorPage('Application inconnue (client_id).') };
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!REDIRECT_PATTERNS.some((p) => p.test(redirectUri))) {
      return { status: 400, body: errorPage('Adresse de retour (redirect_uri) non enregistrée pour cette application.') };
    }
    return { app, redirectUri };
  }

  function form(q: URLSearchParams, app: App, error?: string): string {
    const hidden = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope']
      .filter((k) => q.has(k))
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q.get(k)!)}">`)
      .join('\n    ');
    return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Connexion — Sellsy</title><style>${PAGE_STYLE}</style></head>
<body><form method="post" action="/oauth2/authorization" data-testid="sellsy-sign-in">
  <h1>Connexion à Sellsy</h1>
  <p><strong>${escapeHtml(app.name)}</strong> demande à lire votre compte Sellsy (clients, documents, activités).</p>
  ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
  <label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Mot de passe</label><input id="password" name="password" type="password" autocomplete="current-password" required>
    ${hidden}
  <div class="actions">
    <button type="submit" name="decision" value="allow" data-action="authorize">Autoriser</button>
    <button type="submit" name="decision" value="deny" class="deny" data-action="deny" formnovalidate>Refuser</button>
  </div>
</form></body></html>`;
  }

  function issue(clientId: string, account: AccountKey): { access_token: string; refresh_token: string; expires_in: number } {
    const { accessToken, expiresIn } = deps.issueAccessToken(account);
    const refresh = `fake.refresh.${account}.${randomBytes(18).toString('base64url')}`;
    refreshTokens.set(refresh, { clientId, account, expiresAt: deps.now() + deps.lifetimes.refreshTokenTtlSeconds * 1000, rotatedTo: null });
    return { access_token: accessToken, refresh_token: refresh, expires_in: expiresIn };
  }

  return {
    events,
    authorize(method, url, rawBody) {
      const q = method === 'POST' ? new URLSearchParams(rawBody) : url.searchParams;
      const checked = appAndRedirect(q);
      if ('status' in checked) return checked;
      const { app, redirectUri } = checked;
      const state = q.get('state');
      const back = (params: Record<string, string>) => redirectTo(redirectUri, state === null ? params : { ...params, state });
      if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
      // PKCE is required, and only S256.
      if (!q.get('code_challenge') || q.get('code_challenge_method') !== 'S256') {
        return back({ error: 'invalid_request', error_description: 'code_challenge with code_challenge_method=S256 is required' });
      }
      if (method === 'GET') return { status: 200, body: form(q, app) };
      if (method !== 'POST') return { status: 405, body: errorPage('Méthode non autorisée.') };
      if (q.get('decision') === 'deny') return back({ error: 'access_denied' });
      const user = USERS.find((u) => u.email === (q.get('email') ?? '').trim().toLowerCase() && u.password === q.get('password'));
      if (!user) return { status: 401, body: form(q, app, 'E-mail ou mot de passe incorrect.') };
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        clientId: app.clientId,
        redirectUri,
        challenge: q.get('code_challenge')!,
        account: user.account,
        expiresAt: deps.now() + deps.lifetimes.codeTtlSeconds * 1000,
        used: false,
      });
      return back({ code });
    },

    token(params) {
      const grant = params.grant_type;
      if (grant !== 'authorization_code' && grant !== 'refresh_token') return null;
      const str = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : '');
      const app = APPS[str('client_id')];
      const fail = (answer: OAuthAnswer, extra: Partial<OAuthEvent> = {}): OAuthAnswer => {
        events.push({ at: deps.now(), grant, ok: false, error: (answer.body as { error: string }).error, ...extra });
        return answer;
      };
      if (!app) return fail(oauthError(401, 'invalid_client', 'Unknown client_id'));
      const secret = str('client_secret');
      // The secret is optional for the code exchange (PKCE proves the caller) and required to refresh, as Sellsy documents.
      if ((secret !== '' || grant === 'refresh_token') && secret !== app.clientSecret) {
        return fail(oauthError(401, 'invalid_client', 'Client authentication failed'));
      }

      if (grant === 'authorization_code') {
        const c = codes.get(str('code'));
        if (!c || c.used) return fail(oauthError(400, 'invalid_grant', 'The authorization code is unknown or was already used'));
        // A code is good for one exchange attempt, right or wrong: a wrong verifier cannot be retried.
        c.used = true;
        if (deps.now() >= c.expiresAt) return fail(oauthError(400, 'invalid_grant', 'The authorization code expired'));
        if (c.clientId !== app.clientId) return fail(oauthError(400, 'invalid_grant', 'The code was issued to another client'));
        if (c.redirectUri !== str('redirect_uri'))
          return fail(oauthError(400, 'invalid_grant', 'redirect_uri differs from the authorization request'));
        const verifier = str('code_verifier');
        if (!VERIFIER.test(verifier) || s256(verifier) !== c.challenge) {
          return fail(oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge'));
        }
        const t = issue(app.clientId, c.account);
        events.push({ at: deps.now(), grant, ok: true, refreshTokenOut: t.refresh_token });
        return { status: 200, body: { token_type: 'Bearer', ...t } };
      }

      const sent = str('refresh_token');
      const r = refreshTokens.get(sent);
      if (!r || r.clientId !== app.clientId) return fail(oauthError(400, 'invalid_grant', 'Unknown refresh token'), { refreshTokenIn: sent });
      if (r.rotatedTo !== null) return fail(oauthError(400, 'invalid_grant', 'The refresh token was already used'), { refreshTokenIn: sent });
      if (deps.now() >= r.expiresAt) return fail(oauthError(400, 'invalid_grant', 'The refresh token expired'), { refreshTokenIn: sent });
      const t = issue(app.clientId, r.account);
      r.rotatedTo = t.refresh_token;
      events.push({ at: deps.now(), grant, ok: true, refreshTokenIn: sent, refreshTokenOut: t.refresh_token });
      return { status: 200, body: { token_type: 'Bearer', ...t } };
    },

    expireRefreshTokens() {
      for (const r of refreshTokens.values()) r.expiresAt = 0;
    },
    liveRefreshTokens() {
      const t = deps.now();
      return [...refreshTokens].filter(([, r]) => r.rotatedTo === null && t < r.expiresAt).map(([k]) => k);
    },
  };
}

function errorPage(message: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Erreur — Sellsy</title><style>${PAGE_STYLE}</style></head>
<body><form><h1>Connexion impossible</h1><p class="error" role="alert">${escapeHtml(message)}</p></form></body></html>`;
}
