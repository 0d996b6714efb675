// What the other modules need from the settings: Sellsy credentials (or none yet) and the LLM settings.
import type { AiSettings } from '../ai/settings';
import { DEFAULT_TIMEOUT_MS } from '../ai/settings';
import type { AuthConfig } from '../sellsy/auth';
import type { SignInApp } from '../sellsy/session';
import type { Settings } from './types';

export interface SellsyConnection {
  apiUrl: string;
  tokenUrl: string;
  auth: AuthConfig;
}

/**
 * The configured Sellsy connection, or null when there is none. The chosen kind wins when it is
 * complete. Otherwise the company's app (often preset) makes it a sign-in, so a rep who never opened
 * "Advanced" is asked to sign in rather than told nothing is set up; and with sign-in chosen (the
 * default) but no app, a personal access or a pasted token that was filled in is used.
 */
export function sellsyConnection(s: Settings): SellsyConnection | null {
  const { apiUrl, tokenUrl, authKind, clientId, clientSecret, accessToken } = s.sellsy;
  const signIn = signInConnection(s);
  const personal: SellsyConnection | null =
    clientId && clientSecret ? { apiUrl, tokenUrl, auth: { kind: 'client-credentials', clientId, clientSecret } } : null;
  const pasted: SellsyConnection | null = accessToken ? { apiUrl, tokenUrl, auth: { kind: 'token', accessToken } } : null;
  if (authKind === 'token') return pasted ?? signIn;
  if (authKind === 'client-credentials') return personal ?? signIn;
  return signIn ?? personal ?? pasted;
}

/** The connection of the signed-in rep, whatever kind is chosen; null while the app's client id is not set. */
export function signInConnection(s: Settings): SellsyConnection | null {
  const { apiUrl, tokenUrl, appClientId, appClientSecret } = s.sellsy;
  return appClientId ? { apiUrl, tokenUrl, auth: { kind: 'sign-in', clientId: appClientId, clientSecret: appClientSecret } } : null;
}

/** The app to sign in with, or null while its client id is not set. */
export function signInApp(s: Settings): SignInApp | null {
  const { authorizationUrl, tokenUrl, appClientId, appClientSecret } = s.sellsy;
  return appClientId ? { authorizationUrl, tokenUrl, clientId: appClientId, clientSecret: appClientSecret } : null;
}

export function aiSettingsOf(s: Settings): AiSettings {
  return { ...s.ai, timeoutMs: DEFAULT_TIMEOUT_MS };
}
