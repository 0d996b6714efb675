// "Since your last look": the comparison of two summaries of one client, one kind of change at a time, each
// naming the records it links to, and the change of each total with the records that moved it.
import { describe, expect, it } from 'vitest';
import type { ClientData } from '../../../lib/client/data';
import { type Change, compareLooks, hasChanges, lookOf } from '../../../lib/summary/changes';
import { comment, creditNote, estimate, event, invoice, opportunity, payment } from '../cards/fixture';
import { computed, sampleData } from './team-fixture';

const SINCE = '2026-11-20T09:00:00.000Z';

async function diff(before: ClientData, after: ClientData) {
  const a = await computed(before, '2026-11-20T09:00:00.000Z');
  const b = await computed(after, '2026-11-29T09:00:00.000Z');
  return compareLooks(lookOf(a.summary, a.facts), lookOf(b.summary, b.facts), SINCE);
}
const kinds = (changes: Change[]) => changes.map((c) => `${c.kind} ${c.ref.type}:${c.ref.id}`);
const edit = <T extends { id: number }>(xs: T[] | null, id: number, over: Partial<T>) => xs!.map((x) => (x.id === id ? { ...x, ...over } : x));

describe('since your last look', () => {
  it('nothing changed: nothing to list', async () => {
    const c = await diff(sampleData(), sampleData());
    expect(c).toEqual({ since: SINCE, currency: 'EUR', changes: [], totals: [] });
    expect(hasChanges(c)).toBe(false);
  });

  it('new invoices, and a draft that was issued, with the change of total purchases and what is to pay', async () => {
    const d = sampleData();
    const after = {
      ...d,
      invoices: [
        ...edit(d.invoices, 4, {
          status: 'due',
          amounts: { total_excl_tax: '80.00', total_incl_tax: '96.00', total_remaining_due_incl_tax: '96.00' },
        }),
        invoice({ id: 5, status: 'due', date: '2026-11-28', amount: '250.00', remaining: '300.00' }),
      ],
    };
    const c = await diff(d, after);
    expect(kinds(c.changes)).toEqual(['invoice-new invoice:5', 'invoice-new invoice:4']);
    expect(c.changes[0]).toMatchObject({ date: '2026-11-28', amount: '250.00', currency: 'EUR', ref: { number: 'F-5' } });
    const total = c.totals.find((t) => t.key === 'totalPurchases')!;
    expect(total).toMatchObject({ before: '1950.00', after: '2280.00', delta: '330.00', refCount: 2 });
    expect(total.refs.map((r) => r.id)).toEqual([5, 4]);
    expect(c.totals.find((t) => t.key === 'invoicesToPay')).toMatchObject({ before: '600.00', after: '996.00', delta: '396.00' });
  });

  it('a new credit note lowers total purchases', async () => {
    const d = sampleData();
    const c = await diff(d, {
      ...d,
      creditNotes: [...d.creditNotes!, creditNote({ id: 22, status: 'stored', date: '2026-11-27', amount: '100.00' })],
    });
    expect(kinds(c.changes)).toEqual(['credit-note-new credit-note:22']);
    expect(c.totals).toEqual([
      expect.objectContaining({ key: 'totalPurchases', delta: '-100.00', refs: [{ type: 'credit-note', id: 22, number: 'A-22' }] }),
    ]);
  });

  it('payments received, linked to the invoices they settle; a rejected one is not received', async () => {
    const d = sampleData();
    const after = {
      ...d,
      invoices: edit(d.invoices, 2, {
        status: 'paid',
        amounts: { total_excl_tax: '500.00', total_incl_tax: '600.00', total_remaining_due_incl_tax: '0.00' },
      }),
      payments: [
        ...d.payments!,
        payment([2], '2026-11-27T10:00:00+01:00', { id: 42, amounts: { total: '600.00', remaining: '0.00' } }),
        payment([3], '2026-11-28T10:00:00+01:00', { id: 43, status: 'rejected' }),
      ],
    };
    const c = await diff(d, after);
    expect(kinds(c.changes)).toEqual(['payment-received payment:42', 'invoice-paid invoice:2']);
    expect(c.changes[0]).toMatchObject({ amount: '600.00', date: '2026-11-27', links: [{ type: 'invoice', id: 2, number: 'F-2' }] });
    expect(c.totals.find((t) => t.key === 'invoicesToPay')).toMatchObject({ before: '600.00', after: '0.00', refs: [{ type: 'invoice', id: 2 }] });
  });

  it('an invoice that became late moves from "to pay" to "late"', async () => {
    const d = sampleData();
    const c = await diff(d, { ...d, invoices: edit(d.invoices, 2, { status: 'late' }) });
    expect(kinds(c.changes)).toEqual(['invoice-late invoice:2']);
    expect(c.totals.map((t) => [t.key, t.before, t.after])).toEqual([
      ['invoicesToPay', '600.00', '0.00'],
      ['invoicesLate', '360.00', '960.00'],
    ]);
  });

  it('estimates sent (a new one, a draft sent), accepted and refused', async () => {
    const d = sampleData();
    const after = {
      ...d,
      estimates: [
        ...edit(edit(edit(d.estimates, 31, { status: 'accepted' }), 32, { status: 'refused' }), 33, { status: 'sent' }),
        estimate({ id: 34, status: 'sent', date: '2026-11-28', amount: '150.00' }),
      ],
    };
    const c = await diff(d, after);
    expect(kinds(c.changes)).toEqual([
      'estimate-sent estimate:34',
      'estimate-sent estimate:33',
      'estimate-accepted estimate:31',
      'estimate-refused estimate:32',
    ]);
    expect(c.totals.find((t) => t.key === 'estimatesSent')).toMatchObject({ before: '900.00', after: '850.00', refCount: 3 });
    expect(c.totals.find((t) => t.key === 'estimatesRead')).toMatchObject({ before: '400.00', after: '0.00' });
  });

  it('opportunities: a new one, one that moved a step, one that was won', async () => {
    const d = sampleData();
    const after = {
      ...d,
      opportunities: [...edit(d.opportunities, 51, { step: { id: 3, name: 'Négociation' } }), opportunity({ id: 53, name: 'Spa', value: '800.00' })],
    };
    const moved = await diff(d, after);
    expect(kinds(moved.changes)).toEqual(['opportunity-new opportunity:53', 'opportunity-moved opportunity:51']);
    expect(moved.changes[1]).toMatchObject({ field: 'step', from: 'Proposition', to: 'Négociation', ref: { number: 'Terrasse' } });
    expect(moved.totals).toEqual([
      expect.objectContaining({ key: 'opportunities', before: '5000.00', after: '5800.00', refs: [{ type: 'opportunity', id: 53, number: 'Spa' }] }),
    ]);
    const won = await diff(d, { ...d, opportunities: edit(d.opportunities, 51, { status: 'won' }) });
    expect(won.changes).toEqual([expect.objectContaining({ kind: 'opportunity-moved', field: 'status', from: 'open', to: 'won' })]);
    expect(won.totals).toEqual([expect.objectContaining({ key: 'opportunities', after: '0.00', delta: '-5000.00' })]);
  });

  it('new interactions, newest first; an edited note is not a new one', async () => {
    const d = sampleData();
    const after = {
      ...d,
      comments: [...edit(d.comments, 61, { description: 'Modifié' }), comment('2026-11-27T10:00:00+01:00', 'Nouveau', { id: 64 })],
      calendarEvents: [event('2026-11-28T10:00:00+01:00', 'Visite', '', { id: 65 })],
    };
    const c = await diff(d, after);
    expect(kinds(c.changes)).toEqual(['interaction-new event:65', 'interaction-new comment:64']);
    expect(c.totals).toEqual([]);
  });

  it('every kind at once comes grouped in a fixed order', async () => {
    const d = sampleData();
    const after = {
      ...d,
      invoices: [...edit(d.invoices, 2, { status: 'late' }), invoice({ id: 5, status: 'due', date: '2026-11-28' })],
      creditNotes: [...d.creditNotes!, creditNote({ id: 22, date: '2026-11-27' })],
      payments: [...d.payments!, payment([3], '2026-11-27T10:00:00+01:00', { id: 42 })],
      estimates: edit(d.estimates, 31, { status: 'accepted' }),
      opportunities: edit(d.opportunities, 51, { status: 'lost' }),
      comments: [...d.comments, comment('2026-11-27T10:00:00+01:00', 'x', { id: 64 })],
    };
    const c = await diff(d, after);
    expect(c.changes.map((x) => x.kind)).toEqual([
      'invoice-new',
      'credit-note-new',
      'payment-received',
      'invoice-late',
      'estimate-accepted',
      'opportunity-moved',
      'interaction-new',
    ]);
  });

  it('totals in another currency than before are not compared; another client compares to nothing', async () => {
    const d = sampleData();
    const usd = (xs: typeof d.invoices) => xs!.map((i) => ({ ...i, currency: 'USD' }));
    const c = await diff(d, {
      ...d,
      invoices: [...usd(d.invoices), invoice({ id: 5, status: 'due', currency: 'USD' })],
      creditNotes: [],
      estimates: [],
    });
    expect(c.totals).toEqual([]);
    expect(kinds(c.changes)).toContain('invoice-new invoice:5');
    const a = await computed(d);
    const other = { ...lookOf(a.summary, a.facts), snapshot: { ...a.facts.snapshot, client: { type: 'company' as const, id: 1 } } };
    expect(compareLooks(other, lookOf(a.summary, a.facts), SINCE).changes).toEqual([]);
  });
});
