import { describe, expect, it } from 'vitest';
import { SELLSY_API_URL, SELLSY_TOKEN_URL } from '@/lib/sellsy/hosts';
import { aiSettingsOf, sellsyConnection } from '@/lib/settings/derive';
import { migrateSettings } from '@/lib/settings/migrate';
import { applyPatch, publicView } from '@/lib/settings/patch';
import { createSettingsStore, type KeyValue, SETTINGS_KEY } from '@/lib/settings/store';
import { defaultSettings, SETTINGS_VERSION, SettingsError } from '@/lib/settings/types';

function memoryKv(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(initial));
  const writes: [string, unknown][] = [];
  const kv: KeyValue = {
    get: async (k) => structuredClone(data.get(k)),
    set: async (k, v) => {
      writes.push([k, v]);
      data.set(k, structuredClone(v));
    },
  };
  return { kv, data, writes };
}

describe('defaults', () => {
  it('point at the real Sellsy, AI off, redaction on', () => {
    const d = defaultSettings();
    expect(d.version).toBe(SETTINGS_VERSION);
    expect(d.sellsy.apiUrl).toBe(SELLSY_API_URL);
    expect(d.sellsy.tokenUrl).toBe(SELLSY_TOKEN_URL);
    expect(d.ai.enabled).toBe(false);
    expect(d.ai.redact).toBe(true);
    expect(d.language).toBe('auto');
    expect(d.sourceMode).toBe('auto');
    expect(sellsyConnection(d)).toBeNull();
  });

  it('each call is a fresh object', () => {
    const a = defaultSettings();
    a.sellsy.clientId = 'changed';
    expect(defaultSettings().sellsy.clientId).toBe('');
  });
});

describe('migrateSettings', () => {
  it('nothing stored, or garbage → defaults', () => {
    for (const stored of [undefined, null, 'text', 42, [], true]) expect(migrateSettings(stored)).toEqual(defaultSettings());
  });

  it('v1 (flat, with or without version) → v2', () => {
    for (const v1 of [
      { sellsyClientId: 'cid', sellsyClientSecret: 'sec', openaiKey: 'sk-1', openaiModel: 'gpt-x', language: 'fr' },
      { version: 1, sellsyClientId: 'cid', sellsyClientSecret: 'sec', openaiKey: 'sk-1', openaiModel: 'gpt-x', language: 'fr' },
    ]) {
      const s = migrateSettings(v1);
      expect(s.version).toBe(2);
      expect(s.sellsy).toMatchObject({ authKind: 'client-credentials', clientId: 'cid', clientSecret: 'sec', apiUrl: SELLSY_API_URL });
      expect(s.ai).toMatchObject({ enabled: true, apiKey: 'sk-1', model: 'gpt-x', redact: true });
      expect(s.language).toBe('fr');
    }
  });

  it('v1 with only a pasted token becomes token auth; a bad language falls back to auto', () => {
    const s = migrateSettings({ sellsyToken: 'tok', language: 'de', useAi: false, openaiKey: 'k' });
    expect(s.sellsy.authKind).toBe('token');
    expect(s.sellsy.accessToken).toBe('tok');
    expect(s.ai.enabled).toBe(false);
    expect(s.language).toBe('auto');
    expect(sellsyConnection(s)).toEqual({ apiUrl: SELLSY_API_URL, tokenUrl: SELLSY_TOKEN_URL, auth: { kind: 'token', accessToken: 'tok' } });
  });

  it('v2 with wrong types keeps the good fields and defaults the rest', () => {
    const s = migrateSettings({
      version: 2,
      sellsy: { apiUrl: 7, clientId: 'c', clientSecret: 's', authKind: 'magic' },
      ai: { enabled: 'yes', redact: false, model: '' },
      language: 'en',
      sourceMode: 'everything',
    });
    // The default kind is Sign in with Sellsy since there is one (a v1 layout still migrates to client credentials).
    expect(s.sellsy).toMatchObject({ apiUrl: SELLSY_API_URL, clientId: 'c', clientSecret: 's', authKind: 'sign-in' });
    expect(s.ai).toMatchObject({ enabled: false, redact: false, model: defaultSettings().ai.model });
    expect(s.language).toBe('en');
    expect(s.sourceMode).toBe('auto');
  });

  it('a newer layout (after a downgrade) keeps what this version understands', () => {
    const s = migrateSettings({ version: 9, sellsy: { clientId: 'c' }, language: 'fr', future: { x: 1 } });
    expect(s.version).toBe(SETTINGS_VERSION);
    expect(s.sellsy.clientId).toBe('c');
    expect(s.language).toBe('fr');
    expect(s).not.toHaveProperty('future');
  });

  it('is idempotent on current settings', () => {
    const s = applyPatch(defaultSettings(), { sellsy: { clientId: 'a', clientSecret: 'b' }, ai: { enabled: true, apiKey: 'k' }, language: 'fr' });
    expect(migrateSettings(structuredClone(s))).toEqual(s);
  });
});

