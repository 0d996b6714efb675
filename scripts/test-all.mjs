// `npm test`: lint and format check (Biome), typecheck, both store builds, the local build, Vitest, then the end-to-end tests in
// Chromium. Ends with one plain line "N passed, N failed" over all of it, and exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return r.status === 0;
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
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests + broken.length} failed`);
} else {
  failed += 1;
  failures.push('vitest wrote no result');
}

rmSync('test-results/e2e.json', { force: true });
if (localBuilt) {
  run('end-to-end (Chromium)', 'npx', ['tsx', 'test/e2e/run.ts']);
  if (existsSync('test-results/e2e.json')) {
    const r = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
    passed += r.passed;
    failed += r.failed;
    if (r.failed) failures.push(`e2e: ${r.failed} failed`);
    if (r.skipped) console.log('\n!!! END-TO-END TESTS WERE NOT RUN: no Chromium found (apt-get install chromium) !!!\n');
  } else {
    failed += 1;
    failures.push('e2e wrote no result');
  }
} else {
  failed += 1;
  failures.push('e2e not run: the local build failed');
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
