// The setting "prepare the summary when I open a client page": off by default, kept through migrations,
// checked when patched, and shown to the options page.
import { describe, expect, it } from 'vitest';
import { migrateSettings } from '@/lib/settings/migrate';
import { applyPatch, publicView } from '@/lib/settings/patch';
import { defaultSettings, SettingsError } from '@/lib/settings/types';

describe('prepareOnOpen', () => {
  it('is off by default, and for settings saved before it existed', () => {
    expect(defaultSettings().prepareOnOpen).toBe(false);
    expect(migrateSettings({ version: 2, sellsy: { clientId: 'c' }, language: 'fr' }).prepareOnOpen).toBe(false);
    expect(migrateSettings({ sellsyClientId: 'c' }).prepareOnOpen).toBe(false);
    expect(migrateSettings({ version: 2, prepareOnOpen: 'yes' }).prepareOnOpen).toBe(false);
  });

  it('a saved choice survives a migration and reaches the options page', () => {
    const on = applyPatch(defaultSettings(), { prepareOnOpen: true });
    expect(on.prepareOnOpen).toBe(true);
    expect(migrateSettings(structuredClone(on)).prepareOnOpen).toBe(true);
    expect(publicView(on).prepareOnOpen).toBe(true);
    expect(applyPatch(on, { prepareOnOpen: false }).prepareOnOpen).toBe(false);
    expect(applyPatch(on, { language: 'en' }).prepareOnOpen).toBe(true);
  });

  it('anything but true or false is refused', () => {
    for (const v of ['yes', 1, null, {}]) expect(() => applyPatch(defaultSettings(), { prepareOnOpen: v })).toThrow(SettingsError);
  });
});
