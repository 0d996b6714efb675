// Answers to the options page's requests (RequestMap in lib/messages.ts). Secrets go in through
// settings:set and never come back out: every answer about settings is the public view, and a sign-in
// answers whether tokens are kept, never the tokens.

import type { AiSettings } from '@/lib/ai/settings';
import type { RequestMap, RequestType, RuntimeRequest, SignInState } from '@/lib/messages';
import type { SellsyApi } from '@/lib/sellsy/api';
import { SellsyError } from '@/lib/sellsy/errors';
import { OAUTH_CONTEXT } from '@/lib/sellsy/oauth';
import type { LaunchAuthFlow, SignInSession } from '@/lib/sellsy/session';
import { hostPermissionToDrop } from '@/lib/settings/ai-host';
import { aiSettingsOf, type SellsyConnection, sellsyConnection, signInApp, signInConnection } from '@/lib/settings/derive';
import type { SettingsStore } from '@/lib/settings/store';
import type { Settings } from '@/lib/settings/types';
import { resolveLanguage } from '@/lib/summary/language';
import { backgroundWords } from '@/lib/words/background';
import type { AccountMap } from './accounts';
import { testSellsy } from './sellsy-test';

export type LastSent = RequestMap['ai:last-sent']['res'];
type Answer = RequestMap[RequestType]['res'] | { error: string };

/** The slice of browser.permissions the background uses. */
export interface HostPermissions {
  remove(origins: string[]): Promise<boolean>;
}

export interface RequestDeps {
  settings: SettingsStore;
  /** Gives back the LLM host's access when AI is turned off or moves to another host. */
  permissions: HostPermissions;
  makeApi(conn: SellsyConnection): SellsyApi;
  accounts: AccountMap;
  testAi(ai: AiSettings, language: string): Promise<RequestMap['ai:test']['res']>;
  lastSent(): Promise<LastSent> | LastSent;
  clearCache(): Promise<void>;
  openOptions(): Promise<void>;
  browserLanguage(): string;
  /** The signed-in rep's tokens (one per background, shared with the API clients). */
  session: SignInSession;
  /** browser.identity.launchWebAuthFlow({ url, interactive: true }) and getRedirectURL(). */
  launchAuthFlow: LaunchAuthFlow;
  redirectUri(): string;
}

type SignInAnswer = RequestMap['sellsy:sign-in']['res'];

function reasonOf(e: unknown): Extract<SignInAnswer, { ok: false }>['reason'] {
  const context = e instanceof SellsyError ? e.context : null;
  if (context === OAUTH_CONTEXT.denied) return 'denied';
  if (context === OAUTH_CONTEXT.cancelled) return 'cancelled';
  return 'failed';
}

export function createRequestHandler(deps: RequestDeps) {
  const words = (s: Settings) => backgroundWords(resolveLanguage(s.language, null, deps.browserLanguage()));
  const stateOf = (s: Settings): Promise<SignInState> => deps.session.status(signInApp(s));

  async function signIn(): Promise<SignInAnswer> {
    const s = await deps.settings.load();
    const app = signInApp(s);
    const conn = signInConnection(s);
    if (!app || !conn) {
      const message = words(s).signInAppMissing;
      return { ok: false, reason: 'not-configured', message, state: await stateOf(s) };
    }
    try {
      await deps.session.signIn(app, { redirectUri: deps.redirectUri(), launch: deps.launchAuthFlow });
    } catch (e) {
      return { ok: false, reason: reasonOf(e), message: e instanceof Error ? e.message : String(e), state: await stateOf(s) };
    }
    // Another rep may have signed in with the same app: the cache key's account is learnt afresh.
    await deps.accounts.forget(conn);
    const { result, accountId } = await testSellsy(deps.makeApi(conn), s.sourceMode);
    if (accountId) await deps.accounts.set(conn, accountId);
    return { ok: true, state: await stateOf(s), test: result };
  }

  return async function handle(request: RuntimeRequest): Promise<Answer> {
    try {
      switch (request.type) {
        case 'settings:get':
          return await deps.settings.view();
        case 'settings:set': {
          const before = (await deps.settings.load()).ai;
          const view = await deps.settings.update(request.payload);
          const drop = hostPermissionToDrop(before, view.ai);
          // A host the manifest requires (Sellsy's, loopback in local builds) cannot be removed: that refusal is fine.
          if (drop)
            await Promise.resolve([drop])
              .then((origins) => deps.permissions.remove(origins))
              .catch(() => false);
          return view;
        }
        case 'sellsy:test': {
          const s = await deps.settings.load();
          const conn = sellsyConnection(s);
          if (!conn) {
            return { ok: false, message: words(s).noCredentialsSaved };
          }
          const { result, accountId } = await testSellsy(deps.makeApi(conn), s.sourceMode);
          if (accountId) await deps.accounts.set(conn, accountId);
          return result;
        }
        case 'ai:test': {
          const s = await deps.settings.load();
          return await deps.testAi(aiSettingsOf(s), resolveLanguage(s.language, null, deps.browserLanguage()));
        }
        case 'ai:last-sent':
          return await deps.lastSent();
        case 'cache:clear':
          await deps.clearCache();
          return { ok: true };
        case 'options:open':
          await deps.openOptions();
          return { ok: true };
        case 'sellsy:sign-in':
          return await signIn();
        case 'sellsy:sign-out': {
          await deps.session.signOut();
          const s = await deps.settings.load();
          const conn = signInConnection(s);
          if (conn) await deps.accounts.forget(conn);
          return { ok: true, state: await stateOf(s) };
        }
        case 'sellsy:session':
          return await stateOf(await deps.settings.load());
      }
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
    return { error: 'unknown request' };
  };
}
