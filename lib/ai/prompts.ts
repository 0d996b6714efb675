// The two requests, built from the summary alone. Whatever is returned here is exactly what goes on the wire
// (whatWouldBeSent shows it to the user), redacted when the settings say so.
import type { Summary } from '../summary/types';
import { languageName, promptWords } from '../words/prompts';
import { type EvidenceKey, factsOf, notesBlock } from './facts';
import { redactPersonalData } from './redact';
import { fence, randomBoundary } from './sanitize';
import type { AiSettings } from './settings';
import { estimateMessagesTokens } from './tokens';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export type Purpose = 'interactions' | 'recommendations';

export interface PromptRequest {
  purpose: Purpose;
  messages: ChatMessage[];
  tokensEstimate: number;
  /** What a recommendation may cite: the documents and notes present in the messages. */
  evidence: Set<EvidenceKey>;
  /** How many notes the prompt holds, and how many the summary has. */
  notesShown: number;
  notesTotal: number;
  /** Numbers the prompt states besides the summary's figures (counts of what was left out): a text may repeat them. */
  extraNumbers: number[];
}

/** The whole interactions prompt stays under this, even for a client with hundreds of notes. */
export const INTERACTIONS_BUDGET_TOKENS = 4000;
/** Recommendations need the figures first; the notes get what is left of this. */
export const RECOMMENDATIONS_BUDGET_TOKENS = 4000;
const INTERACTIONS_PER_ITEM_CHARS = 1200;
const RECOMMENDATIONS_PER_ITEM_CHARS = 400;
/** At most this share of the recommendations budget goes to notes: the facts matter more there. */
const RECOMMENDATIONS_NOTES_TOKENS = 1500;

function finish(
  purpose: Purpose,
  messages: ChatMessage[],
  evidence: Set<EvidenceKey>,
  notes: { shown: number; total: number },
  extraNumbers: number[],
): PromptRequest {
  // Redaction already ran on every CRM text (notes and names) as it went in: a pass over whole messages
  // would also reach the formatted figures, where "1 002 345 678,00 €" looks like a phone number.
  return {
    purpose,
    messages,
    tokensEstimate: estimateMessagesTokens(messages),
    evidence,
    notesShown: notes.shown,
    notesTotal: notes.total,
    extraNumbers: [...extraNumbers, notes.shown, notes.total],
  };
}

export function buildRequests(summary: Summary, settings: AiSettings, boundary = randomBoundary()): PromptRequest[] {
  const lang = summary.language;
  const t = promptWords(lang);
  const system = t.system(boundary, languageName(lang));
  const prepare = settings.redact ? redactPersonalData : (x: string) => x;
  const facts = factsOf(summary, prepare);
  const requests: PromptRequest[] = [];

  const items = summary.interactions.items;
  if (items.length > 0) {
    const head = `${t.interactionsTask}\n\n`;
    const fixed = estimateMessagesTokens([{ content: system }, { content: head }]);
    const notes = notesBlock(items, lang, boundary, INTERACTIONS_BUDGET_TOKENS - fixed, INTERACTIONS_PER_ITEM_CHARS, prepare);
    requests.push(
      finish(
        'interactions',
        [
          { role: 'system', content: system },
          { role: 'user', content: head + notes.text },
        ],
        new Set(),
        notes,
        [],
      ),
    );
  }

  // The facts hold CRM names (client, products, opportunities): fenced like the notes.
  const head = `${t.recommendationsTask}\n\n${t.factsTitle}\n${fence(facts.text, boundary)}\n\n`;
  const fixed = estimateMessagesTokens([{ content: system }, { content: head }]);
  const notesBudget = Math.max(0, Math.min(RECOMMENDATIONS_NOTES_TOKENS, RECOMMENDATIONS_BUDGET_TOKENS - fixed));
  const notes = notesBlock(items, lang, boundary, notesBudget, RECOMMENDATIONS_PER_ITEM_CHARS, prepare);
  const evidence = new Set([...facts.evidence, ...notes.evidence]);
  requests.push(
    finish(
      'recommendations',
      [
        { role: 'system', content: system },
        { role: 'user', content: head + notes.text },
      ],
      evidence,
      notes,
      facts.extraNumbers,
    ),
  );
  return requests;
}
