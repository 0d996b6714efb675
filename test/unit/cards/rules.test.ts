// One example per rule of docs/summary-contract.md, in the order of its sections (§2 to §8).
import { describe, expect, it } from 'vitest';
import { computeSummary } from '../../../lib/cards/index';
import type { ClientData } from '../../../lib/client/data';
import type { Summary } from '../../../lib/summary/types';
import { call, clientData, comment, creditNote, estimate, event, invoice, OTHER, opportunity, payment, row, task } from './fixture';

const TODAY = '2026-11-29';
function compute(data: ClientData, today = TODAY, language = 'en'): Summary {
  return computeSummary(data, { today, language, generatedAt: '2026-11-29T08:00:00.000Z' });
}

describe('§2 which documents count', () => {
  it.each([
    ['due', true],
    ['payinprogress', true],
    ['paid', true],
    ['late', true],
    ['draft', false],
    ['cancelled', false],
  ])('invoice status %s counted: %s', (status, counted) => {
    const s = compute(clientData({ invoices: [invoice({ status, amount: '100.00' })] }));
    expect(s.relationship.totalPurchases).toBe(counted ? '100.00' : null);
    expect(s.salesOverview.byYear[2]!.count).toBe(counted ? 1 : 0);
    if (!counted) expect(s.sources!['relationship.totalPurchases']!.excluded[0]!.reason).toBe(`status:${status}`);
  });

  it.each([
    ['stored', true],
    ['partialspend', true],
    ['spent', true],
    ['draft', false],
    ['cancelled', false],
  ])('credit note status %s subtracted: %s', (status, counted) => {
    const s = compute(clientData({ invoices: [invoice({ amount: '100.00' })], creditNotes: [creditNote({ status, amount: '30.00' })] }));
    expect(s.relationship.totalPurchases).toBe(counted ? '70.00' : '100.00');
    expect(s.salesOverview.byYear[2]!.total).toBe(counted ? '70.00' : '100.00');
    // A credit note is not a purchase: it never changes the count.
    expect(s.salesOverview.byYear[2]!.count).toBe(1);
  });

  it.each([
    ['accepted', true],
    ['advanced', true],
    ['partialinvoiced', true],
    ['invoiced', true],
    ['draft', false],
    ['sent', false],
    ['read', false],
    ['refused', false],
    ['expired', false],
    ['cancelled', false],
  ])('sales mode: estimate status %s counted: %s', (status, counted) => {
    const s = compute(
      clientData({ sourceMode: 'sales', invoices: null, creditNotes: null, payments: null, estimates: [estimate({ status, amount: '200.00' })] }),
    );
    expect(s.relationship.totalPurchases).toBe(counted ? '200.00' : null);
  });

  it('in invoicing mode estimates are not purchases', () => {
    const s = compute(clientData({ estimates: [estimate({ status: 'accepted' })] }));
    expect(s.relationship.totalPurchases).toBeNull();
  });

  it('an unknown status is not counted and named once in a warning', () => {
    const s = compute(
      clientData({
        invoices: [invoice({ status: 'scheduled' }), invoice({ status: 'scheduled' }), invoice({ status: 'paid', amount: '5.00' })],
      }),
    );
    expect(s.relationship.totalPurchases).toBe('5.00');
    const named = s.warnings.filter((w) => w.includes('scheduled'));
    expect(named).toHaveLength(1);
    expect(s.sources!['relationship.totalPurchases']!.excluded.map((e) => e.reason)).toEqual([
      'status-unknown:scheduled',
      'status-unknown:scheduled',
    ]);
  });

  it('unknown estimate and opportunity statuses are warned too', () => {
    const s = compute(clientData({ estimates: [estimate({ status: 'signed' })], opportunities: [opportunity({ status: 'frozen' })] }));
    expect(s.warnings.some((w) => w.includes('"signed"'))).toBe(true);
    expect(s.warnings.some((w) => w.includes('"frozen"'))).toBe(true);
    expect(s.openDocuments.opportunities.count).toBe(0);
  });

  it("documents of other clients are ignored (another company, or a contact with the client's id)", () => {
    const s = compute(
      clientData({
        invoices: [
          invoice({ amount: '1.00' }),
          invoice({ amount: '1000.00', related: OTHER }),
          invoice({ amount: '2000.00', related: [{ type: 'contact', id: 100 }] }),
        ],
        creditNotes: [creditNote({ amount: '500.00', related: OTHER })],
        payments: [],
      }),
    );
    expect(s.relationship.totalPurchases).toBe('1.00');
    expect(s.warnings.some((w) => w.includes('another client'))).toBe(true);
  });

  it('amounts are excluding tax and written with two decimals', () => {
    const inv = invoice({ amount: '1234.5' });
    inv.amounts.total_incl_tax = '1481.40';
    const s = compute(clientData({ invoices: [inv] }));
    expect(s.relationship.totalPurchases).toBe('1234.50');
    expect(s.relationship.firstPurchase!.amount).toBe('1234.50');
  });

  describe('main currency', () => {
    it('is the currency of most counted documents; others are excluded and counted', () => {
      const s = compute(
        clientData({
          invoices: [
            invoice({ currency: 'USD', amount: '10.00' }),
            invoice({ currency: 'USD', amount: '20.00' }),
            invoice({ currency: 'EUR', amount: '5.00' }),
            invoice({ currency: 'EUR', status: 'draft' }),
            invoice({ currency: 'EUR', status: 'draft' }),
          ],
        }),
      );
      expect(s.currency).toBe('USD');
      expect(s.relationship.totalPurchases).toBe('30.00');
      expect(s.excludedOtherCurrency).toBe(1); // the counted EUR invoice; drafts are not counted anyway
      expect(s.sources!['relationship.totalPurchases']!.excluded.filter((e) => e.reason === 'currency:EUR')).toHaveLength(1);
    });
    it('the vote counts credit notes', () => {
      const s = compute(
        clientData({
          invoices: [invoice({ currency: 'EUR' }), invoice({ currency: 'CHF', amount: '50.00' })],
          creditNotes: [creditNote({ currency: 'CHF', amount: '10.00' })],
        }),
      );
      expect(s.currency).toBe('CHF');
      expect(s.relationship.totalPurchases).toBe('40.00');
      expect(s.excludedOtherCurrency).toBe(1);
    });
    it('a tie goes to the account default currency', () => {
      const s = compute(clientData({ defaultCurrency: 'USD', invoices: [invoice({ currency: 'EUR' }), invoice({ currency: 'USD' })] }));
      expect(s.currency).toBe('USD');
    });
    it('a tie without the default among the tied goes to the alphabetically first', () => {
      const s = compute(clientData({ defaultCurrency: 'JPY', invoices: [invoice({ currency: 'USD' }), invoice({ currency: 'CHF' })] }));
      expect(s.currency).toBe('CHF');
      const none = compute(clientData({ defaultCurrency: null, invoices: [invoice({ currency: 'USD' }), invoice({ currency: 'GBP' })] }));
      expect(none.currency).toBe('GBP');
    });
    it('is null when nothing counts', () => {
      const s = compute(clientData({ invoices: [invoice({ status: 'draft' })] }));
      expect(s.currency).toBeNull();
      expect(s.excludedOtherCurrency).toBe(0);
    });
    it('open lists show every currency but total the main one only', () => {
      const s = compute(
        clientData({
          invoices: [
            invoice({ status: 'due', remaining: '120.00' }),
            invoice({ status: 'due', remaining: '120.00' }),
            invoice({ status: 'due', currency: 'USD', remaining: '999.00' }),
          ],
        }),
      );
      expect(s.openDocuments.invoicesToPay!.count).toBe(3);
      expect(s.openDocuments.invoicesToPay!.items).toHaveLength(3);
      expect(s.openDocuments.invoicesToPay!.total).toBe('240.00');
      expect(s.sources!['openDocuments.invoicesToPay']!.excluded[0]!.reason).toBe('currency:USD');
    });
  });
});

