// The boundary check: every object Sellsy sends is checked against the fields the card engine reads,
// before it enters ClientData. An unknown enum value is kept (the engine reports it and never counts
// it); a malformed field ("1e309", "", null, a date that is not YYYY-MM-DD, a missing id) leaves the
// object out, with a warning (a code, lib/client/warnings.ts) that names it. Nothing here throws on bad
// data or lets a NaN through.

import type { DocumentRow, RecordType, RecordTypes } from '../client/records';
import type { DataWarning, Expected, ShownValue, WarnedDoc } from '../client/warnings';
import { isIsoDate } from '../dates';
import { isDecimal } from '../decimal';

const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

type Check = { test: (v: unknown) => boolean; expected: Expected; orNull?: boolean };

export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
/** lib/decimal's isDecimal, and short enough that no amount is absurd ("1e309" fails the shape already). */
export const isBoundedDecimal = (v: unknown): v is string => isDecimal(v) && v.length <= 40;
export const isDate = isIsoDate;
export function isDateTime(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = DATE_TIME_RE.exec(v);
  return m !== null && isIsoDate(m[1]) && !Number.isNaN(Date.parse(v));
}

const int: Check = { test: isInt, expected: 'integer' };
const decimal: Check = { test: isBoundedDecimal, expected: 'decimal' };
const date: Check = { test: isDate, expected: 'date' };
const dateTime: Check = { test: isDateTime, expected: 'date-time' };
const str: Check = { test: (v) => typeof v === 'string', expected: 'string' };
const nonEmpty: Check = { test: (v) => typeof v === 'string' && v.trim() !== '', expected: 'non-empty-string' };
const bool: Check = { test: (v) => typeof v === 'boolean', expected: 'boolean' };
const relatedList: Check = {
  test: (v) =>
    Array.isArray(v) &&
    v.every((r) => r && typeof r === 'object' && isInt((r as { id: unknown }).id) && typeof (r as { type: unknown }).type === 'string'),
  expected: 'related-list',
};
const relatedOne: Check = {
  test: (v) => !!v && typeof v === 'object' && isInt((v as { id: unknown }).id) && typeof (v as { type: unknown }).type === 'string',
  expected: 'related-one',
};
const idName: Check = {
  test: (v) => !!v && typeof v === 'object' && isInt((v as { id: unknown }).id) && typeof (v as { name: unknown }).name === 'string',
  expected: 'id-name',
};
const paymentLinks: Check = {
  test: (v) =>
    Array.isArray(v) &&
    v.every(
      (o) =>
        o &&
        typeof o === 'object' &&
        isInt((o as { id: unknown }).id) &&
        typeof (o as { type: unknown }).type === 'string' &&
        isBoundedDecimal((o as { amount_linked: unknown }).amount_linked) &&
        ((o as { linked_date?: unknown }).linked_date === undefined || isDate((o as { linked_date: unknown }).linked_date)),
    ),
  expected: 'payment-links',
};
const nullable = (c: Check): Check => ({ test: (v) => v === null || c.test(v), expected: c.expected, orNull: true });
/** Absent is fine; present must pass. */
const optional = (c: Check): Check => ({ ...c, test: (v) => v === undefined || c.test(v) });

type Spec = [path: string, check: Check][];

const SPECS = {
  invoice: [
    ['id', int],
    ['number', nullable(str)],
    ['status', nonEmpty],
    ['date', date],
    ['due_date', nullable(date)],
    ['created', dateTime],
    ['currency', nonEmpty],
    ['amounts.total_excl_tax', decimal],
    ['amounts.total_incl_tax', decimal],
    ['amounts.total_remaining_due_incl_tax', decimal],
    ['related', relatedList],
  ],
  'credit-note': [
    ['id', int],
    ['number', nullable(str)],
    ['status', nonEmpty],
    ['date', date],
    ['created', dateTime],
    ['currency', nonEmpty],
    ['amounts.total_excl_tax', decimal],
    ['amounts.total_incl_tax', decimal],
    ['amounts.total_remaining_due_incl_tax', optional(decimal)],
    ['related', relatedList],
  ],
  estimate: [
    ['id', int],
    ['number', nullable(str)],
    ['status', nonEmpty],
    ['date', date],
    ['expiry_date', optional(nullable(date))],
    ['created', dateTime],
    ['currency', nonEmpty],
    ['amounts.total_excl_tax', decimal],
    ['amounts.total', decimal],
    ['related', relatedList],
  ],
  payment: [
    ['id', int],
    ['number', optional(nullable(str))],
    ['paid_at', dateTime],
    ['status', nonEmpty],
    ['type', optional(str)],
    ['amounts.total', decimal],
    ['amounts.remaining', optional(decimal)],
    ['currency', nonEmpty],
    ['related', relatedOne],
    ['related_objects', paymentLinks],
  ],
  opportunity: [
    ['id', int],
    ['number', optional(nullable(str))],
    ['name', str],
    ['due_date', optional(nullable({ test: (v) => isDate(v) || isDateTime(v), expected: 'date-or-date-time' }))],
    ['created', dateTime],
    ['status', nonEmpty],
    ['amount.value', decimal],
    ['amount.currency', nonEmpty],
    ['pipeline', optional(nullable(idName))],
    ['step', optional(nullable(idName))],
    ['probability', optional(nullable(int))],
    ['company_id', optional(nullable(int))],
    ['individual_id', optional(nullable(int))],
    ['related', optional(relatedList)],
  ],
  comment: [
    ['id', int],
    ['description', nullable(str)],
    ['created', dateTime],
    ['company_id', optional(nullable(int))],
    ['individual_id', optional(nullable(int))],
    ['related', optional(relatedList)],
  ],
  task: [
    ['id', int],
    ['title', optional(nullable(str))],
    ['description', optional(nullable(str))],
    ['status', optional(str)],
    ['due_date', optional(nullable(dateTime))],
    ['created', dateTime],
    ['company_id', optional(nullable(int))],
    ['individual_id', optional(nullable(int))],
    ['related', optional(relatedList)],
  ],
  'phone-call': [
    ['id', int],
    ['description', optional(nullable(str))],
    ['date', dateTime],
    ['created', dateTime],
    ['company_id', optional(nullable(int))],
    ['individual_id', optional(nullable(int))],
    ['related', optional(relatedList)],
  ],
  'calendar-event': [
    ['id', int],
    ['title', optional(nullable(str))],
    ['description', optional(nullable(str))],
    ['datetime_start', dateTime],
    ['datetime_end', optional(nullable(dateTime))],
    ['created', dateTime],
    ['company_id', optional(nullable(int))],
    ['individual_id', optional(nullable(int))],
    ['related', optional(relatedList)],
  ],
  item: [
    ['id', int],
    ['name', optional(nullable(str))],
    ['reference', optional(nullable(str))],
  ],
} satisfies Record<RecordType, Spec>;

