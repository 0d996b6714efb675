export { aiSettingsOf, type SellsyConnection, sellsyConnection, signInApp, signInConnection } from './derive';
export { migrateSettings, normalizeV2, type SettingsV1, v1ToV2 } from './migrate';
export { applyPatch, httpUrl, publicView } from './patch';
export {
  checkPatchAgainstPresets,
  NO_PRESETS,
  PRESET_KEYS,
  type PresetField,
  type PresetKey,
  type Presets,
  readPresets,
  withPresets,
} from './presets';
export { createSettingsStore, type KeyValue, SETTINGS_KEY, type SettingsStore, type SettingsStoreOptions } from './store';
export {
  AUTH_KINDS,
  type AuthKind,
  defaultSettings,
  type LanguageSetting,
  SETTINGS_VERSION,
  type Settings,
  SettingsError,
  type SourceModeChoice,
} from './types';
