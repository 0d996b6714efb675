// The summary as Markdown: what the panel's "Copy as Markdown" puts on the clipboard. Text from the CRM is
// escaped so a note cannot turn into a link, a heading or an image in whatever the user pastes it into.
import type { Summary } from '../summary/types';
import { colon as colonOf } from '../words/typography';
import { removeInvisible } from './crm-text';
import { type Node, outline } from './outline';

/** Backslash-escapes Markdown's active characters, neutralises HTML tags, drops invisible and control characters. */
export function escapeMarkdown(text: string): string {
  return removeInvisible(text)
    .replace(/([\\`*_{}[\]()#+\-.!|>~])/g, '\\$1')
    .replace(/</g, '&lt;');
}

function lines(nodes: Node[], depth: number, colon: string): string[] {
  const pad = '  '.repeat(depth);
  const out: string[] = [];
  for (const n of nodes) {
    if (n.kind === 'text') {
      const body = n.text.split('\n').map(escapeMarkdown);
      if (depth === 0) out.push(...body.map((l) => (l ? `${l}  ` : l)), '');
      else out.push(`${pad}- ${body.join('<br>')}`);
      continue;
    }
    const label = n.label !== undefined ? `**${escapeMarkdown(n.label)}**` : '';
    const value = n.value !== undefined ? escapeMarkdown(n.value) : '';
    out.push(`${pad}- ${label && value ? `${label}${colon}${value}` : label || value}`);
    if (n.children) out.push(...lines(n.children, depth + 1, colon));
  }
  return out;
}

export function renderMarkdown(summary: Summary, lang: string = summary.language): string {
  const o = outline(summary, lang);
  const colon = colonOf(lang);
  const out = [`## ${escapeMarkdown(o.title)}`, '', `_${escapeMarkdown(o.subtitle)}_`, ''];
  for (const s of o.sections) {
    out.push(`### ${escapeMarkdown(s.title)}`, '', ...lines(s.nodes, 0, colon));
    if (out[out.length - 1] !== '') out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
