// The /v2 endpoints of the local Sellsy, as a pure function of (account data, request) → (status, JSON body).
// The HTTP layer (server.ts) adds auth, quotas, faults and logging; POST /batch calls this once per sub-request.
import { createComment } from './comments';
import { ApiError, applyFilters, many, one, paginate, project, type Query, sortList } from './query';
import type { AccountDb, Obj } from './seed';

export interface Answer {
  status: number;
  body: unknown;
}
export interface RouteRequest {
  method: string;
  path: string;
  query: Query;
  body: unknown;
  forbidInvoices: boolean;
  /** The token's staff member (default: the account's main demo staff). */
  staffId?: number;
  /** The token may read but not write comments: POST /comments answers 403. */
  forbidCommentWrites?: boolean;
  /** The clock new objects are dated with (ms since epoch). */
  now?: () => number;
}

const LISTS: Record<string, { get: (db: AccountDb) => Obj[]; invoicing?: boolean; rows?: boolean; notFound: string }> = {
  invoices: { get: (db) => db.invoices, invoicing: true, rows: true, notFound: 'invoice_not_found' },
  'credit-notes': { get: (db) => db.creditNotes, invoicing: true, rows: true, notFound: 'credit_note_not_found' },
  estimates: { get: (db) => db.estimates, rows: true, notFound: 'estimate_not_found' },
  orders: { get: (db) => db.orders, rows: true, notFound: 'order_not_found' },
  payments: { get: (db) => db.payments, invoicing: true, notFound: 'payment_not_found' },
  opportunities: { get: (db) => db.opportunities, notFound: 'opportunity_not_found' },
  comments: { get: (db) => db.comments, notFound: 'comment_not_found' },
  tasks: { get: (db) => db.tasks, notFound: 'task_not_found' },
  'phone-calls': { get: (db) => db.phoneCalls, notFound: 'phonecall_not_found' },
  'calendar-events': { get: (db) => db.calendarEvents, notFound: 'calendar_event_not_found' },
  items: { get: (db) => db.items, notFound: 'item_not_found' },
  companies: { get: (db) => db.companies, notFound: 'company_not_found' },
  individuals: { get: (db) => db.individuals, notFound: 'individual_not_found' },
};

export const errorBody = (code: number, message: string, context: string | null = null, details: Record<string, unknown> = {}) => ({
  error: { code, message, context, details },
});

const ok = (body: unknown): Answer => ({ status: 200, body });

/** Hidden seed fields (rows, staff embeds, declinations) never leave through list endpoints. */
function listView(o: Obj): Obj {
  const { rows: _rows, declinations: _d, ...rest } = o;
  return rest;
}
function detailView(o: Obj): Obj {
  const { declinations: _d, ...rest } = o;
  return rest;
}

function thirdOf(db: AccountDb, r: Obj): Obj | undefined {
  if (r.type === 'company') return db.companies.find((c) => c.id === r.id);
  if (r.type === 'individual') return db.individuals.find((c) => c.id === r.id);
  return undefined;
}
const relatedTo = (o: Obj, type: string, id: number) => Array.isArray(o.related) && o.related.some((r: Obj) => r.type === type && r.id === id);

/** A staff member as other objects embed it (no account, licence or preference data). */
export function staffView(db: AccountDb, id: unknown): Obj | null {
  const s = db.staffs.find((x) => x.id === id);
  if (!s) return null;
  const { _licenses, _account, _preferences, ...staff } = s;
  return staff;
}

/** Cheap embeds: document counts on thirds, the third on documents, the owner on comments. Unknown embeds are ignored, as Sellsy does for unknown cf.N. */
export function withEmbeds(db: AccountDb, resource: string, o: Obj, embeds: string[]): Obj {
  if (embeds.length === 0) return o;
  const _embed: Obj = {};
  if (resource === 'companies' || resource === 'individuals') {
    const type = resource === 'companies' ? 'company' : 'individual';
    const count = (list: Obj[]) => list.filter((d) => relatedTo(d, type, o.id)).length;
    for (const e of embeds) {
      if (e === 'invoices') _embed.invoices = db.salesOnly ? null : count(db.invoices);
      else if (e === 'estimates') _embed.estimates = count(db.estimates);
      else if (e === 'orders') _embed.orders = count(db.orders);
      else if (e === 'opportunities') _embed.opportunities = count(db.opportunities);
      else if (e === 'main_contact') {
        const c = db.contacts.find((x) => x.id === o.main_contact_id);
        _embed.main_contact = c ? { id: c.id, civility: c.civility, first_name: c.first_name, last_name: c.last_name, email: c.email } : null;
      }
    }
  } else if (Array.isArray(o.related)) {
    for (const e of embeds) {
      if (e === 'company') {
        const r = o.related.find((x: Obj) => x.type === 'company');
        const t = r ? thirdOf(db, r) : undefined;
        if (t) _embed.company = t;
      } else if (e === 'individual') {
        const r = o.related.find((x: Obj) => x.type === 'individual');
        const t = r ? thirdOf(db, r) : undefined;
        if (t) _embed.individual = t;
      } else if (e === 'owner' && resource === 'comments') {
        _embed.owner = o.owner?.type === 'staff' ? staffView(db, o.owner.id) : null;
      }
    }
  }
  return Object.keys(_embed).length > 0 ? { ...o, _embed } : o;
}

