// SECURITY.md's threat model names, for each line, the tests that show it: each named file must exist and hold
// a test of that name (an it.each title with its %s/%i filled in counts), each e2e check its letter.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
const TEST_FILES = filesUnder(join(ROOT, 'test'));

/** `test/unit/x.test.ts` as written, or a bare file name found once under test/. */
function resolveFile(cited: string): string | null {
  if (cited.includes('/')) return TEST_FILES.find((f) => f === join(ROOT, cited)) ?? null;
  const found = TEST_FILES.filter((f) => basename(f) === cited);
  return found.length === 1 ? found[0]! : null;
}

/** Every string literal of a source file, as a pattern: %s, %i, %d and ${…} stand for anything. */
function titlePatterns(source: string): RegExp[] {
  const out: RegExp[] = [];
  for (const m of source.matchAll(/'((?:\\.|[^'\\\n])*)'|"((?:\\.|[^"\\\n])*)"|`((?:\\.|[^`\\])*)`/g)) {
    const text = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(['"`\\])/g, '$1');
    if (text.length < 8) continue;
    const pattern = text
      .split(/(%[sidj]|\$\{[^}]*\})/)
      .map((part, i) => (i % 2 ? '.+?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    out.push(new RegExp(`^${pattern}$`));
  }
  return out;
}

const security = readFileSync(join(ROOT, 'SECURITY.md'), 'utf8');
const model = security.slice(security.indexOf('## Threat model'));
const rows = model
  .split('\n')
  .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l) && !/^\|\s*Who\s/.test(l))
  .map((l) =>
    l
      .split(' | ')
      .at(-1)!
      .replace(/\|\s*$/, ''),
  );

describe('SECURITY.md threat model', () => {
  it('has its lines, each naming at least one test', () => {
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const cell of rows) expect(cell).toMatch(/`[^`]+\.tsx?` › /);
  });

  it.each(rows.map((r, i) => [i + 1, r] as const))('line %i: every test it names exists', (_line, cell) => {
    let file: string | null = null;
    let source = '';
    const missing: string[] = [];
    // Walk the cell in order: a `file` sets where the names after it are looked for.
    for (const m of cell.matchAll(/`([^`]+\.tsx?)`|“([^”]+)”|\(((?:H\d+)|[a-z])\)/g)) {
      if (m[1]) {
        file = resolveFile(m[1]);
        if (!file) missing.push(`no test file ${m[1]}`);
        source = file ? readFileSync(file, 'utf8') : '';
      } else if (m[2]) {
        if (!titlePatterns(source).some((p) => p.test(m[2]!))) missing.push(`no test “${m[2]}” in ${file ? basename(file) : '?'}`);
      } else if (m[3]) {
        if (!source.includes(`'(${m[3]}) `)) missing.push(`no check (${m[3]}) in ${file ? basename(file) : '?'}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
