export { aiSettingsOf, type SellsyConnection, sellsyConnection } from './derive';
export { migrateSettings, normalizeV2, type SettingsV1, v1ToV2 } from './migrate';
export { applyPatch, httpUrl, publicView } from './patch';
export { createSettingsStore, type KeyValue, SETTINGS_KEY, type SettingsStore } from './store';
export { type AuthKind, defaultSettings, type LanguageSetting, SETTINGS_VERSION, type Settings, SettingsError, type SourceModeChoice } from './types';