describe('§3 relationship', () => {
  it('first and last purchase by (date, id), total = invoices − credit notes', () => {
    const a = invoice({ id: 5, date: '2020-05-01', amount: '10.00' });
    const b = invoice({ id: 3, date: '2020-05-01', amount: '20.00' });
    const c = invoice({ id: 9, date: '2026-11-01', amount: '30.00' });
    const d = invoice({ id: 8, date: '2026-11-01', amount: '40.00' });
    const s = compute(clientData({ invoices: [a, c, b, d], creditNotes: [creditNote({ amount: '15.50' })] }));
    expect(s.relationship.firstPurchase).toEqual({ id: 3, number: b.number, date: '2020-05-01', amount: '20.00' });
    expect(s.relationship.lastPurchase!.id).toBe(9);
    expect(s.relationship.totalPurchases).toBe('84.50');
  });
  it('all three are null without a counted purchase, even with a credit note', () => {
    const s = compute(clientData({ creditNotes: [creditNote()] }));
    expect(s.relationship).toEqual({ firstPurchase: null, lastPurchase: null, totalPurchases: null });
  });
  it('a credit note larger than the purchases makes a negative total', () => {
    const s = compute(clientData({ invoices: [invoice({ amount: '10.00' })], creditNotes: [creditNote({ amount: '25.25' })] }));
    expect(s.relationship.totalPurchases).toBe('-15.25');
  });
  it('sales mode: sums counted estimates', () => {
    const s = compute(
      clientData({
        sourceMode: 'sales',
        invoices: null,
        creditNotes: null,
        payments: null,
        estimates: [estimate({ amount: '100.00' }), estimate({ status: 'invoiced', amount: '50.50' }), estimate({ status: 'sent', amount: '1.00' })],
      }),
    );
    expect(s.relationship.totalPurchases).toBe('150.50');
  });
});

