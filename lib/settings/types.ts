// The extension's settings as stored (one object in the extension's local storage, never in sync:
// it holds secrets). `version` says which layout it is; migrate.ts brings older ones up to date.

import { DEFAULT_BASE_URL, DEFAULT_MODEL } from '../ai/settings';
import { SELLSY_API_URL, SELLSY_AUTHORIZATION_URL, SELLSY_TOKEN_URL } from '../sellsy/hosts';

export const SETTINGS_VERSION = 2;

/** sign-in: the rep signs in with Sellsy through the company's API app (the default); the others are "Advanced". */
export type AuthKind = 'sign-in' | 'client-credentials' | 'token';
export const AUTH_KINDS: readonly AuthKind[] = ['sign-in', 'client-credentials', 'token'];
export type LanguageSetting = 'auto' | 'fr' | 'en';
export type SourceModeChoice = 'auto' | 'invoicing' | 'sales';

export interface Settings {
  version: typeof SETTINGS_VERSION;
  sellsy: {
    apiUrl: string;
    tokenUrl: string;
    /** Sellsy's sign-in page (authorization code flow). */
    authorizationUrl: string;
    authKind: AuthKind;
    /** The company's Sellsy API app, for Sign in with Sellsy (the tokens themselves are kept apart, lib/sellsy/session.ts). */
    appClientId: string;
    /** Only where the token URL wants one (Sellsy's refresh grant does). */
    appClientSecret: string;
    /** A personal API access (client credentials). */
    clientId: string;
    clientSecret: string;
    accessToken: string;
  };
  ai: {
    enabled: boolean;
    apiKey: string;
    baseURL: string;
    model: string;
    /** Remove emails, phone numbers and IBANs before anything is sent to the LLM. */
    redact: boolean;
  };
  language: LanguageSetting;
  sourceMode: SourceModeChoice;
  /** Start phase 1 of a summary when a client page opens, so the click finds the first figures ready. */
  prepareOnOpen: boolean;
}

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    sellsy: {
      apiUrl: SELLSY_API_URL,
      tokenUrl: SELLSY_TOKEN_URL,
      authorizationUrl: SELLSY_AUTHORIZATION_URL,
      authKind: 'sign-in',
      appClientId: '',
      appClientSecret: '',
      clientId: '',
      clientSecret: '',
      accessToken: '',
    },
    ai: { enabled: false, apiKey: '', baseURL: DEFAULT_BASE_URL, model: DEFAULT_MODEL, redact: true },
    language: 'auto',
    sourceMode: 'auto',
    prepareOnOpen: false,
  };
}

/** A setting that cannot be accepted; the message is for the user and never carries the value of a secret. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}
