// What the user configured for the LLM. Any OpenAI-compatible endpoint works (OpenAI, Mistral, Azure OpenAI,
// Ollama, LM Studio): local servers need no key, so "enabled" only needs a key or a base URL.
import { isSecureUrl } from '../http/secure-url';

export type StructuredOutputMode = 'json_schema' | 'json_object' | 'none';

export interface AiSettings {
  enabled: boolean;
  /** May be empty for local servers (Ollama, LM Studio). */
  apiKey: string;
  baseURL: string;
  model: string;
  /** Remove emails, phone numbers and IBANs from everything sent. On by default. */
  redact: boolean;
  timeoutMs: number;
  /** Unset: try json_schema, then json_object, then plain JSON in the text, as the provider allows. */
  structuredOutput?: StructuredOutputMode;
}

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_MODEL = 'gpt-4o-mini';
export const DEFAULT_TIMEOUT_MS = 30_000;

export const DEFAULT_AI_SETTINGS: AiSettings = {
  enabled: false,
  apiKey: '',
  baseURL: DEFAULT_BASE_URL,
  model: DEFAULT_MODEL,
  redact: true,
  timeoutMs: DEFAULT_TIMEOUT_MS,
};

/** OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL (and OPENAI_TIMEOUT_MS, OPENAI_REDACT=0 to turn redaction off). */
export function aiSettingsFromEnv(env: Record<string, string | undefined>): AiSettings {
  const apiKey = env.OPENAI_API_KEY?.trim() ?? '';
  const baseURL = env.OPENAI_BASE_URL?.trim() ?? '';
  const timeout = Number(env.OPENAI_TIMEOUT_MS);
  return {
    enabled: apiKey !== '' || baseURL !== '',
    apiKey,
    baseURL: baseURL || DEFAULT_BASE_URL,
    model: env.OPENAI_MODEL?.trim() || DEFAULT_MODEL,
    redact: env.OPENAI_REDACT !== '0' && env.OPENAI_REDACT?.toLowerCase() !== 'false',
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
  };
}

/** True when the settings point at OpenAI itself, which always needs a key. */
export function isDefaultOpenAi(baseURL: string): boolean {
  try {
    return new URL(baseURL).host === 'api.openai.com';
  } catch {
    return false;
  }
}

/** An https URL the SDK can append paths to (http only for a server on this computer: the key must not cross a network in clear). */
export function isValidBaseURL(baseURL: string): boolean {
  try {
    return isSecureUrl(new URL(baseURL));
  } catch {
    return false;
  }
}
