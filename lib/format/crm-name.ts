// A name from the CRM — client, opportunity, pipeline and step, product name and reference, document number —
// as every rendering shows it: the panel, the Markdown copy, the terminal text, the prompts and the rules'
// sentences that quote it. The summary keeps the CRM's values as they came (its JSON is data for programs, and a
// cached summary stays valid when this rule changes); whatever shows a name to a person takes it through here.
import { cleanCrmText } from './crm-text';

/** Tags removed as text, entities decoded, bidi controls and invisible characters dropped, one line, trimmed. */
export function crmName(text: string | null | undefined): string {
  if (!text) return '';
  return cleanCrmText(text).replace(/\s+/g, ' ');
}

/** A document's number as shown ("FAC-2026-0084"), or "#id" when it has none (or nothing readable). */
export function docNumberText(doc: { id: number; number?: string | null }): string {
  return crmName(doc.number) || `#${doc.id}`;
}

/** "<i>Pipeline</i>" and "<b>Étape</b>" → "Pipeline › Étape" (the separator differs by rendering). */
export function pipelineStep(pipeline: string | null, step: string | null, separator: string): string {
  return [crmName(pipeline), crmName(step)].filter(Boolean).join(separator);
}

/**
 * A product's name and the reference to show beside it: the reference once, never beside itself. A product
 * without a name is named by its reference alone ("ACC-NONAME", not "ACC-NONAME (ACC-NONAME)").
 */
export function productLabel(p: { name: string; reference: string | null; itemId?: number }): { name: string; reference: string | null } {
  const name = crmName(p.name);
  const reference = crmName(p.reference);
  if (!name) return { name: reference || (p.itemId !== undefined ? `#${p.itemId}` : ''), reference: null };
  return { name, reference: reference && reference !== name ? reference : null };
}
