// Stored settings → the current layout. Pure functions, one step per version, so a user who skipped
// releases goes through every step in order. Unknown or malformed fields fall back to their default:
// a broken storage entry must never stop the extension from starting.
import { AUTH_KINDS, defaultSettings, SETTINGS_VERSION, type Settings } from './types';

/** The first layout (pre-release builds): flat keys, no version field or version 1. */
export interface SettingsV1 {
  version?: 1;
  sellsyClientId?: string;
  sellsyClientSecret?: string;
  sellsyToken?: string;
  sellsyApiUrl?: string;
  openaiKey?: string;
  openaiBaseUrl?: string;
  openaiModel?: string;
  useAi?: boolean;
  language?: string;
}

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
function oneOf<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(v as T) ? (v as T) : fallback;
}

/** v1 → v2: nested sections, an explicit auth kind (a pasted token wins only when no client id was set). */
export function v1ToV2(v1: SettingsV1): Raw {
  const d = defaultSettings();
  const clientId = str(v1.sellsyClientId, '');
  const token = str(v1.sellsyToken, '');
  const apiKey = str(v1.openaiKey, '');
  return {
    version: 2,
    sellsy: {
      ...d.sellsy,
      apiUrl: str(v1.sellsyApiUrl, d.sellsy.apiUrl),
      authKind: token && !clientId ? 'token' : 'client-credentials',
      clientId,
      clientSecret: str(v1.sellsyClientSecret, ''),
      accessToken: token,
    },
    ai: {
      ...d.ai,
      enabled: bool(v1.useAi, apiKey !== ''),
      apiKey,
      baseURL: str(v1.openaiBaseUrl, d.ai.baseURL),
      model: str(v1.openaiModel, d.ai.model),
    },
    language: v1.language,
    sourceMode: 'auto',
  };
}

/** Fills every field of a v2 object, replacing anything of the wrong type with its default. */
export function normalizeV2(raw: Raw): Settings {
  const d = defaultSettings();
  const s = isObject(raw.sellsy) ? raw.sellsy : {};
  const a = isObject(raw.ai) ? raw.ai : {};
  return {
    version: SETTINGS_VERSION,
    sellsy: {
      apiUrl: str(s.apiUrl, d.sellsy.apiUrl) || d.sellsy.apiUrl,
      tokenUrl: str(s.tokenUrl, d.sellsy.tokenUrl) || d.sellsy.tokenUrl,
      // Added within v2 (Sign in with Sellsy): older v2 objects get the defaults.
      authorizationUrl: str(s.authorizationUrl, d.sellsy.authorizationUrl) || d.sellsy.authorizationUrl,
      authKind: oneOf(s.authKind, AUTH_KINDS, d.sellsy.authKind),
      appClientId: str(s.appClientId, ''),
      appClientSecret: str(s.appClientSecret, ''),
      clientId: str(s.clientId, ''),
      clientSecret: str(s.clientSecret, ''),
      accessToken: str(s.accessToken, ''),
    },
    ai: {
      enabled: bool(a.enabled, d.ai.enabled),
      apiKey: str(a.apiKey, ''),
      baseURL: str(a.baseURL, d.ai.baseURL) || d.ai.baseURL,
      model: str(a.model, d.ai.model) || d.ai.model,
      redact: bool(a.redact, d.ai.redact),
    },
    language: oneOf(raw.language, ['auto', 'fr', 'en'] as const, d.language),
    sourceMode: oneOf(raw.sourceMode, ['auto', 'invoicing', 'sales'] as const, d.sourceMode),
    // Added within v2: older v2 objects get the default (off).
    prepareOnOpen: bool(raw.prepareOnOpen, d.prepareOnOpen),
  };
}

/** Whatever was stored (nothing, v1, v2, a newer layout after a downgrade, garbage) → current settings. */
export function migrateSettings(stored: unknown): Settings {
  if (!isObject(stored)) return defaultSettings();
  let raw: Raw = stored;
  const version = typeof raw.version === 'number' ? raw.version : 1;
  if (version <= 1) raw = v1ToV2(raw as SettingsV1);
  // A newer layout (the user went back to an older release): keep the fields this version understands.
  return normalizeV2(raw);
}
