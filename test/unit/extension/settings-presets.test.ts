// Sign in with Sellsy in the settings (the app, the kinds and their fallbacks) and company presets
// from managed storage: merged over the rep's values, shown as such, and refused in a patch.
import { describe, expect, it } from 'vitest';
import { SELLSY_AUTHORIZATION_URL } from '@/lib/sellsy/hosts';
import { sellsyConnection, signInApp } from '@/lib/settings/derive';
import { migrateSettings } from '@/lib/settings/migrate';
import { applyPatch, publicView } from '@/lib/settings/patch';
import { PRESET_KEYS, readPresets, withPresets } from '@/lib/settings/presets';
import { createSettingsStore, type KeyValue, SETTINGS_KEY } from '@/lib/settings/store';
import { defaultSettings, SettingsError } from '@/lib/settings/types';

function memoryKv(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(initial));
  const kv: KeyValue = {
    get: async (k) => structuredClone(data.get(k)),
    set: async (k, v) => {
      data.set(k, structuredClone(v));
    },
  };
  return { kv, data };
}

describe('Sign in with Sellsy settings', () => {
  it('is the default kind, with Sellsy’s authorization page; no app, no connection', () => {
    const d = defaultSettings();
    expect(d.sellsy).toMatchObject({ authKind: 'sign-in', authorizationUrl: SELLSY_AUTHORIZATION_URL, appClientId: '', appClientSecret: '' });
    expect(sellsyConnection(d)).toBeNull();
    expect(signInApp(d)).toBeNull();
  });

  it('an older v2 layout gets the new fields; a stored sign-in kind is kept', () => {
    const old = migrateSettings({ version: 2, sellsy: { authKind: 'client-credentials', clientId: 'c', clientSecret: 's' } });
    expect(old.sellsy).toMatchObject({ authKind: 'client-credentials', authorizationUrl: SELLSY_AUTHORIZATION_URL, appClientId: '' });
    expect(migrateSettings({ version: 2, sellsy: { authKind: 'sign-in', appClientId: 'app' } }).sellsy).toMatchObject({
      authKind: 'sign-in',
      appClientId: 'app',
    });
  });

  it('the app makes a sign-in connection; its secret is optional', () => {
    const s = applyPatch(defaultSettings(), {
      sellsy: { appClientId: ' company-app ', authorizationUrl: 'https://login.example/oauth2/authorization/' },
    });
    expect(sellsyConnection(s)).toEqual({
      apiUrl: s.sellsy.apiUrl,
      tokenUrl: s.sellsy.tokenUrl,
      auth: { kind: 'sign-in', clientId: 'company-app', clientSecret: '' },
    });
    expect(signInApp(s)).toEqual({
      authorizationUrl: 'https://login.example/oauth2/authorization',
      tokenUrl: s.sellsy.tokenUrl,
      clientId: 'company-app',
      clientSecret: '',
    });
    expect(() => applyPatch(s, { sellsy: { authorizationUrl: 'javascript:alert(1)' } })).toThrow(SettingsError);
  });

  it('a complete chosen kind wins; an incomplete one falls back to the app, and sign-in without an app to what is filled in', () => {
    const app = { appClientId: 'company-app' };
    const personal = { clientId: 'cid', clientSecret: 'sec' };
    const kindOf = (sellsy: Record<string, string>) => sellsyConnection(applyPatch(defaultSettings(), { sellsy }))?.auth.kind ?? null;
    expect(kindOf({ authKind: 'client-credentials', ...personal, ...app })).toBe('client-credentials');
    expect(kindOf({ authKind: 'client-credentials', ...app })).toBe('sign-in');
    expect(kindOf({ authKind: 'token', ...app })).toBe('sign-in');
    expect(kindOf({ authKind: 'token', accessToken: 'tok', ...app })).toBe('token');
    expect(kindOf({ authKind: 'sign-in', ...personal, ...app })).toBe('sign-in');
    expect(kindOf({ authKind: 'sign-in', ...personal })).toBe('client-credentials');
    expect(kindOf({ authKind: 'sign-in', accessToken: 'tok' })).toBe('token');
    expect(kindOf({ authKind: 'token', ...personal })).toBeNull();
  });

  it('the app’s secret never leaves in the public view', () => {
    const v = publicView(applyPatch(defaultSettings(), { sellsy: { appClientId: 'company-app', appClientSecret: 'APP-SECRET-9' } }));
    expect(v.sellsy).toMatchObject({ appClientId: 'company-app', hasAppSecret: true, authKind: 'sign-in' });
    expect(JSON.stringify(v)).not.toContain('APP-SECRET-9');
    expect(v.presets).toEqual([]);
  });
});

