// The client model's table and rules, on their own: each collection's server-side filter, its ownership rule,
// the licence it needs, and the words every data-layer warning code gets.
import { describe, expect, it } from 'vitest';
import { COLLECTION, COLLECTIONS, collectionsFor } from '../../../lib/client/collections';
import type { ClientData } from '../../../lib/client/data';
import { detailsWanted } from '../../../lib/client/details';
import { ownedBy } from '../../../lib/client/ownership';
import { searchFilter } from '../../../lib/client/search-filters';
import type { DataWarning, DataWarningCode } from '../../../lib/client/warnings';
import { dataWarningText } from '../../../lib/words/data-warnings';
import { clientData } from '../cards/fixture';

const TODAY = '2026-11-29'; // six-month window from 2026-05-29
const company = { kind: 'company' as const, id: 7 };
const individual = { kind: 'individual' as const, id: 7 };

describe('the collections table', () => {
  it('has one row per list of ClientData, and nothing else', () => {
    const lists = Object.entries(clientData())
      .filter(([, v]) => Array.isArray(v))
      .map(([k]) => k)
      .filter((k) => k !== 'warnings');
    expect(COLLECTIONS.map((c) => c.key).sort()).toEqual(lists.sort());
  });

  it('filters documents by related_objects and activities by companies/individuals, from a few days before the window', () => {
    const filters = Object.fromEntries(COLLECTIONS.map((c) => [c.key, searchFilter(c, company, TODAY)]));
    const docs = { related_objects: [{ type: 'company', id: 7 }] };
    expect(filters).toEqual({
      invoices: docs,
      creditNotes: docs,
      payments: docs,
      estimates: docs,
      opportunities: docs,
      comments: { companies: [7], created: { start: '2026-05-26T00:00:00+00:00' } },
      tasks: { companies: [7], created: { start: '2026-05-26T00:00:00+00:00' } },
      // Dated by `date` but filterable by `created` only: 92 more days of room.
      phoneCalls: { companies: [7], created: { start: '2026-02-23T00:00:00+00:00' } },
      calendarEvents: { companies: [7], due_date: { start: '2026-05-26T00:00:00+00:00' } },
    });
    expect(searchFilter(COLLECTION.estimates, individual, TODAY)).toEqual({ related_objects: [{ type: 'individual', id: 7 }] });
    expect(searchFilter(COLLECTION.comments, individual, TODAY)).toEqual({ individuals: [7], created: { start: '2026-05-26T00:00:00+00:00' } });
  });

  it('reads invoices, credit notes and payments in invoicing mode only', () => {
    expect(collectionsFor('invoicing').map((c) => c.key)).toEqual(COLLECTIONS.map((c) => c.key));
    expect(collectionsFor('sales').map((c) => c.key)).toEqual(['estimates', 'opportunities', 'comments', 'tasks', 'phoneCalls', 'calendarEvents']);
  });

  it('asks for the id and the date field of each record, each field once', () => {
    for (const c of COLLECTIONS) {
      expect(c.fields, c.key).toContain('id');
      expect(c.fields, c.key).toContain(c.datedBy);
      expect(new Set(c.fields).size, c.key).toBe(c.fields.length);
    }
  });
});

describe('ownership', () => {
  const related = (type: string, id: number) => ({ related: [{ type, id }] });

  it('a document is the client’s when its related list names the client with its kind', () => {
    const mine = ownedBy(company, COLLECTION.invoices.owner);
    expect(mine(related('company', 7))).toBe(true);
    expect(mine({ related: [{ type: 'contact', id: 7 }] })).toBe(false); // a contact sharing the id
    expect(mine(related('individual', 7))).toBe(false);
    expect(mine(related('company', 8))).toBe(false);
    expect(mine({ related: [], company_id: 7 } as never)).toBe(false); // documents are not owned by company_id
  });

  it('an opportunity or an activity is also the client’s by company_id (individual_id for an individual)', () => {
    for (const key of ['opportunities', 'comments', 'tasks', 'phoneCalls', 'calendarEvents'] as const) {
      const c = COLLECTION[key];
      expect(ownedBy(company, c.owner)({ related: [], company_id: 7, individual_id: null }), key).toBe(true);
      expect(ownedBy(company, c.owner)({ related: [], company_id: null, individual_id: 7 }), key).toBe(false);
      expect(ownedBy(individual, c.owner)({ related: [], company_id: null, individual_id: 7 }), key).toBe(true);
      expect(ownedBy(company, c.owner)(related('company', 7)), key).toBe(true);
      expect(ownedBy(company, c.owner)({ related: [{ type: 'company', id: 8 }], company_id: 8 }), key).toBe(false);
    }
  });

  it('a payment is the client’s when its single related object is the client', () => {
    const mine = ownedBy(company, COLLECTION.payments.owner);
    expect(mine({ related: { type: 'company', id: 7 } })).toBe(true);
    expect(mine({ related: { type: 'company', id: 8 } })).toBe(false);
    expect(mine({ related: { type: 'individual', id: 7 } })).toBe(false);
    expect(mine({ related: null })).toBe(false);
    expect(mine({ related: [{ type: 'company', id: 7 }] })).toBe(false);
  });
});

