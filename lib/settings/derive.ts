// What the other modules need from the settings: Sellsy credentials (or none yet) and the LLM settings.
import type { AiSettings } from '../ai/settings';
import { DEFAULT_TIMEOUT_MS } from '../ai/settings';
import type { AuthConfig } from '../sellsy/auth';
import type { Settings } from './types';

export interface SellsyConnection {
  apiUrl: string;
  tokenUrl: string;
  auth: AuthConfig;
}

/** The configured Sellsy connection, or null while the chosen kind of credentials is incomplete. */
export function sellsyConnection(s: Settings): SellsyConnection | null {
  const { apiUrl, tokenUrl, authKind, clientId, clientSecret, accessToken } = s.sellsy;
  if (authKind === 'token') {
    return accessToken ? { apiUrl, tokenUrl, auth: { kind: 'token', accessToken } } : null;
  }
  return clientId && clientSecret ? { apiUrl, tokenUrl, auth: { kind: 'client-credentials', clientId, clientSecret } } : null;
}

export function aiSettingsOf(s: Settings): AiSettings {
  return { ...s.ai, timeoutMs: DEFAULT_TIMEOUT_MS };
}