describe('readPresets', () => {
  it('maps each managed key to its setting; URLs are normalised', () => {
    const p = readPresets({
      sellsyAppClientId: ' company-app ',
      sellsyApiUrl: 'https://api.sellsy.com/v2/',
      sellsyTokenUrl: 'https://login.sellsy.com/oauth2/access-tokens',
      sellsyAuthorizationUrl: 'https://login.sellsy.com/oauth2/authorization',
      aiBaseUrl: 'https://llm.company.example/v1',
      aiModel: 'company-model',
    });
    expect(p.ignored).toEqual([]);
    expect(p.fields).toEqual(['sellsy.appClientId', 'sellsy.apiUrl', 'sellsy.tokenUrl', 'sellsy.authorizationUrl', 'ai.baseURL', 'ai.model']);
    expect(p.values['sellsy.appClientId']).toBe('company-app');
    expect(p.values['sellsy.apiUrl']).toBe('https://api.sellsy.com/v2');
  });

  it('ignores, and names, unknown keys and bad values; garbage is no preset at all', () => {
    const p = readPresets({
      sellsyApiUrl: 'javascript:alert(1)',
      aiModel: 42,
      sellsyAppClientId: '  ',
      somethingElse: 'x',
      aiBaseUrl: 'https://ok.example/v1',
    });
    expect(p.fields).toEqual(['ai.baseURL']);
    expect(p.ignored.sort()).toEqual(['aiModel', 'sellsyApiUrl', 'sellsyAppClientId', 'somethingElse']);
    for (const junk of [undefined, null, 'x', 3, ['sellsyApiUrl']]) expect(readPresets(junk).fields).toEqual([]);
  });

  it('every managed key is in the schema the manifest points to, and nothing else', async () => {
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync('public/managed-schema.json', 'utf8')) as { type: string; properties: Record<string, { type: string }> };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(PRESET_KEYS).sort());
    for (const p of Object.values(schema.properties)) expect(p.type).toBe('string');
  });
});

describe('a settings store with presets', () => {
  const POLICY = { sellsyAppClientId: 'company-app', sellsyApiUrl: 'https://sellsy.company.example/v2', aiModel: 'company-model' };

  it('loads the rep’s settings with the presets over them, and tells the options page which are preset', async () => {
    const { kv } = memoryKv({ [SETTINGS_KEY]: applyPatch(defaultSettings(), { sellsy: { appClientId: 'mine' }, ai: { model: 'my-model' } }) });
    const store = createSettingsStore(kv, { managed: async () => POLICY });
    const s = await store.load();
    expect(s.sellsy.appClientId).toBe('company-app');
    expect(s.sellsy.apiUrl).toBe('https://sellsy.company.example/v2');
    expect(s.ai.model).toBe('company-model');
    expect(sellsyConnection(s)?.auth).toEqual({ kind: 'sign-in', clientId: 'company-app', clientSecret: '' });
    const view = await store.view();
    expect(view.presets).toEqual(['sellsy.appClientId', 'sellsy.apiUrl', 'ai.model']);
    expect(view.sellsy.appClientId).toBe('company-app');
  });

  it('refuses a patch that touches a preset field, even with the same value, and saves nothing', async () => {
    const { kv, data } = memoryKv();
    const store = createSettingsStore(kv, { managed: async () => POLICY });
    for (const patch of [{ sellsy: { appClientId: 'other' } }, { sellsy: { apiUrl: 'https://sellsy.company.example/v2' } }, { ai: { model: 'x' } }]) {
      await expect(store.update(patch)).rejects.toThrow(/set by your company/);
    }
    expect(data.get(SETTINGS_KEY)).toBeUndefined();
    // The other fields still save, and the preset stays out of the rep's own stored values.
    const view = await store.update({
      sellsy: { tokenUrl: 'https://login.company.example/oauth2/access-tokens' },
      ai: { baseURL: 'https://x.example/v1' },
    });
    expect(view.sellsy.tokenUrl).toBe('https://login.company.example/oauth2/access-tokens');
    const stored = data.get(SETTINGS_KEY) as ReturnType<typeof defaultSettings>;
    expect(stored.sellsy.appClientId).toBe('');
    expect(stored.ai.model).toBe(defaultSettings().ai.model);
  });

  it('a policy removed brings the rep’s own values back; managed storage that throws (Firefox without policy) is no preset', async () => {
    let policy: unknown = POLICY;
    const { kv } = memoryKv({ [SETTINGS_KEY]: applyPatch(defaultSettings(), { sellsy: { appClientId: 'mine' } }) });
    const store = createSettingsStore(kv, { managed: async () => policy });
    expect((await store.load()).sellsy.appClientId).toBe('company-app');
    policy = {};
    expect((await store.load()).sellsy.appClientId).toBe('mine');
    const throwing = createSettingsStore(kv, {
      managed: async () => {
        throw new Error('Managed storage manifest not found');
      },
    });
    expect((await throwing.load()).sellsy.appClientId).toBe('mine');
    expect((await throwing.view()).presets).toEqual([]);
  });

  it('warns once about ignored managed keys', async () => {
    const warnings: string[] = [];
    const { kv } = memoryKv();
    const store = createSettingsStore(kv, { managed: async () => ({ aiModel: 'm', typo: 'x' }), onWarning: (m) => warnings.push(m) });
    await store.load();
    await store.load();
    expect(warnings).toEqual(['company presets ignored (unknown or invalid): typo']);
  });

  it('withPresets leaves the input untouched', () => {
    const mine = defaultSettings();
    const merged = withPresets(mine, readPresets(POLICY));
    expect(merged.sellsy.appClientId).toBe('company-app');
    expect(mine.sellsy.appClientId).toBe('');
  });
});
