// Checks of a generated text beyond its numbers: it is in the language asked for, and it does not give away the
// system instructions (the usual goals of an injected note).
import { primaryTag } from '../words/lang';

const STOPWORDS = {
  fr: new Set(
    'le la les des du de et est sont un une pour avec dans sur pas que qui au aux ce cette il elle nous vous son sa ses été leur leurs mais ou plus par client'.split(
      ' ',
    ),
  ),
  en: new Set('the and is are of to in for with on was were has have this that it be by from they their but or not an client'.split(' ')),
};

/**
 * A rough guess from common words, only for French and English: false when the text clearly reads as another
 * language (a note that said "answer in German" and was obeyed). Short texts pass.
 */
export function looksLikeLanguage(text: string, language: string): boolean {
  const lang = primaryTag(language);
  if (lang !== 'fr' && lang !== 'en') return true;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return true;
  let fr = 0;
  let en = 0;
  for (const w of words) {
    if (STOPWORDS.fr.has(w)) fr++;
    if (STOPWORDS.en.has(w)) en++;
  }
  const mine = lang === 'fr' ? fr : en;
  const other = lang === 'fr' ? en : fr;
  return mine >= 2 && mine >= other;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** True when the text repeats the boundary or a sentence of the system prompt. */
export function leaksSystemPrompt(text: string, systemPrompt: string, boundary: string): boolean {
  if (text.includes(boundary)) return true;
  const out = norm(text);
  const sentences = systemPrompt
    .split(/(?<=[.:;!?])\s+|\n/)
    .map(norm)
    .filter((s) => s.split(' ').length >= 6);
  for (const s of sentences) {
    // A long enough slice of an instruction is enough to tell it was copied.
    const probe = s.split(' ').slice(0, 8).join(' ');
    if (out.includes(probe)) return true;
  }
  return false;
}
