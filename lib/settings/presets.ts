// Company presets: what an administrator sets for every rep through the browser's managed storage
// (a Chrome policy, Firefox's policies.json "3rdparty"; the keys are public/managed-schema.json's). Pure
// functions: the background hands in whatever storage.managed.get() gave. A preset wins over the
// rep's own value and cannot be changed from the options page; a malformed preset is ignored (and
// named), so a typo in a policy never stops the extension.
import { httpUrl } from './patch';
import { type Settings, SettingsError } from './types';

/** Managed-storage key → the setting it fixes. */
export const PRESET_KEYS = {
  sellsyAppClientId: 'sellsy.appClientId',
  sellsyAppClientSecret: 'sellsy.appClientSecret',
  sellsyApiUrl: 'sellsy.apiUrl',
  sellsyTokenUrl: 'sellsy.tokenUrl',
  sellsyAuthorizationUrl: 'sellsy.authorizationUrl',
  aiBaseUrl: 'ai.baseURL',
  aiModel: 'ai.model',
} as const;

export type PresetKey = keyof typeof PRESET_KEYS;
export type PresetField = (typeof PRESET_KEYS)[PresetKey];

/** The setting's name in an error message (never its value: the app secret may be preset). */
const LABELS: Record<PresetField, string> = {
  'sellsy.appClientId': 'The Sellsy app’s client id',
  'sellsy.appClientSecret': 'The Sellsy app’s client secret',
  'sellsy.apiUrl': 'The Sellsy API URL',
  'sellsy.tokenUrl': 'The Sellsy token URL',
  'sellsy.authorizationUrl': 'The Sellsy authorization URL',
  'ai.baseURL': 'The AI service URL',
  'ai.model': 'The AI model',
};

export interface Presets {
  values: Partial<Record<PresetField, string>>;
  /** The preset fields, in PRESET_KEYS order. */
  fields: PresetField[];
  /** Managed keys left out: unknown, or a value that is not valid (for the background's log). */
  ignored: string[];
}

export const NO_PRESETS: Presets = { values: {}, fields: [], ignored: [] };

const isUrlField = (f: PresetField) => f.endsWith('Url') || f === 'ai.baseURL';

/** Reads storage.managed's answer; anything unusable is ignored, never thrown. */
export function readPresets(managed: unknown): Presets {
  if (!managed || typeof managed !== 'object' || Array.isArray(managed)) return NO_PRESETS;
  const raw = managed as Record<string, unknown>;
  const values: Presets['values'] = {};
  const ignored: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!(key in PRESET_KEYS)) ignored.push(key);
  }
  for (const [key, field] of Object.entries(PRESET_KEYS) as [PresetKey, PresetField][]) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' || v.trim() === '' || v.length > 4096) {
      ignored.push(key);
      continue;
    }
    try {
      values[field] = isUrlField(field) ? httpUrl(v, LABELS[field]) : v.trim();
    } catch {
      ignored.push(key);
    }
  }
  const fields = (Object.values(PRESET_KEYS) as PresetField[]).filter((f) => values[f] !== undefined);
  return { values, fields, ignored };
}

/** The rep's settings with the presets over them. */
export function withPresets(user: Settings, presets: Presets): Settings {
  if (presets.fields.length === 0) return user;
  const next: Settings = structuredClone(user);
  for (const field of presets.fields) {
    const [section, name] = field.split('.') as ['sellsy' | 'ai', string];
    (next[section] as Record<string, unknown>)[name] = presets.values[field];
  }
  return next;
}

/** Refuses a patch that sets a preset field at all (same value or not): the options page leaves them out. */
export function checkPatchAgainstPresets(patch: unknown, presets: Presets): void {
  if (!patch || typeof patch !== 'object') return;
  for (const field of presets.fields) {
    const [section, name] = field.split('.') as [string, string];
    const part = (patch as Record<string, unknown>)[section];
    if (part && typeof part === 'object' && (part as Record<string, unknown>)[name] !== undefined) {
      throw new SettingsError(`${LABELS[field]} is set by your company and cannot be changed here`);
    }
  }
}
