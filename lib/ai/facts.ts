// The facts the model may use: the cards' figures as the panel shows them (formatted by lib/format/intl.ts, with
// their labels), each document tagged [type:id] so a recommendation can cite it, and the CRM notes, cleaned and
// fenced, newest first, within a token budget. The model gets nothing it would have to compute.
import { productLabel } from '../format/crm-name';
import { formatDate, formatMoney, formatNumber, formatQuantity } from '../format/intl';
import type { DocList, DocRef, InteractionItem, OpportunityRef, Summary } from '../summary/types';
import { cardWords } from '../words/cards';
import { figureWords, qualifiedName } from '../words/figures';
import { toLang } from '../words/lang';
import { promptWords } from '../words/prompts';
import { summaryWords } from '../words/summary';
import { valueWords } from '../words/values';
import { cleanCrmText, cleanName, fence } from './sanitize';
import { estimateTokens } from './tokens';

/** `${type}:${id}`, the evidence a recommendation may cite. */
export type EvidenceKey = string;

export interface Facts {
  text: string;
  evidence: Set<EvidenceKey>;
  /** Numbers the facts state that are not figures of the summary ("and 3 more not listed"). */
  extraNumbers: number[];
}

export interface NotesBlock {
  text: string;
  shown: number;
  total: number;
  evidence: Set<EvidenceKey>;
}

/** Documents listed per kind in the facts: the newest ones; the count and total still cover all. */
export const MAX_DOCS_PER_LIST = 8;

/** `prepare` runs on each CRM name (redaction); the figures around them are written by code and left alone. */
export function factsOf(summary: Summary, prepare: (text: string) => string = (x) => x): Facts {
  const crm = (text: string) => prepare(cleanName(text));
  const lang = summary.language;
  const t = promptWords(lang);
  const v = valueWords(lang);
  const F = figureWords(lang);
  const C = cardWords(lang);
  const label = (key: keyof typeof F) => qualifiedName(F[key]);
  const cur = summary.currency;
  const money = (a: string, c: string | null | undefined = cur) => formatMoney(a, c ?? cur, lang);
  const date = (d: string) => formatDate(d, lang);
  const evidence = new Set<EvidenceKey>();
  const extraNumbers: number[] = [];
  const more = (n: number) => {
    extraNumbers.push(n);
    return `  ${t.otherDocs(n)}`;
  };
  const tag = (type: string, id: number) => {
    evidence.add(`${type}:${id}`);
    return `[${type}:${id}]`;
  };
  const lines: string[] = [];
  const purchaseType = summary.sourceMode === 'invoicing' ? 'invoice' : 'estimate';
  const docLine = (type: string, d: DocRef) => {
    const bits = [`${tag(type, d.id)}${d.number ? ` ${crm(d.number)}` : ''}`, `${t.dated} ${date(d.date)}`, money(d.amount, d.currency)];
    if (d.dueDate) bits.push(`${v.due} ${date(d.dueDate)}`);
    if (d.remaining !== undefined) bits.push(`${v.remaining} ${money(d.remaining, d.currency)}`);
    if (d.daysLate !== undefined) bits.push(`${formatNumber(d.daysLate, lang)} ${t.daysLate}`);
    if (d.expiryDate) bits.push(`${v.expires} ${date(d.expiryDate)}`);
    return `  - ${bits.join(', ')}`;
  };
  const list = (label: string, type: string, l: DocList | null) => {
    if (l === null) {
      lines.push(`- ${label} : ${t.notApplicable}`);
      return;
    }
    lines.push(`- ${label} : ${formatNumber(l.count, lang)}, ${money(l.total)}`);
    for (const d of l.items.slice(0, MAX_DOCS_PER_LIST)) lines.push(docLine(type, d));
    if (l.items.length > MAX_DOCS_PER_LIST) lines.push(more(l.items.length - MAX_DOCS_PER_LIST));
  };
  const oppLine = (o: OpportunityRef) => {
    const bits = [`${tag('opportunity', o.id)} ${crm(o.name)}`, money(o.amount, o.currency)];
    if (o.step) bits.push(`${t.step} ${crm(o.step)}`);
    if (o.probability !== null) bits.push(`${v.probability} ${formatNumber(o.probability, lang)} %`);
    if (o.dueDate) bits.push(`${v.due} ${date(o.dueDate)}`);
    return `  - ${bits.join(', ')}`;
  };

  const r = summary.relationship;
  lines.push(`${t.client} : ${crm(summary.client.name)} (${summaryWords(lang).clientKind[summary.client.type]})`);
  lines.push(`${t.today} : ${date(summary.today)}`);
  lines.push(`${t.mode} : ${t.modes[summary.sourceMode]}`);
  if (cur) lines.push(`${t.currency} : ${cur}`);
  lines.push('', C.relationship.name);
  const purchase = (label: string, d: DocRef | null) => lines.push(`- ${label} : ${d ? docLine(purchaseType, d).slice(4) : v.none}`);
  purchase(label('firstPurchase'), r.firstPurchase);
  purchase(label('lastPurchase'), r.lastPurchase);
  lines.push(`- ${label('totalPurchases')} : ${r.totalPurchases === null ? v.none : money(r.totalPurchases)}`);

  const o = summary.openDocuments;
  lines.push('', C.openDocuments.name);
  list(label('invoicesToPay'), 'invoice', o.invoicesToPay);
  list(label('invoicesLate'), 'invoice', o.invoicesLate);
  list(label('estimatesSent'), 'estimate', o.estimatesSent);
  list(label('estimatesRead'), 'estimate', o.estimatesRead);
  lines.push(`- ${label('opportunities')} : ${formatNumber(o.opportunities.count, lang)}, ${money(o.opportunities.total)}`);
  for (const op of o.opportunities.items.slice(0, MAX_DOCS_PER_LIST)) lines.push(oppLine(op));
  if (o.opportunities.items.length > MAX_DOCS_PER_LIST) lines.push(more(o.opportunities.items.length - MAX_DOCS_PER_LIST));

  const s = summary.salesOverview;
  lines.push('', `${C.salesOverview.name} (${C.salesOverview.period})`);
  lines.push(`- ${label('byYear')} :`);
  for (const y of s.byYear) lines.push(`  - ${y.year} : ${money(y.total)} (${formatNumber(y.count, lang)} ${t.purchases})`);
  lines.push(`- ${label('averagePerYear')} : ${formatNumber(s.averagePerYear, lang)}`);
  lines.push(`- ${label('averageBasket')} : ${s.averageBasket === null ? v.none : money(s.averageBasket)}`);
  const products = (title: string, ps: typeof s.topProductsByQuantity) => {
    if (ps.length === 0) return lines.push(`- ${title} : ${v.none}`);
    lines.push(`- ${title} :`);
    for (const p of ps) {
      // The reference once: a product without a name is named by it, and it is not repeated beside itself.
      const shown = productLabel(p);
      const ref = shown.reference ? ` (${crm(shown.reference)})` : '';
      lines.push(`  - ${crm(shown.name)}${ref} : ${formatQuantity(p.quantity, lang)} ; ${money(p.revenue)}`);
    }
  };
  products(label('topProductsByQuantity'), s.topProductsByQuantity);
  products(label('topProductsByRevenue'), s.topProductsByRevenue);
  const orNa = (x: number | null, f: (x: number) => string) => (x === null ? (summary.sourceMode === 'sales' ? t.notApplicable : v.none) : f(x));
  // With its unit, as the model should repeat it: the number check reads "22,1 jours" as a number of days.
  const delayUnit = F.averagePaymentDelayDays.unit;
  lines.push(`- ${label('averagePaymentDelayDays')} : ${orNa(s.averagePaymentDelayDays, (v) => `${formatNumber(v, lang)} ${delayUnit}`)}`);
  lines.push(`- ${label('latePayments')} : ${orNa(s.latePayments, (v) => formatNumber(v, lang))}`);

  const i = summary.interactions;
  lines.push('', `${C.interactions.name} (${C.interactions.period}, ${v.since} ${date(i.from)})`);
  lines.push(`- ${(['comments', 'tasks', 'calls', 'events'] as const).map((k) => `${label(k)} : ${formatNumber(i.counts[k], lang)}`).join(', ')}`);
  // French typography puts a space before the colon; English does not.
  const text =
    toLang(lang) === 'en'
      ? lines
          .join('\n')
          .replace(/ :( |$)/gm, ':$1')
          .replace(/ ;/g, ';')
      : lines.join('\n');
  return { text, evidence, extraNumbers };
}

