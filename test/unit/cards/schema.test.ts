// docs/summary.schema.json describes `sources` (contract §9) exactly: a summary that uses every exclusion code
// validates, and a source entry the contract does not define is refused.
import { describe, expect, it } from 'vitest';
import { computeSummary } from '../../../lib/cards/index';
import type { Summary } from '../../../lib/summary/types';
import { clientData, creditNote, invoice, opportunity, payment, row } from './fixture';
import { schemaErrors } from './schema';

const TODAY = '2026-11-29';

/** One client whose sources hold every reason code but no-purchase (which needs a client without purchases). */
function everyReason(): Summary {
  const paid = invoice({ date: '2026-03-01' });
  const unpaid = invoice({ date: '2026-04-01' });
  const noRows = invoice({ date: '2026-05-01' });
  const data = clientData({
    invoices: [
      paid,
      unpaid,
      noRows,
      invoice({ status: 'draft', date: '2026-02-01' }),
      invoice({ status: 'archived-by-someone', date: '2026-02-02' }),
      invoice({ currency: 'USD', date: '2026-02-03' }),
      invoice({ date: '2026-12-24' }),
    ],
    creditNotes: [creditNote({ date: '2026-06-01' })],
    payments: [payment([paid.id], '2026-03-10T09:00:00Z')],
    opportunities: [opportunity({ currency: 'CHF' })],
    rows: { [`invoice:${paid.id}`]: [row(1, '2', '10.00')], [`invoice:${unpaid.id}`]: [row(2, '1', '5.00')] },
  });
  return computeSummary(data, { today: TODAY, language: 'en', generatedAt: '2026-11-29T08:00:00.000Z' });
}

const reasons = (s: Summary) => new Set(Object.values(s.sources ?? {}).flatMap((f) => f.excluded.map((d) => d.reason.replace(/:.*/, ':'))));

describe('the summary schema describes sources', () => {
  it('a summary using every exclusion code validates', () => {
    const s = everyReason();
    expect([...reasons(s)].sort()).toEqual(['currency:', 'no-payment', 'no-rows', 'outside-window', 'status-unknown:', 'status:']);
    expect(schemaErrors(s)).toBeNull();
  });

  it('so does a client with credit notes and no purchase (no-purchase)', () => {
    const s = computeSummary(clientData({ creditNotes: [creditNote()] }), { today: TODAY, language: 'fr', generatedAt: '2026-11-29T08:00:00.000Z' });
    expect(reasons(s).has('no-purchase')).toBe(true);
    expect(schemaErrors(s)).toBeNull();
  });

  it('refuses an unknown reason code, an unknown figure path, an extra field and a bad amount', () => {
    const cases: [string, (s: Summary) => void][] = [
      ['reason', (s) => (s.sources!['salesOverview.averagePaymentDelayDays']!.excluded[0]!.reason = 'because')],
      ['path', (s) => (s.sources!['salesOverview.averagePerYear'] = { included: [], excluded: [] })],
      ['extra field', (s) => Object.assign(s.sources!['relationship.firstPurchase']!.included[0]!, { note: 'x' })],
      ['reason on an included document', (s) => Object.assign(s.sources!['relationship.firstPurchase']!.included[0]!, { reason: 'status:draft' })],
      ['amount', (s) => (s.sources!['relationship.totalPurchases']!.included[0]!.amount = '100.5')],
      ['type', (s) => (s.sources!['relationship.totalPurchases']!.included[0]!.type = 'order')],
    ];
    for (const [what, spoil] of cases) {
      const s = everyReason();
      spoil(s);
      expect(schemaErrors(s), what).not.toBeNull();
    }
  });
});