describe('§4 open documents', () => {
  it('invoices to pay: due and payinprogress, newest first, total of remaining', () => {
    const s = compute(
      clientData({
        invoices: [
          invoice({ id: 1, status: 'due', date: '2026-10-01', due_date: '2026-12-01', remaining: '120.00' }),
          invoice({ id: 2, status: 'payinprogress', date: '2026-11-01', due_date: '2026-12-15', remaining: '60.50' }),
          invoice({ id: 3, status: 'paid' }),
          invoice({ id: 4, status: 'late', remaining: '1.00' }),
        ],
      }),
    );
    const l = s.openDocuments.invoicesToPay!;
    expect(l.items.map((i) => i.id)).toEqual([2, 1]);
    expect(l.total).toBe('180.50');
    expect(l.items[1]).toMatchObject({ dueDate: '2026-12-01', remaining: '120.00' });
  });
  it('late invoices: daysLate = today − due date', () => {
    const s = compute(clientData({ invoices: [invoice({ status: 'late', due_date: '2026-10-30', remaining: '12.00' })] }));
    expect(s.openDocuments.invoicesLate!.items[0]).toMatchObject({ daysLate: 30, remaining: '12.00' });
    expect(s.openDocuments.invoicesLate!.total).toBe('12.00');
  });
  it('estimates sent and read, with expiry date', () => {
    const s = compute(
      clientData({
        estimates: [
          estimate({ id: 1, status: 'sent', date: '2026-11-01', expiry_date: '2026-12-01', amount: '10.00' }),
          estimate({ id: 2, status: 'read', expiry_date: null, amount: '20.00' }),
          estimate({ id: 3, status: 'sent', date: '2026-11-02', amount: '5.00' }),
        ],
      }),
    );
    expect(s.openDocuments.estimatesSent.items.map((e) => e.id)).toEqual([3, 1]);
    expect(s.openDocuments.estimatesSent.items[1]!.expiryDate).toBe('2026-12-01');
    expect(s.openDocuments.estimatesSent.total).toBe('15.00');
    expect(s.openDocuments.estimatesRead.items[0]!.expiryDate).toBeNull();
  });
  it('opportunities: open or late, soonest due date first, none last, then id', () => {
    const s = compute(
      clientData({
        invoices: [invoice()],
        opportunities: [
          opportunity({ id: 4, due_date: null }),
          opportunity({ id: 3, due_date: '2027-01-01' }),
          opportunity({ id: 2, due_date: '2026-12-01', status: 'late' }),
          opportunity({ id: 1, due_date: '2027-01-01' }),
          opportunity({ id: 5, status: 'won' }),
          opportunity({ id: 6, currency: 'USD', value: '5.00', due_date: null }),
          opportunity({ id: 7, company_id: 999, related: OTHER }),
        ],
      }),
    );
    const o = s.openDocuments.opportunities;
    expect(o.items.map((i) => i.id)).toEqual([2, 1, 3, 4, 6]);
    expect(o.count).toBe(5);
    expect(o.total).toBe('4000.00');
    expect(o.items[0]).toMatchObject({ pipeline: 'Ventes', step: 'Proposition', probability: 50 });
  });
  it('sales mode: invoice lists are null', () => {
    const s = compute(clientData({ sourceMode: 'sales', invoices: null, creditNotes: null, payments: null }));
    expect(s.openDocuments.invoicesToPay).toBeNull();
    expect(s.openDocuments.invoicesLate).toBeNull();
  });
});

