import { describe, expect, it } from 'vitest';
import type { DataWarning } from '../../../lib/client/warnings';
import { isBoundedDecimal, isDate, isDateTime, validateList, validateRows } from '../../../lib/sellsy/validate';
import { dataWarningText } from '../../../lib/words/data-warnings';

// Warnings are codes; the engine words them. `en` is how an English summary shows one.
const en = (w: DataWarning | undefined) => dataWarningText(w!, 'en');
const doc42 = { type: 'invoice' as const, id: 42, number: 'F-2026-042' };

const invoice = (over: Record<string, unknown> = {}, amounts: Record<string, unknown> = {}) => ({
  id: 42,
  number: 'F-2026-042',
  status: 'paid',
  date: '2026-03-01',
  due_date: '2026-03-31',
  created: '2026-03-01T09:00:00+01:00',
  currency: 'EUR',
  related: [{ id: 7, type: 'company' }],
  amounts: { total_excl_tax: '100.00', total_incl_tax: '120.00', total_remaining_due_incl_tax: '0.00', ...amounts },
  ...over,
});

describe('validate', () => {
  it('accepts only plain decimal strings as amounts', () => {
    for (const ok of ['0', '12', '-0.5', '1234.50', '3.000']) expect(isBoundedDecimal(ok)).toBe(true);
    for (const bad of ['1e309', '', null, 'abc', 12.5, '1,5', '+3', '.5', '5.', 'NaN', 'Infinity', ' 1']) expect(isBoundedDecimal(bad)).toBe(false);
    expect(isBoundedDecimal('1'.repeat(41))).toBe(false);
  });

  it('accepts only real YYYY-MM-DD dates and ISO date-times', () => {
    expect(isDate('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2026-13-01', '29/11/2026', '2026-11-29T10:00:00Z', '', null]) expect(isDate(bad)).toBe(false);
    expect(isDateTime('2026-11-29T10:00:00+01:00')).toBe(true);
    expect(isDateTime('2026-11-29T10:00:00Z')).toBe(true);
    for (const bad of ['2026-11-29', '2026-11-31T10:00:00Z', 'yesterday', 0]) expect(isDateTime(bad)).toBe(false);
  });

  it('keeps an unknown status as is and adds no warning for it (the engine reports it)', () => {
    const warnings: DataWarning[] = [];
    const out = validateList('invoice', [invoice({ status: 'scheduled' })], warnings);
    expect(out).toHaveLength(1);
    expect(out[0]!.status).toBe('scheduled');
    expect(warnings).toEqual([]);
  });

  it.each([
    ['a huge exponent', { total_excl_tax: '1e309' }, 'amounts.total_excl_tax', '"1e309"'],
    ['an empty amount', { total_incl_tax: '' }, 'amounts.total_incl_tax', '""'],
    ['a null amount', { total_remaining_due_incl_tax: null }, 'amounts.total_remaining_due_incl_tax', 'null'],
    ['letters', { total_excl_tax: 'abc' }, 'amounts.total_excl_tax', '"abc"'],
  ])('leaves out an invoice with %s and names it in the warning', (_, amounts, field, value) => {
    const warnings: DataWarning[] = [];
    const out = validateList('invoice', [invoice({}, amounts), invoice({ id: 43, number: 'F-2026-043' })], warnings);
    expect(out.map((i) => i.id)).toEqual([43]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toEqual({
      code: 'malformed',
      recordType: 'invoice',
      id: 42,
      number: 'F-2026-042',
      field,
      value,
      expected: 'decimal',
      orNull: false,
    });
    expect(en(warnings[0])).toContain('Invoice 42 (F-2026-042)');
    expect(en(warnings[0])).toContain(`${field} is ${value}`);
  });

  it('leaves out a document with a bad date or no id, without crashing on non-objects', () => {
    const warnings: DataWarning[] = [];
    const out = validateList(
      'invoice',
      [invoice({ date: '01/03/2026' }), invoice({ id: undefined }), null, 'x', invoice({ related: 'company' })],
      warnings,
    );
    expect(out).toEqual([]);
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatchObject({ code: 'malformed', id: 42, field: 'date', value: '"01/03/2026"', expected: 'date' });
    expect(en(warnings[0])).toMatch(/invoice 42 .*date is "01\/03\/2026", not a YYYY-MM-DD date/i);
    expect(warnings[1]).toMatchObject({ code: 'malformed', id: null, field: 'id', value: null, expected: 'integer' });
    expect(en(warnings[1])).toMatch(/invoice with id missing .*id is missing/i);
    expect(warnings.slice(2)).toEqual([
      { code: 'not-an-object', recordType: 'invoice', value: 'null' },
      { code: 'not-an-object', recordType: 'invoice', value: '"x"' },
      {
        code: 'malformed',
        recordType: 'invoice',
        id: 42,
        number: 'F-2026-042',
        field: 'related',
        value: '"company"',
        expected: 'related-list',
        orNull: false,
      },
    ]);
  });

  it('checks estimates on amounts.total, payments on their links, opportunities on amount.value', () => {
    const warnings: DataWarning[] = [];
    const est = {
      id: 1,
      number: 'D-1',
      status: 'accepted',
      date: '2026-01-01',
      expiry_date: null,
      created: '2026-01-01T00:00:00Z',
      currency: 'EUR',
      related: [],
      amounts: { total_excl_tax: '10', total: 'x' },
    };
    expect(validateList('estimate', [est], warnings)).toEqual([]);
    const pay = {
      id: 2,
      number: null,
      paid_at: '2026-01-02T00:00:00Z',
      status: 'confirmed',
      type: 'credit',
      currency: 'EUR',
      amounts: { total: '10.00', remaining: '0' },
      related: { id: 7, type: 'company' },
      related_objects: [{ id: 42, type: 'invoice', amount_linked: 'ten', linked_date: '2026-01-02' }],
    };
    expect(validateList('payment', [pay], warnings)).toEqual([]);
    const opp = {
      id: 3,
      number: 'OPP-3',
      name: 'Deal',
      due_date: null,
      created: '2026-01-01T00:00:00Z',
      status: 'open',
      amount: { value: '1e3', currency: 'EUR' },
      pipeline: null,
      step: null,
      probability: 50,
      company_id: 7,
      individual_id: null,
      related: [],
    };
    expect(validateList('opportunity', [opp], warnings)).toEqual([]);
    expect(warnings.map((w) => w.code === 'malformed' && [w.recordType, w.id, w.number, w.field])).toEqual([
      ['estimate', 1, 'D-1', 'amounts.total'],
      ['payment', 2, null, 'related_objects'],
      ['opportunity', 3, 'OPP-3', 'amount.value'],
    ]);
    expect(warnings.map((w) => en(w).split(' left out')[0])).toEqual(['Estimate 1 (D-1)', 'Payment 2', 'Opportunity 3 (OPP-3)']);
  });

  it('drops a malformed catalogue row with a warning naming the document and the row', () => {
    const warnings: DataWarning[] = [];
    const rows = validateRows(
      doc42,
      {
        rows: [
          {
            id: 1,
            type: 'catalog',
            related: { id: 9, type: 'product', declination_id: null },
            quantity: '2',
            unit_amount: '5',
            reference: 'P9',
            description: null,
            amount_tax_exc: '10.00',
            amount_tax_inc: '12.00',
            is_optional: false,
          },
          {
            id: 2,
            type: 'catalog',
            related: { id: 9, type: 'product', declination_id: null },
            quantity: 'two',
            unit_amount: '5',
            reference: 'P9',
            description: null,
            amount_tax_exc: '10.00',
            amount_tax_inc: '12.00',
            is_optional: false,
          },
          { id: 3, type: 'comment', text: 'hello' },
        ],
      },
      warnings,
    );
    expect(rows!.map((r) => r.id)).toEqual([1, 3]);
    expect(warnings).toEqual([
      { code: 'malformed-row', doc: doc42, row: 2, position: 2, field: 'quantity', value: '"two"', expected: 'decimal', orNull: false },
    ]);
    expect(en(warnings[0])).toBe('Invoice 42 (F-2026-042), row 2 left out: quantity is "two", not a decimal amount.');
    expect(validateRows({ type: 'invoice', id: 1, number: null }, { id: 1 }, warnings)).toBeNull();
    expect(warnings[1]).toEqual({ code: 'no-rows', doc: { type: 'invoice', id: 1, number: null }, value: null });
    expect(validateRows(doc42, { rows: [null, { id: 5 }] }, warnings)).toEqual([]);
    expect(warnings.slice(2).map(en)).toEqual([
      'Invoice 42 (F-2026-042), row #1 left out: not a row.',
      'Invoice 42 (F-2026-042), row 5 left out: not a row.',
    ]);
  });
});
