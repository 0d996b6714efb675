// The one message contract between the content script / extension pages and the background.
// Only plain data crosses it (structured clone): no class instances, no functions, never a token.
import type { LoadProgress } from './client/progress';
import type { SummaryChanges } from './summary/changes';
import type { SharedView } from './summary/shared-summary';
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
  | { type: 'peek'; page: PageRef }
  /**
   * What the content script sends instead of `peek`: a peek, and with the setting "prepare the summary when I
   * open a client page" on, phase 1 of a summary (no more requests than that) ready for the click.
   */
  | { type: 'prepare'; page: PageRef; language?: string }
  /** The exact comment sharing the summary shown (its generatedAt) would post; nothing is posted. */
  | { type: 'share-preview'; page: PageRef; generatedAt: string }
  /** Posts the comment of that preview, as previewed, once. */
  | { type: 'share'; page: PageRef; previewId: string };

/**
 * Which phase of lib/summary/build.ts a summary comes from: 'lists' (every figure but the top products) and
 * 'details' (the top products filling in) are partial (`summary.partial` says how far); 'figures' is complete
 * with the rules' texts, 'texts' is final; 'cached' is the saved one (partial too when it was saved so).
 */
export type SummaryPhase = 'lists' | 'details' | 'figures' | 'texts' | 'cached';

/**
 * What the background answers on the port (lib/summary/service.ts, carried by entrypoints/background/summary-port.ts), per request:
 * - `peek` → one `summary` phase 'cached' when the page's summary is cached, else `no-cache`; it never
 *   computes, never calls the API and never answers `no-credentials` (the panel is closed);
 * - `prepare` → as `peek` with the setting off, or when the cached summary is complete; with it on,
 *   `progress`* then one `summary` ('lists' when partial, 'figures' when the cache held every detail), or
 *   `no-cache` when it could not be prepared (the panel is closed: nothing alarming). It never reads a
 *   detail; the next `open` of that page goes on from it. Closing the port cancels it;
 * - no credentials configured → `no-credentials` only;
 * - Sign in with Sellsy without a usable sign-in (never signed in, signed out, or the renewal refused:
 *   invalid_grant) → `signed-out`, with keptCached true when a cached summary was shown first (it stays);
 *   the panel offers Sign in (request `sellsy:sign-in`), then asks again;
 * - `open` with a cached summary → one `summary` phase 'cached' (requests 0), no computation; when that
 *   summary is older than 10 minutes, one request per collection (lib/sellsy/latest-change.ts) and, if
 *   the client has a newer document or activity, the same summary again with `stale` true;
 * - `open` with a cached summary that is partial → that one ('cached'), then as below;
 * - otherwise (`open` without cache, `refresh`, `retry-texts`): `progress`*, `summary` 'lists' then
 *   'details'* when details are to be read (each partial), `summary` 'figures', `interactions-delta`* (only
 *   with an LLM; each is the new text to append), then `summary` 'texts' (always, also without an LLM: the
 *   rules' texts are then final), or `not-client` for a prospect/supplier;
 * - a failure → `error` (scope 'load' before the complete figures, 'texts' after them). A partial summary is
 *   cached (marked so) only where no complete one is, to be shown and completed on the next open;
 *   an `error` scope 'load' with keptCached true may also follow a shown summary when the cache write failed.
 * - a load refused by the background's limits (lib/summary/load-limits.ts: this client computed less than
 *   10 s ago, too many loads in this tab or too many LLM texts for this client in the last minute) → `wait`
 *   only, nothing computed (keptCached: a summary of that client is on screen or cached);
 * - with a summary on screen (figures or cached), `changes` when this user saw an earlier summary of the
 *   client, then `shared` after one small request (the client's newest comments): the newest summary a
 *   colleague shared, or null; a computed summary may then take its texts (no LLM call);
 * - `share-preview` → one `share` state 'preview' (the exact text) or 'failed'; `share` → 'posted' then
 *   `shared`, or 'failed' (nothing posted, or 'unknown' when Sellsy never answered and it cannot be told).
 * A newer summary request on the same port silences the older run; share requests run beside it.
 */
export type PanelEvent =
  | { type: 'no-credentials' }
  | { type: 'signed-out'; keptCached: boolean }
  | { type: 'no-cache' }
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'summary'; summary: Summary; phase: SummaryPhase; savedAt: string; stale: boolean; requests: number }
  | { type: 'interactions-delta'; text: string }
  | { type: 'not-client'; thirdType: 'prospect' | 'supplier'; name: string; language: string }
  | { type: 'error'; scope: 'load' | 'texts'; message: string; keptCached: boolean }
  | { type: 'changes'; changes: SummaryChanges }
  | { type: 'shared'; shared: SharedView | null }
  | ShareEvent
  | { type: 'wait'; reason: WaitReason; retryInMs: number; keptCached: boolean };

