// `npm start`: the real extension against the local Sellsy's demo account, no account and no key.
// Opens Chromium on the demo's large client and clicks the toolbar button. With a display the window
// stays open until Ctrl-C; without one it runs headless, saves a screenshot and prints its path.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { clickToolbar, findChromium, launchWithExtension } from '../test/e2e/launch';
import { gotoRecord, waitState } from '../test/e2e/panel-page';
import { LARGE_CLIENT_ID } from '../test/sellsy/demo';
import { startSellsy } from '../test/sellsy/server';

const started = Date.now();
const headed = Boolean(process.env.DISPLAY) && process.env.HEADLESS !== '1';
const port = Number(process.env.PORT ?? 8787);

if (!findChromium()) {
  console.error('Chromium not found: apt-get install chromium (or set CHROMIUM_PATH).');
  process.exit(1);
}
const sellsy = await startSellsy({ port });
const pageUrl = `${sellsy.origin}/thirds/client/${LARGE_CLIENT_ID}`;
console.log(`Local Sellsy on ${sellsy.origin} (API ${sellsy.apiUrl})`);

const browser = await launchWithExtension({ headless: !headed });
const page = await browser.context.newPage();
await gotoRecord(page, pageUrl);
await clickToolbar(browser.worker, `${sellsy.origin}/*`);
// The panel's shadow root is closed: test/e2e/panel-page.ts reads it through the DevTools protocol.
await waitState(page, ['ready'], 60_000);
console.log(`Summary shown on ${pageUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s after start.`);

if (headed) {
  console.log('Chromium is open with the extension. Ctrl-C to stop.');
  process.on('SIGINT', async () => {
    await browser.close();
    await sellsy.close();
    process.exit(0);
  });
} else {
  mkdirSync('test-results', { recursive: true });
  const shot = resolve('test-results/start.png');
  await page.screenshot({ path: shot });
  console.log(`No display: ran headless. Screenshot: ${shot}`);
  await browser.close();
  await sellsy.close();
}
