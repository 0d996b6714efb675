// POST /comments of the local Sellsy: the body checked as the OpenAPI's CommentCreateItem describes it (required
// description, no field outside the schema, one related object of a known type that exists, a parent comment
// that exists, staff that exist), then the comment stored and answered as Sellsy answers it (CommentItem).
import { ApiError } from './query';
import type { AccountDb, Obj } from './seed';
import { parisDateTime } from './util';

/** CommentCreateItem's related types (the OpenAPI enum). */
export const COMMENT_RELATED_TYPES = [
  'opportunity',
  'company',
  'individual',
  'contact',
  'item',
  'estimate',
  'creditnote',
  'order',
  'delivery',
  'proforma',
  'invoice',
  'model',
  'purchase-order',
  'purchase-delivery',
  'purchase-invoice',
  'purchase-creditnote',
  'redactor-template',
  'redactor-document',
  'campaign',
] as const;
const FIELDS = ['description', 'timetracking', 'related', 'parent_id', 'mentioned_staff_ids', 'created'];
/** Larger bodies are refused as Sellsy refuses them: 413. */
export const MAX_COMMENT_BYTES = 2 * 1024 * 1024;

const bad = (field: string, message: string) => new ApiError(400, `Invalid comment: ${message}`, 'invalid_body', { [field]: message });
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The records of this account a related object may point at; other types exist in Sellsy but not in the fake. */
function lookup(db: AccountDb, type: string): Obj[] | null {
  switch (type) {
    case 'company':
      return db.companies;
    case 'individual':
      return db.individuals;
    case 'contact':
      return db.contacts;
    case 'opportunity':
      return db.opportunities;
    case 'invoice':
      return db.invoices;
    case 'estimate':
      return db.estimates;
    case 'creditnote':
      return db.creditNotes;
    case 'order':
      return db.orders;
    case 'item':
      return db.items;
    default:
      return null;
  }
}

/** Validates and stores a comment; with `verify` validates only and returns null (Sellsy's 204). */
export function createComment(db: AccountDb, body: unknown, opts: { staffId: number; now: () => number; verify: boolean }): Obj | null {
  if (!isObj(body)) throw new ApiError(400, 'The request body must be a JSON object', 'invalid_body');
  if (Buffer.byteLength(JSON.stringify(body)) > MAX_COMMENT_BYTES) throw new ApiError(413, 'Payload Too Large', 'payload_too_large');
  for (const k of Object.keys(body)) if (!FIELDS.includes(k)) throw bad(k, 'field not allowed');
  const { description, related, parent_id, mentioned_staff_ids, created, timetracking } = body;
  if (description === undefined) throw bad('description', 'required');
  if (typeof description !== 'string' || description.trim() === '') throw bad('description', 'a non-empty string is required');

  let link: { type: string; id: number } | null = null;
  if (related !== undefined) {
    if (!Array.isArray(related) || related.length !== 1) throw bad('related', 'exactly one related object is required');
    const r = related[0];
    if (!isObj(r) || Object.keys(r).some((k) => k !== 'type' && k !== 'id')) throw bad('related', '{type, id} expected');
    if (typeof r.type !== 'string' || !(COMMENT_RELATED_TYPES as readonly string[]).includes(r.type))
      throw bad('related', `type must be one of ${COMMENT_RELATED_TYPES.join(', ')}`);
    if (!Number.isSafeInteger(r.id) || r.id <= 0) throw bad('related', 'id must be a positive integer');
    const list = lookup(db, r.type);
    if (list && !list.some((o) => o.id === r.id)) throw new ApiError(404, 'Not Found', 'related_not_found', { related: `${r.type} ${r.id}` });
    link = { type: r.type, id: r.id };
  }
  if (parent_id !== undefined) {
    if (!Number.isSafeInteger(parent_id)) throw bad('parent_id', 'integer expected');
    if (!db.comments.some((c) => c.id === parent_id)) throw new ApiError(404, 'Not Found', 'comment_not_found', { parent_id: String(parent_id) });
  }
  if (mentioned_staff_ids !== undefined && mentioned_staff_ids !== null) {
    if (!Array.isArray(mentioned_staff_ids) || mentioned_staff_ids.some((x) => !Number.isSafeInteger(x)))
      throw bad('mentioned_staff_ids', 'array of integers expected');
    if (new Set(mentioned_staff_ids).size !== mentioned_staff_ids.length) throw bad('mentioned_staff_ids', 'items must be unique');
    if (mentioned_staff_ids.some((id) => !db.staffs.some((s) => s.id === id))) throw bad('mentioned_staff_ids', 'unknown staff');
  }
  if (created !== undefined && (typeof created !== 'string' || Number.isNaN(Date.parse(created)))) throw bad('created', 'date-time expected');
  if (timetracking !== undefined && timetracking !== null) {
    if (!isObj(timetracking) || !Number.isSafeInteger(timetracking.service) || !Number.isSafeInteger(timetracking.duration))
      throw bad('timetracking', '{service, duration} integers required');
    if (timetracking.duration < 1) throw bad('timetracking', 'duration must be at least 1 second');
  }
  if (opts.verify) return null;

  const at = typeof created === 'string' ? created : parisDateTime(opts.now());
  const comment: Obj = {
    id: Math.max(70000, ...db.comments.map((c) => c.id)) + 1,
    owner: { id: opts.staffId, type: 'staff' },
    description,
    created: at,
    updated: at,
    parent_id: parent_id ?? null,
    company_id: link?.type === 'company' ? link.id : null,
    individual_id: link?.type === 'individual' ? link.id : null,
    contact_id: link?.type === 'contact' ? link.id : null,
    related: link ? [link] : [],
    timetracking: timetracking ? { duration: timetracking.duration, service: timetracking.service, name: null } : null,
  };
  db.comments.push(comment);
  return structuredClone(comment);
}
