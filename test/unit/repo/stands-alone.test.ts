// The repo stands alone: a clone with nothing beside it has every definition, schema and reference file its code
// and tests name. Three conventions, each checked over every tracked file:
// - nothing names the reference folder that sat beside the repo while it was written (it is not in a clone);
// - a "§N" always cites a section of docs/summary-contract.md, and that section exists;
// - the paths README.md quotes and the links of the Markdown pages lead to files of the repo, and every
//   relative URL a source file resolves against its own (import.meta.url) stays inside the repo and finds its file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONTRACT = 'docs/summary-contract.md';
/** Build output and caches: never tracked, never checked. */
const UNTRACKED_DIRS = new Set(['node_modules', '.git', '.output', '.wxt', 'test-results', '.tmp']);
/** The section sign. */
const S = '\u00a7';
const BINARY = /\.(png|jpe?g|gif|webp|ico|woff2?|ttf|zip|xpi|crx|gz)$/i;

/** Tracked files (and new ones not ignored), repo-relative with forward slashes. */
function repoFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
    return out.split('\0').filter((f) => f && existsSync(join(ROOT, f)));
  } catch {
    // Not a git checkout (an unpacked archive): every file outside the build and cache folders.
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (e.isDirectory()) return UNTRACKED_DIRS.has(e.name) ? [] : walk(rel);
        return [rel];
      });
    return walk('');
  }
}

const FILES = repoFiles();
const FILE_SET = new Set(FILES);
const DIR_SET = new Set(
  FILES.flatMap((f) =>
    f
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
  ),
);
const TOP_LEVEL = new Set(FILES.map((f) => f.split('/')[0]!));
const TEXT_FILES = FILES.filter((f) => !BINARY.test(f));
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

/** Does this repo-relative path (a file, or a folder with or without its trailing slash) exist? */
function exists(path: string): boolean {
  const p = path.replace(/\/+$/, '');
  if (p === '' || FILE_SET.has(p) || DIR_SET.has(p)) return true;
  if (!p.includes('*')) return false;
  const glob = new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  return FILES.some((f) => glob.test(f)) || [...DIR_SET].some((d) => glob.test(d));
}

/** Lines that mention the folder beside the repo, as "file:line: text". The pattern is assembled so that
 * this file does not match itself. */
function siblingMentions(files: { name: string; text: string }[]): string[] {
  const shared = 'shared';
  const pattern = new RegExp([`\\.\\./${shared}\\b`, `${shared}/spec\\b`, `${shared}/reference\\b`, `/work/${shared}\\b`].join('|'));
  return files.flatMap(({ name, text }) =>
    text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${name}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])),
  );
}

/** Section numbers of a Markdown page: "## 5. Card 3" → "5", "### 5.1 Rows" → "5.1". */
function sectionsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{2,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)) out.add(m[1]!);
  return out;
}

/** Citations of a missing section, and citations of the old outside document (the word spec before the sign), as
 * "file:line: …". The sign is written as its escape in this file, so that its own source cites nothing. */
function badCitations(files: { name: string; text: string }[], sections: Set<string>): string[] {
  const out: string[] = [];
  for (const { name, text } of files) {
    text.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(/\u00a7\s?(\d+(?:\.\d+)*)/g)) {
        if (!sections.has(m[1]!)) out.push(`${name}:${i + 1}: ${S}${m[1]} is not a section of ${CONTRACT}`);
      }
      if (/\bspec\s+\u00a7/i.test(line)) out.push(`${name}:${i + 1}: cites "spec ${S}"; write "contract ${S}N" (${CONTRACT})`);
    });
  }
  return out;
}

const withoutFences = (markdown: string) => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** The words of inline code spans that look like repo paths: their first segment is a top-level entry of the
 * repo (so `lib/cards/`, `bash .ci/run` → `.ci/run`, `README.md`; not `sellsy/`, `.output/…` or a URL). */
function quotedPaths(markdown: string, topLevel: Set<string>): string[] {
  const out: string[] = [];
  for (const m of withoutFences(markdown).matchAll(/`([^`\n]+)`/g)) {
    for (const raw of m[1]!.split(/\s+/)) {
      const word = raw.replace(/^[("']+/, '').replace(/[)"',;:.]+$/, '');
      if (!word || /[<>{}…$=]|:\/\//.test(word)) continue;
      const path = word.replace(/^\.\//, '').replace(/:\d+(-\d+)?$/, '');
      if (topLevel.has(path.split('/')[0]!)) out.push(path);
    }
  }
  return out;
}

/** Local link targets of a Markdown page, resolved from the page's folder (anchors and URLs left out). */
function linkTargets(page: string, markdown: string): string[] {
  const out: string[] = [];
  for (const m of withoutFences(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1]!.split('#')[0]!;
    if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    out.push(posix.normalize(posix.join(posix.dirname(page), decodeURI(target))));
  }
  return out;
}

/** `new URL('<relative>', import.meta.url)` in a source file: each target, repo-relative ('..' when it leaves). */
function urlTargets(file: string, source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/new URL\(\s*(['"`])(\.{1,2}\/[^'"`]*)\1\s*,\s*import\.meta\.url\s*\)/g)) {
    const abs = resolve(dirname(join(ROOT, file)), m[2]!);
    out.push(relative(ROOT, abs).split(sep).join('/'));
  }
  return out;
}

