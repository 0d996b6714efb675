// The in-page control's words, in French and English (to be folded into the one wording catalogue).
import { type UiLang, uiLang } from '@/components/panel/i18n';

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
const STRINGS: Record<UiLang, EntryStrings> = { fr, en };
export function entryStrings(lang: string): EntryStrings {
  return STRINGS[uiLang(lang)];
}
