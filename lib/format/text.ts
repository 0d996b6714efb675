// The summary as plain text for a terminal: five cards, indented, no colour codes (they would end up in files).
import type { Summary } from '../summary/types';
import { colon as colonOf } from '../words/typography';
import { type Node, outline } from './outline';
import { terminalSafe } from './terminal';

function lines(nodes: Node[], depth: number, colon: string): string[] {
  const pad = '  '.repeat(depth);
  const out: string[] = [];
  for (const n of nodes) {
    if (n.kind === 'text') {
      for (const l of n.text.split('\n')) out.push(`${pad}${l}`);
      continue;
    }
    const head = n.label !== undefined && n.value !== undefined ? `${n.label}${colon}${n.value}` : (n.label ?? n.value ?? '');
    out.push(`${pad}${head}`);
    if (n.children) out.push(...lines(n.children, depth + 1, colon));
  }
  return out;
}

export function renderText(summary: Summary, lang: string = summary.language): string {
  const o = outline(summary, lang);
  const colon = colonOf(lang);
  const out = [o.title, o.subtitle, ''];
  for (const s of o.sections) {
    out.push(s.title, '-'.repeat([...s.title].length), ...lines(s.nodes, 1, colon), '');
  }
  // A terminal obeys escape sequences and direction overrides found in its output: whatever CRM text reached
  // the lines past the names' cleaning (notes, the model's prose) loses them here.
  return `${terminalSafe(out.join('\n')).trimEnd()}\n`;
}
