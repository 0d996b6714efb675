// The engine's fast paths against the plain code they replace: cents in numbers against toCents and bigint sums,
// running decimal totals against add(), the counting sort against a stable sort by byDateId, dates read as
// numbers against datePart and dayNumber.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCents, centsSlot, centsTotal, readCents, totalUnits } from '../../../lib/cards/cents';
import { addDecimal, decimalTotal, decimalValue, readDecimal, readSlot } from '../../../lib/cards/decimal-total';
import { byDateId, dateIdOrder, dateKey } from '../../../lib/cards/order';
import { datePart, datePartKey, dayNumber, dayNumberOfKey } from '../../../lib/dates';
import { add, type Dec, isDecimal, toCents, ZERO } from '../../../lib/decimal';

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
/** Decimal strings of every form Sellsy could send, and strings that only look like them. */
const decimalLike = fc.oneof(
  fc.tuple(fc.boolean(), digits(1, 6), digits(2, 2)).map(([neg, i, f]) => `${neg ? '-' : ''}${i}.${f}`),
  fc.tuple(fc.boolean(), digits(1, 20), fc.option(digits(1, 6))).map(([neg, i, f]) => `${neg ? '-' : ''}${i}${f === null ? '' : `.${f}`}`),
  fc.constantFrom('-0.00', '0.00', '00.00', '-0', '0.005', '-10.005', '99999999999999999.99', '9007199254740993.00', '1.', '.5', '+1.00', '1e5', ''),
  fc.string({ maxLength: 8 }),
);

describe('cents in numbers', () => {
  it('readCents reads what toCents reads, and refuses what isDecimal refuses', () => {
    fc.assert(
      fc.property(decimalLike, (s) => {
        const slot = centsSlot();
        const ok = readCents(s, slot);
        expect(ok).toBe(isDecimal(s));
        if (!ok) return;
        const { cents, text } = toCents(s);
        expect(slot.text).toBe(text);
        expect(slot.big ?? BigInt(slot.n)).toBe(cents);
        if (slot.big === null) expect(Number.isSafeInteger(slot.n)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a CentsTotal is the bigint sum, past 2^53 too', () => {
    const amount = fc.oneof(fc.bigInt({ min: -(10n ** 8n), max: 10n ** 8n }), fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }));
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, fc.boolean()), { maxLength: 40 }), (xs) => {
        const total = centsTotal();
        let expected = 0n;
        for (const [c, subtract] of xs) {
          const safe = c >= BigInt(Number.MIN_SAFE_INTEGER) && c <= BigInt(Number.MAX_SAFE_INTEGER);
          const big = safe ? null : subtract ? -c : c;
          addCents(total, subtract ? -Number(c) : Number(c), big);
          expected += subtract ? -c : c;
        }
        expect(totalUnits(total)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('running decimal totals', () => {
  it('readDecimal accepts what isDecimal accepts; a DecimalTotal is the add() of the same values, scale included', () => {
    fc.assert(
      fc.property(fc.array(decimalLike, { maxLength: 30 }), (xs) => {
        const slot = readSlot();
        const total = decimalTotal();
        let expected: Dec = ZERO;
        for (const s of xs) {
          expect(readDecimal(s, slot)).toBe(isDecimal(s));
          if (!isDecimal(s)) continue;
          readDecimal(s, slot);
          addDecimal(total, slot, s);
          expected = add(expected, s);
        }
        expect(decimalValue(total)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the counting sort', () => {
  const pad = (n: number) => String(n).padStart(2, '0');
  /** Three years of a few days each: many documents a day, so ids (often equal) decide within days. */
  const date = fc
    .record({ y: fc.integer({ min: 2024, max: 2026 }), m: fc.integer({ min: 1, max: 3 }), d: fc.integer({ min: 1, max: 2 }) })
    .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
  /** Dates the counting sort hands to the comparison sort: far apart, outside 01–12/01–31, not digits. */
  const odd = fc.constantFrom('1999-01-01', '2990-12-31', '2026-13-45', '2026-00-10', 'x');
  const doc = fc.record({ date, id: fc.integer({ min: 1, max: 8 }) });

  it('gives the order of a stable sort by byDateId (ties in input order), for any dates', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 300 }), fc.option(fc.tuple(odd, fc.nat())), (docs, extra) => {
        const list = [...docs];
        if (extra) list.splice(extra[1] % (list.length + 1), 0, { date: extra[0], id: 1 });
        const keys = Int32Array.from(list, (d) => dateKey(d.date));
        const ids = Float64Array.from(list, (d) => d.id);
        const order = dateIdOrder(list.length, keys, ids, (a, b) => byDateId(list[a]!, list[b]!));
        const expected = list.map((d, i) => ({ d, i })).sort((a, b) => byDateId(a.d, b.d));
        expect(Array.from(order)).toEqual(expected.map((x) => x.i));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a day of many documents in id order, and an already sorted list as it is', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ date: i % 2 ? '2026-05-01' : '2026-04-01', id: (i * 7919) % 101 }));
    const keys = Int32Array.from(many, (d) => dateKey(d.date));
    const ids = Float64Array.from(many, (d) => d.id);
    const order = Array.from(dateIdOrder(many.length, keys, ids, (a, b) => byDateId(many[a]!, many[b]!)));
    expect(order).toEqual(
      many
        .map((d, i) => ({ d, i }))
        .sort((a, b) => byDateId(a.d, b.d))
        .map((x) => x.i),
    );
    const sorted = order.map((i) => many[i]!);
    const again = dateIdOrder(
      sorted.length,
      Int32Array.from(sorted, (d) => dateKey(d.date)),
      Float64Array.from(sorted, (d) => d.id),
      () => 0,
    );
    expect(Array.from(again)).toEqual(sorted.map((_, i) => i));
  });
});

describe('dates read once', () => {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const anyDate = fc
    .record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }) })
    .map(({ y, m, d }) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`);

  it('datePartKey reads what datePart reads, as a number in the same order', () => {
    const value = fc.oneof(
      anyDate,
      anyDate.map((d) => `${d}T10:00:00+01:00`),
      anyDate.map((d) => `${d} 08:00`),
      anyDate.map((d) => `${d}x`),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(value, value, (a, b) => {
        const [ka, kb] = [datePartKey(a), datePartKey(b)];
        const [da, db] = [datePart(a), datePart(b)];
        expect(ka >= 0).toBe(da !== null);
        if (da === null || db === null) return;
        expect(Math.sign(ka - kb)).toBe(da < db ? -1 : da > db ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('dayNumberOfKey gives dayNumber, and throws where it throws', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const key = dateKey(date);
        let expected: number | string;
        try {
          expected = dayNumber(date);
        } catch (e) {
          expected = (e as Error).message;
        }
        let got: number | string;
        try {
          got = dayNumberOfKey(key, date);
        } catch (e) {
          got = (e as Error).message;
        }
        expect(got).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
