// A summary laid out once, in words, for every written form (terminal text, Markdown): titles, labelled
// values and nested lists. Every amount, number and date goes through lib/format/intl.ts here.
import type { DocList, DocRef, Evidence, Summary } from '../summary/types';
import { formatDate, formatMoney, formatNumber, formatQuantity } from './intl';
import { labels } from './labels';

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
  const L = labels(lang);
  const money = (a: string, currency: string | null | undefined = summary.currency) => formatMoney(a, currency ?? null, lang);
  const date = (d: string) => formatDate(d, lang);
  const num = (n: number | string) => formatNumber(n, lang);
  const colon = lang.toLowerCase().startsWith('fr') ? ' : ' : ': ';
  const docNumber = (d: { number: string | null; id: number }) => d.number ?? `#${d.id}`;

  // Evidence names documents by number when the summary lists them.
  const numbers = new Map<string, string>();
  const remember = (type: string, d: { id: number; number?: string | null }) => {
    if (d.number) numbers.set(`${type}:${d.id}`, d.number);
  };
  for (const s of Object.values(summary.sources ?? {})) for (const d of [...s.included, ...s.excluded]) remember(d.type, d);
  const od = summary.openDocuments;
  for (const d of [...(od.invoicesToPay?.items ?? []), ...(od.invoicesLate?.items ?? [])]) remember('invoice', d);
  for (const d of [...od.estimatesSent.items, ...od.estimatesRead.items]) remember('estimate', d);
  for (const o of od.opportunities.items) numbers.set(`opportunity:${o.id}`, o.name);
  const evidenceText = (e: Evidence) => `${L.docTypes[e.type] ?? e.type} ${numbers.get(`${e.type}:${e.id}`) ?? `#${e.id}`}`;

  const header = `${summary.client.name} (${L.clientKind[summary.client.type] ?? summary.client.type} ${summary.client.id})`;
  const subtitle = [
    `${L.asOf} ${date(summary.today)}`,
    L.sourceMode[summary.sourceMode] ?? summary.sourceMode,
    ...(summary.currency ? [summary.currency] : []),
  ].join(' · ');

  // Card 1
  const r = summary.relationship;
  const purchase = (d: DocRef) => `${date(d.date)} — ${docNumber(d)} — ${money(d.amount)} ${L.excludingTax}`;
  const relationship: Node[] =
    r.firstPurchase && r.lastPurchase && r.totalPurchases !== null
      ? [
          item(L.firstPurchase, purchase(r.firstPurchase)),
          item(L.lastPurchase, purchase(r.lastPurchase)),
          item(L.totalPurchases, `${money(r.totalPurchases)} ${L.excludingTax}`),
        ]
      : [{ kind: 'text', text: L.noPurchase }];
  if (summary.excludedOtherCurrency > 0 && summary.currency) {
    relationship.push({
      kind: 'text',
      text: L.otherCurrency(num(summary.excludedOtherCurrency), summary.excludedOtherCurrency === 1, summary.currency),
    });
  }

  // Card 2
  const list = (label: string, l: DocList | null, line: (d: DocRef) => string, totalIsRemaining: boolean): Node => {
    if (!l) return item(label, `— (${L.invoicingOnly})`);
    if (l.count === 0) return item(label, L.nothing);
    const shown = l.items.slice(0, MAX_LISTED).map((d) => item(undefined, line(d)));
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
      ...(d.daysLate !== undefined ? [L.daysLate(num(d.daysLate))] : []),
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
          o.name,
          money(o.amount, o.currency ?? summary.currency),
          [o.pipeline, o.step].filter(Boolean).join(' / '),
          ...(o.probability !== null ? [`${L.probability} ${num(o.probability)} %`] : []),
          o.dueDate ? `${L.due} ${date(o.dueDate)}` : L.noDueDate,
        ]
          .filter(Boolean)
          .join(' — '),
      ),
    );
  if (opp.items.length > MAX_LISTED) oppItems.push(item(undefined, L.more(num(opp.items.length - MAX_LISTED))));
  const openDocuments: Node[] = [
    list(L.invoicesToPay, od.invoicesToPay, invoiceLine, true),
    list(L.invoicesLate, od.invoicesLate, invoiceLine, true),
    list(L.estimatesSent, od.estimatesSent, estimateLine, false),
    list(L.estimatesRead, od.estimatesRead, estimateLine, false),
    opp.count ? item(`${L.opportunities} (${num(opp.count)})`, `${L.total} ${money(opp.total)}`, oppItems) : item(L.opportunities, L.nothing),
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
        const tags = [
          ...(p.reference && p.reference !== p.name ? [p.reference] : []),
          ...(p.declinationId !== null ? [L.declination(String(p.declinationId))] : []),
        ];
        return item(
          undefined,
          `${num(i + 1)}. ${p.name}${tags.length ? ` (${tags.join(' · ')})` : ''} — × ${formatQuantity(p.quantity, lang)} — ${money(p.revenue)} ${L.excludingTax}`,
        );
      }),
    );
  };
  const invoicing = summary.sourceMode === 'invoicing';
  const salesOverview: Node[] = [
    item(
      L.byYear,
      undefined,
      so.byYear.map((y) => item(String(y.year), `${money(y.total)} ${L.excludingTax} — ${L.documents(num(y.count), y.count === 1)}`)),
    ),
    item(L.averagePerYear, num(so.averagePerYear)),
    item(L.averageBasket, so.averageBasket !== null ? `${money(so.averageBasket)} ${L.excludingTax}` : '—'),
    products(L.topByQuantity, 'quantity'),
    products(L.topByRevenue, 'revenue'),
    item(
      L.averagePaymentDelay,
      !invoicing ? `— (${L.invoicingOnly})` : so.averagePaymentDelayDays !== null ? L.days(num(so.averagePaymentDelayDays)) : '—',
    ),
    item(L.latePayments, !invoicing ? `— (${L.invoicingOnly})` : so.latePayments !== null ? num(so.latePayments) : '—'),
  ];

  // Card 4
  const it = summary.interactions;
  const counts = (Object.keys(L.counts) as (keyof typeof L.counts)[])
    .map((k) => `${num(it.counts[k])} ${L.counts[k][it.counts[k] === 1 ? 0 : 1]}`)
    .join(' · ');
  const interactions: Node[] = [
    // The rules' digest opens with these counts; a model's text may not.
    ...(it.generatedBy === 'llm' || it.items.length === 0 ? [{ kind: 'text' as const, text: counts }] : []),
    { kind: 'text', text: it.summary },
    { kind: 'text', text: `(${it.generatedBy === 'llm' ? L.byLlm : L.byRules})` },
  ];

  // Card 5
  const rec = summary.recommendations;
  const recommendations: Node[] = rec.items.map((x, i) =>
    item(`${num(i + 1)}. ${x.action}`, undefined, [
      { kind: 'text', text: x.reason },
      ...(x.evidence.length
        ? [
            {
              kind: 'text' as const,
              text: `${L.evidence}${colon}${x.evidence.slice(0, 6).map(evidenceText).join(', ')}${x.evidence.length > 6 ? ` ${L.more(num(x.evidence.length - 6))}` : ''}`,
            },
          ]
        : []),
    ]),
  );
  recommendations.push({ kind: 'text', text: `(${rec.generatedBy === 'llm' ? L.byLlm : L.byRules})` });

  const sections: Section[] = [
    { title: `1. ${L.cards.relationship}`, nodes: relationship },
    { title: `2. ${L.cards.openDocuments}`, nodes: openDocuments },
    { title: `3. ${L.cards.salesOverview} (${so.byYear[0]?.year ?? ''}–${so.byYear[so.byYear.length - 1]?.year ?? ''})`, nodes: salesOverview },
    { title: `4. ${L.cards.interactions} (${L.since} ${date(it.from)})`, nodes: interactions },
    { title: `5. ${L.cards.recommendations}`, nodes: recommendations },
  ];
  if (summary.warnings.length) sections.push({ title: L.warnings, nodes: summary.warnings.map((w) => item(undefined, w)) });
  return { title: `${L.title} — ${header}`, subtitle, sections };
}
