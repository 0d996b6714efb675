// A summary laid out once, in words, for every written form (terminal text, Markdown): titles, labelled
// values and nested lists. Every amount, number and date goes through lib/format/intl.ts here.
import type { DocList, DocRef, Evidence, Summary } from '../summary/types';
import { cardWords } from '../words/cards';
import { noun } from '../words/documents';
import { figureWords } from '../words/figures';
import { summaryWords } from '../words/summary';
import { colon as colonOf } from '../words/typography';
import { valueWords } from '../words/values';
import { crmName, docNumberText, pipelineStep, productLabel } from './crm-name';
import { EVIDENCE_INLINE, evidenceWhat } from './evidence';
import { formatDate, formatMoney, formatNumber, formatQuantity } from './intl';
import { byYearPaths, mainCurrencyNote } from './left-out';

export type Node = { kind: 'item'; label?: string; value?: string; children?: Node[] } | { kind: 'text'; text: string };

export interface Section {
  title: string;
  nodes: Node[];
}

export interface Outline {
  title: string;
  subtitle: string;
  sections: Section[];
}

/** Items listed per open-documents list before "… and N more". */
const MAX_LISTED = 10;

const item = (label: string | undefined, value?: string, children?: Node[]): Node => ({
  kind: 'item',
  ...(label !== undefined ? { label } : {}),
  ...(value !== undefined ? { value } : {}),
  ...(children?.length ? { children } : {}),
});

