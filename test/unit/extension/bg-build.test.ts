// The demo credentials and the loopback path exist only in local builds (RESUME_LOCAL_SELLSY=1).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const STORE = ['.output/chrome-mv3', '.output/firefox-mv2'];
const LOCAL = '.output/local/chrome-mv3';

beforeAll(() => {
  // npm test builds first; run alone, this file builds what is missing (never over a build someone else uses).
  if (!existsSync(join(STORE[0]!, 'background.js'))) execSync('npx wxt build', { stdio: 'ignore', env: { ...process.env, RESUME_LOCAL_SELLSY: '' } });
  if (!existsSync(join(STORE[1]!, 'background.js')))
    execSync('npx wxt build -b firefox', { stdio: 'ignore', env: { ...process.env, RESUME_LOCAL_SELLSY: '' } });
  if (!existsSync(join(LOCAL, 'background.js'))) execSync('npx wxt build', { stdio: 'ignore', env: { ...process.env, RESUME_LOCAL_SELLSY: '1' } });
}, 120_000);

describe('local-build flag', () => {
  it('store builds’ background carries no demo credential', () => {
    for (const dir of STORE) {
      const js = readFileSync(join(dir, 'background.js'), 'utf8');
      expect(js).not.toContain('demo-secret');
      expect(js).not.toContain('demo-client');
    }
  });

  it('the local build does carry them (so the check above is not vacuous)', () => {
    expect(readFileSync(join(LOCAL, 'background.js'), 'utf8')).toContain('demo-secret');
  });

  it('the background reaches the local connection only behind the build-time flag', () => {
    const src = readFileSync('entrypoints/background/index.ts', 'utf8');
    const uses = src.split('\n').filter((l) => l.includes('localConnection('));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toContain('__LOCAL_SELLSY__ &&');
    expect(readFileSync('wxt.config.ts', 'utf8')).toMatch(/__LOCAL_SELLSY__: JSON\.stringify\(local\)/);
  });
});
