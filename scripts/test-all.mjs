// `npm test`: lint and format check (Biome), typecheck, both store builds, both local builds, Vitest, then the end-to-end
// tests in Chromium and in Firefox ESR. Ends with one plain line "N passed, N failed" over all of it (with the time each
// part took), and exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
let passed = 0;
let failed = 0;
const failures = [];

const timings = [];
/** Each part's own "name: N passed, N failed" line, repeated above the final one. */
const summaries = [];
function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${[cmd, ...args].join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  timings.push(`${label} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return r.status === 0;
}
/** Adds an end-to-end runner's counts from the JSON file it writes; a runner that wrote none is one failure. */
function countE2e(name, file, missing) {
  if (!existsSync(file)) {
    failed += 1;
    failures.push(`${name} wrote no result`);
    return;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.passed;
  failed += r.failed;
  if (r.failed) failures.push(`${name}: ${r.failed} failed`);
  if (r.skipped) console.log(`\n!!! ${name.toUpperCase()} END-TO-END TESTS WERE NOT RUN: ${missing} !!!\n`);
  summaries.push(`${name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? ' (NOT RUN)' : ''}`);
  console.log(summaries.at(-1));
}
function step(label, ok) {
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

step('lint and format (Biome)', run('lint', 'npx', ['biome', 'ci', '--error-on-warnings', '--colors=off', '.']));
step('typecheck', run('typecheck', 'npx', ['tsc', '--noEmit']));
step('build (store: chrome-mv3, firefox-mv2)', run('build', 'npx', ['wxt', 'build']) && run('build', 'npx', ['wxt', 'build', '-b', 'firefox']));
const localBuilt = run('build (local Sellsy)', 'npx', ['wxt', 'build'], { RESUME_LOCAL_SELLSY: '1' });
step('build (local Sellsy)', localBuilt);
const localFirefoxBuilt = run('build (local Sellsy, firefox)', 'npx', ['wxt', 'build', '-b', 'firefox'], { RESUME_LOCAL_SELLSY: '1' });
step('build (local Sellsy, firefox)', localFirefoxBuilt);

rmSync('.vitest-result.json', { force: true });
run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.vitest-result.json']);
if (existsSync('.vitest-result.json')) {
  const r = JSON.parse(readFileSync('.vitest-result.json', 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A suite that fails to load counts no test: count it as a failure so it cannot pass silently.
  const broken = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0);
  failed += broken.length;
  if (r.numFailedTests || broken.length) failures.push(`vitest: ${r.numFailedTests} tests, ${broken.length} files failed to run`);
  summaries.push(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests + broken.length} failed`);
  console.log(summaries.at(-1));
} else {
  failed += 1;
  failures.push('vitest wrote no result');
}

rmSync('test-results/e2e.json', { force: true });
if (localBuilt) {
  run('end-to-end (Chromium)', 'npx', ['tsx', 'test/e2e/run.ts']);
  countE2e('e2e', 'test-results/e2e.json', 'no Chromium found (apt-get install chromium)');
} else {
  failed += 1;
  failures.push('e2e not run: the local build failed');
}

rmSync('test-results/firefox.json', { force: true });
if (localFirefoxBuilt) {
  run('end-to-end (Firefox ESR)', 'npx', ['tsx', 'test/e2e/firefox/run.ts']);
  countE2e('firefox', 'test-results/firefox.json', 'no Firefox found (apt-get install firefox-esr)');
} else {
  failed += 1;
  failures.push('firefox e2e not run: the local firefox build failed');
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\ntimes: ${timings.join(', ')}`);
console.log(summaries.join('\n'));
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
