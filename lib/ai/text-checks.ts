// What a text about a summary must pass to be shown as the model's: it is in the summary's language, asks the
// user for nothing, and states only the summary's figures (each of the right kind). One set of checks for a
// text just generated (generate.ts, which also checks for a leaked prompt) and for one a colleague shared
// earlier (lib/summary/shared-summary.ts), so a shared text is never held to a looser rule than a fresh one.
import type { Summary } from '../summary/types';
import { type AskKind, findAsks } from './asks-check';
import { type AllowedFigures, addExtras, allowedFiguresOf, allowFromTrustedText, checkNumbers, copyFigures } from './number-check';
import { looksLikeLanguage } from './output-check';
import type { PromptRequest, Purpose } from './prompts';

export type TextRejection = { kind: 'language' } | { kind: 'asks'; ask: AskKind } | { kind: 'numbers'; offending: string[] };

/** The figures each text may state: the summary's by kind, the rules' own texts, and what its prompt counted. */
export function figuresForTexts(
  summary: Summary,
  requests: readonly Pick<PromptRequest, 'purpose' | 'extraNumbers'>[],
): Record<Purpose, AllowedFigures> {
  // The summary's figures by kind, the windows the prompts state, the number of notes.
  const base = allowedFiguresOf(summary, [summary.interactions.items.length]);
  for (const r of summary.recommendations.items) allowFromTrustedText(base, `${r.action}\n${r.reason}`, summary.language);
  const out = { interactions: copyFigures(base), recommendations: copyFigures(base) };
  // Each text may quote its own prompt's counts ("8 notes of 40"), not the other prompt's.
  for (const r of requests) addExtras(out[r.purpose], r.extraNumbers);
  return out;
}

/** Why the text may not be shown as the model's, or null when it passes. */
export function rejectText(text: string, allowed: AllowedFigures, language: string): TextRejection | null {
  if (!looksLikeLanguage(text, language)) return { kind: 'language' };
  const ask = findAsks(text)[0];
  if (ask) return { kind: 'asks', ask: ask.kind };
  const check = checkNumbers(text, allowed, language);
  return check.ok ? null : { kind: 'numbers', offending: check.offending };
}
