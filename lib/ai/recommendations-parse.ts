// The model's recommendations are untrusted JSON: read leniently (a code fence, prose around the object, a bare
// array), then validated field by field. Invented evidence is dropped here.
import type { Evidence, Recommendation } from '../summary/types';
import type { EvidenceKey } from './facts';

export const EVIDENCE_TYPES = ['invoice', 'credit-note', 'estimate', 'opportunity', 'comment', 'task', 'call', 'event', 'payment'] as const;

/** The JSON schema sent as `response_format.json_schema` (strict mode: every property required, no extras). */
export const RECOMMENDATIONS_SCHEMA = {
  type: 'object',
  properties: {
    recommendations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          action: { type: 'string' },
          reason: { type: 'string' },
          evidence: {
            type: 'array',
            items: {
              type: 'object',
              properties: { type: { type: 'string', enum: [...EVIDENCE_TYPES] }, id: { type: 'integer' } },
              required: ['type', 'id'],
              additionalProperties: false,
            },
          },
        },
        required: ['action', 'reason', 'evidence'],
        additionalProperties: false,
      },
    },
  },
  required: ['recommendations'],
  additionalProperties: false,
} as const;

export interface ParsedRecommendations {
  items: Recommendation[];
  /** Evidence entries removed because they were not among the facts given. */
  droppedEvidence: number;
  /** Recommendations removed because every source they cited was invented, or a field was missing. */
  droppedItems: number;
}

/** The first JSON value in the text, or undefined. */
export function extractJson(text: string): unknown {
  const unfenced = text.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '');
  try {
    return JSON.parse(unfenced);
  } catch {
    const start = unfenced.search(/[{[]/);
    const end = Math.max(unfenced.lastIndexOf('}'), unfenced.lastIndexOf(']'));
    if (start < 0 || end <= start) return undefined;
    try {
      return JSON.parse(unfenced.slice(start, end + 1));
    } catch {
      return undefined;
    }
  }
}

const MAX_FIELD = 400;

/** Null when the text holds no recommendation list at all (malformed output). */
export function parseRecommendations(text: string, allowed: Set<EvidenceKey>): ParsedRecommendations | null {
  const json = extractJson(text);
  const list = Array.isArray(json) ? json : (json as { recommendations?: unknown } | undefined)?.recommendations;
  if (!Array.isArray(list)) return null;
  const items: Recommendation[] = [];
  let droppedEvidence = 0;
  let droppedItems = 0;
  for (const raw of list) {
    const r = raw as { action?: unknown; reason?: unknown; evidence?: unknown };
    const action = typeof r?.action === 'string' ? r.action.trim() : '';
    const reason = typeof r?.reason === 'string' ? r.reason.trim() : '';
    if (!action || !reason || action.length > MAX_FIELD || reason.length > MAX_FIELD) {
      droppedItems++;
      continue;
    }
    const cited = Array.isArray(r.evidence) ? r.evidence : [];
    const evidence: Evidence[] = [];
    for (const e of cited) {
      const type = (e as Evidence)?.type;
      const id = Number((e as Evidence)?.id);
      if (typeof type === 'string' && Number.isSafeInteger(id) && allowed.has(`${type}:${id}`)) {
        if (!evidence.some((x) => x.type === type && x.id === id)) evidence.push({ type, id });
      } else droppedEvidence++;
    }
    // A recommendation resting only on invented sources is not kept; one that cites nothing may stand.
    if (cited.length > 0 && evidence.length === 0) {
      droppedItems++;
      continue;
    }
    items.push({ action, reason, evidence });
  }
  return { items, droppedEvidence, droppedItems };
}
