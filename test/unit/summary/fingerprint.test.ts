// The fingerprint of the data a summary is computed from: the same data gives the same hash whatever the
// order of the pages or the time of the computation; any amount, status, date or note a figure or text rests
// on changes it, and its parts say which slice changed.
import { describe, expect, it } from 'vitest';
import { changedParts, SNAPSHOT_PARTS, sha256Hex } from '../../../lib/summary/fingerprint';
import { comment, invoice, OTHER, payment } from '../cards/fixture';
import { computed, sampleData } from './team-fixture';

const shuffled = <T>(xs: T[] | null): T[] | null => (xs ? [...xs].reverse() : xs);

describe('the data fingerprint', () => {
  it('is SHA-256 (WebCrypto) in hex', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is stable across the order of the pages, the time of computing and the writing of amounts', async () => {
    const a = await computed(sampleData(), '2026-11-29T08:00:00.000Z');
    const d = sampleData();
    const reordered = {
      ...d,
      // "1200.0" is the same amount as "1200.00".
      invoices: shuffled(d.invoices)!.map((i) => (i.id === 1 ? { ...i, amounts: { ...i.amounts, total_excl_tax: '1200.0' } } : i)),
      creditNotes: shuffled(d.creditNotes),
      payments: shuffled(d.payments),
      estimates: shuffled(d.estimates)!,
      opportunities: shuffled(d.opportunities)!,
      comments: shuffled(d.comments)!,
    };
    const b = await computed(reordered, '2026-11-30T17:45:12.000Z');
    expect(b.facts.fingerprint).toEqual(a.facts.fingerprint);
    expect(a.facts.fingerprint.value).toMatch(/^[0-9a-f]{64}$/);
    for (const p of SNAPSHOT_PARTS) expect(a.facts.fingerprint.parts[p]).toMatch(/^[0-9a-f]{16}$/);
  });

  it('ignores records of another client', async () => {
    const d = sampleData();
    const a = await computed(d);
    const b = await computed({ ...d, invoices: [...d.invoices!, invoice({ id: 99, related: OTHER, amount: '1.00' })] });
    expect(b.facts.fingerprint.value).toBe(a.facts.fingerprint.value);
  });

  const variants: [string, (d: ReturnType<typeof sampleData>) => ReturnType<typeof sampleData>, string][] = [
    [
      'an invoice amount',
      (d) => ({ ...d, invoices: d.invoices!.map((i) => (i.id === 2 ? { ...i, amounts: { ...i.amounts, total_excl_tax: '501.00' } } : i)) }),
      'invoices',
    ],
    ['an invoice status', (d) => ({ ...d, invoices: d.invoices!.map((i) => (i.id === 2 ? { ...i, status: 'late' } : i)) }), 'invoices'],
    [
      'what an invoice still owes',
      (d) => ({
        ...d,
        invoices: d.invoices!.map((i) => (i.id === 3 ? { ...i, amounts: { ...i.amounts, total_remaining_due_incl_tax: '100.00' } } : i)),
      }),
      'invoices',
    ],
    ['an invoice added', (d) => ({ ...d, invoices: [...d.invoices!, invoice({ id: 5, status: 'due', amount: '10.00' })] }), 'invoices'],
    ['a credit-note status', (d) => ({ ...d, creditNotes: d.creditNotes!.map((c) => ({ ...c, status: 'cancelled' })) }), 'creditNotes'],
    ['a payment added', (d) => ({ ...d, payments: [...d.payments!, payment([2], '2026-11-28T10:00:00+01:00', { id: 42 })] }), 'payments'],
    ['a payment date', (d) => ({ ...d, payments: d.payments!.map((p) => ({ ...p, paid_at: '2026-03-21T10:00:00+01:00' })) }), 'payments'],
    ['an estimate status', (d) => ({ ...d, estimates: d.estimates.map((e) => (e.id === 31 ? { ...e, status: 'accepted' } : e)) }), 'estimates'],
    ['an estimate date', (d) => ({ ...d, estimates: d.estimates.map((e) => (e.id === 32 ? { ...e, date: '2026-11-02' } : e)) }), 'estimates'],
    [
      'an opportunity step',
      (d) => ({ ...d, opportunities: d.opportunities.map((o) => (o.id === 51 ? { ...o, step: { id: 3, name: 'Négociation' } } : o)) }),
      'opportunities',
    ],
    ['a note’s text', (d) => ({ ...d, comments: d.comments.map((c) => ({ ...c, description: '<p>Client mécontent.</p>' })) }), 'interactions'],
    ['a new comment', (d) => ({ ...d, comments: [...d.comments, comment('2026-11-28T10:00:00+01:00', 'Rappeler', { id: 64 })] }), 'interactions'],
  ];
  for (const [what, change, part] of variants) {
    it(`changes with ${what}, and says the ${part} changed`, async () => {
      const a = await computed(sampleData());
      const b = await computed(change(sampleData()));
      expect(b.facts.fingerprint.value).not.toBe(a.facts.fingerprint.value);
      expect(changedParts(a.facts.fingerprint.parts, b.facts.fingerprint.parts)).toEqual([part]);
    });
  }

  it('changes with the source mode (invoices are then not read at all)', async () => {
    const a = await computed(sampleData());
    const b = await computed({ ...sampleData(), sourceMode: 'sales', invoices: null, creditNotes: null, payments: null });
    expect(b.facts.fingerprint.value).not.toBe(a.facts.fingerprint.value);
    expect(b.facts.snapshot.invoices).toBeNull();
  });

  it('keeps the snapshot small: no note text in it', async () => {
    const { facts } = await computed(sampleData());
    expect(JSON.stringify(facts.snapshot)).not.toContain('satisfait');
    expect(facts.snapshot.interactions.map((i) => `${i.type}:${i.id}`)).toEqual(['call:63', 'comment:61', 'task:62']);
  });
});