function staffMe(db: AccountDb, embeds: string[], staffId: number | undefined): Obj {
  const { _licenses, _account, _preferences, ...staff } = db.staffs.find((x) => x.id === staffId) ?? db.staff;
  const _embed: Obj = {};
  if (embeds.includes('licenses')) _embed.licenses = _licenses;
  if (embeds.includes('account')) _embed.account = _account;
  if (embeds.includes('preferences')) _embed.preferences = _preferences;
  return Object.keys(_embed).length > 0 ? { ...staff, _embed } : staff;
}

const forbidden = () =>
  new ApiError(403, 'You do not have the privileges to access this resource', 'insufficient_privileges', { license: 'invoicing module required' });
const notFound = (context: string, id: string) => new ApiError(404, 'Not Found', context, { id });

function idOf(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : null;
}

export function route(db: AccountDb, req: RouteRequest): Answer {
  try {
    return dispatch(db, req);
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, body: errorBody(e.status, e.message, e.context, e.details) };
    throw e;
  }
}

function dispatch(db: AccountDb, req: RouteRequest): Answer {
  const { method, query } = req;
  const parts = req.path.replace(/^\/+|\/+$/g, '').split('/');
  const fields = many(query, 'field');
  const embeds = many(query, 'embed');
  const noRoute = () => new ApiError(404, `No route for ${method} /v2/${parts.join('/')}`, 'route_not_found');

  if (method === 'GET' && parts.join('/') === 'staffs/me') return ok(project(staffMe(db, embeds, req.staffId), fields));
  if (method === 'GET' && parts[0] === 'staffs' && parts.length === 2) {
    const staff = staffView(db, idOf(parts[1]!));
    if (!staff) throw notFound('staff_not_found', parts[1]!);
    return ok(project(staff, fields));
  }
  if (method === 'POST' && parts.length === 1 && parts[0] === 'comments') {
    if (req.forbidCommentWrites || !db.scopes.includes('comments.write'))
      throw new ApiError(403, 'You do not have the privileges to create comments', 'insufficient_privileges', { scope: 'comments.write required' });
    const staffId = req.staffId ?? db.staff.id;
    const created = createComment(db, req.body, { staffId, now: req.now ?? Date.now, verify: one(query, 'verify') === 'true' });
    if (!created) return { status: 204, body: '' };
    return { status: 201, body: project(withEmbeds(db, 'comments', created, embeds), fields) };
  }
  if (method === 'GET' && parts.join('/') === 'settings/subscription') return ok(db.subscription);
  if (method === 'GET' && parts.join('/') === 'scopes') return ok(db.scopes);
  if (method === 'GET' && parts.join('/') === 'currencies') {
    const { page, pagination } = paginate(sortList('items', db.currencies, { ...query, order: 'id' }), query);
    return ok({ data: page, pagination });
  }
  if (parts[0] === 'opportunities' && parts[1] === 'pipelines' && method === 'GET') {
    if (parts.length === 2) {
      const { page, pagination } = paginate(db.pipelines, query);
      return ok({ data: page, pagination });
    }
    if (parts.length === 4 && parts[3] === 'steps') {
      const id = idOf(parts[2]!);
      const steps = id === null ? undefined : db.steps[id];
      if (!steps) throw notFound('pipeline_not_found', parts[2]!);
      const { page, pagination } = paginate(steps, query);
      return ok({ data: page, pagination });
    }
    throw noRoute();
  }

  const resource = parts[0]!;
  const spec = LISTS[resource];
  if (!spec) throw noRoute();
  if (spec.invoicing && (db.salesOnly || req.forbidInvoices)) throw forbidden();
  const list = spec.get(db);

  // GET /x and POST /x/search
  if ((parts.length === 1 && method === 'GET') || (parts.length === 2 && parts[1] === 'search' && method === 'POST')) {
    const chosen = parts.length === 2 ? applyFilters(resource, list, req.body) : list;
    const { page, pagination } = paginate(sortList(resource, chosen, query), query);
    return ok({ data: page.map((o) => project(withEmbeds(db, resource, listView(o), embeds), fields)), pagination });
  }
  // GET /x/{id}
  if (parts.length === 2 && method === 'GET') {
    const id = idOf(parts[1]!);
    const found = id === null ? undefined : list.find((o) => o.id === id);
    if (!found) throw notFound(spec.notFound, parts[1]!);
    const view = spec.rows ? detailView(found) : listView(found);
    return ok(project(withEmbeds(db, resource, view, embeds), fields));
  }
  throw noRoute();
}