/** Which of the background's limits refused a load: the client's, the tab's, or the LLM's for that client. */
export type WaitReason = 'client' | 'tab' | 'llm';

export type ShareFailure = 'not-saved' | 'expired' | 'no-credentials' | 'forbidden' | 'not-posted' | 'unknown';
export type ShareEvent =
  | { type: 'share'; state: 'preview'; previewId: string; text: string }
  | { type: 'share'; state: 'posted' }
  | { type: 'share'; state: 'failed'; reason: ShareFailure; detail: string };

// ---- background → content script (tabs.sendMessage) ----
export type TabMessage = { type: 'toggle-panel' } | { type: 'open-panel' };

// ---- extension pages (options) → background (runtime.sendMessage), request → response ----
export type SellsyAuthKind = 'sign-in' | 'client-credentials' | 'token';
/** A company preset (lib/settings/presets.ts): shown as set by the company, not editable. */
export type PresetFieldName =
  | 'sellsy.appClientId'
  | 'sellsy.appClientSecret'
  | 'sellsy.apiUrl'
  | 'sellsy.tokenUrl'
  | 'sellsy.authorizationUrl'
  | 'ai.baseURL'
  | 'ai.model';
export interface PublicSettings {
  sellsy: {
    apiUrl: string;
    tokenUrl: string;
    authorizationUrl: string;
    authKind: SellsyAuthKind;
    appClientId: string;
    hasAppSecret: boolean;
    clientId: string;
    hasSecret: boolean;
    hasToken: boolean;
  };
  ai: { enabled: boolean; baseURL: string; model: string; hasKey: boolean; redact: boolean };
  language: 'auto' | 'fr' | 'en';
  sourceMode: 'auto' | 'invoicing' | 'sales';
  /** Phase 1 of a summary starts when a client page opens (off by default). */
  prepareOnOpen: boolean;
  presets: PresetFieldName[];
}
export interface SettingsPatch {
  sellsy?: Partial<{
    apiUrl: string;
    tokenUrl: string;
    authorizationUrl: string;
    authKind: SellsyAuthKind;
    appClientId: string;
    appClientSecret: string;
    clientId: string;
    clientSecret: string;
    accessToken: string;
  }>;
  ai?: Partial<{ enabled: boolean; baseURL: string; model: string; apiKey: string; redact: boolean }>;
  language?: 'auto' | 'fr' | 'en';
  sourceMode?: 'auto' | 'invoicing' | 'sales';
  prepareOnOpen?: boolean;
}
/** Whether Sellsy's tokens for the configured app are kept (never the tokens themselves). */
export interface SignInState {
  signedIn: boolean;
  signedInAt: string | null;
}
export type SellsyTestResult =
  | { ok: true; accountName: string; userName: string; licences: string[]; sourceMode: 'invoicing' | 'sales' }
  | { ok: false; message: string };
export interface RequestMap {
  'settings:get': { req: Record<string, never>; res: PublicSettings };
  'settings:set': { req: SettingsPatch; res: PublicSettings };
  'sellsy:test': { req: Record<string, never>; res: SellsyTestResult };
  /**
   * Opens Sellsy's sign-in window (identity.launchWebAuthFlow) for the configured app; answers once it is
   * closed. From the options page or from our content script on a Sellsy page (the panel's Sign in).
   */
  'sellsy:sign-in': {
    req: Record<string, never>;
    res:
      | { ok: true; state: SignInState; test: SellsyTestResult }
      | { ok: false; reason: 'not-configured' | 'denied' | 'cancelled' | 'failed'; message: string; state: SignInState };
  };
  /** Forgets the tokens. */
  'sellsy:sign-out': { req: Record<string, never>; res: { ok: true; state: SignInState } };
  'sellsy:session': { req: Record<string, never>; res: SignInState };
  'ai:test': { req: Record<string, never>; res: { ok: true; model: string } | { ok: false; message: string } };
  'ai:last-sent': { req: Record<string, never>; res: { at: string; messages: { role: string; content: string }[]; tokens: number } | null };
  'cache:clear': { req: Record<string, never>; res: { ok: true } };
  /** From the panel (a content script cannot open the options page itself). */
  'options:open': { req: Record<string, never>; res: { ok: true } };
}
export type RequestType = keyof RequestMap;
export type RuntimeRequest = { [K in RequestType]: { type: K; payload: RequestMap[K]['req'] } }[RequestType];
export type RuntimeResponse<K extends RequestType> = RequestMap[K]['res'] | { error: string };
