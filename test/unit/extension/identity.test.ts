// The extension's own identity, as both built manifests state it: name, description and toolbar title in French
// and English (public/_locales), and its icon (public/icon/<size>.png, drawn from docs/icon/icon.svg) at every size
// the stores and toolbars use, each file the size it claims.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LOCALES = join(ROOT, 'public/_locales');
const ICON_SIZES = [16, 32, 48, 96, 128];
/** Chrome's limits for a manifest's name and description. */
const MAX = { extName: 75, extDescription: 132 } as Record<string, number>;

type Messages = Record<string, { message: string; description?: string }>;
const messages = (locale: string): Messages => JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8'));

/** Width and height from a PNG's IHDR chunk; a clear error for anything that is not a PNG. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (b.length < 24 || !b.subarray(0, 8).equals(signature) || b.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

// Built here, into a folder of its own: other test files may be building .output at the same time.
let out = '';
const built: Record<'chrome' | 'firefox', { dir: string; manifest: Record<string, any> }> = {} as never;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'resume-identity-'));
  const script = `import { build } from 'wxt';
for (const browser of ['chrome', 'firefox']) await build({ browser, outDir: ${JSON.stringify(out)} });`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, RESUME_LOCAL_SELLSY: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  for (const [browser, dir] of [
    ['chrome', 'chrome-mv3'],
    ['firefox', 'firefox-mv2'],
  ] as const) {
    const path = join(out, dir);
    built[browser] = { dir: path, manifest: JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8')) };
  }
}, 180_000);
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the extension names itself in French and English', () => {
  it('has exactly the en and fr locales, with the same keys, none empty or too long', () => {
    expect(readdirSync(LOCALES).sort()).toEqual(['en', 'fr']);
    const en = messages('en');
    const fr = messages('fr');
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [locale, m] of Object.entries({ en, fr })) {
      for (const [key, { message }] of Object.entries(m)) {
        expect(message.trim(), `${locale}.${key}`).not.toBe('');
        if (MAX[key]) expect(message.length, `${locale}.${key}`).toBeLessThanOrEqual(MAX[key]!);
      }
    }
    // The two languages really differ where the words do.
    expect(fr.extDescription!.message).not.toBe(en.extDescription!.message);
  });

  it.each(['chrome', 'firefox'] as const)('%s: name, description and toolbar title come from the locales, English by default', (browser) => {
    const { dir, manifest } = built[browser];
    const action = manifest.action ?? manifest.browser_action;
    expect(manifest.default_locale).toBe('en');
    expect(existsSync(join(dir, '_locales/en/messages.json'))).toBe(true);
    expect(existsSync(join(dir, '_locales/fr/messages.json'))).toBe(true);
    expect([manifest.name, manifest.description, action.default_title]).toEqual(['__MSG_extName__', '__MSG_extDescription__', '__MSG_actionTitle__']);
    // Every __MSG_key__ the manifest uses is defined in each locale.
    const used = [...JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    for (const locale of ['en', 'fr']) for (const key of used) expect(messages(locale)[key], `${locale}.${key}`).toBeDefined();
  });
});

describe('the extension has its own icon', () => {
  it('the source and every size are in the repo, each PNG the size its name says', () => {
    expect(readFileSync(join(ROOT, 'docs/icon/icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 128 128"/);
    for (const size of ICON_SIZES) expect(pngSize(join(ROOT, `public/icon/${size}.png`))).toEqual({ width: size, height: size });
  });

  it.each(['chrome', 'firefox'] as const)('%s: the manifest lists every size, and the toolbar button has its own', (browser) => {
    const { dir, manifest } = built[browser];
    expect(Object.keys(manifest.icons).map(Number)).toEqual(ICON_SIZES);
    const action = manifest.action ?? manifest.browser_action;
    expect(Object.keys(action.default_icon).map(Number)).toEqual([16, 32, 48]);
    for (const icons of [manifest.icons, action.default_icon] as Record<string, string>[]) {
      for (const [size, file] of Object.entries(icons)) expect(pngSize(join(dir, file)), file).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  it.each(['chrome', 'firefox'] as const)('%s: ships the PNGs only, not the SVG source nor the docs (the 2 MB OpenAPI)', (browser) => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    expect(files(built[browser].dir).filter((f) => /\.(svg|ya?ml|md|sh)$/.test(f))).toEqual([]);
  });

  it('reading a PNG size refuses a file that is not a PNG', () => {
    expect(() => pngSize(join(ROOT, 'docs/icon/icon.svg'))).toThrow(/is not a PNG/);
  });
});
