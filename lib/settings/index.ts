export { defaultSettings, SettingsError, SETTINGS_VERSION, type Settings, type AuthKind, type LanguageSetting, type SourceModeChoice } from './types';
export { migrateSettings, v1ToV2, normalizeV2, type SettingsV1 } from './migrate';
export { applyPatch, publicView, httpUrl } from './patch';
export { sellsyConnection, aiSettingsOf, type SellsyConnection } from './derive';
export { createSettingsStore, SETTINGS_KEY, type KeyValue, type SettingsStore } from './store';
