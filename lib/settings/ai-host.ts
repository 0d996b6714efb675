// The LLM key belongs to the host it was given for: a new base URL on another origin does not inherit it
// (the key would go to whoever runs that address), and the browser's access to a host the LLM no longer
// uses is given back.
import type { Settings } from './types';

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** True when both addresses are on one origin (scheme, host and port). */
export function sameOrigin(a: string, b: string): boolean {
  const o = originOf(a);
  return o !== null && o === originOf(b);
}

/** The match pattern the LLM calls need: the base URL's host, any port (Firefox takes no port in patterns). */
export function originPattern(baseURL: string): string | null {
  try {
    const u = new URL(baseURL);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

/**
 * `next` with the key removed when its base URL moved to another origin and the change brings no key of its
 * own (a patch that names only the address cannot keep the old key for the new host).
 */
export function keyStaysWithItsHost(current: Settings, next: Settings, patchAi: unknown): Settings {
  const brought = !!patchAi && typeof patchAi === 'object' && (patchAi as { apiKey?: unknown }).apiKey !== undefined;
  if (brought || sameOrigin(current.ai.baseURL, next.ai.baseURL) || !next.ai.apiKey) return next;
  return { ...next, ai: { ...next.ai, apiKey: '' } };
}

/** The host permission to give back after a change of the AI settings, or null when it is still needed. */
export function hostPermissionToDrop(before: { enabled: boolean; baseURL: string }, after: { enabled: boolean; baseURL: string }): string | null {
  const was = originPattern(before.baseURL);
  if (!before.enabled || !was) return null;
  return after.enabled && originPattern(after.baseURL) === was ? null : was;
}
