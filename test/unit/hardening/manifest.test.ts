// The store builds ask for the least they need. Any new permission or host fails here until this list
// is updated on purpose (and SECURITY.md with it).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const CHROME = '.output/chrome-mv3';
const FIREFOX = '.output/firefox-mv2';
const SELLSY_HOSTS = ['https://www.sellsy.com/*', 'https://www.sellsy.fr/*', 'https://api.sellsy.com/*', 'https://login.sellsy.com/*'];

function manifest(dir: string): Record<string, any> {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
}
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

beforeAll(() => {
  // npm test builds first; run alone, this file builds what it inspects (store builds: no local flag).
  const env = { ...process.env, RESUME_LOCAL_SELLSY: '' };
  if (!existsSync(join(CHROME, 'manifest.json'))) execSync('npx wxt build', { stdio: 'ignore', env });
  if (!existsSync(join(FIREFOX, 'manifest.json'))) execSync('npx wxt build -b firefox', { stdio: 'ignore', env });
}, 120_000);

describe('store build permissions', () => {
  // identity: Sign in with Sellsy runs in the browser's sign-in window (identity.launchWebAuthFlow); it
  // grants no host and reads no browser account.
  it('chrome asks for exactly storage, activeTab, identity and Sellsy hosts', () => {
    const m = manifest(CHROME);
    expect(m.permissions).toEqual(['storage', 'activeTab', 'identity']);
    expect(m.host_permissions).toEqual(SELLSY_HOSTS);
    // LLM hosts are requested at run time for the origin the user sets, never granted up front.
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(m.externally_connectable).toBeUndefined();
    // Company presets: the managed storage schema ships with the build.
    expect(m.storage).toEqual({ managed_schema: 'managed-schema.json' });
    expect(JSON.parse(readFileSync(join(CHROME, 'managed-schema.json'), 'utf8')).type).toBe('object');
  });

  it('firefox asks for the same, in MV2 form', () => {
    const m = manifest(FIREFOX);
    expect(m.permissions).toEqual(['storage', 'activeTab', 'identity', ...SELLSY_HOSTS]);
    expect(m.storage).toBeUndefined();
    expect(m.optional_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(m.browser_specific_settings.gecko.id).toMatch(/@/);
  });

  it('content scripts run on Sellsy only', () => {
    for (const dir of [CHROME, FIREFOX]) {
      for (const cs of manifest(dir).content_scripts) expect(cs.matches).toEqual(['https://www.sellsy.com/*', 'https://www.sellsy.fr/*']);
    }
  });

  it('extension pages allow no remote or evaluated code', () => {
    const chromeCsp = manifest(CHROME).content_security_policy.extension_pages as string;
    const firefoxCsp = manifest(FIREFOX).content_security_policy as string;
    for (const csp of [chromeCsp, firefoxCsp]) {
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    }
  });

  it('store builds carry no loopback host and no demo credential', () => {
    for (const dir of [CHROME, FIREFOX]) {
      const text = files(dir)
        .filter((f) => /\.(js|json|html)$/.test(f))
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n');
      expect(text).not.toContain('demo-secret');
      expect(JSON.stringify(manifest(dir))).not.toMatch(/127\.0\.0\.1|localhost/);
    }
  });
});

describe('firefox lint', () => {
  it('addons-linter finds no error in the firefox build', () => {
    const out = execSync(`npx addons-linter ${FIREFOX} --output json`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const report = JSON.parse(out) as { summary: { errors: number }; errors: { code: string }[] };
    expect(report.errors.map((e) => e.code)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 60_000);
});

describe('entry points in the manifest', () => {
  it('one shortcut, described in French and English; the welcome page is not reachable from web pages', () => {
    for (const dir of [CHROME, FIREFOX]) {
      const m = manifest(dir);
      expect(Object.keys(m.commands)).toEqual(['toggle-panel']);
      expect(m.commands['toggle-panel']).toEqual({ suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_commandTogglePanel__' });
      expect(m.default_locale).toBeTruthy();
      for (const [lang, word] of [
        ['en', /summary/i],
        ['fr', /résumé/i],
      ] as const) {
        const messages = JSON.parse(readFileSync(join(dir, '_locales', lang, 'messages.json'), 'utf8'));
        expect(messages.commandTogglePanel.message).toMatch(word);
      }
      expect(existsSync(join(dir, 'welcome.html'))).toBe(true);
      expect(JSON.stringify(m.web_accessible_resources ?? [])).not.toContain('welcome');
    }
  });
});
