// What the documents and interactions of a summary are called, singular and plural. Labels, evidence links,
// source lists, the interactions' counts and the engine's sentences all take their nouns from here.
import { type Lang, pick } from './lang';
import { capitalize } from './typography';

export type Noun = readonly [one: string, many: string];

const fr = {
  invoice: ['facture', 'factures'],
  'credit-note': ['avoir', 'avoirs'],
  estimate: ['devis', 'devis'],
  opportunity: ['opportunité', 'opportunités'],
  comment: ['commentaire', 'commentaires'],
  task: ['tâche', 'tâches'],
  call: ['appel', 'appels'],
  event: ['rendez-vous', 'rendez-vous'],
  payment: ['paiement', 'paiements'],
  order: ['commande', 'commandes'],
  /** Records of different kinds together. */
  document: ['document', 'documents'],
} satisfies Record<string, Noun>;

export type NounType = keyof typeof fr;

const en: Record<NounType, Noun> = {
  invoice: ['invoice', 'invoices'],
  'credit-note': ['credit note', 'credit notes'],
  estimate: ['estimate', 'estimates'],
  opportunity: ['opportunity', 'opportunities'],
  comment: ['comment', 'comments'],
  task: ['task', 'tasks'],
  call: ['call', 'calls'],
  event: ['event', 'events'],
  payment: ['payment', 'payments'],
  order: ['order', 'orders'],
  document: ['document', 'documents'],
};

export const NOUNS: Record<Lang, Record<NounType, Noun>> = { fr, en };

/** "facture" / "factures" (n ≠ 1); an unknown type is shown as it came. */
export function noun(type: string, lang: string, n = 1): string {
  const found = pick(NOUNS, lang)[type as NounType];
  return found ? found[n === 1 ? 0 : 1] : type;
}

/** "Facture", as a label or at the start of a list entry. */
export function docLabel(type: string, lang: string): string {
  return capitalize(noun(type, lang));
}
