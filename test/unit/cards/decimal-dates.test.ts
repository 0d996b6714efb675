import { describe, expect, it } from 'vitest';
import { addDays, addMonths, datePart, daysBetween, isIsoDate, localDate } from '../../../lib/dates';
import {
  add,
  compare,
  DecimalError,
  divRound,
  formatAmount,
  formatDecimal,
  mulInt,
  parseDecimal,
  round,
  sub,
  sum,
  toNumber,
} from '../../../lib/decimal';

describe('decimal', () => {
  it('parses strictly', () => {
    expect(parseDecimal('1234.50')).toEqual({ units: 123450n, scale: 2 });
    expect(parseDecimal('-0.5')).toEqual({ units: -5n, scale: 1 });
    for (const bad of ['', '1.', '.5', '1e3', ' 1', '1,5', '+1', 'NaN', '--1', '1.2.3']) {
      expect(() => parseDecimal(bad), bad).toThrow(DecimalError);
    }
  });
  it('adds and subtracts exactly where floats do not', () => {
    expect(formatAmount(add('0.1', '0.2'))).toBe('0.30');
    expect(formatDecimal(add('0.1', '0.2'))).toBe('0.3');
    expect(formatAmount(sub('10.00', '10.005'))).toBe('-0.01');
    expect(formatAmount(sum(['99999999999999999.99', '0.01']))).toBe('100000000000000000.00');
    expect(formatAmount(mulInt('1.25', 3))).toBe('3.75');
  });
  it('compares across scales', () => {
    expect(compare('1.50', '1.5')).toBe(0);
    expect(compare('-2', '1.999')).toBe(-1);
    expect(compare('10', '9.999')).toBe(1);
  });
  it('rounds half away from zero', () => {
    expect(formatAmount('10.005')).toBe('10.01');
    expect(formatAmount('-10.005')).toBe('-10.01');
    expect(formatAmount('10.0049')).toBe('10.00');
    expect(formatAmount(divRound('20.01', 2, 2))).toBe('10.01'); // 10.005
    expect(formatAmount(divRound('-20.01', 2, 2))).toBe('-10.01');
    expect(toNumber(divRound('1', 3, 1))).toBe(0.3);
    expect(toNumber(divRound('5', 2, 0))).toBe(3);
    expect(toNumber(divRound('-5', 2, 0))).toBe(-3);
    expect(formatDecimal(round('2.25', 1))).toBe('2.3');
    expect(formatDecimal(round('-2.25', 1))).toBe('-2.3');
  });
  it('never writes -0.00', () => {
    expect(formatAmount('-0.001')).toBe('0.00');
    expect(formatAmount('-0')).toBe('0.00');
    expect(formatDecimal('-0.000')).toBe('0');
  });
  it('trims quantities', () => {
    expect(formatDecimal('2.500')).toBe('2.5');
    expect(formatDecimal('3.000')).toBe('3');
    expect(formatDecimal('0.050')).toBe('0.05');
    expect(formatDecimal('-1.10')).toBe('-1.1');
  });
  it('refuses division by zero and non-integers', () => {
    expect(() => divRound('1', 0, 2)).toThrow(DecimalError);
    expect(() => mulInt('1', 1.5)).toThrow(DecimalError);
  });
});

describe('dates', () => {
  it('validates calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });
  it('counts days without time zones', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across a European DST change
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-01-10', '2025-12-31')).toBe(-10);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('adds months with an end-of-month clamp (contract §6)', () => {
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2024-08-31', -6)).toBe('2024-02-29');
    expect(addMonths('2026-11-29', -6)).toBe('2026-05-29');
    expect(addMonths('2026-03-31', -6)).toBe('2025-09-30');
    expect(addMonths('2026-01-15', -6)).toBe('2025-07-15');
    expect(addMonths('2026-07-15', 6)).toBe('2027-01-15');
  });
  it('takes the date part of a date-time as written', () => {
    expect(datePart('2026-03-01T23:30:00-05:00')).toBe('2026-03-01');
    expect(datePart('2026-03-01T00:30:00+14:00')).toBe('2026-03-01');
    expect(datePart('2026-03-01')).toBe('2026-03-01');
    expect(datePart('2026-02-30T10:00:00Z')).toBeNull();
    expect(datePart('yesterday')).toBeNull();
    expect(datePart(null)).toBeNull();
  });
  it('gives the local date of an instant', () => {
    const d = new Date(2026, 10, 29, 23, 59);
    expect(localDate(d)).toBe('2026-11-29');
  });
});
