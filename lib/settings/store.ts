// Loads and saves the settings through a tiny key-value interface: the extension passes its local
// storage area, tests a Map. Loading migrates, and writes the migrated layout back once.
import type { PublicSettings } from '../messages';
import { migrateSettings } from './migrate';
import { applyPatch, publicView } from './patch';
import { SETTINGS_VERSION, type Settings } from './types';

export interface KeyValue {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export const SETTINGS_KEY = 'settings';

export interface SettingsStore {
  load(): Promise<Settings>;
  /** Validates and saves a patch (throws SettingsError, nothing saved); returns the public view. */
  update(patch: unknown): Promise<PublicSettings>;
}

export function createSettingsStore(kv: KeyValue): SettingsStore {
  // Updates are serialised so two quick saves from the options page cannot lose one another.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function load(): Promise<Settings> {
    const stored = await kv.get(SETTINGS_KEY);
    const settings = migrateSettings(stored);
    const storedVersion = (stored as { version?: unknown } | null | undefined)?.version;
    if (stored != null && storedVersion !== SETTINGS_VERSION && !(typeof storedVersion === 'number' && storedVersion > SETTINGS_VERSION)) {
      await kv.set(SETTINGS_KEY, settings);
    }
    return settings;
  }

  return {
    load: () => serial(load),
    update: (patch) =>
      serial(async () => {
        const next = applyPatch(await load(), patch);
        await kv.set(SETTINGS_KEY, next);
        return publicView(next);
      }),
  };
}
