// The boundary check: every object Sellsy sends is checked against the fields the card engine reads,
// before it enters ClientData. An unknown enum value is kept (the engine reports it and never counts
// it); a malformed field ("1e309", "", null, a date that is not YYYY-MM-DD, a missing id) leaves the
// object out, with a warning that names it. Nothing here throws on bad data or lets a NaN through.

import { isIsoDate } from '../dates';
import { isDecimal as isDecimalString } from '../decimal';
import type { CalendarEvent, Comment, CreditNote, DocumentRow, Estimate, Invoice, Item, Opportunity, Payment, PhoneCall, Task } from './api-types';

const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

type Check = { test: (v: unknown) => boolean; expect: string };

export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
/** lib/decimal's shape, and short enough that no amount is absurd ("1e309" fails the shape already). */
export const isDecimal = (v: unknown): v is string => isDecimalString(v) && v.length <= 40;
export const isDate = isIsoDate;
export function isDateTime(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = DATE_TIME_RE.exec(v);
  return m !== null && isIsoDate(m[1]) && !Number.isNaN(Date.parse(v));
}

const int: Check = { test: isInt, expect: 'an integer' };
const decimal: Check = { test: isDecimal, expect: 'a decimal amount' };
const date: Check = { test: isDate, expect: 'a YYYY-MM-DD date' };
const dateTime: Check = { test: isDateTime, expect: 'an ISO date-time' };
const str: Check = { test: (v) => typeof v === 'string', expect: 'a string' };
const nonEmpty: Check = { test: (v) => typeof v === 'string' && v.trim() !== '', expect: 'a non-empty string' };
const bool: Check = { test: (v) => typeof v === 'boolean', expect: 'true or false' };
const relatedList: Check = {
  test: (v) =>
    Array.isArray(v) &&
    v.every((r) => r && typeof r === 'object' && isInt((r as { id: unknown }).id) && typeof (r as { type: unknown }).type === 'string'),
  expect: 'a list of {id, type}',
};
const relatedOne: Check = {
  test: (v) => !!v && typeof v === 'object' && isInt((v as { id: unknown }).id) && typeof (v as { type: unknown }).type === 'string',
  expect: 'an {id, type} object',
};
const idName: Check = {
  test: (v) => !!v && typeof v === 'object' && isInt((v as { id: unknown }).id) && typeof (v as { name: unknown }).name === 'string',
  expect: 'an {id, name} object',
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
        isDecimal((o as { amount_linked: unknown }).amount_linked) &&
        ((o as { linked_date?: unknown }).linked_date === undefined || isDate((o as { linked_date: unknown }).linked_date)),
    ),
  expect: 'a list of {id, type, amount_linked, linked_date}',
};
const nullable = (c: Check): Check => ({ test: (v) => v === null || c.test(v), expect: `${c.expect} or null` });
/** Absent is fine; present must pass. */
const optional = (c: Check): Check => ({ test: (v) => v === undefined || c.test(v), expect: c.expect });

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
    ['due_date', optional(nullable({ test: (v) => isDate(v) || isDateTime(v), expect: 'a date' }))],
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
} satisfies Record<string, Spec>;

export type ObjectType = keyof typeof SPECS;
interface TypeMap {
  invoice: Invoice;
  'credit-note': CreditNote;
  estimate: Estimate;
  payment: Payment;
  opportunity: Opportunity;
  comment: Comment;
  task: Task;
  'phone-call': PhoneCall;
  'calendar-event': CalendarEvent;
  item: Item;
}

function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function show(v: unknown): string {
  if (v === undefined) return 'missing';
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Names an object in a warning: "invoice 42 (F-2024-001)". */
export function describe(type: string, obj: unknown): string {
  const id = at(obj, 'id');
  const number = at(obj, 'number');
  const idText = isInt(id) ? String(id) : `with id ${show(id)}`;
  return typeof number === 'string' && number ? `${type} ${idText} (${number})` : `${type} ${idText}`;
}

/** The first malformed field of `obj` as a message, or null when it is usable. */
export function problem(type: ObjectType, obj: unknown): string | null {
  if (!obj || typeof obj !== 'object') return `${type} ${show(obj)} is not an object`;
  for (const [path, check] of SPECS[type] as Spec) {
    const v = at(obj, path);
    if (!check.test(v)) return `${describe(type, obj)} left out: ${path} is ${show(v)}, not ${check.expect}`;
  }
  return null;
}

/** Keeps the usable objects; each one left out adds a warning naming it and the field. */
export function validateList<K extends ObjectType>(type: K, list: unknown[], warnings: string[]): TypeMap[K][] {
  const out: TypeMap[K][] = [];
  for (const obj of list) {
    const p = problem(type, obj);
    if (p) warnings.push(p);
    else out.push(obj as TypeMap[K]);
  }
  return out;
}

const PRICED_ROW_TYPES = new Set(['single', 'shipping', 'packaging', 'deposit']);

/**
 * The rows of one document detail. A malformed priced row is left out with a warning; rows of kinds we
 * do not read are kept as they are. Returns null (and warns) when `rows` itself is unusable.
 */
export function validateRows(docLabel: string, detail: unknown, warnings: string[]): DocumentRow[] | null {
  const rows = at(detail, 'rows');
  if (!Array.isArray(rows)) {
    warnings.push(`${docLabel}: its detail has no rows list (${show(rows)}); its products are left out`);
    return null;
  }
  const out: DocumentRow[] = [];
  rows.forEach((row: unknown, i) => {
    const r = row as Record<string, unknown> | null;
    const name = `${docLabel}, row ${isInt(r?.id) ? r!.id : `#${i + 1}`}`;
    if (!r || typeof r !== 'object' || typeof r.type !== 'string') {
      warnings.push(`${name} left out: not a row`);
      return;
    }
    const checks: Spec =
      r.type === 'catalog'
        ? [
            ['related.id', int],
            ['related.declination_id', optional(nullable(int))],
            ['quantity', decimal],
            ['amount_tax_exc', decimal],
            ['reference', optional(nullable(str))],
            ['is_optional', optional(bool)],
          ]
        : PRICED_ROW_TYPES.has(r.type)
          ? [
              ['quantity', decimal],
              ['amount_tax_exc', decimal],
              ['is_optional', optional(bool)],
            ]
          : [];
    for (const [path, check] of checks) {
      const v = at(r, path);
      if (!check.test(v)) {
        warnings.push(`${name} left out: ${path} is ${show(v)}, not ${check.expect}`);
        return;
      }
    }
    out.push(r as unknown as DocumentRow);
  });
  return out;
}
