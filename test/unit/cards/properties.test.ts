// Properties over generated clients: whatever the data, the engine's figures hold together and the output
// stays valid against the schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSummary } from '../../../lib/cards/index';
import type { ClientData } from '../../../lib/client/data';
import type { CreditNote, DocumentRow, Estimate, Invoice, Opportunity, Payment, Related } from '../../../lib/client/records';
import { add, compare, type Dec, formatAmount, ZERO } from '../../../lib/decimal';
import type { DocList, Summary } from '../../../lib/summary/types';
import { CLIENT_ID, clientData, row } from './fixture';
import { schemaErrors } from './schema';

const pad = (n: number) => String(n).padStart(2, '0');
const dateArb = fc
  .record({ y: fc.integer({ min: 2019, max: 2027 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
const todayArb = fc.constantFrom('2026-11-29', '2028-02-29', '2026-08-31', '2026-01-01', '2025-12-31');
const amountArb = fc.integer({ min: 0, max: 5_000_000 }).map((c) => `${Math.floor(c / 100)}.${pad(c % 100)}`);
const currencyArb = fc.constantFrom('EUR', 'EUR', 'EUR', 'USD', 'CHF');
const related: fc.Arbitrary<Related[]> = fc.constantFrom<Related[]>(
  [{ type: 'company', id: CLIENT_ID }],
  [{ type: 'company', id: CLIENT_ID }],
  [{ type: 'company', id: 7 }],
);

const invoiceArb = (id: number) =>
  fc
    .record({
      status: fc.constantFrom('draft', 'due', 'payinprogress', 'paid', 'paid', 'late', 'cancelled', 'scheduled'),
      date: dateArb,
      due: dateArb,
      amount: amountArb,
      remaining: amountArb,
      currency: currencyArb,
      related,
    })
    .map(
      (r): Invoice => ({
        id,
        number: `F-${id}`,
        status: r.status,
        date: r.date,
        due_date: r.due,
        created: `${r.date}T10:00:00+01:00`,
        currency: r.currency,
        amounts: { total_excl_tax: r.amount, total_incl_tax: r.amount, total_remaining_due_incl_tax: r.remaining },
        related: r.related,
      }),
    );
const creditArb = (id: number) =>
  fc
    .record({
      status: fc.constantFrom('draft', 'stored', 'partialspend', 'spent', 'cancelled'),
      date: dateArb,
      amount: amountArb,
      currency: currencyArb,
      related,
    })
    .map(
      (r): CreditNote => ({
        id,
        number: `A-${id}`,
        status: r.status,
        date: r.date,
        created: `${r.date}T10:00:00Z`,
        currency: r.currency,
        amounts: { total_excl_tax: r.amount, total_incl_tax: r.amount },
        related: r.related,
      }),
    );
const estimateArb = (id: number) =>
  fc
    .record({
      status: fc.constantFrom('draft', 'sent', 'read', 'accepted', 'refused', 'expired', 'advanced', 'partialinvoiced', 'invoiced', 'cancelled'),
      date: dateArb,
      expiry: fc.option(dateArb),
      amount: amountArb,
      currency: currencyArb,
      related,
    })
    .map(
      (r): Estimate => ({
        id,
        number: `D-${id}`,
        status: r.status,
        date: r.date,
        expiry_date: r.expiry,
        created: `${r.date}T10:00:00Z`,
        currency: r.currency,
        amounts: { total_excl_tax: r.amount, total: r.amount },
        related: r.related,
      }),
    );
const opportunityArb = (id: number) =>
  fc
    .record({
      status: fc.constantFrom('open', 'late', 'won', 'lost'),
      due: fc.option(dateArb),
      amount: amountArb,
      currency: currencyArb,
    })
    .map(
      (r): Opportunity => ({
        id,
        number: null,
        name: `Opp ${id}`,
        due_date: r.due,
        created: '2026-01-01T00:00:00Z',
        status: r.status,
        amount: { value: r.amount, currency: r.currency },
        pipeline: null,
        step: null,
        probability: null,
        company_id: CLIENT_ID,
        individual_id: null,
        related: [{ type: 'company', id: CLIENT_ID }],
      }),
    );
const rowsArb = fc
  .array(
    fc.record({
      item: fc.integer({ min: 1, max: 8 }),
      decl: fc.option(fc.integer({ min: 1, max: 2 })),
      qty: fc.integer({ min: 0, max: 500 }),
      amount: amountArb,
      optional: fc.boolean(),
      catalog: fc.boolean(),
    }),
    { maxLength: 6 },
  )
  .map((rs): DocumentRow[] =>
    rs.map((r) => {
      const base = row(r.item, `${Math.floor(r.qty / 10)}.${r.qty % 10}`, r.amount, {
        declinationId: r.decl,
        is_optional: r.optional && r.item % 2 === 0,
      });
      return r.catalog ? base : ({ ...base, type: 'single' } as unknown as DocumentRow);
    }),
  );

const dataArb = fc
  .record({
    sales: fc.boolean(),
    invoices: fc.array(fc.nat(), { maxLength: 25 }),
    credits: fc.array(fc.nat(), { maxLength: 5 }),
    estimates: fc.array(fc.nat(), { maxLength: 10 }),
    opportunities: fc.array(fc.nat(), { maxLength: 5 }),
    defaultCurrency: fc.constantFrom('EUR', 'USD', null),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      invoices: fc.tuple(...shape.invoices.map((_, i) => invoiceArb(i + 1))),
      credits: fc.tuple(...shape.credits.map((_, i) => creditArb(i + 1))),
      estimates: fc.tuple(...shape.estimates.map((_, i) => estimateArb(i + 1))),
      opportunities: fc.tuple(...shape.opportunities.map((_, i) => opportunityArb(i + 1))),
      rows: fc.array(rowsArb, { minLength: 35, maxLength: 35 }),
      paidAt: fc.array(dateArb, { minLength: 25, maxLength: 25 }),
      payStatus: fc.array(fc.constantFrom('confirmed', 'pending', 'rejected', 'failed'), { minLength: 25, maxLength: 25 }),
    }),
  )
  .map(({ shape, invoices, credits, estimates, opportunities, rows, paidAt, payStatus }): ClientData => {
    const purchases: { id: number }[] = shape.sales ? estimates : invoices;
    const rowMap: ClientData['rows'] = {};
    purchases.forEach((d, i) => {
      rowMap[`${shape.sales ? 'estimate' : 'invoice'}:${d.id}`] = rows[i % rows.length]!;
    });
    const payments: Payment[] = invoices
      .filter((_, i) => i % 3 !== 2)
      .map((inv, i) => ({
        id: 500 + i,
        number: null,
        paid_at: `${paidAt[i]}T12:00:00+02:00`,
        status: payStatus[i]!,
        type: 'credit',
        amounts: { total: '1.00', remaining: '0.00' },
        currency: 'EUR',
        related: { id: CLIENT_ID, type: 'company' },
        related_objects: [{ id: inv.id, type: 'invoice', amount_linked: '1.00', linked_date: paidAt[i]! }],
      }));
    return clientData({
      sourceMode: shape.sales ? 'sales' : 'invoicing',
      defaultCurrency: shape.defaultCurrency,
      invoices: shape.sales ? null : invoices,
      creditNotes: shape.sales ? null : credits,
      payments: shape.sales ? null : payments,
      estimates,
      opportunities,
      rows: rowMap,
    });
  });

const run = (data: ClientData, today: string): Summary => computeSummary(data, { today, language: 'fr', generatedAt: '2026-11-29T08:00:00.000Z' });
const sumOf = (xs: string[]): Dec => xs.reduce<Dec>((a, x) => add(a, x), ZERO);

describe('card engine properties', () => {
  it('output is always valid against the schema', () => {
    fc.assert(
      fc.property(dataArb, todayArb, (data, today) => {
        const s = run(data, today);
        expect(schemaErrors(JSON.parse(JSON.stringify(s)))).toBeNull();
      }),
      { numRuns: 150 },
    );
  });

  it('without credit notes, no yearly total exceeds the all-time total', () => {
    fc.assert(
      fc.property(dataArb, todayArb, (data, today) => {
        const s = run({ ...data, creditNotes: data.creditNotes ? [] : null }, today);
        const all = s.relationship.totalPurchases ?? '0.00';
        for (const y of s.salesOverview.byYear) expect(compare(y.total, all)).toBeLessThanOrEqual(0);
        expect(compare(formatAmount(sumOf(s.salesOverview.byYear.map((y) => y.total))), all)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 150 },
    );
  });

  it('top products are sorted by their figure and at most five', () => {
    fc.assert(
      fc.property(dataArb, todayArb, (data, today) => {
        const { topProductsByQuantity: q, topProductsByRevenue: r } = run(data, today).salesOverview;
        expect(q.length).toBeLessThanOrEqual(5);
        expect(r.length).toBeLessThanOrEqual(5);
        for (let i = 1; i < q.length; i++) expect(compare(q[i - 1]!.quantity, q[i]!.quantity)).toBeGreaterThanOrEqual(0);
        for (let i = 1; i < r.length; i++) expect(compare(r[i - 1]!.revenue, r[i]!.revenue)).toBeGreaterThanOrEqual(0);
        expect(new Set(q.map((p) => `${p.itemId}/${p.declinationId}`)).size).toBe(q.length);
      }),
      { numRuns: 150 },
    );
  });

  it('counts equal list lengths and totals equal the sums of listed main-currency entries', () => {
    fc.assert(
      fc.property(dataArb, todayArb, (data, today) => {
        const s = run(data, today);
        const listCurrency = s.currency ?? data.defaultCurrency;
        const check = (l: DocList | null, field: 'amount' | 'remaining') => {
          if (!l) return;
          expect(l.count).toBe(l.items.length);
          expect(l.total).toBe(formatAmount(sumOf(l.items.filter((i) => i.currency === listCurrency).map((i) => i[field] ?? '0'))));
        };
        const o = s.openDocuments;
        check(o.invoicesToPay, 'remaining');
        check(o.invoicesLate, 'remaining');
        check(o.estimatesSent, 'amount');
        check(o.estimatesRead, 'amount');
        expect(o.opportunities.count).toBe(o.opportunities.items.length);
        expect(o.opportunities.total).toBe(
          formatAmount(sumOf(o.opportunities.items.filter((i) => i.currency === listCurrency).map((i) => i.amount))),
        );
        const c = s.interactions.counts;
        expect(c.comments + c.tasks + c.calls + c.events).toBe(s.interactions.items.length);
        // Card 1's total is the sum of the documents its sources list (credit notes subtracted).
        const src = s.sources!['relationship.totalPurchases']!;
        const signed = src.included.map((d) => (d.type === 'credit-note' ? `-${d.amount}`.replace('--', '') : d.amount!));
        if (s.relationship.totalPurchases !== null) expect(s.relationship.totalPurchases).toBe(formatAmount(sumOf(signed)));
        for (const y of s.salesOverview.byYear) {
          const ys = s.sources![`salesOverview.byYear.${y.year}`]!;
          expect(ys.included.filter((d) => d.type !== 'credit-note')).toHaveLength(y.count);
          expect(ys.included.every((d) => d.currency === s.currency)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('recommendations: 2 to 5, each with evidence that names something of the summary', () => {
    fc.assert(
      fc.property(dataArb, todayArb, (data, today) => {
        const s = run(data, today);
        expect(s.recommendations.items.length).toBeGreaterThanOrEqual(2);
        expect(s.recommendations.items.length).toBeLessThanOrEqual(5);
        const ids = new Set<string>();
        for (const d of [
          ...(data.invoices ?? []).map((x) => `invoice:${x.id}`),
          ...data.estimates.map((x) => `estimate:${x.id}`),
          ...data.opportunities.map((x) => `opportunity:${x.id}`),
        ])
          ids.add(d);
        for (const r of s.recommendations.items) for (const e of r.evidence) expect(ids.has(`${e.type}:${e.id}`), `${e.type}:${e.id}`).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
