// The layers, read from the import statements: the client model (lib/client) is below the data layer
// (lib/sellsy) and the card engine (lib/cards); neither of those two imports the other.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, type-only ones included.
const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\s)import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Repo-relative paths (without extension) of the modules a file imports; packages are left out. */
function importsOf(file: string, text = readFileSync(join(ROOT, file), 'utf8')): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (spec.startsWith('@/')) out.push(spec.slice(2));
    else if (spec.startsWith('.')) out.push(relative(ROOT, resolve(ROOT, dirname(file), spec)));
  }
  return out;
}

function violations(dir: string, forbidden: string[]): string[] {
  const bad: string[] = [];
  for (const file of filesUnder(dir)) {
    for (const target of importsOf(file)) {
      if (forbidden.some((f) => target === f || target.startsWith(`${f}/`))) bad.push(`${file} → ${target}`);
    }
  }
  return bad;
}

const ABOVE_THE_DATA = ['lib/cards', 'lib/summary', 'lib/ai', 'lib/format', 'components', 'entrypoints'];

describe('layers', () => {
  it('reads the imports of a file, type-only and re-exports included', () => {
    const text = [
      "import type { A } from '../cards/context';",
      "import {\n  b,\n  c,\n} from '@/lib/summary/build';",
      "export { d } from './validate';",
      "import 'preact';",
      "const e = await import('../ai/generate');",
    ].join('\n');
    expect(importsOf('lib/sellsy/x.ts', text)).toEqual(['lib/cards/context', 'lib/summary/build', 'lib/sellsy/validate', 'lib/ai/generate']);
  });

  it('the data layer imports nothing from the engine, the pipeline, the LLM, the UI or the entrypoints', () => {
    expect(violations('lib/sellsy', ABOVE_THE_DATA)).toEqual([]);
  });

  it('the client model imports nothing above it, not even the data layer or the store', () => {
    expect(violations('lib/client', [...ABOVE_THE_DATA, 'lib/sellsy', 'lib/sellsy-web', 'lib/store', 'lib/settings', 'lib/messages'])).toEqual([]);
  });

  it('the card engine imports nothing from the data layer or the store: its rules come from the client model', () => {
    expect(violations('lib/cards', ['lib/sellsy', 'lib/store', 'lib/summary/build', 'lib/ai', 'components', 'entrypoints'])).toEqual([]);
  });
});
