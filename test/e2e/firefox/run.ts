// The core end-to-end checks in Firefox ESR against the local Sellsy, on the local Firefox build
// (.output/local/firefox-mv2). `npx tsx test/e2e/firefox/run.ts` after `RESUME_LOCAL_SELLSY=1 npx wxt build -b firefox`.
// One line per check, then "firefox: N passed, N failed"; test-results/firefox.json holds the counts; exit 1
// on any failure. Without Firefox the checks are skipped loudly, and fail when CI=true.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runFirefoxChecks } from './checks';
import { findFirefox, type LaunchedFirefox, launchFirefox } from './launch';

const OUT = resolve('test-results');
mkdirSync(OUT, { recursive: true });

function finish(result: { passed: number; failed: number; skipped?: boolean }): never {
  writeFileSync(resolve(OUT, 'firefox.json'), `${JSON.stringify(result)}\n`);
  console.log(`firefox: ${result.passed} passed, ${result.failed} failed${result.skipped ? ' (NOT RUN)' : ''}`);
  process.exit(result.failed > 0 ? 1 : 0);
}

if (!findFirefox()) {
  const banner = '!'.repeat(78);
  if (process.env.CI === 'true') {
    console.error(`${banner}\nFIREFOX E2E FAILED: no Firefox found and CI=true (apt-get install firefox-esr, or set FIREFOX_PATH)\n${banner}`);
    finish({ passed: 0, failed: 1 });
  }
  console.error(`${banner}\nFIREFOX END-TO-END TESTS WERE NOT RUN: no Firefox found (apt-get install firefox-esr, or set FIREFOX_PATH)\n${banner}`);
  finish({ passed: 0, failed: 0, skipped: true });
}

let ff: LaunchedFirefox | null = null;
let result = { passed: 0, failed: 0 };
try {
  result = await runFirefoxChecks({
    launch: async () => (ff = await launchFirefox({ headless: process.env.HEADED !== '1' })),
    launchFresh: (opts) => launchFirefox({ ...opts, headless: process.env.HEADED !== '1' }),
    outDir: OUT,
  });
} catch (err) {
  // A failure outside any check (the build missing, the browser not starting) is one failure, loudly.
  console.error(`firefox e2e setup failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  result.failed += 1;
} finally {
  await (ff as LaunchedFirefox | null)?.close().catch(() => {});
}
finish(result);
