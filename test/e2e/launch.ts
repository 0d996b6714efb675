// Starts Debian's Chromium with a built extension loaded: shared by the e2e tests, `npm start` and the bench.

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** The Chrome MV3 build that carries the local Sellsy's host permissions (RESUME_LOCAL_SELLSY=1). */
export const LOCAL_EXTENSION_DIR = resolve('.output/local/chrome-mv3');

export interface LaunchedBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension(opts: { headless?: boolean; extensionDir?: string } = {}): Promise<LaunchedBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
  const ext = opts.extensionDir ?? LOCAL_EXTENSION_DIR;
  if (!existsSync(join(ext, 'manifest.json'))) throw new Error(`No built extension at ${ext}: run "RESUME_LOCAL_SELLSY=1 wxt build"`);
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'resume-e2e-')), {
    executablePath,
    headless: opts.headless ?? true,
    viewport: { width: 1400, height: 900 },
    // Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, close: () => context.close() };
}

/** The extension's service worker as it is now (it may have been stopped and started again). */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Sends a runtime request from one of our extension pages, as the options page does, and returns the answer. */
export async function requestFromExtensionPage<T>(context: BrowserContext, extensionId: string, type: string, payload: unknown = {}): Promise<T> {
  const p = await context.newPage();
  try {
    await p.goto(`chrome-extension://${extensionId}/options.html`);
    return (await p.evaluate(([t, pl]) => (globalThis as any).chrome.runtime.sendMessage({ type: t, payload: pl }), [type, payload] as const)) as T;
  } finally {
    await p.close();
  }
}

/** Clicks the toolbar button for the tab whose URL matches: runs the real action.onClicked listener. */
export async function clickToolbar(worker: Worker, urlPattern: string): Promise<void> {
  await worker.evaluate(async (pattern) => {
    // Runs inside the service worker, where `chrome` exists; typed loosely here on purpose.
    const c = (globalThis as unknown as { chrome: any }).chrome;
    const [tab] = await c.tabs.query({ url: pattern });
    if (!tab) throw new Error(`no tab matches ${pattern}`);
    c.action.onClicked.dispatch(tab);
  }, urlPattern);
}
