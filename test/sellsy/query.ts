// The list machinery of the local Sellsy: search filters, order, pagination (seek cursor and numeric offset),
// field[] projection. Pure functions over plain objects; each throws ApiError for what Sellsy answers 400.
import type { Obj } from './seed';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly context: string | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
const bad = (message: string, context: string, details: Record<string, unknown> = {}) => new ApiError(400, message, context, details);

export type Query = Record<string, string | string[]>;

export function one(q: Query, key: string): string | undefined {
  const v = q[key];
  return Array.isArray(v) ? v[v.length - 1] : v;
}
export function many(q: Query, key: string): string[] {
  const v = q[`${key}[]`] ?? q[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

// ---------------------------------------------------------------- filters
type Matcher = (o: Obj, value: unknown, key: string) => boolean;

const arrayOf = (key: string, value: unknown, kind: 'number' | 'string'): (number | string)[] => {
  if (!Array.isArray(value) || value.some((v) => typeof v !== kind))
    throw bad(`filters.${key} must be an array of ${kind}s`, 'invalid_filter', { [key]: `array of ${kind}s expected` });
  return value as (number | string)[];
};
const inIds =
  (field: string): Matcher =>
  (o, v, k) =>
    arrayOf(k, v, 'number').includes(o[field]);
const inStrings =
  (get: (o: Obj) => unknown): Matcher =>
  (o, v, k) =>
    arrayOf(k, v, 'string').includes(get(o) as string);
function range(get: (o: Obj) => unknown, kind: 'date' | 'date-time'): Matcher {
  return (o, v, k) => {
    if (!v || typeof v !== 'object' || Array.isArray(v))
      throw bad(`filters.${k} must be an object {start, end}`, 'invalid_filter', { [k]: 'object expected' });
    const { start, end } = v as { start?: unknown; end?: unknown };
    const norm = (x: unknown, edge: string): number | undefined => {
      if (x === undefined || x === null) return undefined;
      const ok =
        typeof x === 'string' &&
        (kind === 'date' ? /^\d{4}-\d{2}-\d{2}$/.test(x) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(x));
      if (!ok || Number.isNaN(Date.parse(x as string)))
        throw bad(`filters.${k}.${edge} must be a ${kind} string`, 'invalid_filter', { [`${k}.${edge}`]: `${kind} expected` });
      return Date.parse(x as string);
    };
    const s = norm(start, 'start');
    const e = norm(end, 'end');
    const raw = get(o);
    if (typeof raw !== 'string') return false;
    const t = Date.parse(raw);
    // A date bound covers its whole day.
    return (s === undefined || t >= s) && (e === undefined || t <= e + (kind === 'date' ? 86_399_999 : 0));
  };
}
function relatedObjects(allowed: string[] | null, get: (o: Obj) => Obj[]): Matcher {
  return (o, v, k) => {
    if (!Array.isArray(v)) throw bad(`filters.${k} must be an array of {type, id}`, 'invalid_filter', { [k]: 'array expected' });
    for (const r of v) {
      if (!r || typeof r !== 'object' || typeof r.id !== 'number' || typeof r.type !== 'string')
        throw bad(`filters.${k}[] must be {type, id}`, 'invalid_filter', { [k]: '{type: string, id: integer} expected' });
      if (allowed && !allowed.includes(r.type))
        throw bad(`filters.${k}[].type must be one of ${allowed.join(', ')}`, 'invalid_filter', { [k]: `type ${r.type} not allowed` });
    }
    const mine = get(o);
    return v.some((r: Obj) => mine.some((m) => m && m.type === r.type && m.id === r.id));
  };
}
const exact =
  (field: string, kind: 'string' | 'boolean' | 'number'): Matcher =>
  (o, v, k) => {
    if (typeof v !== kind) throw bad(`filters.${k} must be a ${kind}`, 'invalid_filter', { [k]: `${kind} expected` });
    return o[field] === v;
  };
const ignore: Matcher = () => true;
const amountRange =
  (get: (o: Obj) => string): Matcher =>
  (o, v) => {
    const { min, max } = (v ?? {}) as { min?: number; max?: number };
    const n = Number(get(o));
    return (min === undefined || n >= min) && (max === undefined || n <= max);
  };

const docRelated = (o: Obj) => o.related as Obj[];
const activity = {
  companies: inIds('company_id'),
  individuals: inIds('individual_id'),
  contacts: inIds('contact_id'),
  related_objects: relatedObjects(null, docRelated),
  owners: (o: Obj, v: unknown, k: string) => arrayOf(k, v, 'number').includes(o.owner?.id),
  created: range((o) => o.created, 'date-time'),
  favourite_filter: ignore,
};
const thirdFilters = {
  created: range((o) => o.created, 'date-time'),
  updated_at: range((o) => o.updated_at, 'date-time'),
  name: exact('name', 'string'),
  email: exact('email', 'string'),
  is_archived: exact('is_archived', 'boolean'),
  id: inIds('id'),
  favourite_filter: ignore,
  type: (o: Obj, v: unknown) => {
    if (typeof v === 'string') return o.type === v;
    return arrayOf('type', v, 'string').includes(o.type);
  },
  reference: inStrings((o) => o.reference),
};
const docFilters = (statusEnum: string[]) => ({
  related_objects: relatedObjects(['company', 'individual', 'opportunity'], docRelated),
  status: (o: Obj, v: unknown, k: string) => {
    const xs = arrayOf(k, v, 'string') as string[];
    const wrong = xs.find((s) => !statusEnum.includes(s));
    if (wrong !== undefined)
      throw bad(`filters.status: unknown value ${JSON.stringify(wrong)}`, 'invalid_filter', { status: `one of ${statusEnum.join(', ')}` });
    return xs.includes(o.status);
  },
  favourite_filter: ignore,
});

export const FILTERS: Record<string, Record<string, Matcher>> = {
  invoices: {
    ...docFilters(['draft', 'due', 'payinprogress', 'paid', 'late', 'cancelled']),
    created: range((o) => o.created, 'date-time'),
    date: range((o) => o.date, 'date'),
    owners: (o, v, k) => arrayOf(k, v, 'number').includes(o.owner?.id),
    contacts: inIds('contact_id'),
    assigned_staff_ids: inIds('assigned_staff_id'),
    number: exact('number', 'string'),
    currency: exact('currency', 'string'),
    is_deposit: exact('is_deposit', 'boolean'),
    credit_note_id: ignore,
    is_progress_invoice: (_o, v) => v === false,
  },
  'credit-notes': { ...docFilters(['draft', 'stored', 'partialspend', 'spent', 'cancelled']), is_deposit: exact('is_deposit', 'boolean') },
  estimates: {
    ...docFilters(['draft', 'sent', 'read', 'accepted', 'refused', 'expired', 'advanced', 'partialinvoiced', 'invoiced', 'cancelled']),
    created: range((o) => o.created, 'date-time'),
    date: range((o) => o.date, 'date'),
    owners: (o, v, k) => arrayOf(k, v, 'number').includes(o.owner?.id),
    contacts: inIds('contact_id'),
    assigned_staff_ids: inIds('assigned_staff_id'),
    number: exact('number', 'string'),
    currency: exact('currency', 'string'),
  },
  orders: {
    ...docFilters(['draft', 'sent', 'read', 'accepted', 'expired', 'advanced', 'invoiced', 'partialinvoiced', 'cancelled']),
    order_status: inStrings((o) => o.order_status),
  },
  payments: {
    status: inStrings((o) => o.status),
    related_objects: relatedObjects(['company', 'individual'], (o) => [o.related]),
  },
  opportunities: {
    related_objects: relatedObjects(['company', 'individual'], docRelated),
    statuses: inStrings((o) => o.status),
    created: range((o) => o.created, 'date-time'),
    updated_status: range((o) => o.updated_status, 'date-time'),
    due_date: (o, v, k) => range((x) => (x.due_date ? `${x.due_date}T00:00:00Z` : null), 'date-time')(o, v, k),
    name: exact('name', 'string'),
    pipeline: (o, v, k) => arrayOf(k, v, 'number').includes(o.pipeline?.id),
    step: (o, v, k) => arrayOf(k, v, 'number').includes(o.step?.id),
    amount: amountRange((o) => o.amount.value),
    assigned_staffs: (o, v, k) => arrayOf(k, v, 'number').some((id) => o.assigned_staff_ids.includes(id)),
    favourite_filter: ignore,
  },
  comments: { ...activity, updated: range((o) => o.updated, 'date-time'), parent_id: exact('parent_id', 'number') },
  tasks: {
    ...activity,
    statuses: inStrings((o) => o.status),
    due_date: range((o) => o.due_date, 'date-time'),
    assigned_staffs: (o, v, k) => arrayOf(k, v, 'number').some((id) => o.assigned_staff_ids.includes(id)),
    labels: (o, v, k) => arrayOf(k, v, 'number').includes(o.label?.id),
    priority: amountRange((o) => String(o.priority)),
  },
  'phone-calls': {
    ...activity,
    due_date: range((o) => o.date, 'date-time'),
    topic: (o, v) => o.topic?.id === v,
    result: (o, v) => o.result?.id === v,
    source: exact('source', 'string'),
    priority: ignore,
  },
  'calendar-events': {
    ...activity,
    due_date: range((o) => o.datetime_start, 'date-time'),
    participants: ignore,
    labels: (o, v, k) => arrayOf(k, v, 'number').includes(o.label?.id),
    priority: amountRange((o) => String(o.priority)),
    provider_ids: ignore,
  },
  items: {
    type: inStrings((o) => o.type),
    name: exact('name', 'string'),
    reference: exact('reference', 'string'),
    is_archived: exact('is_archived', 'boolean'),
    id: inIds('id'),
    favourite_filter: ignore,
  },
  companies: {
    ...thirdFilters,
    contacts: ignore,
    siret: (o, v) => o.legal_france?.siret === v,
    country_code: ignore,
    postal_code: ignore,
    number_of_employees: ignore,
  },
  individuals: { ...thirdFilters, country_code: ignore, postal_code: ignore },
};

/** Keeps the objects every known filter accepts; keys the spec does not define are ignored (Sellsy tolerates them). */
export function applyFilters(resource: string, list: Obj[], body: unknown): Obj[] {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw bad('The request body must be a JSON object with a "filters" key', 'invalid_body');
  const filters = (body as Obj).filters;
  if (filters === undefined) throw bad('The "filters" key is required', 'missing_filters', { filters: 'required' });
  if (!filters || typeof filters !== 'object' || Array.isArray(filters))
    throw bad('"filters" must be an object', 'invalid_filter', { filters: 'object expected' });
  const table = FILTERS[resource] ?? {};
  const active = Object.entries(filters as Obj).filter(([k]) => table[k]);
  // Validate even when the list is empty, so a malformed filter is always a 400.
  for (const [k, v] of active) table[k]!({ related: [], owner: {}, assigned_staff_ids: [], amount: { value: '0' } }, v, k);
  return list.filter((o) => active.every(([k, v]) => table[k]!(o, v, k)));
}

// ---------------------------------------------------------------- order and pagination
const ORDER_KEYS: Record<string, (o: Obj) => unknown> = {
  id: (o) => o.id,
  number: (o) => o.number,
  created: (o) => o.created,
  created_at: (o) => o.created,
  date: (o) => o.date,
  due_date: (o) => o.due_date,
  expiry_date: (o) => o.expiry_date,
  updated: (o) => o.updated,
  updated_at: (o) => o.updated_at,
  name: (o) => o.name ?? `${o.last_name ?? ''} ${o.first_name ?? ''}`,
  paid_date: (o) => o.paid_at,
  order_status: (o) => o.order_status,
  step_rank: (o) => o.step?.id,
  reference: (o) => o.reference,
  datetime_start: (o) => o.datetime_start,
  amount: (o) => Number(o.amounts?.total_excl_tax ?? o.amount?.value ?? o.amounts?.total ?? 0),
};
export const ORDERS: Record<string, string[]> = {
  invoices: ['id', 'number', 'created', 'date', 'amount', 'due_date'],
  'credit-notes': ['id', 'number', 'created', 'date', 'amount'],
  estimates: ['id', 'number', 'created', 'date', 'expiry_date', 'amount'],
  orders: ['id', 'number', 'created', 'date', 'amount', 'due_date', 'order_status'],
  payments: ['id', 'paid_date'],
  opportunities: ['id', 'created', 'step_rank', 'due_date'],
  comments: ['id', 'updated', 'created'],
  tasks: ['id', 'due_date'],
  'phone-calls': ['id', 'created', 'date'],
  'calendar-events': ['id', 'datetime_start', 'created'],
  items: ['id', 'name', 'reference', 'created'],
  companies: ['name', 'id', 'created_at', 'updated_at'],
  individuals: ['name', 'id', 'created_at', 'updated_at'],
};

export function sortList(resource: string, list: Obj[], q: Query): Obj[] {
  const order = one(q, 'order') ?? 'id';
  const direction = one(q, 'direction') ?? 'asc';
  const allowed = ORDERS[resource] ?? ['id'];
  if (!allowed.includes(order))
    throw bad(`order must be one of ${allowed.join(', ')}`, 'invalid_parameter', { order: `one of ${allowed.join(', ')}` });
  if (direction !== 'asc' && direction !== 'desc') throw bad('direction must be asc or desc', 'invalid_parameter', { direction: 'asc or desc' });
  const key = ORDER_KEYS[order]!;
  const sign = direction === 'asc' ? 1 : -1;
  // Ties broken by id in the same direction, so the seek cursor is stable.
  return [...list].sort((a, b) => {
    const x = key(a) as any;
    const y = key(b) as any;
    if (x !== y) {
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return (a.id - b.id) * sign;
  });
}

export const encodeCursor = (id: unknown) => Buffer.from(JSON.stringify([String(id)])).toString('base64');
function decodeCursor(s: string): string {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64').toString('utf8'));
    if (Array.isArray(v) && v.length >= 1 && (typeof v[0] === 'string' || typeof v[0] === 'number')) return String(v[0]);
  } catch {
    /* fall through */
  }
  throw bad('offset is neither an integer nor a cursor this API returned', 'invalid_parameter', { offset: 'invalid cursor' });
}

export function paginate(
  sorted: Obj[],
  q: Query,
): { page: Obj[]; pagination: { limit: number; count: number; total: number; offset: string | number | null } } {
  const rawLimit = one(q, 'limit');
  const limit = rawLimit === undefined ? 25 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1)
    throw bad('limit must be a positive integer', 'invalid_parameter', { limit: 'integer between 1 and 100' });
  if (limit > 100) throw bad('limit must not be greater than 100', 'invalid_parameter', { limit: 'integer between 1 and 100' });
  const rawOffset = one(q, 'offset');
  let start = 0;
  let numeric = false;
  if (rawOffset !== undefined && rawOffset !== '') {
    if (/^\d+$/.test(rawOffset)) {
      numeric = true;
      start = Number(rawOffset);
      if (start > 100_000) throw bad('numeric offset is limited to the first 100000 results', 'invalid_parameter', { offset: 'max 100000' });
    } else {
      const lastId = decodeCursor(rawOffset);
      const at = sorted.findIndex((o) => String(o.id) === lastId);
      if (at < 0) throw bad('offset refers to an object that is not in this list', 'invalid_parameter', { offset: 'unknown cursor' });
      start = at + 1;
    }
  }
  const page = sorted.slice(start, start + limit);
  // The schema requires an offset: past the end, the cursor sent; on an empty first page, an empty string.
  const offset = numeric ? start : page.length > 0 ? encodeCursor(page[page.length - 1]!.id) : (rawOffset ?? '');
  return { page, pagination: { limit, count: page.length, total: sorted.length, offset } };
}

// ---------------------------------------------------------------- field[] projection
export function project(obj: Obj, fields: string[]): Obj {
  if (fields.length === 0) return obj;
  const out: Obj = { id: obj.id };
  for (const f of fields) copyPath(obj, out, f.replace(/\[\]/g, '').split('.'));
  return out;
}
function copyPath(src: Obj, dst: Obj, parts: string[]): void {
  const [head, ...rest] = parts;
  if (head === undefined || src === null || typeof src !== 'object' || !(head in src)) return;
  const v = src[head];
  if (rest.length === 0 || v === null || typeof v !== 'object') {
    dst[head] = v;
    return;
  }
  if (Array.isArray(v)) {
    const arr: Obj[] = Array.isArray(dst[head]) ? dst[head] : v.map(() => ({}));
    for (const [i, item] of v.entries()) copyPath(item, arr[i]!, rest);
    dst[head] = arr;
    return;
  }
  dst[head] = dst[head] && typeof dst[head] === 'object' ? dst[head] : {};
  copyPath(v, dst[head], rest);
}