describe('§5 sales overview', () => {
  it('the window runs from 1 January of year − 2 to today, both included', () => {
    const s = compute(
      clientData({
        invoices: [
          invoice({ date: '2023-12-31', amount: '1.00' }),
          invoice({ date: '2024-01-01', amount: '2.00' }),
          invoice({ date: '2025-06-15', amount: '4.00' }),
          invoice({ date: TODAY, amount: '8.00' }),
          invoice({ date: '2026-11-30', amount: '16.00' }),
        ],
      }),
    );
    expect(s.salesOverview.byYear).toEqual([
      { year: 2024, total: '2.00', count: 1 },
      { year: 2025, total: '4.00', count: 1 },
      { year: 2026, total: '8.00', count: 1 },
    ]);
    expect(s.salesOverview.averageBasket).toBe('4.67'); // 14 / 3
    expect(s.relationship.totalPurchases).toBe('31.00'); // all time, window or not
  });
  it('on 29 February the window starts on 1 January two years before', () => {
    const s = compute(clientData({ invoices: [invoice({ date: '2026-01-01' }), invoice({ date: '2025-12-31' })] }), '2028-02-29');
    expect(s.salesOverview.byYear.map((y) => [y.year, y.count])).toEqual([
      [2026, 1],
      [2027, 0],
      [2028, 0],
    ]);
  });
  it('credit notes reduce the year they are dated in, not the count', () => {
    const s = compute(
      clientData({
        invoices: [invoice({ date: '2025-03-01', amount: '100.00' })],
        creditNotes: [creditNote({ date: '2025-04-01', amount: '40.00' }), creditNote({ date: '2026-01-01', amount: '5.00' })],
      }),
    );
    expect(s.salesOverview.byYear[1]).toEqual({ year: 2025, total: '60.00', count: 1 });
    expect(s.salesOverview.byYear[2]).toEqual({ year: 2026, total: '-5.00', count: 0 });
  });
  it('average per year is the mean of the three counts to one decimal', () => {
    const s = compute(
      clientData({
        invoices: [
          invoice({ date: '2024-02-01' }),
          invoice({ date: '2025-02-01' }),
          invoice({ date: '2025-03-01' }),
          invoice({ date: '2026-01-01' }),
        ],
      }),
    );
    expect(s.salesOverview.averagePerYear).toBe(1.3);
  });
  it('average basket rounds half away from zero (10.005 → 10.01, −10.005 → −10.01)', () => {
    const s = compute(clientData({ invoices: [invoice({ amount: '10.00' }), invoice({ amount: '10.01' })] }));
    expect(s.salesOverview.averageBasket).toBe('10.01');
    const n = compute(clientData({ invoices: [invoice({ amount: '-10.00' }), invoice({ amount: '-10.01' })] }));
    expect(n.salesOverview.averageBasket).toBe('-10.01');
  });
  it('average basket is null without purchases in the window, and ignores credit notes', () => {
    expect(compute(clientData({ invoices: [invoice({ date: '2020-01-01' })] })).salesOverview.averageBasket).toBeNull();
    const s = compute(clientData({ invoices: [invoice({ amount: '100.00' })], creditNotes: [creditNote({ amount: '50.00' })] }));
    expect(s.salesOverview.averageBasket).toBe('100.00');
  });
  it('other currencies stay out of yearly figures', () => {
    const s = compute(
      clientData({ invoices: [invoice({ amount: '10.00' }), invoice({ amount: '10.00' }), invoice({ currency: 'USD', amount: '99.00' })] }),
    );
    expect(s.salesOverview.byYear[2]).toEqual({ year: 2026, total: '20.00', count: 2 });
    expect(s.sources!['salesOverview.byYear.2026']!.excluded.map((e) => e.reason)).toEqual(['currency:USD']);
  });

  describe('top products', () => {
    const withRows = (rowsByInvoice: [ReturnType<typeof invoice>, ReturnType<typeof row>[]][], extra: Partial<ClientData> = {}) =>
      clientData({
        invoices: rowsByInvoice.map(([i]) => i),
        rows: Object.fromEntries(rowsByInvoice.map(([i, r]) => [`invoice:${i.id}`, r])),
        ...extra,
      });
    it('only catalog rows that are not optional count; sums quantity and revenue; name from the catalogue', () => {
      const i1 = invoice();
      const i2 = invoice();
      const single = { ...row(9, '100', '1000.00'), type: 'single' as const } as unknown as ReturnType<typeof row>;
      const s = compute(
        withRows(
          [
            [i1, [row(1, '2', '20.00'), row(2, '1.5', '30.00'), row(3, '50', '500.00', { is_optional: true }), single]],
            [i2, [row(1, '3', '30.00')]],
          ],
          { items: { 1: { name: 'Lamp', reference: 'L-1' } } },
        ),
      );
      expect(s.salesOverview.topProductsByQuantity).toEqual([
        { itemId: 1, declinationId: null, name: 'Lamp', reference: 'REF-1', quantity: '5', revenue: '50.00' },
        { itemId: 2, declinationId: null, name: 'REF-2', reference: 'REF-2', quantity: '1.5', revenue: '30.00' },
      ]);
    });
    it('declinations are separate products; the name falls back to reference then description', () => {
      const i = invoice();
      const s = compute(
        withRows([
          [
            i,
            [
              row(1, '1', '10.00', { declinationId: 7 }),
              row(1, '2', '10.00', { declinationId: 8 }),
              row(2, '1', '5.00', { reference: '', description: '<p>Custom <b>work</b></p>' }),
            ],
          ],
        ]),
      );
      expect(s.salesOverview.topProductsByQuantity.map((p) => [p.itemId, p.declinationId, p.name])).toEqual([
        [1, 8, 'REF-1-8'],
        [1, 7, 'REF-1-7'],
        [2, null, 'Custom work'],
      ]);
    });
    it('ties: by the figure, then the other figure, then itemId and declinationId; at most five', () => {
      const i = invoice();
      const s = compute(
        withRows([
          [
            i,
            [
              row(6, '1', '10.00'),
              row(5, '1', '10.00'),
              row(4, '1', '20.00'),
              row(3, '2', '5.00'),
              row(2, '1', '10.00', { declinationId: 2 }),
              row(2, '1', '10.00', { declinationId: 1 }),
              row(1, '1', '1.00'),
            ],
          ],
        ]),
      );
      expect(s.salesOverview.topProductsByQuantity.map((p) => `${p.itemId}/${p.declinationId}`)).toEqual([
        '3/null',
        '4/null',
        '2/1',
        '2/2',
        '5/null',
      ]);
      expect(s.salesOverview.topProductsByRevenue.map((p) => `${p.itemId}/${p.declinationId}`)).toEqual(['4/null', '2/1', '2/2', '5/null', '6/null']);
    });
    it('rows of documents outside the window, not counted or in another currency are ignored', () => {
      const old = invoice({ date: '2023-06-01' });
      const draft = invoice({ status: 'draft' });
      const usd = invoice({ currency: 'USD' });
      const ok = invoice();
      const ok2 = invoice();
      const s = compute(
        withRows([
          [old, [row(1, '9', '9.00')]],
          [draft, [row(2, '9', '9.00')]],
          [usd, [row(3, '9', '9.00')]],
          [ok, [row(4, '1', '1.00')]],
          [ok2, []],
        ]),
      );
      expect(s.salesOverview.topProductsByQuantity.map((p) => p.itemId)).toEqual([4]);
    });
  });

  describe('payments', () => {
    it('delay uses the latest paid_at date of linked payments, ignoring rejected and failed', () => {
      const a = invoice({ date: '2026-01-01', due_date: '2026-01-31' });
      const b = invoice({ date: '2026-02-01', due_date: '2026-03-03' });
      const s = compute(
        clientData({
          invoices: [a, b],
          payments: [
            payment([a.id], '2026-01-11T23:30:00-05:00'), // the 11th as written, whatever the zone
            payment([a.id], '2026-01-21T10:00:00+01:00'),
            payment([a.id], '2026-06-01T10:00:00+02:00', { status: 'rejected' }),
            payment([b.id], '2026-03-03T10:00:00+01:00'),
            payment([b.id], '2026-09-01T10:00:00+02:00', { status: 'failed' }),
          ],
        }),
      );
      // a: 20 days, b: 30 days → 25
      expect(s.salesOverview.averagePaymentDelayDays).toBe(25);
      // b paid on its due date: not late (strictly after only)
      expect(s.salesOverview.latePayments).toBe(0);
    });
    it('late payments are strictly after the due date', () => {
      const a = invoice({ date: '2026-01-01', due_date: '2026-01-31' });
      const b = invoice({ date: '2026-01-01', due_date: '2026-01-31' });
      const s = compute(
        clientData({ invoices: [a, b], payments: [payment([a.id], '2026-02-01T00:00:00Z'), payment([b.id], '2026-01-31T23:59:00Z')] }),
      );
      expect(s.salesOverview.latePayments).toBe(1);
      expect(s.salesOverview.averagePaymentDelayDays).toBe(30.5);
    });
    it('a paid invoice without payment is left out of both figures and warned', () => {
      const a = invoice({ date: '2026-01-01', number: 'F-NOPAY' });
      const s = compute(clientData({ invoices: [a], payments: [payment([a.id], '2026-02-01T00:00:00Z', { status: 'failed' })] }));
      expect(s.salesOverview.averagePaymentDelayDays).toBeNull();
      expect(s.salesOverview.latePayments).toBe(0);
      expect(s.warnings.filter((w) => w.includes('F-NOPAY'))).toHaveLength(1);
      expect(s.sources!['salesOverview.averagePaymentDelayDays']!.excluded[0]).toMatchObject({ id: a.id, reason: 'no-payment' });
    });
    it('paid invoices in another currency still count for payment figures; delays round half away from zero', () => {
      const a = invoice({ date: '2026-01-01', currency: 'USD' });
      const b = invoice({ date: '2026-01-01' });
      const c = invoice({ date: '2026-01-01' });
      const s = compute(
        clientData({
          invoices: [a, b, c],
          payments: [payment([a.id], '2026-01-02T10:00:00Z'), payment([b.id], '2026-01-02T10:00:00Z'), payment([c.id], '2026-01-03T10:00:00Z')],
        }),
      );
      expect(s.salesOverview.averagePaymentDelayDays).toBe(1.3); // 4/3 = 1.333
      const d = compute(
        clientData({
          invoices: [b, c, a, invoice({ date: '2026-01-01', id: 77 })],
          payments: [payment([a.id, b.id, c.id, 77], '2026-01-02T00:00:00Z'), payment([77], '2026-01-03T00:00:00Z')],
        }),
      );
      expect(d.salesOverview.averagePaymentDelayDays).toBe(1.3); // (1+1+1+2)/4 = 1.25 → 1.3
    });
    it('only invoices dated in the window count', () => {
      const old = invoice({ date: '2023-12-31' });
      const s = compute(clientData({ invoices: [old], payments: [payment([old.id], '2024-03-01T00:00:00Z')] }));
      expect(s.salesOverview.averagePaymentDelayDays).toBeNull();
      expect(s.salesOverview.latePayments).toBe(0);
    });
    it('sales mode: payment figures are null', () => {
      const s = compute(clientData({ sourceMode: 'sales', invoices: null, creditNotes: null, payments: null, estimates: [estimate()] }));
      expect(s.salesOverview.averagePaymentDelayDays).toBeNull();
      expect(s.salesOverview.latePayments).toBeNull();
    });
  });
});