function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function show(v: unknown): ShownValue {
  if (v === undefined) return null;
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** The id and number a warning names a record by (null when unusable). */
export function recordRef(obj: unknown): { id: number | null; number: string | null } {
  const id = at(obj, 'id');
  const number = at(obj, 'number');
  return { id: isInt(id) ? id : null, number: typeof number === 'string' && number ? number : null };
}

/** The first malformed field of `obj` as a warning, or null when it is usable. */
export function problem(type: RecordType, obj: unknown): DataWarning | null {
  if (!obj || typeof obj !== 'object') return { code: 'not-an-object', recordType: type, value: show(obj) };
  for (const [path, check] of SPECS[type] as Spec) {
    const v = at(obj, path);
    if (!check.test(v)) {
      return {
        code: 'malformed',
        recordType: type,
        ...recordRef(obj),
        field: path,
        value: show(v),
        expected: check.expected,
        orNull: !!check.orNull,
      };
    }
  }
  return null;
}

/** Keeps the usable objects; each one left out adds a warning naming it and the field. */
export function validateList<K extends RecordType>(type: K, list: unknown[], warnings: DataWarning[]): RecordTypes[K][] {
  const out: RecordTypes[K][] = [];
  for (const obj of list) {
    const p = problem(type, obj);
    if (p) warnings.push(p);
    else out.push(obj as RecordTypes[K]);
  }
  return out;
}

const PRICED_ROW_TYPES = new Set(['single', 'shipping', 'packaging', 'deposit']);
const CATALOG_ROW: Spec = [
  ['related.id', int],
  ['related.declination_id', optional(nullable(int))],
  ['quantity', decimal],
  ['amount_tax_exc', decimal],
  ['reference', optional(nullable(str))],
  ['is_optional', optional(bool)],
];
const PRICED_ROW: Spec = [
  ['quantity', decimal],
  ['amount_tax_exc', decimal],
  ['is_optional', optional(bool)],
];

/**
 * The rows of one document detail. A malformed priced row is left out with a warning; rows of kinds we
 * do not read are kept as they are. Returns null (and warns) when `rows` itself is unusable.
 */
export function validateRows(doc: WarnedDoc, detail: unknown, warnings: DataWarning[]): DocumentRow[] | null {
  const rows = at(detail, 'rows');
  if (!Array.isArray(rows)) {
    warnings.push({ code: 'no-rows', doc, value: show(rows) });
    return null;
  }
  const out: DocumentRow[] = [];
  rows.forEach((row: unknown, i) => {
    const r = row as Record<string, unknown> | null;
    const where = { code: 'malformed-row', doc, row: isInt(r?.id) ? r!.id : null, position: i + 1 } as const;
    if (!r || typeof r !== 'object' || typeof r.type !== 'string') {
      warnings.push({ ...where, field: null, value: null, expected: null, orNull: false });
      return;
    }
    const checks: Spec = r.type === 'catalog' ? CATALOG_ROW : PRICED_ROW_TYPES.has(r.type) ? PRICED_ROW : [];
    for (const [path, check] of checks) {
      const v = at(r, path);
      if (!check.test(v)) {
        warnings.push({ ...where, field: path, value: show(v), expected: check.expected, orNull: !!check.orNull });
        return;
      }
    }
    out.push(r as unknown as DocumentRow);
  });
  return out;
}
