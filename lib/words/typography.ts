// How each language punctuates around words: French puts a space before a colon and writes « » quotes.
import { type Lang, toLang } from './lang';

const COLON: Record<Lang, string> = { fr: ' : ', en: ': ' };

/** "Label : value" in French, "Label: value" in English. */
export function colon(lang: string): string {
  return COLON[toLang(lang)];
}

export function quote(text: string, lang: string): string {
  return toLang(lang) === 'fr' ? `« ${text} »` : `"${text}"`;
}

/** The first letter in upper case: a noun of the catalogue used as a label. */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
