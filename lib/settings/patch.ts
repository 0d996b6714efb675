// Changes from the options page, checked field by field, and the view of the settings that may leave
// the background: secrets are reduced to "is there one" and never travel back.
import { insecureUrlMessage, isSecureUrl } from '../http/secure-url';
import type { PublicSettings, SettingsPatch } from '../messages';
import { keyStaysWithItsHost } from './ai-host';
import type { PresetField } from './presets';
import { AUTH_KINDS, type Settings, SettingsError } from './types';

const MAX_TEXT = 4096;

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new SettingsError(`${field} must be text`);
  if (value.length > MAX_TEXT) throw new SettingsError(`${field} is too long`);
  return value.trim();
}

/** An https URL (http only on this computer) without credentials in it, kept without a trailing slash. */
export function httpUrl(value: unknown, field: string): string {
  const t = text(value, field);
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new SettingsError(`${field} is not a valid URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new SettingsError(`${field} must start with https:// or http://`);
  if (!isSecureUrl(u)) throw new SettingsError(insecureUrlMessage(field));
  if (u.username || u.password) throw new SettingsError(`${field} must not contain a user name or password`);
  if (u.search || u.hash) throw new SettingsError(`${field} must not contain ? or #`);
  return t.replace(/\/+$/, '');
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new SettingsError(`${field} must be true or false`);
  return value;
}

function choice<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw new SettingsError(`${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Applies a patch; a field left out is kept, an empty secret removes the stored one. Throws SettingsError. */
export function applyPatch(current: Settings, patch: unknown): Settings {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new SettingsError('settings must be an object');
  const p = patch as SettingsPatch & Record<string, unknown>;
  const next: Settings = structuredClone(current);
  for (const key of Object.keys(p)) {
    if (!['sellsy', 'ai', 'language', 'sourceMode', 'prepareOnOpen'].includes(key)) throw new SettingsError(`unknown setting ${key}`);
  }
  if (p.sellsy !== undefined) {
    const s = p.sellsy as Record<string, unknown>;
    if (!s || typeof s !== 'object') throw new SettingsError('sellsy must be an object');
    for (const [k, v] of Object.entries(s)) {
      if (v === undefined) continue;
      switch (k) {
        case 'apiUrl':
          next.sellsy.apiUrl = httpUrl(v, 'Sellsy API URL');
          break;
        case 'tokenUrl':
          next.sellsy.tokenUrl = httpUrl(v, 'Sellsy token URL');
          break;
        case 'authorizationUrl':
          next.sellsy.authorizationUrl = httpUrl(v, 'Sellsy authorization URL');
          break;
        case 'authKind':
          next.sellsy.authKind = choice(v, AUTH_KINDS, 'authKind');
          break;
        case 'appClientId':
          next.sellsy.appClientId = text(v, 'App client id');
          break;
        case 'appClientSecret':
          next.sellsy.appClientSecret = text(v, 'App client secret');
          break;
        case 'clientId':
          next.sellsy.clientId = text(v, 'Client id');
          break;
        case 'clientSecret':
          next.sellsy.clientSecret = text(v, 'Client secret');
          break;
        case 'accessToken':
          next.sellsy.accessToken = text(v, 'Access token');
          break;
        default:
          throw new SettingsError(`unknown setting sellsy.${k}`);
      }
    }
  }
  if (p.ai !== undefined) {
    const a = p.ai as Record<string, unknown>;
    if (!a || typeof a !== 'object') throw new SettingsError('ai must be an object');
    for (const [k, v] of Object.entries(a)) {
      if (v === undefined) continue;
      switch (k) {
        case 'enabled':
          next.ai.enabled = bool(v, 'AI enabled');
          break;
        case 'apiKey':
          next.ai.apiKey = text(v, 'API key');
          break;
        case 'baseURL':
          next.ai.baseURL = httpUrl(v, 'AI base URL');
          break;
        case 'model': {
          const m = text(v, 'Model');
          if (!m) throw new SettingsError('Model must not be empty');
          next.ai.model = m;
          break;
        }
        case 'redact':
          next.ai.redact = bool(v, 'Redaction');
          break;
        default:
          throw new SettingsError(`unknown setting ai.${k}`);
      }
    }
  }
  if (p.language !== undefined) next.language = choice(p.language, ['auto', 'fr', 'en'] as const, 'language');
  if (p.sourceMode !== undefined) next.sourceMode = choice(p.sourceMode, ['auto', 'invoicing', 'sales'] as const, 'sourceMode');
  if (p.prepareOnOpen !== undefined) next.prepareOnOpen = bool(p.prepareOnOpen, 'Prepare on open');
  return keyStaysWithItsHost(current, next, p.ai);
}

/** `presets`: the fields an administrator set (lib/settings/presets.ts), shown as such and not editable. */
export function publicView(s: Settings, presets: readonly PresetField[] = []): PublicSettings {
  return {
    sellsy: {
      apiUrl: s.sellsy.apiUrl,
      tokenUrl: s.sellsy.tokenUrl,
      authorizationUrl: s.sellsy.authorizationUrl,
      authKind: s.sellsy.authKind,
      appClientId: s.sellsy.appClientId,
      hasAppSecret: s.sellsy.appClientSecret !== '',
      clientId: s.sellsy.clientId,
      hasSecret: s.sellsy.clientSecret !== '',
      hasToken: s.sellsy.accessToken !== '',
    },
    ai: { enabled: s.ai.enabled, baseURL: s.ai.baseURL, model: s.ai.model, hasKey: s.ai.apiKey !== '', redact: s.ai.redact },
    language: s.language,
    sourceMode: s.sourceMode,
    prepareOnOpen: s.prepareOnOpen,
    presets: [...presets],
  };
}
