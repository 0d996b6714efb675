// Phase 2 (issue 13): startSummary then addDetails per batch of document rows must end on exactly the summary a
// full run gives over the same data, whatever the batches, and every summary on the way must be a valid one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticClient } from '../../../bench/synthetic';
import { computeSummary, type Details, startSummary } from '../../../lib/cards/index';
import type { ClientData, DocKey } from '../../../lib/client/data';
import type { DataWarning } from '../../../lib/client/warnings';
import { clientData, invoice, row } from './fixture';
import { schemaErrors } from './schema';
import { variedClient } from './varied-client';

const opts = (today: string, language = 'fr') => ({ today, language, generatedAt: '2026-11-29T08:00:00.000Z' });
const json = (x: unknown) => JSON.stringify(x);
type Rows = ClientData['rows'];

/** The rows of `data` cut into batches: `cuts` decides where, `order` in which order the batches arrive. */
function batches(rows: Rows, cuts: number[], order: number[]): Rows[] {
  const keys = Object.keys(rows) as DocKey[];
  const out: Rows[] = [];
  let at = 0;
  for (let i = 0; at < keys.length; i++) {
    const size = 1 + (cuts[i % cuts.length] ?? 0);
    const batch: Rows = {};
    for (const key of keys.slice(at, at + size)) batch[key] = rows[key];
    out.push(batch);
    at += size;
  }
  // A permutation of the batches from `order` (Fisher–Yates over the given draws).
  for (let i = out.length - 1; i > 0; i--) {
    const j = (order[i % order.length] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('startSummary / addDetails', () => {
  it('ends on the full run, byte for byte, whatever the batches and their order (generated clients)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (seed, cuts, order, namesLast) => {
          const { data, today, language } = variedClient(seed, 40 + (seed % 4) * 30);
          const full = json(computeSummary(data, opts(today, language)));
          const run = startSummary({ ...data, rows: {}, items: namesLast ? {} : data.items }, opts(today, language));
          for (const rows of batches(data.rows, cuts, order)) {
            const partial = run.addDetails({ rows });
            expect(schemaErrors(JSON.parse(json(partial)))).toBeNull();
          }
          const last = namesLast ? run.addDetails({ items: data.items }) : run.summary;
          expect(json(last)).toBe(full);
          expect(run.summary).toBe(last);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ends on the full run on the bench client, rows arriving newest first as phase 2 fetches them', () => {
    const data = syntheticClient(2000);
    const full = json(computeSummary(data, opts('2026-11-29')));
    const run = startSummary({ ...data, rows: {} }, opts('2026-11-29'));
    const keys = (Object.keys(data.rows) as DocKey[]).reverse();
    for (let i = 0; i < keys.length; i += 25) {
      const rows: Rows = {};
      for (const key of keys.slice(i, i + 25)) rows[key] = data.rows[key];
      run.addDetails({ rows });
    }
    expect(json(run.summary)).toBe(full);
  });

  it('starts from the rows the data already holds (a resumed load) and takes the rest', () => {
    const { data, today, language } = variedClient(7, 120);
    const keys = Object.keys(data.rows) as DocKey[];
    const cached: Rows = {};
    const rest: Rows = {};
    keys.forEach((k, i) => {
      (i % 3 ? rest : cached)[k] = data.rows[k];
    });
    const run = startSummary({ ...data, rows: cached }, opts(today, language));
    expect(json(run.summary)).toBe(json(computeSummary({ ...data, rows: cached }, opts(today, language))));
    expect(json(run.addDetails({ rows: rest }))).toBe(json(computeSummary(data, opts(today, language))));
  });

  it('counts the window documents read, and ignores rows of other documents and a second read of one', () => {
    const counted = [1, 2, 3].map((id) => invoice({ id, status: 'paid', date: `2026-0${id}-10`, amount: '100.00' }));
    const draft = invoice({ id: 4, status: 'draft', date: '2026-04-10' });
    const old = invoice({ id: 5, status: 'paid', date: '2020-04-10' });
    const data = clientData({ invoices: [...counted, draft, old], items: { 7: { name: 'Vis', reference: 'V' } } });
    const run = startSummary(data, opts('2026-11-29'));
    expect(run.details).toEqual({ read: 0, total: 3 });
    expect(run.summary.salesOverview.topProductsByQuantity).toEqual([]);
    expect(run.summary.sources!['salesOverview.topProductsByQuantity']!.excluded.map((d) => [d.id, (d as { reason: string }).reason])).toEqual([
      [1, 'no-rows'],
      [2, 'no-rows'],
      [3, 'no-rows'],
    ]);

    const first = run.addDetails({
      rows: { 'invoice:2': [row(7, '2', '20.00')], 'invoice:4': [row(7, '100', '1.00')], 'invoice:5': [row(7, '100', '1.00')], 'estimate:2': [] },
    });
    expect(run.details).toEqual({ read: 1, total: 3 });
    expect(first.salesOverview.topProductsByQuantity).toMatchObject([{ itemId: 7, name: 'Vis', quantity: '2', revenue: '20.00' }]);
    expect(first.sources!['salesOverview.topProductsByQuantity']!.excluded.map((d) => d.id)).toEqual([1, 3]);
    // The same document again (rows never change once issued): read once.
    const again = run.addDetails({ rows: { 'invoice:2': [row(7, '50', '500.00')] } });
    expect(again.salesOverview.topProductsByQuantity[0]).toMatchObject({ quantity: '2', revenue: '20.00' });
    expect(run.details).toEqual({ read: 1, total: 3 });
    const full = computeSummary({ ...data, rows: { 'invoice:2': [row(7, '2', '20.00')] } }, opts('2026-11-29'));
    expect(json(again)).toBe(json(full));
  });

  it('leaves the previous summary as it was, and keeps the figures rows do not feed as the same objects', () => {
    const { data, today, language } = variedClient(3, 100);
    const run = startSummary({ ...data, rows: {} }, opts(today, language));
    const before = run.summary;
    const copy = structuredClone(before);
    const after = run.addDetails({ rows: data.rows });
    expect(before).toEqual(copy);
    expect(after).not.toBe(before);
    expect(after.relationship).toBe(before.relationship);
    expect(after.openDocuments).toBe(before.openDocuments);
    expect(after.interactions).toBe(before.interactions);
    expect(after.salesOverview.byYear).toBe(before.salesOverview.byYear);
    expect(after.sources!['relationship.totalPurchases']).toBe(before.sources!['relationship.totalPurchases']);
    // Source paths in the full run's order, the product ones in their place among the others.
    expect(Object.keys(after.sources!)).toEqual(Object.keys(computeSummary(data, opts(today, language)).sources!));
  });

  it("adds the data layer's warnings of each batch, worded once each, as a full run with all of them", () => {
    const { data, today } = variedClient(5, 80);
    const unreadable: DataWarning = { code: 'detail-unreadable', doc: { type: 'invoice', id: 9, number: 'F-9' }, cause: 'forbidden' };
    const details: Details[] = [{ warnings: [unreadable] }, { rows: data.rows, warnings: [unreadable] }];
    const run = startSummary({ ...data, rows: {} }, opts(today, 'en'));
    for (const d of details) run.addDetails(d);
    const full = computeSummary({ ...data, warnings: [...data.warnings, unreadable, unreadable] }, opts(today, 'en'));
    expect(json(run.summary)).toBe(json(full));
    expect(run.summary.warnings.filter((w) => w.includes('F-9'))).toHaveLength(1);
  });

  it('takes an empty batch as nothing new', () => {
    const { data, today, language } = variedClient(9, 60);
    const run = startSummary(data, opts(today, language));
    expect(json(run.addDetails({}))).toBe(json(computeSummary(data, opts(today, language))));
    expect(json(run.addDetails({ rows: {}, items: {}, warnings: [] }))).toBe(json(run.summary));
  });
});