describe('applyPatch', () => {
  it('changes only what is given; an empty secret removes it', () => {
    const a = applyPatch(defaultSettings(), { sellsy: { clientId: ' cid ', clientSecret: 'sec' } });
    expect(a.sellsy.clientId).toBe('cid');
    expect(a.sellsy.clientSecret).toBe('sec');
    const b = applyPatch(a, { sellsy: { clientId: 'cid2' } });
    expect(b.sellsy.clientSecret).toBe('sec');
    const c = applyPatch(b, { sellsy: { clientSecret: '' } });
    expect(c.sellsy.clientSecret).toBe('');
    expect(a.sellsy.clientId).toBe('cid'); // the input is not mutated
  });

  it('normalises URLs and rejects bad ones', () => {
    expect(applyPatch(defaultSettings(), { ai: { baseURL: 'http://127.0.0.1:11434/v1/' } }).ai.baseURL).toBe('http://127.0.0.1:11434/v1');
    for (const bad of ['not a url', 'ftp://x.example', 'javascript:alert(1)', 'https://user:pw@x.example/v1', 'https://x.example/v1?key=1', '']) {
      expect(() => applyPatch(defaultSettings(), { ai: { baseURL: bad } })).toThrow(SettingsError);
      expect(() => applyPatch(defaultSettings(), { sellsy: { apiUrl: bad } })).toThrow(SettingsError);
    }
  });

  it('rejects unknown keys, wrong types and bad choices with a clear error', () => {
    const bad: unknown[] = [
      null,
      'x',
      [],
      { nope: 1 },
      { sellsy: { password: 'x' } },
      { sellsy: 'x' },
      { ai: { enabled: 'yes' } },
      { ai: { model: '' } },
      { ai: { temperature: 2 } },
      { language: 'de' },
      { sourceMode: 'all' },
      { sellsy: { authKind: 'oauth' } },
      { sellsy: { clientSecret: 5 } },
      { sellsy: { clientId: 'x'.repeat(5000) } },
    ];
    for (const patch of bad) expect(() => applyPatch(defaultSettings(), patch)).toThrow(SettingsError);
  });

  it('error messages never carry the value given', () => {
    try {
      applyPatch(defaultSettings(), { sellsy: { apiUrl: 'sk-secret-looking-value' } });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('sk-secret');
    }
  });
});

describe('publicView', () => {
  it('says whether secrets exist, never what they are', () => {
    const s = applyPatch(defaultSettings(), {
      sellsy: { clientId: 'cid', clientSecret: 'SECRET-1', accessToken: 'TOKEN-2' },
      ai: { apiKey: 'KEY-3', enabled: true },
    });
    const v = publicView(s);
    expect(v.sellsy).toMatchObject({ clientId: 'cid', hasSecret: true, hasToken: true });
    expect(v.ai).toMatchObject({ enabled: true, hasKey: true });
    const json = JSON.stringify(v);
    for (const secret of ['SECRET-1', 'TOKEN-2', 'KEY-3']) expect(json).not.toContain(secret);
  });
});

describe('derived settings', () => {
  it('client credentials need both id and secret', () => {
    expect(sellsyConnection(applyPatch(defaultSettings(), { sellsy: { clientId: 'c' } }))).toBeNull();
    expect(sellsyConnection(applyPatch(defaultSettings(), { sellsy: { clientId: 'c', clientSecret: 's' } }))?.auth).toEqual({
      kind: 'client-credentials',
      clientId: 'c',
      clientSecret: 's',
    });
    // the kind chosen wins even when the other kind's fields are filled
    expect(sellsyConnection(applyPatch(defaultSettings(), { sellsy: { clientId: 'c', clientSecret: 's', authKind: 'token' } }))).toBeNull();
  });

  it('AI settings carry a timeout', () => {
    expect(aiSettingsOf(defaultSettings()).timeoutMs).toBeGreaterThan(0);
  });
});

describe('createSettingsStore', () => {
  it('writes a migrated v1 back once, as v2', async () => {
    const { kv, data, writes } = memoryKv({ [SETTINGS_KEY]: { sellsyClientId: 'c', sellsyClientSecret: 's' } });
    const store = createSettingsStore(kv);
    const s = await store.load();
    expect(s.sellsy.clientId).toBe('c');
    expect((data.get(SETTINGS_KEY) as { version: number }).version).toBe(2);
    await store.load();
    expect(writes).toHaveLength(1);
  });

  it('does not overwrite a newer layout it only partly understands', async () => {
    const { kv, writes } = memoryKv({ [SETTINGS_KEY]: { version: 7, language: 'fr' } });
    expect((await createSettingsStore(kv).load()).language).toBe('fr');
    expect(writes).toHaveLength(0);
  });

  it('update saves and returns the public view; a bad patch saves nothing', async () => {
    const { kv, data } = memoryKv();
    const store = createSettingsStore(kv);
    const view = await store.update({ sellsy: { clientId: 'c', clientSecret: 's' } });
    expect(view.sellsy.hasSecret).toBe(true);
    expect(JSON.stringify(view)).not.toContain('"s"');
    const before = structuredClone(data.get(SETTINGS_KEY));
    await expect(store.update({ language: 'klingon' })).rejects.toThrow(SettingsError);
    expect(data.get(SETTINGS_KEY)).toEqual(before);
  });

  it('two quick updates both land', async () => {
    const { kv } = memoryKv();
    const store = createSettingsStore(kv);
    await Promise.all([store.update({ language: 'fr' }), store.update({ sourceMode: 'sales' })]);
    const s = await store.load();
    expect(s.language).toBe('fr');
    expect(s.sourceMode).toBe('sales');
  });
});
