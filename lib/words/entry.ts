// The in-page control's words (the "Résumé" button next to the record's tabs), in French and English.
import { type Lang, pick } from './lang';

const fr = {
  label: 'Résumé',
  open: 'Ouvrir le résumé client',
  close: 'Fermer le résumé client',
  /** How the shortcut reads on a French keyboard: Maj, not Shift. */
  shortcut: (keys: string) => keys.replace(/\bShift\b/g, 'Maj'),
};
const en: typeof fr = {
  label: 'Summary',
  open: 'Open the client summary',
  close: 'Close the client summary',
  shortcut: (keys: string) => keys,
};

export type EntryStrings = typeof fr;
const WORDS: Record<Lang, EntryStrings> = { fr, en };
export function entryStrings(lang: string): EntryStrings {
  return pick(WORDS, lang);
}
