// Loads and saves the settings through a tiny key-value interface: the extension passes its local
// storage area, tests a Map. Loading migrates, and writes the migrated layout back once. Company presets
// (managed storage, read afresh each time so a new policy applies at once) go over the rep's values on
// the way out and are never written into them: removing a policy brings the rep's own values back.
import type { PublicSettings } from '../messages';
import { migrateSettings } from './migrate';
import { applyPatch, publicView } from './patch';
import { checkPatchAgainstPresets, NO_PRESETS, type Presets, readPresets, withPresets } from './presets';
import { SETTINGS_VERSION, type Settings } from './types';

export interface KeyValue {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export const SETTINGS_KEY = 'settings';

export interface SettingsStore {
  /** The settings in effect: the rep's, with the company's presets over them. */
  load(): Promise<Settings>;
  /** What the options page may see: no secret, and which fields are preset. */
  view(): Promise<PublicSettings>;
  /** Validates and saves a patch (throws SettingsError, nothing saved; also when it touches a preset); returns the public view. */
  update(patch: unknown): Promise<PublicSettings>;
}

export interface SettingsStoreOptions {
  /** storage.managed.get(): the administrator's presets. A failure (no managed storage at all) means none. */
  managed?: () => Promise<unknown>;
  /** Told about managed keys that were ignored (unknown or invalid). */
  onWarning?: (message: string) => void;
}

export function createSettingsStore(kv: KeyValue, opts: SettingsStoreOptions = {}): SettingsStore {
  // Updates are serialised so two quick saves from the options page cannot lose one another.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function loadOwn(): Promise<Settings> {
    const stored = await kv.get(SETTINGS_KEY);
    const settings = migrateSettings(stored);
    const storedVersion = (stored as { version?: unknown } | null | undefined)?.version;
    if (stored != null && storedVersion !== SETTINGS_VERSION && !(typeof storedVersion === 'number' && storedVersion > SETTINGS_VERSION)) {
      await kv.set(SETTINGS_KEY, settings);
    }
    return settings;
  }

  let warned = '';
  async function presets(): Promise<Presets> {
    if (!opts.managed) return NO_PRESETS;
    let raw: unknown;
    try {
      raw = await opts.managed();
    } catch {
      return NO_PRESETS; // Firefox without a policies.json entry throws; Chrome answers {}
    }
    const p = readPresets(raw);
    const note = p.ignored.join(', ');
    if (note && note !== warned) opts.onWarning?.(`company presets ignored (unknown or invalid): ${note}`);
    warned = note;
    return p;
  }

  return {
    load: () => serial(async () => withPresets(await loadOwn(), await presets())),
    view: () =>
      serial(async () => {
        const p = await presets();
        return publicView(withPresets(await loadOwn(), p), p.fields);
      }),
    update: (patch) =>
      serial(async () => {
        const p = await presets();
        checkPatchAgainstPresets(patch, p);
        const next = applyPatch(await loadOwn(), patch);
        await kv.set(SETTINGS_KEY, next);
        return publicView(withPresets(next, p), p.fields);
      }),
  };
}
