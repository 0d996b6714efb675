// A small re-computation of the key figures straight from the local Sellsy's seeded records, written apart
// from lib/cards (integer cents, plain loops) so that the command's output is checked against something else.
import type { AccountDb } from '../../sellsy/seed';

type Obj = Record<string, any>;

export function cents(amount: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!m) throw new Error(`unexpected amount in the seed: ${amount}`);
  const v = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -v : v;
}
export function money(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg && a !== 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}
function halfUpDiv(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (a * 2n + d) / (2n * d);
  return neg ? -q : q;
}

export interface Expected {
  currency: string | null;
  totalPurchases: string | null;
  byYear: { year: number; total: string; count: number }[];
  invoicesLateCount: number | null;
  invoicesLateTotal: string | null;
  averageBasket: string | null;
}

export function expectedFigures(db: AccountDb, kind: 'company' | 'individual', id: number, today: string, mode: 'invoicing' | 'sales'): Expected {
  const mine = (d: Obj) => Array.isArray(d.related) && d.related.some((r: Obj) => r.type === kind && r.id === id);
  const purchaseStatuses = mode === 'invoicing' ? ['due', 'payinprogress', 'paid', 'late'] : ['accepted', 'advanced', 'partialinvoiced', 'invoiced'];
  const purchases = (mode === 'invoicing' ? db.invoices : db.estimates).filter((d) => mine(d) && purchaseStatuses.includes(d.status));
  const credits = mode === 'invoicing' ? db.creditNotes.filter((d) => mine(d) && ['stored', 'partialspend', 'spent'].includes(d.status)) : [];

  const votes: Record<string, number> = {};
  for (const d of [...purchases, ...credits]) votes[d.currency] = (votes[d.currency] ?? 0) + 1;
  const ranked = Object.entries(votes).sort((a, b) => b[1] - a[1]);
  if (ranked.length > 1 && ranked[0]![1] === ranked[1]![1]) throw new Error('the seed has a currency tie: this check does not handle it');
  const currency = ranked[0]?.[0] ?? null;
  const main = (d: Obj) => d.currency === currency;

  const p = purchases.filter(main);
  const c = credits.filter(main);
  let total = 0n;
  for (const d of p) total += cents(d.amounts.total_excl_tax);
  for (const d of c) total -= cents(d.amounts.total_excl_tax);

  const year = Number(today.slice(0, 4));
  const byYear = [year - 2, year - 1, year].map((y) => {
    let t = 0n;
    let n = 0;
    for (const d of p)
      if (d.date.startsWith(`${y}-`) && d.date <= today) {
        t += cents(d.amounts.total_excl_tax);
        n += 1;
      }
    for (const d of c) if (d.date.startsWith(`${y}-`) && d.date <= today) t -= cents(d.amounts.total_excl_tax);
    return { year: y, total: money(t), count: n };
  });

  const windowDocs = p.filter((d) => d.date >= `${year - 2}-01-01` && d.date <= today);
  let windowSum = 0n;
  for (const d of windowDocs) windowSum += cents(d.amounts.total_excl_tax);

  let lateCount: number | null = null;
  let lateTotal: string | null = null;
  if (mode === 'invoicing') {
    const late = db.invoices.filter((d) => mine(d) && d.status === 'late');
    lateCount = late.length;
    let t = 0n;
    for (const d of late) if (main(d)) t += cents(d.amounts.total_remaining_due_incl_tax);
    lateTotal = money(t);
  }
  return {
    currency,
    totalPurchases: p.length ? money(total) : null,
    byYear,
    invoicesLateCount: lateCount,
    invoicesLateTotal: lateTotal,
    averageBasket: windowDocs.length ? money(halfUpDiv(windowSum, BigInt(windowDocs.length))) : null,
  };
}
