// The one message contract between the content script / extension pages and the background.
// Only plain data crosses it (structured clone): no class instances, no functions, never a token.
import type { LoadProgress } from './client-data';
import type { Summary } from './summary/types';

/** What the URL detector (lib/sellsy-web/detect.ts) makes of a Sellsy web-app page. */
export interface PageRef {
  /** The record type the URL names; a `/thirds/client/{id}` may be a company or an individual. */
  thirdType: 'client' | 'prospect' | 'supplier' | 'people';
  id: number;
  /** The page's origin, so local builds can talk to the local Sellsy of that origin. */
  origin: string;
}

// ---- content script / panel → background, over a long-lived port named SUMMARY_PORT ----
export const SUMMARY_PORT = 'resume-summary';
export type PanelRequest =
  | { type: 'open'; page: PageRef; language?: string }
  | { type: 'refresh'; page: PageRef; language?: string }
  | { type: 'retry-texts'; page: PageRef }
  /** Sent when a record page shows with the panel closed, so a click can paint a cached summary at once. */
  | { type: 'peek'; page: PageRef };

/**
 * What the background answers on the port (lib/summary/service.ts, carried by entrypoints/background/summary-port.ts), per request:
 * - `peek` → one `summary` phase 'cached' when the page's summary is cached, else `no-cache`; it never
 *   computes, never calls the API and never answers `no-credentials` (the panel is closed);
 * - no credentials configured → `no-credentials` only;
 * - `open` with a cached summary → one `summary` phase 'cached' (requests 0), no computation; when that
 *   summary is older than 10 minutes, one request per collection (lib/sellsy/latest-change.ts) and, if
 *   the client has a newer document or activity, the same summary again with `stale` true;
 * - otherwise (`open` without cache, `refresh`, `retry-texts`): `progress`*, `summary` 'figures',
 *   `interactions-delta`* (only with an LLM; each is the new text to append), then `summary` 'texts'
 *   (always, also without an LLM: the rules' texts are then final), or `not-client` for a prospect/supplier;
 * - a load refused by the background's limits (lib/summary/load-limits.ts: this client computed less than
 *   10 s ago, too many loads in this tab or too many LLM texts for this client in the last minute) → `wait`
 *   only, nothing computed (keptCached: a summary of that client is on screen or cached);
 * - a failure → `error` (scope 'load' before the figures, 'texts' after them); nothing partial is cached;
 *   an `error` scope 'load' with keptCached true may also follow a shown summary when the cache write failed.
 * A newer request on the same port silences the older run.
 */
export type PanelEvent =
  | { type: 'no-credentials' }
  | { type: 'no-cache' }
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'summary'; summary: Summary; phase: 'figures' | 'texts' | 'cached'; savedAt: string; stale: boolean; requests: number }
  | { type: 'interactions-delta'; text: string }
  | { type: 'not-client'; thirdType: 'prospect' | 'supplier'; name: string; language: string }
  | { type: 'error'; scope: 'load' | 'texts'; message: string; keptCached: boolean }
  | { type: 'wait'; reason: WaitReason; retryInMs: number; keptCached: boolean };

/** Which of the background's limits refused a load: the client's, the tab's, or the LLM's for that client. */
export type WaitReason = 'client' | 'tab' | 'llm';

// ---- background → content script (tabs.sendMessage) ----
export type TabMessage = { type: 'toggle-panel' } | { type: 'open-panel' };

// ---- extension pages (options) → background (runtime.sendMessage), request → response ----
export interface PublicSettings {
  sellsy: { apiUrl: string; tokenUrl: string; authKind: 'client-credentials' | 'token'; clientId: string; hasSecret: boolean; hasToken: boolean };
  ai: { enabled: boolean; baseURL: string; model: string; hasKey: boolean; redact: boolean };
  language: 'auto' | 'fr' | 'en';
  sourceMode: 'auto' | 'invoicing' | 'sales';
}
export interface SettingsPatch {
  sellsy?: Partial<{
    apiUrl: string;
    tokenUrl: string;
    authKind: 'client-credentials' | 'token';
    clientId: string;
    clientSecret: string;
    accessToken: string;
  }>;
  ai?: Partial<{ enabled: boolean; baseURL: string; model: string; apiKey: string; redact: boolean }>;
  language?: 'auto' | 'fr' | 'en';
  sourceMode?: 'auto' | 'invoicing' | 'sales';
}
export interface RequestMap {
  'settings:get': { req: Record<string, never>; res: PublicSettings };
  'settings:set': { req: SettingsPatch; res: PublicSettings };
  'sellsy:test': {
    req: Record<string, never>;
    res: { ok: true; accountName: string; userName: string; licences: string[]; sourceMode: 'invoicing' | 'sales' } | { ok: false; message: string };
  };
  'ai:test': { req: Record<string, never>; res: { ok: true; model: string } | { ok: false; message: string } };
  'ai:last-sent': { req: Record<string, never>; res: { at: string; messages: { role: string; content: string }[]; tokens: number } | null };
  'cache:clear': { req: Record<string, never>; res: { ok: true } };
  /** From the panel (a content script cannot open the options page itself). */
  'options:open': { req: Record<string, never>; res: { ok: true } };
}
export type RequestType = keyof RequestMap;
export type RuntimeRequest = { [K in RequestType]: { type: K; payload: RequestMap[K]['req'] } }[RequestType];
export type RuntimeResponse<K extends RequestType> = RequestMap[K]['res'] | { error: string };
