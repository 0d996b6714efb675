// "Since your last look" in words, for the panel and the Markdown copy: one wording for both. Amounts and
// dates go through lib/format/intl.ts; CRM text (numbers, names) is escaped by the Markdown renderer.
import { formatDate, formatMoney, formatNumber } from '../format/intl';
import { escapeMarkdown } from '../format/markdown';
import { docLabel } from '../words/documents';
import { teamWords } from '../words/team';
import { colon as colonOf } from '../words/typography';
import { valueWords } from '../words/values';
import { type Change, type ChangeRef, KIND_ORDER, type SummaryChanges, type TotalChange } from './changes';

const DOCS = new Set(['invoice', 'credit-note', 'estimate']);

/** "Facture FAC-2026-0101", "Opportunité Terrasse", "Commentaire". */
export function refLabel(ref: ChangeRef, lang: string): string {
  const type = docLabel(ref.type, lang);
  return ref.number ? `${type} ${ref.number}` : type;
}

/** What follows the record's name: its date and amount, or what moved; with `links`, the records it settles too. */
export function changeDetail(c: Change, lang: string, opts: { links?: boolean } = {}): string {
  const L = { changes: teamWords(lang).changes, excludingTax: valueWords(lang).excludingTax };
  if (c.kind === 'opportunity-moved') {
    const name = (v: string | null | undefined) => (c.field === 'status' ? (L.changes.opportunityStatus[v ?? ''] ?? v) : v) ?? L.changes.none;
    return `${name(c.from)} → ${name(c.to)}`;
  }
  const parts: string[] = [];
  if (c.date) parts.push(formatDate(c.date, lang));
  if (c.amount && !c.amount.startsWith('?'))
    parts.push(`${formatMoney(c.amount, c.currency, lang)}${DOCS.has(c.ref.type) ? ` ${L.excludingTax}` : ''}`);
  if (opts.links && c.links.length) parts.push(`${L.changes.settles} ${c.links.map((l) => l.number ?? `#${l.id}`).join(', ')}`);
  return parts.join(' · ');
}

/** "1 950,00 € → 2 280,00 € (+330,00 €)". */
export function totalDetail(t: TotalChange, currency: string | null, lang: string): string {
  const money = (v: string | null) => (v === null ? '—' : formatMoney(v, currency, lang));
  const delta = t.delta === null ? '' : ` (${t.delta.startsWith('-') ? '' : '+'}${formatMoney(t.delta, currency, lang)})`;
  return `${money(t.before)} → ${money(t.after)}${delta}`;
}

/** The changes grouped by kind, in KIND_ORDER. */
export function byKind(changes: Change[]): { kind: Change['kind']; items: Change[] }[] {
  return KIND_ORDER.map((kind) => ({ kind, items: changes.filter((c) => c.kind === kind) })).filter((g) => g.items.length > 0);
}

export function sinceText(changes: SummaryChanges, lang: string): string {
  return teamWords(lang).changes.since(formatDate(changes.since.slice(0, 10), lang));
}

/** The section the Markdown copy ends with. */
export function renderChangesMarkdown(changes: SummaryChanges, lang: string): string {
  const L = teamWords(lang).changes;
  const colon = colonOf(lang);
  const out = [`### ${escapeMarkdown(L.title)} (${escapeMarkdown(sinceText(changes, lang))})`, ''];
  if (changes.changes.length === 0 && changes.totals.length === 0) {
    out.push(escapeMarkdown(L.nothing(formatDate(changes.since.slice(0, 10), lang))));
    return `${out.join('\n')}\n`;
  }
  for (const group of byKind(changes.changes)) {
    out.push(`- **${escapeMarkdown(L.kinds[group.kind] ?? group.kind)}** (${formatNumber(group.items.length, lang)})`);
    for (const c of group.items) {
      const detail = changeDetail(c, lang, { links: true });
      out.push(`  - ${escapeMarkdown(refLabel(c.ref, lang))}${detail ? `${colon}${escapeMarkdown(detail)}` : ''}`);
    }
  }
  if (changes.totals.length) {
    out.push(`- **${escapeMarkdown(L.totals)}**`);
    for (const t of changes.totals)
      out.push(`  - ${escapeMarkdown(L.totalNames[t.key] ?? t.key)}${colon}${escapeMarkdown(totalDetail(t, changes.currency, lang))}`);
  }
  return `${out.join('\n')}\n`;
}