describe('the repo stands alone', () => {
  const texts = TEXT_FILES.map((name) => ({ name, text: read(name) }));

  it('lists its own files (the checks below have something to check)', () => {
    expect(FILE_SET.has(CONTRACT)).toBe(true);
    expect(FILE_SET.has('test/unit/repo/stands-alone.test.ts')).toBe(true);
    expect(TEXT_FILES.length).toBeGreaterThan(100);
  });

  it('no file names the folder that sat beside the repo', () => {
    expect(siblingMentions(texts)).toEqual([]);
  });

  it('the contract has its sections §1 to §10', () => {
    const sections = sectionsOf(read(CONTRACT));
    for (let n = 1; n <= 10; n++) expect(sections.has(String(n)), `${S}${n}`).toBe(true);
  });

  it('every "§N" cites a section of the contract, never the old spec', () => {
    const sections = sectionsOf(read(CONTRACT));
    const cited = texts.filter((t) => /\u00a7\s?\d/.test(t.text));
    expect(cited.length).toBeGreaterThan(10);
    expect(badCitations(texts, sections)).toEqual([]);
  });

  it('every path README.md quotes exists', () => {
    const paths = quotedPaths(read('README.md'), TOP_LEVEL);
    expect(paths).toContain('docs/summary-contract.md');
    expect(paths.filter((p) => !exists(p))).toEqual([]);
  });

  it('every local link of a Markdown page leads to a file of the repo', () => {
    const broken = FILES.filter((f) => f.endsWith('.md')).flatMap((page) =>
      linkTargets(page, read(page))
        .filter((t) => !exists(t))
        .map((t) => `${page} → ${t}`),
    );
    expect(broken).toEqual([]);
  });

  it('every new URL(…, import.meta.url) stays inside the repo and finds its file', () => {
    const bad = TEXT_FILES.filter((f) => /\.(ts|tsx|mts|js|mjs)$/.test(f)).flatMap((f) =>
      urlTargets(f, read(f))
        .filter((t) => t.startsWith('..') || !existsSync(join(ROOT, t)))
        .map((t) => `${f} → ${t}`),
    );
    expect(bad).toEqual([]);
  });
});

describe('the checks catch what they are for', () => {
  const sections = sectionsOf('# Title\n\n## 1. Scope\n\n## 5. Card 3\n\n### 5.1 Rows\n');

  it('reads section numbers from headings only', () => {
    expect([...sections].sort()).toEqual(['1', '5', '5.1']);
  });

  it('flags a missing section and a citation of the old spec', () => {
    const text = `// ok contract ${S}5.1 and ${S}1\n// not ${S}40\n// Spec ${S}1: old`;
    expect(badCitations([{ name: 'a.ts', text }], sections)).toEqual([
      `a.ts:2: ${S}40 is not a section of ${CONTRACT}`,
      `a.ts:3: cites "spec ${S}"; write "contract ${S}N" (${CONTRACT})`,
    ]);
  });

  it('flags every spelling of the sibling folder', () => {
    const up = ['..', 'shared'].join('/');
    const text = [`read ${up}/spec/x.json`, `see ${['shared', 'reference'].join('/')}/y`, `/work/${'shared'}/z`, 'shared state is fine'].join('\n');
    expect(siblingMentions([{ name: 'b.md', text }]).map((l) => l.split(':')[1])).toEqual(['1', '2', '3']);
  });

  it('takes repo paths from inline code, not from fenced blocks, URLs or placeholders', () => {
    const md = [
      'Run `bash .ci/run`, read `lib/cards/` and `docs/x.md:12`.',
      '```sh',
      'cat `lib/in-fence.ts`',
      '```',
      'Not `sellsy/`, `.output/chrome-mv3`, `lib/<area>/`, `https://lib/x`.',
    ].join('\n');
    expect(quotedPaths(md, new Set(['lib', '.ci', 'docs']))).toEqual(['.ci/run', 'lib/cards/', 'docs/x.md']);
  });

  it('resolves links from the page and URLs from the file', () => {
    expect(linkTargets('docs/a.md', '[s](b/c.md#x) [u](https://x.test/) [t](#top) [r](../README.md)')).toEqual(['docs/b/c.md', 'README.md']);
    // Assembled, so that this file's own source holds no such URL.
    const source = ['new URL(', "'../../../../outside/z.json'", ', import.meta.url)'].join('');
    expect(urlTargets('test/unit/x/y.ts', source)).toEqual(['../outside/z.json']);
  });
});