describe('§6 interactions', () => {
  it('six calendar months back, both ends included; future events are not interactions yet', () => {
    const s = compute(
      clientData({
        comments: [comment('2026-05-28T23:00:00+02:00', 'too old'), comment('2026-05-29T00:10:00+02:00', 'first day')],
        calendarEvents: [event('2026-11-29T18:00:00+01:00', 'today'), event('2026-11-30T09:00:00+01:00', 'tomorrow')],
      }),
    );
    expect(s.interactions.from).toBe('2026-05-29');
    expect(s.interactions.items.map((i) => i.text)).toEqual(['today', 'first day']);
  });
  it('31 August → from 28 February (29 in a leap year)', () => {
    expect(compute(clientData(), '2026-08-31').interactions.from).toBe('2026-02-28');
    expect(compute(clientData(), '2028-08-31').interactions.from).toBe('2028-02-29');
  });
  it('texts and dates per source, HTML removed, counts per type, newest first', () => {
    const s = compute(
      clientData({
        comments: [comment('2026-11-01T10:00:00+01:00', '<p>Hello&nbsp;<b>there</b> &amp; bye</p>', { id: 1 })],
        tasks: [task('2026-11-02T10:00:00+01:00', 'Call back', '<i>urgent</i>', { id: 2, status: 'done' })],
        phoneCalls: [call('2026-11-03T10:00:00+01:00', 'Asked for a quote', { id: 3, created: '2026-01-01T00:00:00Z' })],
        calendarEvents: [event('2026-11-04T10:00:00+01:00', 'Visit', 'Showroom', { id: 4, created: '2026-01-01T00:00:00Z' })],
      }),
    );
    expect(s.interactions.counts).toEqual({ comments: 1, tasks: 1, calls: 1, events: 1 });
    expect(s.interactions.items).toEqual([
      { type: 'event', id: 4, date: '2026-11-04', text: 'Visit\nShowroom' },
      { type: 'call', id: 3, date: '2026-11-03', text: 'Asked for a quote' },
      { type: 'task', id: 2, date: '2026-11-02', text: 'Call back\nurgent' },
      { type: 'comment', id: 1, date: '2026-11-01', text: 'Hello there & bye' },
    ]);
  });
  it('texts are never shortened in items; the rules digest is', () => {
    const long = 'word '.repeat(2000).trim();
    const s = compute(clientData({ comments: [comment('2026-11-01T10:00:00Z', long)] }));
    expect(s.interactions.items[0]!.text).toBe(long);
    expect(s.interactions.summary.length).toBeLessThan(400);
    expect(s.interactions.generatedBy).toBe('rules');
  });
  it('interactions of another client are ignored; same date ties order by id', () => {
    const s = compute(
      clientData({
        comments: [
          comment('2026-11-01T10:00:00Z', 'a', { id: 10 }),
          comment('2026-11-01T09:00:00Z', 'b', { id: 11 }),
          comment('2026-11-01T10:00:00Z', 'x', { id: 12, company_id: 999, related: OTHER }),
        ],
      }),
    );
    expect(s.interactions.items.map((i) => i.id)).toEqual([11, 10]);
  });
  it('the digest is written in the summary language', () => {
    const data = clientData({ comments: [comment('2026-11-01T10:00:00Z', 'Wants the new catalogue')] });
    expect(compute(data, TODAY, 'fr').interactions.summary).toContain('1 interaction au cours des 6 derniers mois');
    expect(compute(data, TODAY, 'en').interactions.summary).toContain('1 interaction in the last 6 months');
    expect(compute(clientData(), TODAY, 'fr').interactions.summary).toBe('Aucune interaction enregistrée au cours des 6 derniers mois.');
  });
});

