// The options page's state as signals, over the background's request/response messages. No browser API
// here: main.tsx hands in `send` (runtime.sendMessage) and `requestOrigin` (permissions.request), so
// unit tests drive the page with stubs.
import { computed, signal } from '@preact/signals';
import type { PresetFieldName, PublicSettings, RequestMap, RequestType, RuntimeResponse, SettingsPatch, SignInState } from '@/lib/messages';
import { originPattern } from '@/lib/settings/ai-host';
import { resolveLanguage } from '@/lib/summary/language';
import { optionsWords } from '@/lib/words/options';

export { originPattern };

export type Send = <K extends RequestType>(type: K, payload: RequestMap[K]['req']) => Promise<RuntimeResponse<K> | undefined>;

export interface OptionsDeps {
  send: Send;
  /** Asks the browser for access to an origin pattern; must be called straight from a click. */
  requestOrigin(pattern: string): Promise<boolean>;
  browserLanguage: string;
}

export type TestState<R> = { state: 'idle' } | { state: 'running' } | { state: 'done'; result: R };
type SellsyResult = RequestMap['sellsy:test']['res'];
type AiResult = RequestMap['ai:test']['res'];
type LastSent = RequestMap['ai:last-sent']['res'];
export type SignInUi =
  | { state: 'idle' | 'running' }
  | { state: 'failed'; reason: 'not-configured' | 'denied' | 'cancelled' | 'failed'; message: string };

export function createOptionsModel(deps: OptionsDeps) {
  const settings = signal<PublicSettings | null>(null);
  const loadError = signal<string | null>(null);
  // The summaries' rule without a Sellsy user: the setting, else the browser's language.
  const lang = computed(() => resolveLanguage(settings.value?.language, null, deps.browserLanguage));
  const s = computed(() => optionsWords(lang.value));
  const sellsyTest = signal<TestState<SellsyResult>>({ state: 'idle' });
  const aiTest = signal<TestState<AiResult>>({ state: 'idle' });
  const lastSent = signal<TestState<LastSent>>({ state: 'idle' });
  const cache = signal<'idle' | 'clearing' | 'cleared' | { error: string }>('idle');
  /** Whether tokens for the configured app are kept (the background never sends the tokens). */
  const session = signal<SignInState>({ signedIn: false, signedInAt: null });
  const signIn = signal<SignInUi>({ state: 'idle' });
  const isPreset = (field: PresetFieldName) => settings.value?.presets.includes(field) ?? false;

  async function call<K extends RequestType>(type: K, payload: RequestMap[K]['req']): Promise<RequestMap[K]['res']> {
    let res: RuntimeResponse<K> | undefined;
    try {
      res = await deps.send(type, payload);
    } catch (e) {
      throw new Error(e instanceof Error ? e.message : String(e));
    }
    // No answer at all: the background ignored us or is gone. Only ai:last-sent may answer null.
    if (res === undefined || (res === null && type !== 'ai:last-sent')) throw new Error(s.value.noAnswer);
    if (res && typeof res === 'object' && 'error' in res && typeof (res as { error: unknown }).error === 'string') {
      throw new Error((res as { error: string }).error);
    }
    return res as RequestMap[K]['res'];
  }

  /** Saves a patch; returns an error message, or null when saved. */
  async function save(patch: SettingsPatch): Promise<string | null> {
    try {
      settings.value = await call('settings:set', patch);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  return {
    settings,
    loadError,
    lang,
    s,
    sellsyTest,
    aiTest,
    lastSent,
    cache,
    session,
    signIn,
    isPreset,
    async load(): Promise<void> {
      try {
        settings.value = await call('settings:get', {});
        loadError.value = null;
      } catch (e) {
        loadError.value = (e as Error).message;
        return;
      }
      try {
        session.value = await call('sellsy:session', {});
      } catch {
        // The page still works; the sign-in block says "not signed in".
      }
    },
    /** Saves what was typed (sign-in chosen), then the background opens Sellsy's window; resolves once it closed. */
    async signInWithSellsy(pending: SettingsPatch): Promise<void> {
      signIn.value = { state: 'running' };
      const error = await save(pending);
      if (error) {
        signIn.value = { state: 'failed', reason: 'failed', message: error };
        return;
      }
      try {
        const answer = await call('sellsy:sign-in', {});
        session.value = answer.state;
        if (answer.ok) {
          signIn.value = { state: 'idle' };
          sellsyTest.value = { state: 'done', result: answer.test };
        } else signIn.value = { state: 'failed', reason: answer.reason, message: answer.message };
      } catch (e) {
        signIn.value = { state: 'failed', reason: 'failed', message: (e as Error).message };
      }
    },
    async signOut(): Promise<void> {
      try {
        session.value = (await call('sellsy:sign-out', {})).state;
        signIn.value = { state: 'idle' };
        sellsyTest.value = { state: 'idle' };
      } catch (e) {
        signIn.value = { state: 'failed', reason: 'failed', message: (e as Error).message };
      }
    },
    save,
    /** Saves the AI section, asking first (inside the click) for access to the service's host. */
    async saveAi(patch: NonNullable<SettingsPatch['ai']>): Promise<{ error: string | null; permission: boolean }> {
      const baseURL = patch.baseURL ?? settings.value?.ai.baseURL ?? '';
      const enabled = patch.enabled ?? settings.value?.ai.enabled ?? false;
      const pattern = enabled ? originPattern(baseURL) : null;
      const granted = pattern ? deps.requestOrigin(pattern).catch(() => false) : Promise.resolve(true);
      const error = await save({ ai: patch });
      return { error, permission: await granted };
    },
    async testSellsy(pending?: SettingsPatch): Promise<void> {
      sellsyTest.value = { state: 'running' };
      if (pending) {
        const error = await save(pending);
        if (error) {
          sellsyTest.value = { state: 'done', result: { ok: false, message: error } };
          return;
        }
      }
      try {
        sellsyTest.value = { state: 'done', result: await call('sellsy:test', {}) };
      } catch (e) {
        sellsyTest.value = { state: 'done', result: { ok: false, message: (e as Error).message } };
      }
    },
    async testAi(): Promise<void> {
      aiTest.value = { state: 'running' };
      try {
        aiTest.value = { state: 'done', result: await call('ai:test', {}) };
      } catch (e) {
        aiTest.value = { state: 'done', result: { ok: false, message: (e as Error).message } };
      }
    },
    async showLastSent(): Promise<void> {
      lastSent.value = { state: 'running' };
      try {
        lastSent.value = { state: 'done', result: await call('ai:last-sent', {}) };
      } catch {
        lastSent.value = { state: 'done', result: null };
      }
    },
    async clearCache(): Promise<void> {
      cache.value = 'clearing';
      try {
        await call('cache:clear', {});
        cache.value = 'cleared';
      } catch (e) {
        cache.value = { error: (e as Error).message };
      }
    },
  };
}

export type OptionsModel = ReturnType<typeof createOptionsModel>;
