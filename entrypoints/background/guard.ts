// Who may talk to the background, and what a well-formed message looks like. The summary port is
// for our own content script in a Sellsy page, about records of that page's origin; settings and secrets-adjacent requests are for
// our own extension pages only. Anything else is ignored: no answer, no side effect.
import type { PageRef, PanelRequest, RequestType, RuntimeRequest } from '@/lib/messages';
import { isPageRef, isSellsyOrigin } from '@/lib/sellsy-web/detect';
import type { SenderLike } from './types';

export interface GuardContext {
  /** browser.runtime.id */
  runtimeId: string;
  /** The extension's own origin, e.g. "chrome-extension://abc" (browser.runtime.getURL('/') without the slash). */
  extensionOrigin: string;
  /** Local builds: loopback pages count as Sellsy pages. */
  allowLocal: boolean;
}

const REQUEST_TYPES: readonly RequestType[] = [
  'settings:get',
  'settings:set',
  'sellsy:test',
  'ai:test',
  'ai:last-sent',
  'cache:clear',
  'options:open',
  'sellsy:sign-in',
  'sellsy:sign-out',
  'sellsy:session',
];
/**
 * Requests a content script may send; every other one needs an extension page. Sign-in only opens
 * Sellsy's own window and answers whether it worked: the tokens never leave the background.
 */
const CONTENT_SCRIPT_REQUESTS: readonly RequestType[] = ['options:open', 'sellsy:sign-in'];
const MAX_LANGUAGE = 35;

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Our extension page (options), not a content script and not another extension. */
export function isOwnExtensionPage(sender: SenderLike | undefined, ctx: GuardContext): boolean {
  if (!sender || sender.id !== ctx.runtimeId) return false;
  // Compared as text: URL.origin of a chrome-extension:// or moz-extension:// URL is "null" in some engines.
  return !!sender.url && sender.url.startsWith(`${ctx.extensionOrigin}/`) && !sender.tab?.url?.startsWith('http');
}

/**
 * The Sellsy origin our content script runs in (top frame of a tab), or null when the sender is anything
 * else. Any page of the site, not only a record: the sender's URL is the one the document was loaded at
 * (Chromium does not follow history.pushState), and a rep who opens Sellsy's home and clicks a client is
 * on that client's record with a sender URL that is not one. Each request names its page and must be on
 * this origin (acceptPanelRequest).
 */
export function contentScriptOrigin(sender: SenderLike | undefined, ctx: GuardContext): { origin: string } | null {
  if (!sender || sender.id !== ctx.runtimeId || !sender.tab || typeof sender.tab.id !== 'number') return null;
  if (sender.frameId !== undefined && sender.frameId !== 0) return null; // the panel lives in the top frame only
  const url = sender.url ?? sender.tab.url;
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  return isSellsyOrigin(u, { allowLocal: ctx.allowLocal }) ? { origin: u.origin } : null;
}

/** A request from the options page (or, for options:open and sellsy:sign-in, from our content script) that we answer. */
export function acceptRuntimeRequest(message: unknown, sender: SenderLike | undefined, ctx: GuardContext): RuntimeRequest | null {
  if (!isPlainObject(message) || !REQUEST_TYPES.includes(message.type as RequestType)) return null;
  const payload = message.payload ?? {};
  if (!isPlainObject(payload)) return null;
  const type = message.type as RequestType;
  const allowed = isOwnExtensionPage(sender, ctx) || (CONTENT_SCRIPT_REQUESTS.includes(type) && contentScriptOrigin(sender, ctx) !== null);
  if (!allowed) return null;
  return { type, payload } as RuntimeRequest;
}

const PANEL_TYPES = ['open', 'refresh', 'retry-texts', 'peek', 'prepare', 'share-preview', 'share'] as const;
const PREVIEW_ID = /^[A-Za-z0-9]{8,64}$/;
const GENERATED_AT = /^\d{4}-\d{2}-\d{2}T[\d:.]{5,15}(Z|[+-]\d{2}:\d{2})$/;

/** A panel request we act on: well formed, and about a page on the same origin as the sender's. */
export function acceptPanelRequest(message: unknown, sender: { origin: string }, ctx: GuardContext): PanelRequest | null {
  if (!isPlainObject(message)) return null;
  const { type, page, language } = message;
  if (!(PANEL_TYPES as readonly unknown[]).includes(type)) return null;
  if (!isPageRef(page, { allowLocal: ctx.allowLocal })) return null;
  // A single-page app may have moved on since the port opened; its origin cannot have.
  if (page.origin !== sender.origin) return null;
  if (language !== undefined && (typeof language !== 'string' || language.length > MAX_LANGUAGE)) return null;
  const clean: PageRef = { thirdType: page.thirdType, id: page.id, origin: page.origin };
  if (type === 'share-preview') {
    const { generatedAt } = message;
    return typeof generatedAt === 'string' && GENERATED_AT.test(generatedAt) ? { type, page: clean, generatedAt } : null;
  }
  if (type === 'share') {
    const { previewId } = message;
    return typeof previewId === 'string' && PREVIEW_ID.test(previewId) ? { type, page: clean, previewId } : null;
  }
  if (type === 'retry-texts' || type === 'peek') return { type, page: clean };
  return language === undefined
    ? { type: type as 'open' | 'refresh' | 'prepare', page: clean }
    : { type: type as 'open' | 'refresh' | 'prepare', page: clean, language };
}
