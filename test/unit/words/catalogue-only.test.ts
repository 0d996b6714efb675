// The catalogue is the only place a figure or a card is named: a label written anywhere else would be a
// second wording waiting to drift (the panel once said "Paiements en retard" where its own Markdown copy
// said "Paiements après échéance"). Tests may quote the names; code may not.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARDS } from '@/lib/words/cards';
import { FIGURE_KEYS, FIGURES } from '@/lib/words/figures';

const ROOT = join(import.meta.dirname, '../../..');
const CODE_DIRS = ['lib', 'components', 'entrypoints', 'scripts', 'bench'];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

const files = CODE_DIRS.flatMap(sources).filter((f) => !f.startsWith('lib/words/'));
const names = (['fr', 'en'] as const).flatMap((lang) => [
  ...FIGURE_KEYS.map((k) => FIGURES[lang][k].name),
  ...Object.values(CARDS[lang]).map((c) => c.name),
]);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A name opening a string ('…', "…", `…`) or a JSX text (>…); English comments may still say "late invoices". */
const literal = (name: string) => new RegExp(`['"\`>]\\s*${esc(name)}`);

describe('figure and card names live in lib/words only', () => {
  it('scans the code it means to scan', () => {
    expect(files).toContain('lib/format/outline.ts');
    expect(files).toContain('components/panel/SalesOverviewCard.tsx');
    expect(files).toContain('lib/ai/facts.ts');
    expect(files.some((f) => f.startsWith('lib/words/'))).toBe(false);
    expect(names).toContain('Factures payées en retard');
  });

  it('no other module writes one as a string literal or as JSX text', () => {
    const patterns = names.map((name) => [name, literal(name)] as const);
    const found: string[] = [];
    for (const file of files) {
      const code = readFileSync(join(ROOT, file), 'utf8');
      for (const [name, pattern] of patterns) if (pattern.test(code)) found.push(`${file}: ${name}`);
    }
    expect(found).toEqual([]);
  });

  it('the check finds a name written in code', () => {
    expect(literal('Factures payées en retard').test(`const label = 'Factures payées en retard';`)).toBe(true);
    expect(literal('Late invoices').test('<h4>\n  Late invoices (3)</h4>')).toBe(true);
    expect(literal('Late invoices').test('// 1. Late invoices to chase.')).toBe(false);
  });
});
