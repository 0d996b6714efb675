// The card engine's warnings: data it met and could not count. Each says what was left out and why, so a
// reader can find the document in Sellsy.
import { noun } from './documents';
import { type Lang, pick } from './lang';

const fr = {
  badAmount: (type: string, label: string) => `${noun(type, 'fr')} ${label} ignoré(e) : montant hors taxes illisible.`,
  otherClient: (type: string, n: number) => `${n} ${noun(type, 'fr')}(s) d'un autre client ignoré(s).`,
  unknownStatus: (type: string, status: string) => `Statut inconnu « ${status} » (${noun(type, 'fr')}) : ces documents ne sont pas comptés.`,
  paidWithoutPayment: (number: string) => `Facture ${number} payée sans paiement enregistré : exclue du délai et des retards de paiement.`,
};

export type EngineWarnings = typeof fr;

const en: EngineWarnings = {
  badAmount: (type, label) => `${noun(type, 'en')} ${label} left out: unreadable amount excluding tax.`,
  otherClient: (type, n) => `${n} ${noun(type, 'en')}(s) of another client left out.`,
  unknownStatus: (type, status) => `Unknown ${noun(type, 'en')} status "${status}": those documents are not counted.`,
  paidWithoutPayment: (number) => `Invoice ${number} is paid but has no recorded payment: left out of the payment delay and late payments.`,
};

const WARNINGS: Record<Lang, EngineWarnings> = { fr, en };

export function engineWarnings(lang: string): EngineWarnings {
  return pick(WARNINGS, lang);
}
