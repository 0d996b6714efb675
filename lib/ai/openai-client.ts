// One place that knows the openai SDK: how to build a client for any OpenAI-compatible endpoint, and how its
// errors read for a user. Retries are ours to decide (none: a summary should not wait), the timeout covers the
// whole call including a stream that stalls halfway.
import OpenAI from 'openai';
import { BodyTooLargeError, capResponse } from '../http/body-cap';
import { fetchNoRedirect, RedirectRefusedError } from '../http/no-redirect';
import type { AiWarnings } from '../words/ai-warnings';
import type { AiSettings } from './settings';

export function createOpenAiClient(settings: AiSettings, fetchImpl?: typeof fetch): OpenAI {
  const host = safeHost(settings.baseURL);
  const defaultHeaders: Record<string, string | null> = {};
  // Local servers need no key, but the SDK insists on one: give it a placeholder and send no Authorization.
  if (!settings.apiKey) defaultHeaders.Authorization = null;
  // Azure OpenAI's v1 endpoint takes keys in its own header (a Bearer there means an Entra token).
  if (settings.apiKey && /\.openai\.azure\.com$|\.cognitiveservices\.azure\.com$/.test(host)) {
    defaultHeaders['api-key'] = settings.apiKey;
    defaultHeaders.Authorization = null;
  }
  return new OpenAI({
    apiKey: settings.apiKey || 'no-key',
    baseURL: settings.baseURL,
    dangerouslyAllowBrowser: true,
    timeout: settings.timeoutMs,
    maxRetries: 0,
    defaultHeaders,
    fetch: providerFetch(fetchImpl ?? ((input, init) => globalThis.fetch(input, init))),
  });
}

/**
 * 4 MB: a whole streamed answer of the longest text we keep (2 500 characters) is about 200 KB of events,
 * the recommendations' JSON a few KB; an endless stream stops here instead of filling the panel's memory.
 */
export const MAX_LLM_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The SDK's fetch: the key travels in a header, so the provider's answer may not redirect it elsewhere
 * (none is followed), and its body is read up to MAX_LLM_BODY_BYTES. A service worker's fetch must be
 * called bound to globalThis ("Illegal invocation").
 */
function providerFetch(base: typeof fetch): typeof fetch {
  return async (input, init) => capResponse(await fetchNoRedirect(base, input, init, 'The LLM provider'), MAX_LLM_BODY_BYTES, 'The LLM provider');
}

/** `e`, or what it was caused by, when it is of class `C` (the SDK wraps what its fetch throws). */
function causedBy<C extends Error>(e: unknown, C: abstract new (...args: never[]) => C): C | null {
  for (let cur = e, depth = 0; cur && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) if (cur instanceof C) return cur;
  return null;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Runs `fn` with a signal that fires on the caller's abort or after `timeoutMs`, and says which one it was. */
export async function withDeadline<R>(timeoutMs: number, outer: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<R>): Promise<R> {
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, timeoutMs);
  const onAbort = () => ctrl.abort();
  if (outer?.aborted) ctrl.abort();
  outer?.addEventListener('abort', onAbort, { once: true });
  try {
    return await fn(ctrl.signal);
  } catch (e) {
    if (timedOut) throw new TimeoutError(timeoutMs);
    throw e;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`timeout after ${ms} ms`);
  }
}

/** The model's answer was not what was asked (bad JSON, empty text). */
export class MalformedOutputError extends Error {}

/** True for a 400/422: the provider did not accept a parameter (response_format, stream_options). */
export function isRejectedParameter(e: unknown): boolean {
  return e instanceof OpenAI.APIError && (e.status === 400 || e.status === 422);
}

/** A short, user-facing message for a failed call, in the summary's language. */
export function llmFailureMessage(e: unknown, settings: AiSettings, w: AiWarnings, what: string): string {
  if (e instanceof TimeoutError || e instanceof OpenAI.APIConnectionTimeoutError) return w.timeout(settings.timeoutMs);
  if (e instanceof OpenAI.APIUserAbortError || (e as Error)?.name === 'AbortError') return w.aborted;
  if (e instanceof MalformedOutputError) return w.malformed(what);
  if (causedBy(e, RedirectRefusedError)) return w.redirect;
  if (causedBy(e, BodyTooLargeError)) return w.tooLarge(what);
  if (e instanceof OpenAI.APIError && typeof e.status === 'number') {
    if (e.status === 401) return w.auth;
    if (e.status === 403) return w.forbidden;
    if (e.status === 404) return w.notFound(settings.model);
    if (e.status === 429) return w.rateLimit;
    if (e.status >= 500) return w.server(e.status);
    return w.badRequest(e.status, shortMessage(e));
  }
  if (e instanceof OpenAI.APIConnectionError) return w.network(shortMessage(e));
  // Anything else thrown while reading the answer (JSON of a chunk, SSE framing) is an unreadable answer.
  return w.malformed(what);
}

function shortMessage(e: Error): string {
  const cause = (e as { cause?: { message?: string } }).cause?.message;
  const msg = (e.message || cause || 'error').replace(/\s+/g, ' ');
  return msg.length > 160 ? `${msg.slice(0, 157)}…` : msg;
}
