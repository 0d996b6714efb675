// End-to-end checks of the built extension (.output/local/chrome-mv3) in Chromium against the local Sellsy.
// `npx tsx test/e2e/run.ts` after `RESUME_LOCAL_SELLSY=1 npx wxt build`. One line per check, then
// "e2e: N passed, N failed"; test-results/e2e.json holds the counts; exit 1 on any failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runChecks } from './checks';
import { findChromium, type LaunchedBrowser, launchWithExtension } from './launch';

const OUT = resolve('test-results');
mkdirSync(OUT, { recursive: true });

function finish(result: { passed: number; failed: number; skipped?: boolean }): never {
  writeFileSync(resolve(OUT, 'e2e.json'), `${JSON.stringify(result)}\n`);
  console.log(`e2e: ${result.passed} passed, ${result.failed} failed${result.skipped ? ' (NOT RUN)' : ''}`);
  process.exit(result.failed > 0 ? 1 : 0);
}

if (!findChromium()) {
  const banner = '!'.repeat(78);
  if (process.env.CI === 'true') {
    console.error(`${banner}\nE2E FAILED: no Chromium found and CI=true (apt-get install chromium, or set CHROMIUM_PATH)\n${banner}`);
    finish({ passed: 0, failed: 1 });
  }
  console.error(`${banner}\nEND-TO-END TESTS WERE NOT RUN: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)\n${banner}`);
  finish({ passed: 0, failed: 0, skipped: true });
}

let browser: LaunchedBrowser | null = null;
let result = { passed: 0, failed: 0 };
try {
  result = await runChecks({
    launch: async () => (browser = await launchWithExtension({ headless: process.env.HEADED !== '1' })),
    launchFresh: () => launchWithExtension({ headless: process.env.HEADED !== '1' }),
    outDir: OUT,
  });
} catch (err) {
  // A failure outside any check (the build missing, the browser not starting) is one failure, loudly.
  console.error(`e2e setup failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  result.failed += 1;
} finally {
  await (browser as LaunchedBrowser | null)?.close().catch(() => {});
}
finish(result);