/**
 * The CRM notes, newest first, each cleaned (HTML, invisible characters) and cut at `perItemChars`, as many as
 * fit in `budgetTokens`, inside one fenced block. `prepare` runs on each cleaned text (redaction).
 */
export function notesBlock(
  items: InteractionItem[],
  language: string,
  boundary: string,
  budgetTokens: number,
  perItemChars: number,
  prepare: (text: string) => string = (x) => x,
): NotesBlock {
  const evidence = new Set<EvidenceKey>();
  const entries: string[] = [];
  let used = estimateTokens(fence('', boundary)) + 20; // the header line and the fence
  for (const item of items) {
    // Only the start of a note can fit: cleaning and redacting a 1 MB note whole would be wasted work. Redaction
    // runs before the final cut so that an address is never sent half-cut (and so unrecognised).
    let text = prepare(cleanCrmText(item.text.slice(0, perItemChars * 4)).slice(0, perItemChars + 200));
    if (text.length > perItemChars) text = `${text.slice(0, perItemChars).replace(/\s+\S*$/, '')} […]`;
    const entry = `[${item.type}:${item.id}] ${formatDate(item.date.slice(0, 10), language)}\n${text}`;
    const cost = estimateTokens(entry) + 1;
    if (used + cost > budgetTokens) break;
    used += cost;
    entries.push(entry);
    evidence.add(`${item.type}:${item.id}`);
  }
  const t = promptWords(language);
  const header = t.notesHeader(entries.length, items.length);
  return { text: `${header}\n${fence(entries.join('\n\n'), boundary)}`, shown: entries.length, total: items.length, evidence };
}
