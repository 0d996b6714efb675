// The interactions card's text when no language model writes it: counts by kind, then a few notes quoted.
import { type Lang, pick } from './lang';

const fr = {
  none: 'Aucune interaction enregistrée au cours des 6 derniers mois.',
  header: (total: string, one: boolean, parts: string) => `${total} ${one ? 'interaction' : 'interactions'} au cours des 6 derniers mois (${parts}).`,
  notes: 'Notes marquantes :',
  line: (date: string, type: string, text: string) => `— ${date}, ${type} : « ${text} »`,
  empty: (date: string, type: string) => `— ${date}, ${type} (sans texte)`,
};

export type DigestWords = typeof fr;

const en: DigestWords = {
  none: 'No interaction recorded in the last 6 months.',
  header: (total, one, parts) => `${total} ${one ? 'interaction' : 'interactions'} in the last 6 months (${parts}).`,
  notes: 'Notable notes:',
  line: (date, type, text) => `— ${date}, ${type}: "${text}"`,
  empty: (date, type) => `— ${date}, ${type} (no text)`,
};

const DIGEST: Record<Lang, DigestWords> = { fr, en };

export function digestWords(lang: string): DigestWords {
  return pick(DIGEST, lang);
}
