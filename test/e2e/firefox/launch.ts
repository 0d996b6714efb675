// Starts Debian's Firefox ESR over WebDriver BiDi (puppeteer-core) with the local Firefox build installed as
// a temporary add-on, its moz-extension:// UUID fixed so the checks know the extension's origin.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
export function findFirefox(): string | null {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return FIREFOX_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** The Firefox MV2 build that carries the local Sellsy's host permissions (RESUME_LOCAL_SELLSY=1 wxt build -b firefox). */
export const LOCAL_FIREFOX_DIR = resolve('.output/local/firefox-mv2');

export interface LaunchedFirefox {
  browser: Browser;
  /** moz-extension://<uuid>, the origin of the extension's pages. */
  extensionOrigin: string;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  headless?: boolean;
  extensionDir?: string;
  /**
   * Company presets: what storage.managed gives the add-on. Written as a per-user managed-storage manifest
   * (~/.mozilla/managed-storage/<add-on id>.json, Firefox's documented place on Linux besides policies.json)
   * under a HOME of this launch's own, so nothing outside the test's temporary folder is touched.
   */
  managed?: Record<string, string>;
}

export async function launchFirefox(opts: FirefoxLaunchOptions = {}): Promise<LaunchedFirefox> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('Firefox not found (apt-get install firefox-esr, or set FIREFOX_PATH)');
  const ext = opts.extensionDir ?? LOCAL_FIREFOX_DIR;
  const manifestPath = join(ext, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No built extension at ${ext}: run "RESUME_LOCAL_SELLSY=1 wxt build -b firefox"`);
  const geckoId = JSON.parse(readFileSync(manifestPath, 'utf8')).browser_specific_settings?.gecko?.id as string | undefined;
  if (!geckoId) throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id`);
  const uuid = randomUUID();
  let env: Record<string, string | undefined> | undefined;
  let home: string | null = null;
  if (opts.managed) {
    home = mkdtempSync(join(tmpdir(), 'resume-firefox-home-'));
    const dir = join(home, '.mozilla', 'managed-storage');
    mkdirSync(dir, { recursive: true });
    const manifest = { name: geckoId, description: 'Company presets (e2e)', type: 'storage', data: opts.managed };
    writeFileSync(join(dir, `${geckoId}.json`), JSON.stringify(manifest));
    env = { ...process.env, HOME: home };
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: opts.headless ?? true,
    defaultViewport: { width: 1400, height: 900 },
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }) },
    ...(env && { env }),
  });
  try {
    const installed = await browser.installExtension(ext); // an absolute path: Firefox rejects a relative one
    if (installed !== geckoId) throw new Error(`installed ${installed}, expected ${geckoId}`);
  } catch (e) {
    await browser.close();
    if (home) rmSync(home, { recursive: true, force: true });
    throw e;
  }
  const close = async () => {
    await browser.close();
    if (home) rmSync(home, { recursive: true, force: true });
  };
  return { browser, extensionOrigin: `moz-extension://${uuid}`, close };
}

/**
 * A tab showing one of our extension pages, once the extension has opened it. BiDi refuses to navigate to
 * moz-extension:// itself, but a tab the extension opened can be found and driven; its url() still says
 * about:blank there, so each tab is asked for its location.
 */
export async function extensionPage(browser: Browser, url: string, timeout = 10_000): Promise<Page> {
  const until = Date.now() + timeout;
  let seen: string[] = [];
  while (Date.now() < until) {
    seen = [];
    for (const p of await browser.pages()) {
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href === url) return p;
      seen.push(href || '?');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no tab showed ${url} within ${timeout} ms (tabs: ${seen.join(', ')})`);
}
