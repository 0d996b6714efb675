// How the records a recommendation rests on are shown, the same in the panel, the Markdown copy and the
// terminal text: the first few by name, then how many more. The summary keeps them all (its JSON and the
// panel's "and N more" list every one).
import type { Evidence } from '../summary/types';
import { noun } from '../words/documents';

/** Records named inline; past this, the line says how many there are and names only these first ones. */
export const EVIDENCE_INLINE = 3;

/** What the records are, in the plural: "factures" when they are all invoices, else "documents". */
export function evidenceWhat(evidence: Evidence[], lang: string): string {
  const types = new Set(evidence.map((e) => e.type));
  return noun(types.size === 1 ? evidence[0]!.type : 'document', lang, evidence.length);
}
