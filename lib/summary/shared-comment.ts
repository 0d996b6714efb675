// A summary shared with the team is a comment on the client's record in Sellsy: readable HTML for people (Sellsy
// shows comment descriptions as rich text), then one line for the extension, a JSON block saying when, in which
// language, by which generator and from which data (its fingerprint) the summary was computed, with its LLM texts.
// Reading is strict: anything but exactly what renderSharedComment writes is not a shared summary. Figures are
// never read back from a comment, only the texts, and those are checked again against the live figures.
import { EVIDENCE_TYPES } from '../ai/recommendations-parse';
import { removeInvisible } from '../ai/sanitize';
import { isIsoDate } from '../dates';
import { htmlToText } from '../format/html';
import { formatDate } from '../format/intl';
import { type Node, outline } from '../format/outline';
import { teamWords } from '../words/team';
import { colon as colonOf } from '../words/typography';
import { type DataFacts, SNAPSHOT_PARTS, type SnapshotPart } from './fingerprint';
import type { Recommendation, Summary } from './types';

/** Who wrote the block; the version follows package.json (a unit test holds them together). */
export const GENERATOR = { name: 'resume-client-sellsy', version: '0.1.0' } as const;
/** Opens the machine-readable line. */
export const BLOCK_MARKER = 'resume-client-sellsy/v1';
/** Longer than any comment we write (about 20 000 characters for a large client): longer is not ours. */
export const MAX_SHARED_COMMENT_CHARS = 64_000;
export const MAX_SHARED_INTERACTIONS_CHARS = 2500;
export const MAX_SHARED_RECOMMENDATIONS = 5;
const MAX_REC_FIELD = 400;
const MAX_EVIDENCE = 12;

export interface SharedTexts {
  /** The LLM's interactions summary, or null when the summary shared had the rules' one. */
  interactions: string | null;
  recommendations: Recommendation[] | null;
}

export interface SharedBlock {
  v: 1;
  /** Random, per share: finds the comment again after an answer that never came. */
  id: string;
  generator: { name: string; version: string };
  client: { type: 'company' | 'individual'; id: number };
  generatedAt: string;
  today: string;
  language: string;
  sourceMode: 'invoicing' | 'sales';
  fingerprint: string;
  parts: Record<SnapshotPart, string>;
  texts: SharedTexts;
}

export function sharedBlockOf(summary: Summary, facts: DataFacts, id: string): SharedBlock {
  return {
    v: 1,
    id,
    generator: { name: GENERATOR.name, version: GENERATOR.version },
    client: { type: summary.client.type, id: summary.client.id },
    generatedAt: summary.generatedAt,
    today: summary.today,
    language: summary.language,
    sourceMode: summary.sourceMode,
    fingerprint: facts.fingerprint.value,
    parts: facts.fingerprint.parts,
    texts: {
      interactions: summary.interactions.generatedBy === 'llm' ? summary.interactions.summary : null,
      recommendations: summary.recommendations.generatedBy === 'llm' ? summary.recommendations.items : null,
    },
  };
}

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Text for HTML: escaped, invisible characters gone, line breaks as <br>. */
const html = (s: string) => escapeHtml(removeInvisible(s)).replace(/\n/g, '<br>');

function nodesHtml(nodes: Node[], colon: string): string[] {
  const out: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) out.push('<ul>', ...list, '</ul>');
    list = [];
  };
  for (const n of nodes) {
    if (n.kind === 'text') {
      flush();
      out.push(`<p>${html(n.text)}</p>`);
      continue;
    }
    const label = n.label !== undefined ? `<strong>${html(n.label)}</strong>` : '';
    const value = n.value !== undefined ? html(n.value) : '';
    const head = label && value ? `${label}${escapeHtml(colon)}${value}` : label || value;
    if (!n.children) list.push(`<li>${head}</li>`);
    else list.push(`<li>${head}`, ...nodesHtml(n.children, colon), '</li>');
  }
  flush();
  return out;
}

/** The comment's description: the summary as HTML, every CRM text escaped, then the block line. */
export function renderSharedComment(summary: Summary, block: SharedBlock): string {
  const lang = summary.language;
  const L = teamWords(lang);
  const o = outline(summary, lang);
  const colon = colonOf(lang);
  const lines = [`<p><strong>${html(o.title)}</strong></p>`, `<p><em>${html(o.subtitle)}</em></p>`];
  lines.push(`<p>${html(L.comment.intro(formatDate(summary.generatedAt.slice(0, 10), lang)))}</p>`);
  for (const s of o.sections) lines.push(`<p><strong>${html(s.title)}</strong></p>`, ...nodesHtml(s.nodes, colon));
  lines.push(`<p><em>${html(L.comment.footer)}</em></p>`);
  lines.push(`<p>${BLOCK_MARKER} ${escapeHtml(JSON.stringify(block))}</p>`);
  return lines.join('\n');
}

// ---------------------------------------------------------------- reading

