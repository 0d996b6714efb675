// What the panel must show for a summary: the raw values it carries in data-* attributes, figure by figure.
// Built from the CLI's --json output, so the e2e compares the extension with the command line exactly.
import type { DocList, Summary } from '../../lib/summary/types';

export type Expected = Record<string, Record<string, string> | 'absent'>;

const str = (v: string | number | null) => (v === null ? 'null' : String(v));

export function expectedFigures(s: Summary): Expected {
  const out: Expected = {};
  const r = s.relationship;
  out['relationship.firstPurchase'] = r.firstPurchase
    ? { value: r.firstPurchase.date, amount: r.firstPurchase.amount, id: String(r.firstPurchase.id) }
    : 'absent';
  out['relationship.lastPurchase'] = r.lastPurchase
    ? { value: r.lastPurchase.date, amount: r.lastPurchase.amount, id: String(r.lastPurchase.id) }
    : 'absent';
  out['relationship.totalPurchases'] = r.totalPurchases === null ? 'absent' : { value: r.totalPurchases };
  const list = (l: DocList | null): Record<string, string> => (l === null ? { value: 'null' } : { value: l.total, count: String(l.count) });
  const d = s.openDocuments;
  out['openDocuments.invoicesToPay'] = list(d.invoicesToPay);
  out['openDocuments.invoicesLate'] = list(d.invoicesLate);
  out['openDocuments.estimatesSent'] = list(d.estimatesSent);
  out['openDocuments.estimatesRead'] = list(d.estimatesRead);
  out['openDocuments.opportunities'] = { value: d.opportunities.total, count: String(d.opportunities.count) };
  const o = s.salesOverview;
  for (const y of o.byYear) out[`salesOverview.byYear.${y.year}`] = { value: y.total, count: String(y.count) };
  out['salesOverview.averagePerYear'] = { value: str(o.averagePerYear) };
  out['salesOverview.averageBasket'] = { value: str(o.averageBasket) };
  out['salesOverview.averagePaymentDelayDays'] = { value: str(o.averagePaymentDelayDays) };
  out['salesOverview.latePayments'] = { value: str(o.latePayments) };
  for (let i = 0; i < 5; i++) {
    const q = o.topProductsByQuantity[i];
    out[`salesOverview.topProductsByQuantity.${i}`] = q ? { value: q.quantity, name: q.name, revenue: q.revenue } : 'absent';
    const v = o.topProductsByRevenue[i];
    out[`salesOverview.topProductsByRevenue.${i}`] = v ? { value: v.revenue, name: v.name, quantity: v.quantity } : 'absent';
  }
  for (const [k, n] of Object.entries(s.interactions.counts)) out[`interactions.counts.${k}`] = { value: String(n) };
  return out;
}

/** The differences between what the panel shows and what is expected; empty when they agree. */
export function compareFigures(expected: Expected, shown: Record<string, Record<string, string>>): string[] {
  const diffs: string[] = [];
  for (const [path, want] of Object.entries(expected)) {
    const got = shown[path];
    if (want === 'absent') {
      if (got) diffs.push(`${path}: shown (${JSON.stringify(got)}) but the CLI has none`);
      continue;
    }
    if (!got) {
      diffs.push(`${path}: missing from the panel`);
      continue;
    }
    for (const [k, v] of Object.entries(want))
      if (got[k] !== v) diffs.push(`${path}.${k}: panel ${JSON.stringify(got[k])} ≠ CLI ${JSON.stringify(v)}`);
  }
  return diffs;
}