describe('details wanted', () => {
  const doc = (id: number, status: string, date: string) => ({ id, number: `N-${id}`, status, date });

  it('counted purchase documents dated in the three-year window, newest first, with their detail path', () => {
    const invoices = [
      doc(1, 'paid', '2024-01-01'),
      doc(2, 'draft', '2025-01-01'),
      doc(3, 'late', '2023-12-31'),
      doc(4, 'due', '2026-11-30'),
      doc(5, 'payinprogress', TODAY),
    ];
    // Newest first (a partial top-products list then reflects recent buying), whatever the list's order.
    expect(detailsWanted('invoicing', invoices, TODAY)).toEqual([
      { key: 'invoice:5', uri: '/invoices/5', type: 'invoice', id: 5, number: 'N-5', status: 'payinprogress', date: TODAY },
      { key: 'invoice:1', uri: '/invoices/1', type: 'invoice', id: 1, number: 'N-1', status: 'paid', date: '2024-01-01' },
    ]);
    expect(detailsWanted('sales', [doc(9, 'accepted', '2026-01-01'), doc(10, 'sent', '2026-01-01')], TODAY)).toEqual([
      { key: 'estimate:9', uri: '/estimates/9', type: 'estimate', id: 9, number: 'N-9', status: 'accepted', date: '2026-01-01' },
    ]);
    expect(detailsWanted('invoicing', null, TODAY)).toEqual([]);
  });

  it('newest first: by date, then by id, largest first, whatever the order of the list', () => {
    const invoices = [
      doc(7, 'paid', '2025-03-01'),
      doc(8, 'paid', '2026-05-02'),
      doc(3, 'paid', '2025-03-01'),
      doc(12, 'due', '2024-06-30'),
      doc(9, 'paid', '2026-05-02'),
    ];
    const order = (list: typeof invoices) => detailsWanted('invoicing', list, TODAY).map((w) => w.id);
    expect(order(invoices)).toEqual([9, 8, 7, 3, 12]);
    expect(order([...invoices].reverse())).toEqual([9, 8, 7, 3, 12]);
  });
});

describe('data-layer warnings in words', () => {
  const doc = { type: 'invoice' as const, id: 42, number: 'F-42' };
  const one: { [C in DataWarningCode]: Extract<DataWarning, { code: C }> } = {
    malformed: { code: 'malformed', recordType: 'phone-call', id: 3, number: null, field: 'date', value: '"x"', expected: 'date-time', orNull: true },
    'not-an-object': { code: 'not-an-object', recordType: 'item', value: '"x"' },
    'other-client': { code: 'other-client', recordType: 'payment', count: 1234 },
    'no-rows': { code: 'no-rows', doc, value: null },
    'malformed-row': { code: 'malformed-row', doc, row: null, position: 3, field: 'quantity', value: '""', expected: 'decimal', orNull: false },
    'detail-unreadable': { code: 'detail-unreadable', doc, cause: 'forbidden' },
    'cursor-repeated': { code: 'cursor-repeated', resource: 'invoices', cursor: 'A', pages: 2, results: 150 },
    duplicates: { code: 'duplicates', resource: 'comments', count: 50 },
    'cache-not-read': { code: 'cache-not-read', what: 'rows', detail: 'boom' },
    'cache-not-updated': { code: 'cache-not-updated', what: 'items', storageFull: true, detail: 'QuotaExceededError' },
  };

  it.each(['fr', 'en'])('every code has a sentence in %s that names what it is about', (lang) => {
    const words = Object.values(one).map((w) => dataWarningText(w, lang));
    for (const s of words) expect(s).not.toMatch(/undefined|\[object Object\]|NaN/);
    expect(new Set(words).size).toBe(words.length);
    expect(words[0]).toContain('3');
    expect(words[0]).toContain('date');
    expect(words[2]).toContain('1234'); // the engine's own other-client sentence
    expect(words[6]).toContain('150');
    expect(words[3]).toContain('42 (F-42)');
    expect(words[4]).toContain('3');
  });

  it('the engine puts them into the summary in its language, once each', async () => {
    const { computeSummary } = await import('../../../lib/cards/index');
    const data: ClientData = clientData({ warnings: [one['other-client'], one['other-client'], one.duplicates] });
    const fr = computeSummary(data, { today: TODAY, language: 'fr', generatedAt: '2026-11-29T08:00:00.000Z' });
    expect(fr.warnings).toEqual([
      "1234 paiement(s) d'un autre client ignoré(s).",
      '50 résultat(s) de la liste Sellsy « comments » présent(s) sur plusieurs pages, gardé(s) une fois.',
    ]);
    const en = computeSummary(data, { today: TODAY, language: 'en', generatedAt: '2026-11-29T08:00:00.000Z' });
    expect(en.warnings[0]).toBe('1234 payment(s) of another client left out.');
  });
});