/** The only markup we write: these tags, never an attribute. */
const OUR_TAG = /^<\/?(p|strong|em|ul|li|br)>$/;
const BLOCK_LINE = /<p>resume-client-sellsy\/v1 ([^<>]*)<\/p>\s*$/;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const hasExactly = (o: Record<string, unknown>, keys: readonly string[]) =>
  Object.keys(o).length === keys.length && keys.every((k) => Object.hasOwn(o, k));
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= max;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function readRecommendations(v: unknown): Recommendation[] | null | undefined {
  if (v === null) return null;
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_SHARED_RECOMMENDATIONS) return undefined;
  const out: Recommendation[] = [];
  for (const r of v) {
    if (!isObject(r) || !hasExactly(r, ['action', 'reason', 'evidence'])) return undefined;
    if (!isText(r.action, MAX_REC_FIELD) || !isText(r.reason, MAX_REC_FIELD)) return undefined;
    if (!Array.isArray(r.evidence) || r.evidence.length > MAX_EVIDENCE) return undefined;
    const evidence: Recommendation['evidence'] = [];
    for (const e of r.evidence) {
      if (!isObject(e) || !hasExactly(e, ['type', 'id'])) return undefined;
      if (!(EVIDENCE_TYPES as readonly unknown[]).includes(e.type) || !Number.isSafeInteger(e.id) || (e.id as number) <= 0) return undefined;
      evidence.push({ type: e.type as string, id: e.id as number });
    }
    out.push({ action: removeInvisible(r.action).trim(), reason: removeInvisible(r.reason).trim(), evidence });
  }
  return out;
}

function readBlock(raw: unknown, client: { type: string; id: number }): SharedBlock | null {
  const keys = ['v', 'id', 'generator', 'client', 'generatedAt', 'today', 'language', 'sourceMode', 'fingerprint', 'parts', 'texts'] as const;
  if (!isObject(raw) || !hasExactly(raw, keys) || raw.v !== 1) return null;
  if (typeof raw.id !== 'string' || !/^[A-Za-z0-9_-]{8,40}$/.test(raw.id)) return null;
  const g = raw.generator;
  if (!isObject(g) || !hasExactly(g, ['name', 'version']) || g.name !== GENERATOR.name) return null;
  if (typeof g.version !== 'string' || !/^\d{1,4}\.\d{1,4}\.\d{1,4}(?:[-+][0-9A-Za-z.-]{1,20})?$/.test(g.version)) return null;
  const c = raw.client;
  if (!isObject(c) || !hasExactly(c, ['type', 'id']) || c.type !== client.type || c.id !== client.id) return null;
  if (typeof raw.generatedAt !== 'string' || !ISO_DATE_TIME.test(raw.generatedAt) || !Number.isFinite(Date.parse(raw.generatedAt))) return null;
  if (!isIsoDate(raw.today)) return null;
  if (typeof raw.language !== 'string' || !/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/.test(raw.language)) return null;
  if (raw.sourceMode !== 'invoicing' && raw.sourceMode !== 'sales') return null;
  if (typeof raw.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(raw.fingerprint)) return null;
  const parts = raw.parts;
  if (!isObject(parts) || !hasExactly(parts, SNAPSHOT_PARTS)) return null;
  if (!SNAPSHOT_PARTS.every((p) => typeof parts[p] === 'string' && /^[0-9a-f]{16}$/.test(parts[p] as string))) return null;
  const t = raw.texts;
  if (!isObject(t) || !hasExactly(t, ['interactions', 'recommendations'])) return null;
  if (t.interactions !== null && !isText(t.interactions, MAX_SHARED_INTERACTIONS_CHARS)) return null;
  const recommendations = readRecommendations(t.recommendations);
  if (recommendations === undefined) return null;
  return {
    v: 1,
    id: raw.id,
    generator: { name: g.name, version: g.version },
    client: { type: c.type as 'company' | 'individual', id: c.id as number },
    generatedAt: raw.generatedAt,
    today: raw.today,
    language: raw.language,
    sourceMode: raw.sourceMode,
    fingerprint: raw.fingerprint,
    parts: Object.fromEntries(SNAPSHOT_PARTS.map((p) => [p, parts[p] as string])) as Record<SnapshotPart, string>,
    texts: { interactions: t.interactions === null ? null : removeInvisible(t.interactions as string).trim(), recommendations },
  };
}

/**
 * The block of a comment that is exactly a summary shared for `client`, or null for anything else: another
 * comment, a huge one, other markup (an attribute, a link, an image, a script), no block or two, a block that
 * does not parse or holds one field too many, another client's block.
 */
export function parseSharedComment(description: unknown, client: { type: string; id: number }): SharedBlock | null {
  if (typeof description !== 'string' || description.length > MAX_SHARED_COMMENT_CHARS) return null;
  const first = description.indexOf(BLOCK_MARKER);
  if (first < 0 || description.indexOf(BLOCK_MARKER, first + 1) >= 0) return null;
  // Every "<" opens one of our tags: a stray one, an attribute or any other element is not what we write.
  for (const m of description.matchAll(/<[^>]*>?/g)) if (!OUR_TAG.test(m[0])) return null;
  const line = BLOCK_LINE.exec(description);
  if (!line) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(htmlToText(line[1]!));
  } catch {
    return null;
  }
  return readBlock(raw, client);
}
