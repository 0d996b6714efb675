// The e2e's figure comparison must catch a wrong value, a missing figure and an extra one.
import { describe, expect, it } from 'vitest';
import { compareFigures, expectedFigures } from '../../e2e/figures';
import { invoicingSummary, salesSummary } from './fixture';

describe('expectedFigures / compareFigures', () => {
  it('agrees with a faithful rendering and names every difference otherwise', () => {
    const expected = expectedFigures(invoicingSummary());
    const shown: Record<string, Record<string, string>> = {};
    for (const [path, want] of Object.entries(expected)) if (want !== 'absent') shown[path] = { ...want };
    expect(compareFigures(expected, shown)).toEqual([]);
    shown['relationship.totalPurchases'] = { value: '45210.36' };
    delete shown['salesOverview.byYear.2025'];
    shown['salesOverview.topProductsByQuantity.3'] = { value: '1', name: 'x' };
    expect(compareFigures(expected, shown)).toEqual([
      'relationship.totalPurchases.value: panel "45210.36" ≠ CLI "45210.35"',
      'salesOverview.byYear.2025: missing from the panel',
      'salesOverview.topProductsByQuantity.3: shown ({"value":"1","name":"x"}) but the CLI has none',
    ]);
  });

  it('expects "null" for the invoice-only figures in sales mode', () => {
    const e = expectedFigures(salesSummary());
    expect(e['openDocuments.invoicesLate']).toEqual({ value: 'null' });
    expect(e['salesOverview.latePayments']).toEqual({ value: 'null' });
  });
});