export function outline(summary: Summary, lang: string): Outline {
  const L = valueWords(lang);
  const F = figureWords(lang);
  const C = cardWords(lang);
  const S = summaryWords(lang);
  const money = (a: string, currency: string | null | undefined = summary.currency) => formatMoney(a, currency ?? null, lang);
  // Lists take the short date form, headline dates and sentences the long one (lib/format/intl.ts).
  const date = (d: string) => formatDate(d, lang);
  const longDate = (d: string) => formatDate(d, lang, 'long');
  const num = (n: number | string) => formatNumber(n, lang);
  const colon = colonOf(lang);
  const docNumber = docNumberText;
  /** What a total leaves out for its currency, as the first line under it. */
  const leftOut = (paths: string[]): Node[] => {
    const note = mainCurrencyNote(summary, paths, lang);
    return note ? [{ kind: 'text', text: note }] : [];
  };

  // Evidence names documents by number when the summary lists them.
  const numbers = new Map<string, string>();
  const remember = (type: string, d: { id: number; number?: string | null }) => {
    const shown = crmName(d.number);
    if (shown) numbers.set(`${type}:${d.id}`, shown);
  };
  for (const s of Object.values(summary.sources ?? {})) for (const d of [...s.included, ...s.excluded]) remember(d.type, d);
  const od = summary.openDocuments;
  for (const d of [...(od.invoicesToPay?.items ?? []), ...(od.invoicesLate?.items ?? [])]) remember('invoice', d);
  for (const d of [...od.estimatesSent.items, ...od.estimatesRead.items]) remember('estimate', d);
  for (const o of od.opportunities.items) numbers.set(`opportunity:${o.id}`, crmName(o.name) || docNumber(o));
  const evidenceNumber = (e: Evidence) => numbers.get(`${e.type}:${e.id}`) ?? `#${e.id}`;
  const evidenceText = (e: Evidence) => `${noun(e.type, lang)} ${evidenceNumber(e)}`;
  // The first few by name; past them, how many there are in all (the panel's "and N more" lists the rest).
  const evidenceLine = (evidence: Evidence[]) => {
    if (evidence.length <= EVIDENCE_INLINE) return `${L.evidence}${colon}${evidence.map(evidenceText).join(', ')}`;
    const oneKind = new Set(evidence.map((e) => e.type)).size === 1;
    const named = evidence.slice(0, EVIDENCE_INLINE).map(oneKind ? evidenceNumber : evidenceText);
    return `${L.evidenceMany(num(evidence.length), evidenceWhat(evidence, lang))}${colon}${named.join(', ')} ${L.more(num(evidence.length - EVIDENCE_INLINE))}`;
  };

  const header = `${crmName(summary.client.name)} (${S.clientKind[summary.client.type] ?? summary.client.type} ${summary.client.id})`;
  const subtitle = [
    `${S.asOf} ${longDate(summary.today)}`,
    S.sourceMode[summary.sourceMode] ?? summary.sourceMode,
    ...(summary.currency ? [summary.currency] : []),
  ].join(' · ');

  // Card 1
  const r = summary.relationship;
  const purchase = (d: DocRef) => `${longDate(d.date)} — ${docNumber(d)} — ${money(d.amount)} ${L.excludingTax}`;
  const relationship: Node[] =
    r.firstPurchase && r.lastPurchase && r.totalPurchases !== null
      ? [
          item(F.firstPurchase.name, purchase(r.firstPurchase)),
          item(F.lastPurchase.name, purchase(r.lastPurchase)),
          item(F.totalPurchases.name, `${money(r.totalPurchases)} ${L.excludingTax}`, leftOut(['relationship.totalPurchases'])),
        ]
      : [{ kind: 'text', text: L.noPurchase }];
  // A summary without sources (an old cache entry) only has the overall count to say it.
  if (!summary.sources && summary.excludedOtherCurrency > 0 && summary.currency) {
    relationship.push({
      kind: 'text',
      text: L.otherCurrency(summary.excludedOtherCurrency, num(summary.excludedOtherCurrency), summary.currency),
    });
  }

  // Card 2
  const list = (path: string, label: string, l: DocList | null, line: (d: DocRef) => string, totalIsRemaining: boolean): Node => {
    if (!l) return item(label, `— (${L.invoicingOnly})`);
    if (l.count === 0) return item(label, L.none);
    const shown = [...leftOut([path]), ...l.items.slice(0, MAX_LISTED).map((d) => item(undefined, line(d)))];
    if (l.items.length > MAX_LISTED) shown.push(item(undefined, L.more(num(l.items.length - MAX_LISTED))));
    const total = totalIsRemaining ? `${L.remaining} ${money(l.total)}` : `${L.total} ${money(l.total)} ${L.excludingTax}`;
    return item(`${label} (${num(l.count)})`, total, shown);
  };
  const cur = (d: { currency?: string }) => d.currency ?? summary.currency;
  const invoiceLine = (d: DocRef) =>
    [
      `${docNumber(d)} — ${date(d.date)} — ${money(d.amount, cur(d))} ${L.excludingTax}`,
      ...(d.remaining !== undefined ? [`${L.remaining} ${money(d.remaining, cur(d))}`] : []),
      ...(d.dueDate ? [`${L.due} ${date(d.dueDate)}`] : []),
      ...(d.daysLate !== undefined ? [L.daysLate(d.daysLate, num(d.daysLate))] : []),
    ].join(' — ');
  const estimateLine = (d: DocRef) =>
    [
      `${docNumber(d)} — ${date(d.date)} — ${money(d.amount, cur(d))} ${L.excludingTax}`,
      ...(d.expiryDate ? [`${L.expires} ${date(d.expiryDate)}`] : []),
    ].join(' — ');
  const opp = od.opportunities;
  const oppItems = opp.items
    .slice(0, MAX_LISTED)
    .map((o) =>
      item(
        undefined,
        [
          crmName(o.name) || docNumber(o),
          money(o.amount, o.currency ?? summary.currency),
          pipelineStep(o.pipeline, o.step, ' / '),
          ...(o.probability !== null ? [`${L.probability} ${num(o.probability)} %`] : []),
          o.dueDate ? `${L.due} ${date(o.dueDate)}` : L.noDueDate,
        ]
          .filter(Boolean)
          .join(' — '),
      ),
    );
  if (opp.items.length > MAX_LISTED) oppItems.push(item(undefined, L.more(num(opp.items.length - MAX_LISTED))));
  const openDocuments: Node[] = [
    list('openDocuments.invoicesToPay', F.invoicesToPay.name, od.invoicesToPay, invoiceLine, true),
    list('openDocuments.invoicesLate', F.invoicesLate.name, od.invoicesLate, invoiceLine, true),
    list('openDocuments.estimatesSent', F.estimatesSent.name, od.estimatesSent, estimateLine, false),
    list('openDocuments.estimatesRead', F.estimatesRead.name, od.estimatesRead, estimateLine, false),
    opp.count
      ? item(`${F.opportunities.name} (${num(opp.count)})`, `${L.total} ${money(opp.total)}`, [
          ...leftOut(['openDocuments.opportunities']),
          ...oppItems,
        ])
      : item(F.opportunities.name, L.none),
  ];

  // Card 3
  const so = summary.salesOverview;
  const products = (title: string, by: 'quantity' | 'revenue') => {
    const list = by === 'quantity' ? so.topProductsByQuantity : so.topProductsByRevenue;
    if (!list.length) return item(title, L.noProducts);
    return item(
      title,
      undefined,
      list.map((p, i) => {
        // Declinations of one item share its name and often its reference: the id tells them apart.
        const shown = productLabel(p);
        const tags = [...(shown.reference ? [shown.reference] : []), ...(p.declinationId !== null ? [L.declination(String(p.declinationId))] : [])];
        return item(
          undefined,
          `${num(i + 1)}. ${shown.name}${tags.length ? ` (${tags.join(' · ')})` : ''} — × ${formatQuantity(p.quantity, lang)} — ${money(p.revenue)} ${L.excludingTax}`,
        );
      }),
    );
  };
  const invoicing = summary.sourceMode === 'invoicing';
  const salesOverview: Node[] = [
    item(F.byYear.name, undefined, [
      ...leftOut(byYearPaths(summary)),
      ...so.byYear.map((y) => item(String(y.year), `${money(y.total)} ${L.excludingTax} — ${L.purchases(y.count, num(y.count))}`)),
    ]),
    item(F.averagePerYear.name, num(so.averagePerYear)),
    item(F.averageBasket.name, so.averageBasket !== null ? `${money(so.averageBasket)} ${L.excludingTax}` : '—'),
    products(F.topProductsByQuantity.name, 'quantity'),
    products(F.topProductsByRevenue.name, 'revenue'),
    item(
      F.averagePaymentDelayDays.name,
      !invoicing ? `— (${L.invoicingOnly})` : so.averagePaymentDelayDays !== null ? L.days(num(so.averagePaymentDelayDays)) : '—',
    ),
    item(F.latePayments.name, !invoicing ? `— (${L.invoicingOnly})` : so.latePayments !== null ? num(so.latePayments) : '—'),
  ];

  // Card 4
  const it = summary.interactions;
  const counts = (['comments', 'tasks', 'calls', 'events'] as const).map((k) => `${F[k].name}${colon}${num(it.counts[k])}`).join(' · ');
  const interactions: Node[] = [
    // The counts as the panel shows them, labelled, whatever text follows.
    { kind: 'text', text: counts },
    { kind: 'text', text: it.summary },
    { kind: 'text', text: `(${it.generatedBy === 'llm' ? L.byLlm : L.byRules})` },
  ];

  // Card 5
  const rec = summary.recommendations;
  const recommendations: Node[] = rec.items.map((x, i) =>
    item(`${num(i + 1)}. ${x.action}`, undefined, [
      { kind: 'text', text: x.reason },
      ...(x.evidence.length ? [{ kind: 'text' as const, text: evidenceLine(x.evidence) }] : []),
    ]),
  );
  recommendations.push({ kind: 'text', text: `(${rec.generatedBy === 'llm' ? L.byLlm : L.byRules})` });

  const sections: Section[] = [
    { title: `1. ${C.relationship.name}`, nodes: relationship },
    { title: `2. ${C.openDocuments.name}`, nodes: openDocuments },
    { title: `3. ${C.salesOverview.name} (${so.byYear[0]?.year ?? ''}–${so.byYear[so.byYear.length - 1]?.year ?? ''})`, nodes: salesOverview },
    { title: `4. ${C.interactions.name} (${L.since} ${longDate(it.from)})`, nodes: interactions },
    { title: `5. ${C.recommendations.name}`, nodes: recommendations },
  ];
  if (summary.warnings.length) sections.push({ title: S.warnings, nodes: summary.warnings.map((w) => item(undefined, crmName(w))) });
  return { title: `${S.title} — ${header}`, subtitle, sections };
}