describe('§7 recommendations (rules)', () => {
  const kinds = (s: Summary) => s.recommendations.items.map((r) => r.action);
  it('a client with no documents still gets two', () => {
    const s = compute(clientData());
    expect(s.recommendations.items).toHaveLength(2);
    expect(s.recommendations.generatedBy).toBe('rules');
  });
  it('late invoices to chase, with the figures of card 2', () => {
    const a = invoice({ status: 'late', due_date: '2026-10-30', remaining: '100.00', number: 'F-1' });
    const b = invoice({ status: 'late', due_date: '2026-11-19', remaining: '20.50', number: 'F-2' });
    const s = compute(clientData({ invoices: [a, b] }));
    const r = s.recommendations.items[0]!;
    expect(r.action).toBe('Chase the 2 late invoices');
    expect(r.reason).toBe('€120.50 still due; the oldest (F-1) is 30 days late.');
    expect(r.evidence).toEqual(
      expect.arrayContaining([
        { type: 'invoice', id: a.id },
        { type: 'invoice', id: b.id },
      ]),
    );
  });
  it('read estimates: after 7 days, not before', () => {
    const old = estimate({ status: 'read', date: '2026-11-22', number: 'D-7' });
    const recent = estimate({ status: 'read', date: '2026-11-23', number: 'D-6' });
    const s = compute(clientData({ estimates: [old, recent] }));
    const r = s.recommendations.items.find((x) => x.action.includes('D-7'));
    expect(r?.evidence).toEqual([{ type: 'estimate', id: old.id }]);
    expect(kinds(s).some((a) => a.includes('D-6'))).toBe(false);
  });
  it('an opportunity past its due date', () => {
    const o = opportunity({ due_date: '2026-11-28', name: 'Big deal' });
    const s = compute(clientData({ opportunities: [o, opportunity({ due_date: TODAY })] }));
    const r = s.recommendations.items.find((x) => x.action.includes('Big deal'));
    // A date inside a sentence takes the long form.
    expect(r?.reason).toContain('November 28, 2026');
    expect(r?.evidence).toEqual([{ type: 'opportunity', id: o.id }]);
  });
  it('no purchase for more than twice the usual interval', () => {
    const data = clientData({ invoices: [invoice({ date: '2025-01-01' }), invoice({ date: '2025-02-01' }), invoice({ date: '2025-03-01' })] });
    expect(kinds(compute(data)).includes('Get back in touch for a new order')).toBe(true);
    const recent = clientData({ invoices: [invoice({ date: '2026-09-01' }), invoice({ date: '2026-10-01' }), invoice({ date: '2026-11-01' })] });
    expect(kinds(compute(recent)).includes('Get back in touch for a new order')).toBe(false);
  });
  it('repeated late payments', () => {
    const a = invoice({ date: '2026-01-01', due_date: '2026-01-31' });
    const b = invoice({ date: '2026-02-01', due_date: '2026-03-03' });
    const s = compute(clientData({ invoices: [a, b], payments: [payment([a.id], '2026-02-10T00:00:00Z'), payment([b.id], '2026-03-10T00:00:00Z')] }));
    const r = s.recommendations.items.find((x) => x.action === 'Review the payment terms');
    expect(r?.reason).toContain('2 invoices paid after their due date');
    expect(r?.evidence.map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
  });
  it('sent estimates close to expiry', () => {
    const e = estimate({ status: 'sent', date: '2026-11-01', expiry_date: '2026-12-05', number: 'D-EXP' });
    const far = estimate({ status: 'sent', date: '2026-11-01', expiry_date: '2027-03-01', number: 'D-FAR' });
    const s = compute(clientData({ estimates: [e, far] }));
    expect(kinds(s)).toContain('Follow up estimate D-EXP before it expires');
    expect(kinds(s).some((a) => a.includes('D-FAR'))).toBe(false);
  });
  it('never more than five, every evidence points at something in the data', () => {
    const late = [1, 2, 3].map(() => invoice({ status: 'late', due_date: '2026-10-01', remaining: '10.00' }));
    const s = compute(
      clientData({
        invoices: [...late, invoice({ date: '2024-01-01' }), invoice({ date: '2024-02-01' })],
        estimates: [
          estimate({ status: 'read', date: '2026-10-01' }),
          estimate({ status: 'sent', expiry_date: '2026-12-01' }),
          estimate({ status: 'sent', expiry_date: '2026-12-02' }),
        ],
        opportunities: [opportunity({ due_date: '2026-01-01' })],
      }),
      TODAY,
      'fr',
    );
    expect(s.recommendations.items.length).toBeLessThanOrEqual(5);
    expect(s.recommendations.items.length).toBeGreaterThanOrEqual(2);
    expect(s.recommendations.items[0]!.action).toBe('Relancer les 3 factures en retard');
  });
});

describe('sources', () => {
  it('first purchase lists an earlier document that did not count, with its reason', () => {
    const draft = invoice({ status: 'draft', date: '2019-01-01' });
    const usd = invoice({ currency: 'USD', date: '2019-06-01' });
    const first = invoice({ date: '2020-01-01' });
    const later = invoice({ status: 'cancelled', date: '2021-01-01' });
    const s = compute(clientData({ invoices: [later, first, usd, draft, invoice({ date: '2020-02-01' })] }));
    const src = s.sources!['relationship.firstPurchase']!;
    expect(src.included.map((d) => d.id)).toEqual([first.id]);
    expect(src.excluded.map((d) => [d.id, d.reason])).toEqual([
      [draft.id, 'status:draft'],
      [usd.id, 'currency:USD'],
    ]);
  });
  it('a purchase dated after today is in the all-time total but outside the window', () => {
    const future = invoice({ date: '2026-12-15', amount: '50.00' });
    const s = compute(clientData({ invoices: [invoice({ amount: '10.00' }), future] }));
    expect(s.relationship.totalPurchases).toBe('60.00');
    expect(s.salesOverview.averageBasket).toBe('10.00');
    expect(s.sources!['salesOverview.averageBasket']!.excluded).toEqual([expect.objectContaining({ id: future.id, reason: 'outside-window' })]);
  });
  it('payment figures name the payment date and payments used', () => {
    const a = invoice({ date: '2026-01-01' });
    const p1 = payment([a.id], '2026-01-05T10:00:00Z');
    const p2 = payment([a.id], '2026-01-09T10:00:00Z');
    const s = compute(clientData({ invoices: [a], payments: [p1, p2] }));
    expect(s.sources!['salesOverview.averagePaymentDelayDays']!.included).toEqual([
      expect.objectContaining({ id: a.id, paidOn: '2026-01-09', payments: [p1.id, p2.id] }),
    ]);
  });
  it('each listed top product has its own documents', () => {
    const a = invoice({ date: '2026-01-01' });
    const b = invoice({ date: '2026-02-01' });
    const s = compute(
      clientData({
        invoices: [a, b],
        rows: { [`invoice:${a.id}`]: [row(1, '1', '1.00'), row(2, '5', '1.00')], [`invoice:${b.id}`]: [row(2, '1', '1.00')] },
      }),
    );
    expect(s.sources!['salesOverview.topProductsByQuantity.0']!.included.map((d) => d.id)).toEqual([a.id, b.id]);
    expect(s.sources!['salesOverview.topProductsByQuantity.1']!.included.map((d) => d.id)).toEqual([a.id]);
  });
});

describe('§8 the summary as a whole', () => {
  it('carries client, today, mode, language and generatedAt', () => {
    const s = compute(clientData({ client: { kind: 'individual', id: 100, name: 'Jeanne Martin', thirdType: 'client' } }), TODAY, 'fr');
    expect(s.client).toEqual({ type: 'individual', id: 100, name: 'Jeanne Martin' });
    expect(s).toMatchObject({ today: TODAY, sourceMode: 'invoicing', language: 'fr', generatedAt: '2026-11-29T08:00:00.000Z' });
  });
  it("keeps the data layer's warnings, in words of the summary's language", () => {
    const malformed = {
      code: 'malformed',
      recordType: 'invoice',
      id: 4,
      number: null,
      field: 'date',
      value: '"x"',
      expected: 'date',
      orNull: false,
    } as const;
    expect(compute(clientData({ warnings: [malformed] })).warnings).toContain('Invoice 4 left out: date is "x", not a YYYY-MM-DD date.');
    expect(compute(clientData({ warnings: [malformed] }), TODAY, 'fr').warnings).toContain(
      'Facture 4 ignoré(e) : date vaut "x" (attendu : une date AAAA-MM-JJ).',
    );
  });
  it('rejects a malformed today', () => {
    expect(() => compute(clientData(), '2026-02-30')).toThrow(/YYYY-MM-DD/);
  });
  it('records the documents behind each figure', () => {
    const inv = invoice({ date: '2025-05-01' });
    const s = compute(clientData({ invoices: [inv, invoice({ status: 'draft', date: '2025-05-02' })] }));
    expect(s.sources!['relationship.totalPurchases']!.included).toEqual([
      { type: 'invoice', id: inv.id, number: inv.number, date: '2025-05-01', amount: '100.00', currency: 'EUR', status: 'paid' },
    ]);
    expect(s.sources!['salesOverview.byYear.2025']!.excluded[0]!.reason).toBe('status:draft');
    for (const key of [
      'relationship.firstPurchase',
      'relationship.lastPurchase',
      'openDocuments.invoicesLate',
      'salesOverview.averageBasket',
      'salesOverview.averagePaymentDelayDays',
      'salesOverview.latePayments',
      'salesOverview.topProductsByRevenue',
      'salesOverview.byYear.2024',
    ]) {
      expect(s.sources![key], key).toBeDefined();
    }
  });
});
