// Answers to the options page's requests (RequestMap in lib/messages.ts). Secrets go in through
// settings:set and never come back out: every answer about settings is the public view.

import type { AiSettings } from '@/lib/ai/settings';
import type { RequestMap, RequestType, RuntimeRequest } from '@/lib/messages';
import type { SellsyApi } from '@/lib/sellsy/api';
import { hostPermissionToDrop } from '@/lib/settings/ai-host';
import { aiSettingsOf, type SellsyConnection, sellsyConnection } from '@/lib/settings/derive';
import { publicView } from '@/lib/settings/patch';
import type { SettingsStore } from '@/lib/settings/store';
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
}

export function createRequestHandler(deps: RequestDeps) {
  return async function handle(request: RuntimeRequest): Promise<Answer> {
    try {
      switch (request.type) {
        case 'settings:get':
          return publicView(await deps.settings.load());
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
            return { ok: false, message: backgroundWords(resolveLanguage(s.language, null, deps.browserLanguage())).noCredentialsSaved };
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
      }
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
    return { error: 'unknown request' };
  };
}
